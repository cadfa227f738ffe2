"""A kernel manager for parallel runs: each kernel talks over Unix sockets in a private folder.

With TCP, jupyter_client picks free ports and the kernel binds them a moment later, so kernels started in
parallel can race for one port and fail with ``ZMQError: Address already in use``. Socket files in a folder of
their own cannot collide, and nothing listens on the network. Windows has no ``ipc`` transport and keeps TCP.

>>> manager_class().__name__ in {"PrivateIpcKernelManager", "AsyncKernelManager"}
True
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile

from jupyter_client.manager import AsyncKernelManager
from traitlets import CaselessStrEnum, default

__all__ = ["PrivateIpcKernelManager", "kill_all", "manager_class"]

_RUNNING: set[PrivateIpcKernelManager] = set()  # kernels this process started and has not shut down yet


class PrivateIpcKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` using the ``ipc`` transport, its socket files in a fresh temporary folder."""

    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)
    _ipc_folder: str | None = None

    @default("ip")
    def _private_ip(self) -> str:
        if self.transport != "ipc":
            return super()._ip_default()
        if not self._ipc_folder:
            self._ipc_folder = tempfile.mkdtemp(prefix="kernel-")
        return os.path.join(self._ipc_folder, "k")  # sockets k-1 … k-5; short, below the 107-byte limit

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        await super()._async_launch_kernel(kernel_cmd, **kw)
        _RUNNING.add(self)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            _RUNNING.discard(self)
            if self._ipc_folder:
                shutil.rmtree(self._ipc_folder, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources

    def kill_now(self) -> None:
        """Kill the kernel's process group at once and remove its files (for an interrupted run)."""
        provisioner = self.provisioner
        pid = getattr(provisioner, "pgid", None) or getattr(getattr(provisioner, "process", None), "pid", None)
        if pid:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.remove(self.connection_file)
        if self._ipc_folder:
            shutil.rmtree(self._ipc_folder, ignore_errors=True)
        _RUNNING.discard(self)


def kill_all() -> int:
    """Kill every kernel this process started and has not shut down; return how many."""
    running = list(_RUNNING)
    for manager in running:
        manager.kill_now()
    return len(running)


def manager_class() -> type[AsyncKernelManager]:
    """The kernel manager to start notebook kernels with on this platform."""
    return AsyncKernelManager if os.name == "nt" else PrivateIpcKernelManager
