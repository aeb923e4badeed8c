"""Tiny seq2seq checkpoints for offline tests: real tokenizers, real configs, random weights.

`build_tokenizer` trains a small SentencePiece-style BPE with the `tokenizers` library on the
sample articles and wraps it as a `PreTrainedTokenizerFast` with the special tokens BART or T5
expect. `build_bart` / `build_t5` save a random-weight `BartForConditionalGeneration` /
`T5ForConditionalGeneration` with `save_pretrained` (safetensors) next to that tokenizer, so the
directory loads with `AutoTokenizer` / `AutoModelForSeq2SeqLM` exactly like a Hub checkpoint.

`build_t5_sentencepiece` saves a T5 checkpoint the way T5/mT5 checkpoints ship on the Hub: a
SentencePiece model (`spiece.model`, trained here with the `sentencepiece` trainer) and no
`tokenizer.json`, so loading it needs sentencepiece's conversion.

The session fixtures in tests/conftest.py (`tiny_bart`, `tiny_t5`, `tiny_bart_hallucinating`,
`tiny_t5_spiece`) build each once per test session.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

#: The tiny models' input limit, far below a real article's length, so that every sample article
#: exercises the long-input path.
TINY_MAX_POSITIONS = 64
VOCAB_SIZE = 1200
#: A digit sequence the hallucinating checkpoint is pushed to emit; no sample contains it.
PLANTED_DIGIT = "7"


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]


def build_tokenizer(
    kind: str, texts: Iterable[str], vocab_size: int = VOCAB_SIZE, max_length: int = 64
):
    """Train a Metaspace + BPE tokenizer on `texts` and wrap it for BART (`kind="bart"`) or T5."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers.trainers import BpeTrainer
    from transformers import PreTrainedTokenizerFast

    if kind == "bart":
        specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    elif kind == "t5":
        specials = ["<pad>", "</s>", "<unk>"]
    else:
        raise ValueError(kind)
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = BpeTrainer(vocab_size=vocab_size, special_tokens=specials, show_progress=False)
    tok.train_from_iterator(list(texts), trainer=trainer)
    if kind == "bart":
        bos, eos = tok.token_to_id("<s>"), tok.token_to_id("</s>")
        tok.post_processor = processors.TemplateProcessing(
            single="<s> $A </s>",
            pair="<s> $A </s> </s> $B </s>",
            special_tokens=[("<s>", bos), ("</s>", eos)],
        )
        return PreTrainedTokenizerFast(
            tokenizer_object=tok,
            bos_token="<s>",
            eos_token="</s>",
            pad_token="<pad>",
            unk_token="<unk>",
            mask_token="<mask>",
            model_max_length=max_length,
        )
    eos = tok.token_to_id("</s>")
    tok.post_processor = processors.TemplateProcessing(
        single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", eos)]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        model_max_length=max_length,
    )


def build_bart(
    directory: Path,
    *,
    d_model: int = 32,
    layers: int = 1,
    max_positions: int = TINY_MAX_POSITIONS,
    vocab_size: int = VOCAB_SIZE,
    tokenizer=None,
    seed: int = 0,
    planted: str | None = None,
) -> Path:
    """Save a random-weight BART checkpoint (and its tokenizer) to `directory`.

    `planted`: a string whose tokens get a large output bias (`final_logits_bias`), so that the
    model reliably generates it: a stand-in for a hallucinated detail.
    """
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    tokenizer = tokenizer or build_tokenizer(
        "bart", sample_texts(), vocab_size, max_length=max_positions
    )
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=2 * d_model,
        decoder_ffn_dim=2 * d_model,
        max_position_embeddings=max_positions,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_bos_token_id=None,
        forced_eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config).eval()
    if planted is not None:
        ids = [i for i in tokenizer.convert_tokens_to_ids(list(planted)) if i is not None]
        with torch.no_grad():
            model.final_logits_bias[0, ids] = 50.0
    return _save(model, tokenizer, directory)


def build_t5(
    directory: Path,
    *,
    d_model: int = 32,
    layers: int = 1,
    max_length: int = TINY_MAX_POSITIONS,
    vocab_size: int = VOCAB_SIZE,
    seed: int = 0,
) -> Path:
    """Save a random-weight T5 checkpoint (and its tokenizer) to `directory`.

    T5 has relative positions and no hard length limit; the tokenizer's `model_max_length`
    (the length it was trained on) is the limit, as with real T5 checkpoints.
    """
    tokenizer = build_tokenizer("t5", sample_texts(), vocab_size, max_length=max_length)
    model = _tiny_t5(
        len(tokenizer), tokenizer.pad_token_id, tokenizer.eos_token_id, d_model, layers, seed
    )
    return _save(model, tokenizer, directory)


def _tiny_t5(vocab_size: int, pad_id: int, eos_id: int, d_model: int, layers: int, seed: int):
    """A random-weight T5 of the given size (two heads, 8 relative-position buckets), with the
    `summarize: ` prefix real T5 checkpoints declare."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    config = T5Config(
        vocab_size=vocab_size,
        d_model=d_model,
        d_kv=d_model // 2,
        d_ff=2 * d_model,
        num_layers=layers,
        num_decoder_layers=layers,
        num_heads=2,
        relative_attention_num_buckets=8,
        pad_token_id=pad_id,
        eos_token_id=eos_id,
        decoder_start_token_id=pad_id,
        task_specific_params={"summarization": {"prefix": "summarize: "}},
    )
    torch.manual_seed(seed)
    return T5ForConditionalGeneration(config).eval()


#: T5 tokenizers add this many sentinel tokens (`<extra_id_0>`...) after the SentencePiece ids.
T5_EXTRA_IDS = 100


def build_t5_sentencepiece(
    directory: Path, *, d_model: int = 32, layers: int = 1, vocab_size: int = 800, seed: int = 0
) -> Path:
    """Save a random-weight T5 checkpoint whose only tokenizer file is `spiece.model`.

    The SentencePiece unigram model is trained on the sample articles' lines with T5's special
    ids (pad 0, eos 1, unk 2, no bos) and full character coverage, so every Hangul syllable of
    the samples is in the vocabulary.
    """
    import io

    import sentencepiece as spm

    lines = [line for text in sample_texts() for line in text.splitlines() if line.strip()]
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        minloglevel=2,
    )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "spiece.model").write_bytes(buffer.getvalue())
    model = _tiny_t5(vocab_size + T5_EXTRA_IDS, 0, 1, d_model, layers, seed)
    model.save_pretrained(directory, safe_serialization=True)
    return directory


def _save(model, tokenizer, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory
