"""Shared fixtures: one built copy of the course and one graded cohort per test session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
os.environ["PATH"] = os.pathsep.join([str(BIN), os.environ.get("PATH", "")])
# nbgrader runs notebooks in kernels that must import course_lib from this checkout
os.environ.setdefault("MPLBACKEND", "Agg")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_course(target: Path) -> Path:
    """A course folder like the repository's, without generated trainer folders."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "nbgrader_config.py", target)
    for folder in ("source", "release", "notebooks"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder,
                            ignore=shutil.ignore_patterns("answers*.json", ".ipynb_checkpoints"))
    return target


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Path:
    """A temporary copy of the course whose release/ was rebuilt by nbgrader."""
    from course_lib.grading import build

    root = copy_course(tmp_path_factory.mktemp("course"))
    shutil.rmtree(root / "release")
    # a trainer who ran the source notebook left answers behind: build must not release them
    (root / "source" / "c1-1-develop" / "answers.json").write_text('{"answers": {}}')
    results = build(root)
    assert [r.message for r in results if not r.ok] == []
    return root


@pytest.fixture(scope="session")
def graded(course):
    """demo-cohort (3 learners), an all-wrong learner (every module) and a broken submission,
    graded once."""
    from course_lib.grading import demo_cohort, grade, released_modules, simulate_submission

    demo_cohort(course, learners=3, seed=7)
    for mid in released_modules(course):
        simulate_submission(course, mid, course / "submitted" / "coach-wrong" / mid, "wrong")
    broken = course / "submitted" / "coach-broken" / "c1-1-develop"
    broken.mkdir(parents=True)
    (broken / "c1-1-develop.ipynb").write_text('{"cells": [ this is not json', encoding="utf-8")
    (broken / "timestamp.txt").write_text("2026-01-05 10:00:00.000000 UTC", encoding="utf-8")
    from .hostile import write_hostile_submissions

    write_hostile_submissions(course, "c1-1-develop")
    # graded as from a trainer's shell, where no matplotlib backend is forced (this process
    # sets Agg for itself above): the grading kernels draw charts as stock kernels do
    forced = os.environ.pop("MPLBACKEND", None)
    try:
        return course, grade(course, timeout=20)
    finally:
        if forced is not None:
            os.environ["MPLBACKEND"] = forced


def in_ci(value: str | None = None) -> bool:
    """True when ``CI`` is set to anything but an explicit false (``false``, ``0``, ``no``).

    >>> in_ci("true"), in_ci("1"), in_ci("yes"), in_ci(""), in_ci("false"), in_ci("0")
    (True, True, True, False, False, False)
    """
    value = os.environ.get("CI", "") if value is None else value
    return value.strip().lower() not in ("", "false", "0", "no", "off")


def chromium_or_skip() -> str:
    """Debian's Chromium; outside CI a missing browser skips, under CI it fails."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if in_ci():
            pytest.fail(f"CI={os.environ.get('CI')!r} but /usr/bin/chromium is missing: "
                        ".ci/run must install it")
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    return path


CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


@contextmanager
def running(argv: list[str], ready_url: str, log_path: Path, *, cwd: Path | None = None,
            env: dict[str, str] | None = None, timeout: float = 120) -> Iterator[None]:
    """A real server process for the tests: started, awaited until it answers, stopped."""
    with log_path.open("w") as log:
        proc = subprocess.Popen(argv, cwd=cwd, env=env or dict(os.environ), stdout=log,
                                stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + timeout
            while True:
                if proc.poll() is not None or time.time() > deadline:
                    pytest.fail(f"{Path(argv[0]).name} did not start within {timeout:.0f} s:\n"
                                f"{log_path.read_text()[-3000:]}")
                try:
                    urllib.request.urlopen(ready_url, timeout=5)
                    break
                except OSError:
                    time.sleep(0.5)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
