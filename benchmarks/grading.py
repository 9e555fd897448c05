"""Time ``mobility-course grade`` against stock ``nbgrader autograde``, in the same run.

Run: ``.venv/bin/python benchmarks/grading.py [LEARNERS] [--modules c1-1-develop,...]``
(default: 30 learners over every released module). One demo cohort is written once and
copied three times:

1. ``mobility-course grade`` (parallel workers, verdicts outside the kernels);
2. stock ``nbgrader autograde <module>`` run module by module, one process, serial;
3. the floor: the same notebooks' code executed in one already-running interpreter (no
   kernel start, no imports after the first), as a lower bound of any grader.

Scores of 1 and 2 must be identical, submission by submission; the script prints the wall
times, the speed-up of 1 over 2 and how far 1 is from the floor.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from course_lib.grading import build, demo_cohort, released_modules

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def course_copy(target: Path, modules: list[str]) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(REPO / "nbgrader_config.py", target)
    for mid in modules:
        shutil.copytree(REPO / "source" / mid, target / "source" / mid,
                        ignore=shutil.ignore_patterns("answers*.json"))
    return target


def scores(course: Path) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {(s.student.id, a.name): round(float(s.score), 2)
                for a in gb.assignments for s in a.submissions}


def timed(argv: list[str], cwd: Path) -> float:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def floor_seconds(course: Path) -> float:
    """Every submission's code cells exec'd in this interpreter, in its own folder."""
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    import matplotlib

    matplotlib.use("Agg")
    here = Path.cwd()
    start = time.perf_counter()
    for nb_path in sorted((course / "submitted").glob("*/*/*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        namespace: dict = {"__name__": "__main__"}
        os.chdir(nb_path.parent)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(BaseException):
                exec(compile(cell.source, str(nb_path), "exec"), namespace)  # noqa: S102
    os.chdir(here)
    os.environ.pop("NBGRADER_EXECUTION")
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    learners = int(argv[0]) if argv and argv[0].isdigit() else 30
    wanted = next((a.split("=", 1)[1].split(",") for a in argv if a.startswith("--modules=")),
                  released_modules(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        base = course_copy(Path(tmp) / "base", wanted)
        assert all(r.ok for r in build(base)), "build failed"
        demo_cohort(base, learners, seed=11)
        ours, stock, floor = (Path(tmp) / n for n in ("ours", "stock", "floor"))
        for copy in (ours, stock, floor):
            shutil.copytree(base, copy)
        n = len(list((base / "submitted").glob("*/*/*.ipynb")))
        print(f"{learners} learners x {len(wanted)} module(s) = {n} submissions, "
              f"{os.cpu_count()} cores")
        t_ours = timed([str(BIN / "mobility-course"), "grade"], ours)
        t_stock = sum(timed([str(BIN / "nbgrader"), "autograde", mid, "--force"], stock)
                      for mid in wanted)
        t_floor = floor_seconds(floor)
        same = scores(ours) == scores(stock)
        print(f"  mobility-course grade : {t_ours:7.1f} s  ({t_ours / n:.2f} s each)")
        print(f"  stock nbgrader        : {t_stock:7.1f} s  ({t_stock / n:.2f} s each)")
        print(f"  floor (one interpreter): {t_floor:6.1f} s  ({t_floor / n:.2f} s each)")
        print(f"  speed-up over stock: {t_stock / t_ours:.2f}x (goal 3x); "
              f"{t_ours / t_floor:.1f}x the floor; identical scores: {same}")
        if not same:
            diff = {k: (scores(ours).get(k), v) for k, v in scores(stock).items()
                    if scores(ours).get(k) != v}
            print(f"  differing scores (ours, stock): {diff}")
            raise SystemExit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
