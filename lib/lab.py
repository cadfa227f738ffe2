"""``python -m lib.lab``: JupyterLab on the notebooks, offline and quiet, on a free local port.

JupyterLab would otherwise ask on first start whether to fetch official Jupyter news, and check for updates:
both reach the network. The news feed and the update check are switched off on the command line, and the
"get notified about news?" prompt by a settings override shipped with the library
(``lib/resources/jupyter/labconfig/default_setting_overrides.json``), found through ``JUPYTER_CONFIG_PATH``.
The tests start JupyterLab through the same two functions.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from lib import paths

__all__ = ["free_port", "lab_command", "lab_environment", "main"]

CONFIG_DIR = Path(__file__).with_name("resources") / "jupyter"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_command(*, port: int, token: str, notebook_dir: str | Path = paths.NOTEBOOKS,
                expose_app: bool = False) -> list[str]:
    """The JupyterLab command line: local only, no browser, no news feed, no update check."""
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={notebook_dir}", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if expose_app:
        command.append("--LabApp.expose_app_in_browser=True")  # lets a browser test run cells by command
    if os.name == "posix" and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def lab_environment(base: dict | None = None) -> dict:
    """``base`` (default: this process's environment) with the project's JupyterLab settings on the config path."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in (str(CONFIG_DIR), env.get("JUPYTER_CONFIG_PATH")) if p)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.lab", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    args = parser.parse_args(argv)
    port, token = args.port or free_port(), secrets.token_hex(16)
    print(f"JupyterLab: http://127.0.0.1:{port}/lab?token={token}  (Ctrl-C stops it)", flush=True)
    try:
        return subprocess.call(lab_command(port=port, token=token), env=lab_environment())
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
