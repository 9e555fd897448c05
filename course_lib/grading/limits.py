"""Each submission's kernel runs in its own process with its own limits.

nbgrader already stops a cell at its timeout and cuts long outputs (``Execute.timeout``,
``LimitOutput``). Here each kernel also gets a memory ceiling and its own session, so a
submission that exhausts memory gets a ``MemoryError`` in its own cell (and 0 for it) instead
of taking the machine, and its processes can be ended together.
"""

from __future__ import annotations

import os
import resource
import tempfile
import uuid

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from traitlets import Integer

MEMORY_LIMIT = 4 * 2**30  # bytes of address space for one learner's kernel


def _limit_memory() -> None:  # pragma: no cover - runs in the kernel's child process
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


class LimitedKernelManager(AsyncKernelManager):
    """A kernel started with the course's limits (memory ceiling, its own session).

    It talks over Unix sockets in a private folder rather than TCP ports: kernels started
    at the same moment by parallel workers can never pick the same port.
    """

    memory_limit = Integer(MEMORY_LIMIT).tag(config=True)

    #: set by a grading worker that preloaded the libraries: kernels are forks of it
    fork = False

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("ip", os.path.join(tempfile.mkdtemp(prefix="course-kernel-"), "k"))
        super().__init__(**kwargs)

    async def _async_pre_start_kernel(self, **kw):
        if LimitedKernelManager.fork and self.provisioner is None:
            from .forking import ForkProvisioner

            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id,
                                               kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd, **kw):  # noqa: ANN001 - jupyter_client API
        kw.setdefault("preexec_fn", _limit_memory)
        return await super()._async_launch_kernel(kernel_cmd, **kw)


class LimitedExecute(Execute):
    """nbgrader's Execute step, with :class:`LimitedKernelManager` kernels."""

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = LimitedKernelManager
        super().__init__(*args, **kwargs)
