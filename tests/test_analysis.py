"""The shared Kiwi and content morphemes."""

from __future__ import annotations

import threading

from summarize import analysis


def test_one_shared_instance(kiwi):
    assert analysis.kiwi() is kiwi
    thread = analysis.warm_up()
    assert isinstance(thread, threading.Thread)
    thread.join(timeout=30)
    assert analysis.kiwi() is kiwi and analysis.is_loaded()


def test_content_morphemes_keep_content_and_stems(kiwi):
    morphs = analysis.content_morphemes("카카오가 KoGPT 모델을 2024년에 끌어올렸다")
    assert "카카오" in morphs
    assert "kogpt" in morphs
    assert "모델" in morphs
    assert "2024" in morphs
    assert any(m.endswith("다") for m in morphs)  # verb stem in dictionary form
    assert "가" not in morphs and "을" not in morphs  # particles dropped


def test_batched_equals_single(kiwi):
    texts = ["데이터센터를 이중화했다", "정 대표는 서비스를 강조했다", "데이터센터를 이중화했다"]
    batched = analysis.content_morphemes_many(texts)
    assert batched == [analysis.content_morphemes(t) for t in texts]
    assert batched[0] == batched[2]
