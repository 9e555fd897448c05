"""Kernels forked from a grading worker that has already imported the heavy libraries.

Stock autograde spends most of each submission starting a Python kernel and importing
pandas, matplotlib, ipywidgets and the course. A grading worker imports them once; each
submission's kernel is then a ``fork`` of that worker: a fresh process of its own (own
memory ceiling, own session, own working folder and environment, killed with its group), that
starts with the imports already done. It plugs into jupyter_client as a kernel provisioner,
so nbgrader's Execute step drives it like any kernel.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

PRELOAD = ("numpy", "pandas", "pandas.io.formats.style", "matplotlib", "matplotlib.pyplot",
           "ipywidgets", "IPython", "ipykernel.kernelapp", "yaml", "course_lib.erasmus",
           "course_lib.quiz", "course_lib.lessons")
#: the backend ipykernel gives its kernels; matplotlib reads it once, when first imported
INLINE = "module://matplotlib_inline.backend_inline"


def preload() -> None:
    """Import what every course notebook imports, and build the city index (once per worker).

    matplotlib is told now that its backend will be the kernel's inline one, as ipykernel
    would tell it; the backend module itself is imported in each kernel, after its shell
    exists, so that charts are drawn into the notebook exactly as in a stock kernel.
    """
    import importlib

    os.environ.setdefault("MPLBACKEND", INLINE)
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # a missing optional library only costs speed
            continue
    from ..erasmus.distance import load_city_index

    load_city_index()


class Forked:
    """The parts of ``subprocess.Popen`` that jupyter_client uses, for a forked child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -1
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            try:
                _, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                self.returncode = -1
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _become_kernel(cmd: list[str], env: dict[str, str], cwd: str | None,
                   preexec) -> None:  # noqa: ANN001 - a callable  # pragma: no cover - child
    """In the forked child: a fresh session, environment and event loop, then ipykernel."""
    code = 0
    try:
        os.setsid()
        if cwd:
            os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        if preexec:
            preexec()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        # the kernel talks to its client over ZeroMQ; its own stdout is the trainer's
        # terminal, where ipykernel would print its "Ctrl-C will not work" banner
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(asyncio.new_event_loop())
        from ipykernel.kernelapp import IPKernelApp

        argv = cmd[cmd.index("-f"):] if "-f" in cmd else cmd[1:]
        sys.argv = [cmd[0], *argv]
        IPKernelApp.launch_instance(argv=argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


class ForkProvisioner(LocalProvisioner):
    """A local provisioner whose kernels are forks of this (preloaded) process."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        scrubbed = self._scrub_kwargs(kwargs)
        env = dict(scrubbed.get("env") or os.environ)
        cwd = scrubbed.get("cwd")
        preexec = scrubbed.get("preexec_fn")
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            _become_kernel(cmd, env, cwd, preexec)
        self.process = Forked(pid)
        self.pid = pid
        self.pgid = pid
        return self.connection_info
