"""Summarisation speed: the seq2seq path (naive vs batched vs batched+int8) and the default.

1. Seq2seq: a checkpoint with KoBART-base's shapes (d_model 768, 6 encoder + 6 decoder layers,
   16 heads, FFN 3072, vocab 30000, 1026 positions) and random weights, saved and loaded through
   kosum's real loading path (`summarize.summarizer.seq2seq.load_model`). Each article is 512
   input tokens; every output is forced to exactly 64 tokens (min = max new tokens), beam search
   with kosum's default settings (4 beams, no_repeat_ngram_size 3), so all variants do the same
   amount of decoding. Compared, in seconds per article:
   - naive: `model.generate` on one article at a time (the usual loop);
   - kosum: `seq2seq.generate`, sorted by length and batched (kosum's CPU batch size);
   - kosum + int8: the same on a dynamically quantised (int8 linear layers) copy.
2. The default extractive summariser: articles per second over sci-news-sum-kr-50 (or the
   samples when the shared data is absent), on already loaded `Article`s; the one-time Kiwi
   model load is excluded (it is warmed first), kiwipiepy's own analysis is included.

`--shape tiny` runs the same comparison on a small random BART (d_model 256, 2 + 2 layers, 4
heads, FFN 1024, vocab 4000) in a fraction of the time, for before/after comparisons of kosum's
own generation code: compare the speed-up ratios of two runs, not their seconds.

Run: `python benchmarks/bench_summary_speed.py [--articles 8] [--threads 2] [--shape tiny]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SCI_NEWS = ROOT.parent / "shared" / "data" / "sci-news-sum-kr-50"
INPUT_TOKENS = 512
OUTPUT_TOKENS = 64


SHAPES = {
    "kobart-base": {
        "vocab_size": 30000,
        "d_model": 768,
        "encoder_layers": 6,
        "decoder_layers": 6,
        "encoder_attention_heads": 16,
        "decoder_attention_heads": 16,
        "encoder_ffn_dim": 3072,
        "decoder_ffn_dim": 3072,
    },
    "tiny": {
        "vocab_size": 4000,
        "d_model": 256,
        "encoder_layers": 2,
        "decoder_layers": 2,
        "encoder_attention_heads": 4,
        "decoder_attention_heads": 4,
        "encoder_ffn_dim": 1024,
        "decoder_ffn_dim": 1024,
    },
}


def build_kobart_shaped(directory: Path, shape: str = "kobart-base") -> Path:
    """Random-weight BART with KoBART-base's configuration (or `SHAPES[shape]`), with a tokenizer
    trained on the samples."""
    import torch
    from tiny_checkpoints import build_tokenizer, sample_texts
    from transformers import BartConfig, BartForConditionalGeneration

    tokenizer = build_tokenizer("bart", sample_texts(), vocab_size=4000, max_length=1024)
    config = BartConfig(
        **SHAPES[shape],
        max_position_embeddings=1026,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=None,
    )
    torch.manual_seed(0)
    model = BartForConditionalGeneration(config).eval()
    directory.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory


def make_inputs(loaded, n: int) -> list[str]:
    """n different texts of exactly INPUT_TOKENS tokens (specials included)."""
    from tiny_checkpoints import sample_texts

    ids = loaded.tokenizer(" ".join(sample_texts()), add_special_tokens=False)["input_ids"]
    texts = []
    for k in range(n):
        start = (k * 97) % max(1, len(ids) - INPUT_TOKENS)
        take = INPUT_TOKENS - 2
        while True:
            text = loaded.tokenizer.decode(ids[start : start + take])
            count = loaded.count_tokens(text)
            if count <= INPUT_TOKENS:
                break
            take -= count - INPUT_TOKENS
        while loaded.count_tokens(text) < INPUT_TOKENS:
            text += " 가"
        texts.append(text)
    return texts


def time_naive(loaded, texts, settings) -> float:
    import torch

    kwargs = settings.generate_kwargs()
    kwargs["num_return_sequences"] = 1
    start = time.perf_counter()
    with torch.inference_mode():
        for text in texts:
            enc = loaded.tokenizer(text, return_tensors="pt")
            out = loaded.model.generate(**enc, **kwargs)
            assert out.shape[1] >= OUTPUT_TOKENS
    return (time.perf_counter() - start) / len(texts)


def time_kosum(loaded, texts, settings, batch_size: int | None) -> float:
    from summarize.summarizer import seq2seq

    start = time.perf_counter()
    out = seq2seq.generate(loaded, texts, settings, batch_size=batch_size)
    assert len(out) == len(texts)
    return (time.perf_counter() - start) / len(texts)


def seq2seq_bench(n: int, batch_size: int | None, shape: str = "kobart-base") -> None:
    from summarize.summarizer import seq2seq

    settings = seq2seq.GenerationSettings(
        max_length=OUTPUT_TOKENS, min_length=OUTPUT_TOKENS, num_return_sequences=1
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = str(build_kobart_shaped(Path(tmp) / f"{shape}-random", shape))
        loaded = seq2seq.load_model(path, device="cpu")
        texts = make_inputs(loaded, n)
        lengths = [loaded.count_tokens(t) for t in texts]
        time_kosum(loaded, texts[:1], settings, 1)  # warm-up (allocations, kernels)
        naive = time_naive(loaded, texts, settings)
        batched = time_kosum(loaded, texts, settings, batch_size)
        quantized = seq2seq.load_model(path, device="cpu", quantize=True)
        time_kosum(quantized, texts[:1], settings, 1)
        int8 = time_kosum(quantized, texts, settings, batch_size)
    print(
        f"\nseq2seq, {shape} shapes, random weights: {n} articles of {min(lengths)}-"
        f"{max(lengths)} input tokens, exactly {OUTPUT_TOKENS} output tokens, 4 beams, "
        f"batch {batch_size or seq2seq.default_batch_size('cpu', max(lengths), 4)}"
    )
    print("| path | s / article | speed-up vs naive |")
    print("|---|---|---|")
    for name, value in [
        ("naive one-by-one generate", naive),
        ("kosum batched", batched),
        ("kosum batched + int8", int8),
    ]:
        print(f"| {name} | {value:.2f} | {naive / value:.2f}x |")


def load_articles() -> tuple[list, str]:
    import summarize

    if SCI_NEWS.is_dir():
        arts = []
        for path in sorted(SCI_NEWS.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            text = record["title"] + "\n\n" + "\n".join(s + "." for s in record["sentences"])
            arts.append(summarize.load(text, id=path.stem))
        return arts, f"sci-news-sum-kr-50 ({len(arts)} articles)"
    arts = [summarize.load(p) for p in sorted((ROOT / "samples").glob("*.txt"))]
    return arts, f"samples ({len(arts)} articles)"


def extractive_bench(repeats: int) -> None:
    from summarize import analysis
    from summarize.summarizer import summarize_articles

    analysis.kiwi()  # one-time model load, excluded
    articles, label = load_articles()
    chars = statistics.mean(len(a.body) for a in articles)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        summarize_articles(articles, method="extractive")
        rates.append(len(articles) / (time.perf_counter() - start))
    one = []
    for a in articles:
        start = time.perf_counter()
        summarize_articles([a], method="extractive")
        one.append(time.perf_counter() - start)
    print(f"\nextractive default on {label}, {chars:.0f} body characters on average")
    print("(Kiwi load excluded; kiwipiepy analysis of every sentence included)")
    print("| mode | articles / s |")
    print("|---|---|")
    print(f"| batch of {len(articles)} (median of {repeats}) | {statistics.median(rates):.0f} |")
    print(f"| one article per call | {len(articles) / sum(one):.0f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument(
        "--batch-size", type=int, default=None, help="default: kosum's own choice for the device"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-seq2seq", action="store_true")
    parser.add_argument("--skip-extractive", action="store_true")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="kobart-base")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    if not args.skip_extractive:
        extractive_bench(args.repeats)
    if not args.skip_seq2seq:
        seq2seq_bench(args.articles, args.batch_size, args.shape)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
