#!/usr/bin/env python3
"""Run every benchmark: speed scripts in benchmarks/ and, when ../shared/bench is present, accuracy scores.

    .venv/bin/python benchmarks/run_all.py        # or: make bench

Each line of output names the command that produced it, so any figure can be reproduced on its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
COMMANDS = [
    ["benchmarks/report_speed.py"],
    ["benchmarks/actor_matching_speed.py"],
    ["benchmarks/sentiment_speed.py"],
    ["benchmarks/corpus_scale.py"],
    ["benchmarks/compare_speed.py"],
    ["benchmarks/portrayal_speed.py"],
]
ACCURACY = [
    [str(BENCH / "score.py"), "--task", "ner"],
    [str(BENCH / "score.py"), "--task", "sentiment"],
    ["benchmarks/sentence_tone.py"],
]


def main() -> int:
    failed = 0
    commands = COMMANDS + (ACCURACY if (BENCH / "score.py").is_file() else [])
    if not (BENCH / "score.py").is_file():
        print(f"note: {BENCH} not found; accuracy benchmarks skipped")
    for args in commands:
        print(f"\n$ .venv/bin/python {' '.join(args)}", flush=True)
        failed += subprocess.run([sys.executable, *args], cwd=ROOT).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
