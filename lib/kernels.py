"""A kernel manager for parallel runs: each kernel talks over Unix sockets in a private folder.

With TCP, jupyter_client picks free ports and the kernel binds them a moment later, so kernels started in
parallel can race for one port and fail with ``ZMQError: Address already in use``. Socket files in a folder of
their own cannot collide, and nothing listens on the network. Windows has no ``ipc`` transport and keeps TCP.

>>> manager_class().__name__ in {"PrivateIpcKernelManager", "AsyncKernelManager"}
True
"""

from __future__ import annotations

import os
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager
from traitlets import CaselessStrEnum, default

__all__ = ["PrivateIpcKernelManager", "manager_class"]


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

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self._ipc_folder:
            shutil.rmtree(self._ipc_folder, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources


def manager_class() -> type[AsyncKernelManager]:
    """The kernel manager to start notebook kernels with on this platform."""
    return AsyncKernelManager if os.name == "nt" else PrivateIpcKernelManager
