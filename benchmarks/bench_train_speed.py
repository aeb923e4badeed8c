"""Fine-tuning speed on CPU: seconds per `kosum train` step at KoBART-base's size.

A random-weight checkpoint with KoBART-base's shapes (`bench_summary_speed.build_kobart_shaped`:
d_model 768, 6+6 layers, vocab 30000) is trained through kosum's own path
(`summarize.training`: pairs -> examples -> Seq2SeqTrainer) on pairs whose documents are exactly
`--input-tokens` tokens before kosum's cleaning (the printed figure is the mean after it) and
whose summaries are up to 150 characters. The first step (allocation,
warm-up) is left out; the figure is the median of the others. This says how long a real
fine-tune would take on this machine's CPU; it measures nothing about quality.

Run: `python benchmarks/bench_train_speed.py [--steps 4] [--batch-size 4] [--input-tokens 512]`.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def pairs_for(loaded, count: int, input_tokens: int) -> list:
    import bench_summary_speed as speed

    from summarize.training.pairs import Pair

    speed.INPUT_TOKENS = input_tokens
    texts = speed.make_inputs(loaded, count)
    return [Pair(f"p{i}", "bench", (text[:150],), text=text) for i, text in enumerate(texts)]


def main() -> int:
    import torch
    from bench_summary_speed import build_kobart_shaped

    from summarize.training import examples, trainer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--input-tokens", type=int, default=512)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = build_kobart_shaped(Path(tmp) / "kobart-shaped")
        settings = trainer.TrainSettings(
            out=Path(tmp) / "run", base=str(base), batch_size=args.batch_size, epochs=1.0,
            max_source_tokens=args.input_tokens, max_target_tokens=128, device="cpu",
        )  # fmt: skip
        run = trainer.start(settings)
        pairs = pairs_for(run.loaded, args.steps * args.batch_size, args.input_tokens)
        prepared = examples.prepare(pairs, run.loaded, run.limits)
        stamps = [time.perf_counter()]
        hooks = trainer.Hooks(on_step=lambda n: stamps.append(time.perf_counter()))
        trainer.fit(run, prepared, hooks=hooks)
    durations = [b - a for a, b in itertools.pairwise(stamps)][1:]  # not setup + step 1
    tokens = statistics.mean(len(e.input_ids) for e in prepared.examples)
    print(
        f"KoBART-base shapes, CPU ({torch.get_num_threads()} threads), batch {args.batch_size}, "
        f"{tokens:.0f} input tokens: {statistics.median(durations):.2f} s/step "
        f"(median of {len(durations)} steps after the first; "
        f"{statistics.median(durations) / args.batch_size:.2f} s/pair)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
