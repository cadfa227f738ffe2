"""lib.kernels: kernels started in parallel never race for a TCP port."""

from __future__ import annotations

import asyncio
import os

import nbformat
import pytest

from lib import kernels, report

pytestmark = pytest.mark.skipif(os.name == "nt", reason="Windows has no ipc transport")


def test_each_manager_gets_its_own_socket_folder():
    first, second = kernels.PrivateIpcKernelManager(), kernels.PrivateIpcKernelManager()
    try:
        assert first.transport == second.transport == "ipc"
        assert os.path.dirname(first.ip) != os.path.dirname(second.ip)
        assert all(os.path.isdir(os.path.dirname(m.ip)) for m in (first, second))
        assert len(first.ip) + 3 < 100  # Unix socket paths are limited to about 107 bytes
    finally:
        for manager in (first, second):
            asyncio.run(manager.cleanup_resources())
            assert not os.path.exists(os.path.dirname(manager.ip))


@pytest.mark.notebook
def test_notebooks_run_by_the_runner_use_unix_sockets_and_clean_them_up(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "from ipykernel.kernelapp import IPKernelApp\napp = IPKernelApp.instance()\n"
        "assert app.transport == 'ipc', app.transport\nprint(app.ip)")]
    path = tmp_path / "00_transport.ipynb"
    nbformat.write(nb, path)
    [result] = report.run_all([path], {}, tmp_path / "out", jobs=1, progress=False)
    assert result.status == "ok", result.error
    executed = nbformat.read(tmp_path / "out" / "00_transport.ipynb", as_version=4)
    socket_base = executed.cells[0].outputs[0]["text"].strip()
    assert not os.path.exists(os.path.dirname(socket_base))  # the private folder went with the kernel
