#!/usr/bin/env python3
"""Time rendering every notebook on the bundled corpus: `python -m lib.report` versus a shell loop of CLIs.

    .venv/bin/python benchmarks/report_speed.py            # both, prints seconds and the ratio
    .venv/bin/python benchmarks/report_speed.py --jobs 2 --skip-cli

The CLI loop is what a user would otherwise write: for each notebook, `papermill IN OUT` then
`jupyter nbconvert --to html OUT`. Both start from a warm disk cache of the installed packages; the runner's
annotation cache (.cache/) is cleared first so it does the full work. Targets (issue 2): the runner renders all
notebooks in ≤ 15 s wall on a 2-core machine and at least 4× faster than the CLI loop.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=2, help="notebooks the runner executes at once (default 2)")
    ap.add_argument("--skip-cli", action="store_true", help="time only the runner")
    args = ap.parse_args()
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
        runner = timed([sys.executable, "-m", "lib.report", "--quiet", "--jobs", str(args.jobs),
                        "--out", f"{tmp}/runner"])
        print(f"lib.report ({len(notebooks)} notebooks, --jobs {args.jobs}): {runner:.1f} s wall")
        if args.skip_cli:
            return
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
        out = Path(tmp) / "cli"
        out.mkdir()
        start = time.perf_counter()
        for nb in notebooks:
            executed = out / nb.name
            subprocess.run([str(BIN / "papermill"), str(nb), str(executed), "--cwd", str(nb.parent)], check=True,
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)], check=True,
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cli = time.perf_counter() - start
        print(f"shell loop of papermill + jupyter nbconvert CLIs: {cli:.1f} s wall")
        print(f"ratio: {cli / runner:.1f}x faster")


if __name__ == "__main__":
    main()
