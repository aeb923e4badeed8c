"""Shared fixtures: the one Kiwi instance, the sample articles (loaded once per session) and a
helper that turns invented text into a Source with sentences, for tests that need no cleaning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.types import Article, Sentence, Source, Span

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "samples"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def kiwi():
    """The shared kiwipiepy instance (loaded once for the whole test session)."""
    from summarize.analysis import kiwi as shared

    return shared()


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    """The sample article files, sorted by name."""
    paths = sorted(p for p in SAMPLES_DIR.iterdir() if p.is_file())
    if not paths:
        pytest.skip("no sample articles under samples/")
    return paths


@pytest.fixture(scope="session")
def sample_articles(sample_paths: list[Path], kiwi) -> dict[str, Article]:
    """Every sample loaded with `summarize.load`, by article id (`000_f28d87c25e3f6bfe`, ...)."""
    import summarize

    return {a.id: a for a in (summarize.load(p) for p in sample_paths)}


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data`; tests using it skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


def sentences_of(text: str, headline: bool = False) -> tuple[Source, tuple[Sentence, ...]]:
    """A Source for `text` and its sentences: every non-blank line is a body paragraph (the
    first one is the headline when `headline`). No cleaning involved."""
    from summarize.article.segment import segment

    source = Source(id="test", path="test", text=text)
    spans = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append(Span(source, pos, pos + len(line)))
        pos += len(line) + 1
    head = spans.pop(0) if headline and spans else None
    return source, segment(source, head, (), tuple(spans))


@pytest.fixture(scope="session")
def make_sentences(kiwi) -> Callable[..., tuple[Source, tuple[Sentence, ...]]]:
    """`sentences_of` as a fixture (ensures the shared Kiwi is loaded first)."""
    return sentences_of


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight BART checkpoint saved to disk (see tests/tiny_checkpoints.py)."""
    from tiny_checkpoints import build_bart

    return build_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight T5 checkpoint saved to disk."""
    from tiny_checkpoints import build_t5

    return build_t5(tmp_path_factory.mktemp("tiny-t5"))


@pytest.fixture(scope="session")
def tiny_t5_spiece(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight T5 checkpoint whose only tokenizer file is `spiece.model`."""
    from tiny_checkpoints import build_t5_sentencepiece

    return build_t5_sentencepiece(tmp_path_factory.mktemp("tiny-t5-spiece"))


@pytest.fixture(scope="session")
def tiny_bart_hallucinating(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny BART pushed to emit `PLANTED_DIGIT` runs, a number no sample article contains."""
    from tiny_checkpoints import PLANTED_DIGIT, build_bart

    return build_bart(tmp_path_factory.mktemp("tiny-bart-hallucinating"), planted=PLANTED_DIGIT)


@pytest.fixture(scope="session")
def real_news_dev() -> Path:
    """`../shared/data/real-news-dev` (real outlets' pages: read in place, never copied)."""
    root = SHARED_DATA / "real-news-dev"
    if not (root / "labels.json").is_file():
        pytest.skip("../shared/data/real-news-dev is absent (real pages are not in the repository)")
    return root
