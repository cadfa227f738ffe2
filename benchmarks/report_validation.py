#!/usr/bin/env python3
"""Time `python -m lib.report` stopping on bad input before any kernel starts (cold process, test-sized inputs).

    .venv/bin/python benchmarks/report_validation.py          # prints wall and CPU seconds per case

Issue 9's target: exit code 2 within 3 s for every input error that needs no annotation.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = {
    "malformed JSONL corpus": (["--corpus", "{tmp}/news.jsonl"], {"news.jsonl": '{"doc_id": "a", "text": "x"}\n{\n'}),
    "broken actor table": (["--notebooks", "01", "-p", "actors", "{tmp}/actors.csv"], {"actors.csv": "actor_id\nx\n"}),
    "unknown focus actor": (["-p", "focus_actor", "Putn"], {}),
    "top_n out of range": (["-p", "top_n", "0"], {}),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for case, (args, files) in CASES.items():
            for name, text in files.items():
                (Path(tmp) / name).write_text(text, encoding="utf-8")
            argv = [a.replace("{tmp}", tmp) for a in args] + ["--out", f"{tmp}/out"]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "lib.report", *argv], cwd=ROOT, capture_output=True,
                                  text=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            print(f"{case:28s} exit {done.returncode}  {wall:4.1f} s wall  {cpu:4.1f} s CPU  "
                  f"{done.stderr.strip().splitlines()[-1][:70] if done.stderr.strip() else ''}")


if __name__ == "__main__":
    main()
