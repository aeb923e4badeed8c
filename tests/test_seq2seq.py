"""Seq2seq loading, input fitting, batching and quantisation on tiny random-weight checkpoints."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_checkpoints import TINY_MAX_POSITIONS

from summarize.summarizer import seq2seq
from summarize.summarizer.seq2seq import GenerationSettings, ModelLoadError, fit_input


def words(text: str) -> int:
    """A stand-in token counter: one token per word plus an end token."""
    return len(text.split()) + 1


def test_generation_defaults_suit_news_and_can_be_overridden():
    kwargs = GenerationSettings().generate_kwargs()
    assert kwargs["num_beams"] == 4 and kwargs["no_repeat_ngram_size"] == 3
    assert kwargs["min_new_tokens"] < kwargs["max_new_tokens"]
    changed = seq2seq.settings_from({"num_beams": 2, "max_length": 40, "min_length": None})
    assert changed.num_beams == 2 and changed.max_length == 40 and changed.min_length == 16
    assert changed.generate_kwargs()["num_return_sequences"] == 2  # never more than the beams
    with pytest.raises(ValueError, match="temperature"):
        seq2seq.settings_from({"temperature": 0.3})


def test_fit_keeps_a_short_article_whole():
    fitted = fit_input(["가 나 다.", "라 마."], [1.0, 0.5], words, limit=20)
    assert fitted.note is None
    assert fitted.inputs[0].sentences == (0, 1)


def test_fit_selects_salient_sentences_in_document_order():
    sentences = [f"s{i} " + "w " * 8 for i in range(10)]
    salience = [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.1, 0.1, 0.1, 0.1]
    fitted = fit_input(sentences, salience, words, limit=30)
    (only,) = fitted.inputs
    assert only.sentences == (1, 3, 5)
    assert only.tokens <= 30 and words(only.text) == only.tokens
    assert "most salient of 10 sentences" in fitted.note and "30-token limit" in fitted.note


def test_fit_chunks_cover_every_sentence_within_the_limit():
    sentences = [f"s{i} " + "w " * 8 for i in range(10)]
    fitted = fit_input(sentences, [1.0] * 10, words, limit=30, strategy="chunk")
    covered = [i for piece in fitted.inputs for i in piece.sentences]
    assert covered == list(range(10))
    assert all(piece.tokens <= 30 for piece in fitted.inputs)
    assert f"{len(fitted.inputs)} chunks" in fitted.note


def test_fit_cuts_a_lone_overlong_sentence_and_says_so():
    fitted = fit_input(["w " * 100], [1.0], words, limit=20)
    assert fitted.inputs[0].tokens <= 20
    assert "cut to fit" in fitted.note


def test_merge_chunks_joins_the_kth_beam_of_each_chunk():
    merged = seq2seq.merge_chunks([["a1", "a2"], ["b1"]])
    assert merged == ["a1 b1", "a2 b1"]


def test_loads_bart_and_t5_from_local_directories(tiny_bart, tiny_t5):
    bart = seq2seq.load_model(str(tiny_bart), device="cpu")
    t5 = seq2seq.load_model(str(tiny_t5), device="cpu")
    assert type(bart.model).__name__ == "BartForConditionalGeneration"
    assert type(t5.model).__name__ == "T5ForConditionalGeneration"
    assert bart.max_input_tokens == TINY_MAX_POSITIONS
    assert bart.max_output_tokens == TINY_MAX_POSITIONS - 1
    assert t5.max_input_tokens == TINY_MAX_POSITIONS and t5.max_output_tokens is None
    assert t5.prefix == "summarize: " and bart.prefix == ""
    assert bart.label == tiny_bart.name
    assert (tiny_bart / "model.safetensors").exists()


def test_batched_generation_matches_one_by_one(tiny_bart):
    loaded = seq2seq.load_model(str(tiny_bart), device="cpu")
    texts = [
        "카카오가 데이터센터를 열었다.",
        "정신아 대표는 기자들과 만났다고 밝혔다. 올해 계획도 말했다.",
        "AI",
    ]
    settings = GenerationSettings(num_beams=1, num_return_sequences=1, max_length=12, min_length=4)
    batched = seq2seq.generate(loaded, texts, settings, batch_size=3)
    alone = [seq2seq.generate(loaded, [t], settings)[0] for t in texts]
    assert batched == alone
    assert all(len(c) == 1 and c[0] for c in batched)


def test_beams_come_back_per_input(tiny_t5):
    loaded = seq2seq.load_model(str(tiny_t5), device="cpu")
    out = seq2seq.generate(
        loaded,
        ["카카오 데이터센터", "정신아 대표"],
        GenerationSettings(max_length=10, min_length=2),
    )
    assert len(out) == 2 and all(len(c) == 4 for c in out)


def test_generate_refuses_an_input_over_the_limit(tiny_bart):
    loaded = seq2seq.load_model(str(tiny_bart), device="cpu")
    with pytest.raises(ValueError, match="fit it first"):
        seq2seq.generate(loaded, ["카카오 데이터센터 " * 100])


def test_int8_quantisation_replaces_linear_layers(tiny_bart):
    import torch

    loaded = seq2seq.load_model(str(tiny_bart), device="cpu", quantize=True)
    assert loaded.quantized
    assert not any(type(m) is torch.nn.Linear for m in loaded.model.model.encoder.modules())
    out = seq2seq.generate(
        loaded, ["카카오가 데이터센터를 열었다."], GenerationSettings(max_length=8)
    )
    assert out[0][0]


def test_missing_directory_is_a_one_line_error(tmp_path):
    with pytest.raises(ModelLoadError) as info:
        seq2seq.load_model(str(tmp_path / "missing" / "dir"), device="cpu")
    assert "\n" not in str(info.value)


def test_a_non_seq2seq_checkpoint_is_refused(tmp_path):
    from transformers import BertConfig

    BertConfig(
        vocab_size=10, hidden_size=8, num_hidden_layers=1, num_attention_heads=2
    ).save_pretrained(tmp_path)
    with pytest.raises(ModelLoadError, match="not a seq2seq"):
        seq2seq.load_model(str(tmp_path), device="cpu")


def test_input_limit_reads_config_and_tokenizer():
    from transformers import BartConfig, T5Config

    class Tok:
        model_max_length = int(1e30)

    assert seq2seq.input_limit(Tok(), BartConfig(max_position_embeddings=1026)) == 1026
    assert seq2seq.input_limit(Tok(), T5Config()) == 512


@pytest.fixture(scope="module")
def bart_with_generation_config(tmp_path_factory) -> Path:
    """A tiny BART whose `generation_config.json` sets its own beams, lengths and n-gram rule."""
    from tiny_checkpoints import build_bart
    from transformers import GenerationConfig

    directory = build_bart(tmp_path_factory.mktemp("tiny-bart-genconfig"))
    config = GenerationConfig.from_pretrained(directory)
    config.num_beams = 3
    config.max_length = 7  # an encoder-decoder's max_length counts the decoder start token
    config.no_repeat_ngram_size = 2
    config.length_penalty = 0.5
    config.save_pretrained(directory)
    return directory


def test_checkpoint_generation_config_overrides_kosum_defaults(bart_with_generation_config):
    loaded = seq2seq.load_model(str(bart_with_generation_config), device="cpu")
    own = seq2seq.settings_for(loaded)
    assert (own.num_beams, own.max_length, own.no_repeat_ngram_size) == (3, 6, 2)
    assert own.length_penalty == 0.5
    assert own.min_length == GenerationSettings().min_length  # not set by the checkpoint
    assert own.num_return_sequences == GenerationSettings().num_return_sequences


def test_only_what_the_user_sets_overrides_the_checkpoint(bart_with_generation_config):
    loaded = seq2seq.load_model(str(bart_with_generation_config), device="cpu")
    chosen = seq2seq.settings_for(loaded, {"num_beams": 2, "max_length": None, "min_length": 1})
    assert (chosen.num_beams, chosen.max_length, chosen.min_length) == (2, 6, 1)
    assert chosen.no_repeat_ngram_size == 2
    explicit = GenerationSettings(num_beams=4, max_length=9)
    assert seq2seq.settings_for(loaded, explicit) is explicit
    # a checkpoint without generation settings of its own gets kosum's defaults
    assert seq2seq.settings_for(None, {}) == GenerationSettings()


def _record_generate_calls(loaded, monkeypatch) -> list[dict]:
    """The keyword arguments of every `loaded.model.generate` call, as they happen."""
    seen: list[dict] = []
    real = loaded.model.generate

    def spy(**kwargs):
        seen.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(loaded.model, "generate", spy)
    return seen


def test_generate_uses_the_resolved_settings(bart_with_generation_config, monkeypatch):
    loaded = seq2seq.load_model(str(bart_with_generation_config), device="cpu")
    seen = _record_generate_calls(loaded, monkeypatch)
    (beams,) = seq2seq.generate(loaded, ["카카오가 데이터센터를 열었다."])
    assert seen[0]["num_beams"] == 3 and seen[0]["max_new_tokens"] == 6
    assert seen[0]["no_repeat_ngram_size"] == 2 and len(beams) == 3  # return <= beams


def test_batches_are_padded_by_the_tokenizer(tiny_bart, monkeypatch):
    loaded = seq2seq.load_model(str(tiny_bart), device="cpu")
    seen = _record_generate_calls(loaded, monkeypatch)
    texts = ["카카오가 데이터센터를 열었다고 밝혔다.", "AI"]
    seq2seq.generate(loaded, texts, GenerationSettings(num_beams=1, max_length=4), batch_size=2)
    ids, mask = seen[0]["input_ids"], seen[0]["attention_mask"]
    short = loaded.tokenizer(texts[1])["input_ids"]
    assert ids.shape[0] == 2 and mask[1].sum().item() == len(short)
    assert ids[1, : len(short)].tolist() == short  # right padding, as BART's tokenizer pads
    assert set(ids[1, len(short) :].tolist()) == {loaded.tokenizer.pad_token_id}


def test_cuda_devices_batch_like_a_gpu():
    assert seq2seq.default_batch_size("cuda:1", 512, 4) == seq2seq.default_batch_size("cuda")
    assert seq2seq.default_batch_size("cpu", 512, 4) == 4


def test_quantisation_warning_is_not_hidden(tiny_bart):
    seq2seq._load_model_cached.cache_clear()
    with pytest.warns(DeprecationWarning, match="torch.ao.quantization"):
        seq2seq.load_model(str(tiny_bart), device="cpu", quantize=True)
