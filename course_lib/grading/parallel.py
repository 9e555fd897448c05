"""Autograde many submissions at once, with nbgrader's gradebook as the single record.

Each worker process runs nbgrader's own ``autograde`` against a private copy of the
gradebook (so no two processes write one SQLite file); the trainer's process is the one
writer: as each submission finishes it is merged into ``gradebook.db`` in one transaction,
with the verdicts of :mod:`.verdicts`. A run killed half-way leaves every merged submission
complete and the others untouched; the next run grades what is missing.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .course import CourseError, _log_error, nbgrader_api, nbgrader_config, quiet_stderr

WORK = ".course-work"


@dataclass(frozen=True)
class Outcome:
    learner: str
    module: str
    ok: bool
    reason: str
    worker_db: str


_api = None
_db = ""


def _start_worker(root: str, slots, timeout: int | None,  # noqa: ANN001 - a Queue
                  fork: bool) -> None:
    """Each worker: its own gradebook copy, nbgrader's messages to the course log, and
    (``fork``) the libraries preloaded so that each kernel is a fork of the worker."""
    global _api, _db
    _db = slots.get()
    if fork:
        from .forking import preload
        from .limits import LimitedKernelManager

        preload()
        LimitedKernelManager.fork = True
    config = nbgrader_config(Path(root), db_url=f"sqlite:///{_db}")
    if timeout:
        config.Execute.timeout = timeout
    config.Autograde.autograde_preprocessors = _preprocessors()
    _api = nbgrader_api(Path(root), config=config)
    log = open(Path(root) / "nbgrader.log", "a", encoding="utf-8")  # noqa: SIM115 - worker-long
    os.dup2(log.fileno(), 2)


def _preprocessors() -> list:
    from nbgrader.converters.autograde import Autograde

    from .limits import LimitedExecute

    default = Autograde.class_traits()["autograde_preprocessors"].default()
    return [LimitedExecute if p.__name__ == "Execute" else p for p in default]


def _autograde(module: str, learner: str) -> Outcome:
    try:
        result = _api.autograde(module, learner, force=True, create=True)
    except Exception as exc:  # nbgrader's own failures become a reason, never a crash
        return Outcome(learner, module, False, f"{type(exc).__name__}: {exc}"[:300], _db)
    if result["success"]:
        return Outcome(learner, module, True, "", _db)
    return Outcome(learner, module, False, _log_error(result), _db)


def worker_count(requested: int | None) -> int:
    return max(1, requested or os.cpu_count() or 1)


def autograde_many(root: Path, pairs: Iterable[tuple[str, str]], workers: int | None = None,
                   timeout: int | None = None,
                   done: Callable[[Outcome], None] | None = None,
                   fork: bool = True) -> list[Outcome]:
    """Autograde ``(learner, module)`` pairs in parallel; ``done`` is called in this process
    as each one finishes (that is where the gradebook is written)."""
    pairs = list(pairs)
    if not pairs:
        return []
    n = min(worker_count(workers), len(pairs))
    work = root / WORK
    work.mkdir(exist_ok=True)
    context = multiprocessing.get_context("spawn")
    slots = context.Queue()
    for i in range(n):
        copy = work / f"worker-{i}.db"
        shutil.copy2(root / "gradebook.db", copy)
        slots.put(str(copy))
    outcomes = []
    with quiet_stderr(root), ProcessPoolExecutor(
            n, mp_context=context, initializer=_start_worker,
            initargs=(str(root), slots, timeout, fork)) as pool:
        futures = [pool.submit(_autograde, module, learner) for learner, module in pairs]
        try:
            for future in as_completed(futures):
                outcome = future.result()
                outcomes.append(outcome)
                if done:
                    done(outcome)
        except BrokenProcessPool:
            raise CourseError(f"a grading worker stopped: see {root / 'nbgrader.log'}; the "
                              "submissions merged so far are in the gradebook") from None
    shutil.rmtree(work, ignore_errors=True)
    return outcomes
