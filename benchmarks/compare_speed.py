#!/usr/bin/env python3
"""Time notebook 04 (coverage by outlet and over time) on the development corpus, warm: cold run first (fills
the annotation cache), then timed runs that only read it.

    .venv/bin/python benchmarks/compare_speed.py                     # 1 warm-up + 2 timed runs
    .venv/bin/python benchmarks/compare_speed.py --runs 3 --skip-warmup

The corpus is read by path (never copied): ../shared/corpora/allsides_2016_2020/articles.jsonl, 7,711 articles.
Parameters are those of the README example (outlets and leanings, left against right). Prints the wall time of
each `python -m lib.report` run (kernel start, every cell, HTML rendering) and the five slowest cells of the last
run. Target (issue 13): under 60 s warm.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "allsides_2016_2020" / "articles.jsonl"
PARAMETERS = ["-p", "group_by", "outlet,leaning", "-p", "contrast_by", "leaning", "-p", "group_a", "left",
              "-p", "group_b", "right"]


def render(out: Path) -> float:
    command = [sys.executable, "-m", "lib.report", "--corpus", str(CORPUS), "--notebooks", "04", "--out", str(out),
               *PARAMETERS]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def slowest_cells(executed: Path, n: int = 5) -> list[tuple[float, str]]:
    cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    timed = [(c["metadata"].get("papermill", {}).get("duration") or 0.0, "".join(c["source"]).splitlines()[0])
             for c in cells if c["cell_type"] == "code"]
    return sorted(timed, reverse=True)[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=2, help="timed warm runs (default 2)")
    ap.add_argument("--skip-warmup", action="store_true", help="the cache is already warm")
    args = ap.parse_args()
    if not CORPUS.is_file():
        print(f"note: {CORPUS} not found; this benchmark needs the development corpus, skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_warmup:
            print(f"cold (fills the cache): {render(Path(tmp) / 'cold'):.1f} s wall", flush=True)
        times = [render(Path(tmp) / f"warm{k}") for k in range(args.runs)]
        print(f"warm, notebook 04 on 7,711 articles: {', '.join(f'{t:.1f}' for t in times)} s wall "
              f"(best {min(times):.1f} s)")
        executed = Path(tmp) / f"warm{args.runs - 1}" / "04_coverage_by_outlet_and_time.ipynb"
        for seconds, line in slowest_cells(executed):
            print(f"  {seconds:6.1f} s  {line[:90]}")


if __name__ == "__main__":
    main()
