#!/usr/bin/env python3
"""Cold and warm render of every notebook on one corpus, with each notebook's time and its slowest cells.

    .venv/bin/python benchmarks/render_cells.py --corpus ../shared/corpora/allsides_2016_2020/articles.jsonl
    .venv/bin/python benchmarks/render_cells.py --corpus ... --cache-dir /tmp/c --warm-only --top 8

Runs `python -m lib.report` twice into a temporary folder with its own annotation cache: first on an empty
cache (cold: the runner annotates, then each notebook builds the whole-corpus stages it needs), then again
(warm: every stage is read). Prints the wall time of each run, the load average before and after it (the
machine may be shared: compare runs made under the same load), and from the executed notebooks (papermill
records every cell's duration) each notebook's time and its slowest cells. Issue 12's targets for the
development corpus: every notebook under 3 minutes cold and 60 s warm, two notebooks at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cell_times(out: Path, top: int) -> list[str]:
    """Per executed notebook in ``out``: its duration and its ``top`` slowest code cells."""
    lines = []
    for path in sorted(out.glob("*.ipynb")):
        book = json.loads(path.read_text(encoding="utf-8"))
        cells = [(c.get("metadata", {}).get("papermill", {}).get("duration") or 0.0, i,
                  ("".join(c["source"]).splitlines() or [""])[0][:80])
                 for i, c in enumerate(book["cells"]) if c["cell_type"] == "code"]
        total = book["metadata"].get("papermill", {}).get("duration") or 0.0
        lines.append(f"  {path.stem}: {total:.1f} s")
        lines += [f"      {d:6.1f} s  cell {i}: {src}" for d, i, src in sorted(cells, reverse=True)[:top]]
    return lines


def render(corpus: str, out: Path, cache: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lib.report", "--quiet", "--corpus", corpus, "--out", str(out),
                    "--cache-dir", str(cache), "--jobs", str(jobs)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="corpus path (read, never copied)")
    ap.add_argument("--cache-dir", help="annotation cache to use (default: a new temporary one, so cold)")
    ap.add_argument("--warm-only", action="store_true", help="one run on the cache as it is")
    ap.add_argument("--jobs", type=int, default=2, help="notebooks at once (default 2)")
    ap.add_argument("--top", type=int, default=4, help="slowest cells listed per notebook")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(args.cache_dir) if args.cache_dir else Path(tmp) / "cache"
        for run in ["warm"] if args.warm_only else ["cold", "warm"]:
            out = Path(tmp) / run
            shutil.rmtree(out, ignore_errors=True)
            before = os.getloadavg()[0]
            seconds = render(str(Path(args.corpus).expanduser().resolve()), out, cache, args.jobs)
            print(f"{run}: {seconds:.1f} s wall (load average {before:.1f} before, {os.getloadavg()[0]:.1f} after)")
            print("\n".join(cell_times(out, args.top)), flush=True)


if __name__ == "__main__":
    main()
