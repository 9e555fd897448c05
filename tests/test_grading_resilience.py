"""Data safety: a grading run killed half-way leaves a consistent gradebook and the next run
completes it; grading never changes submitted/; regrading only what is new, or everything with
--force."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course_lib.catalogue import module

from .conftest import copy_course

pytestmark = pytest.mark.slow
MID = "c1-1-develop"
EXE = Path(sys.executable).parent / "mobility-course"


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def graded_pairs(course: Path) -> dict[str, list]:
    from nbgrader.api import Gradebook

    db = course / "gradebook.db"
    if not db.exists():
        return {}
    with Gradebook(f"sqlite:///{db}") as gb:
        return {sub.student.id: [g.auto_score for nb in sub.notebooks for g in nb.grades
                                 if g.cell.cell_type == "code"]
                for sub in gb.find_assignment(MID).submissions}


@pytest.fixture(scope="module")
def small_course(tmp_path_factory):
    from course_lib.grading import build, demo_cohort

    course = copy_course(tmp_path_factory.mktemp("small"))
    for extra in (course / "source").iterdir():
        if extra.name != MID:
            subprocess.run(["rm", "-rf", str(extra), str(course / "release" / extra.name)])
    assert all(r.ok for r in build(course))
    demo_cohort(course, learners=4, seed=3)
    return course


def test_a_killed_run_is_completed_by_the_next(small_course):
    before = tree_digest(small_course / "submitted")
    proc = subprocess.Popen([str(EXE), "grade", "--workers", "1"], cwd=small_course,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and len(graded_pairs(small_course)) < 1:
        time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = graded_pairs(small_course)
    assert 1 <= len(partial) < 4, "killed half-way"
    assert all(None not in scores for scores in partial.values()), "merged ones are complete"
    done = subprocess.run([str(EXE), "grade"], cwd=small_course, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    full = graded_pairs(small_course)
    assert sorted(full) == ["coach-01", "coach-02", "coach-03", "coach-04"]
    assert all(None not in scores for scores in full.values())
    assert sum(full["coach-01"]) == module(MID).autograded_points
    assert f"Summary: {4 - len(partial)} graded" in done.stdout
    assert "Ctrl-C" not in done.stdout + done.stderr, "no kernel banner in the trainer's terminal"
    assert tree_digest(small_course / "submitted") == before, "submitted/ never changes"


class _FailsHalfWay(dict):
    """Verdicts that break once the submission row exists: a merge interrupted half-way."""

    def get(self, name, default=None):  # noqa: ANN001, ANN201
        raise RuntimeError("interrupted")


def test_a_merge_interrupted_half_way_leaves_nothing_behind(small_course, tmp_path):
    """nbgrader commits a new submission with empty grades before they are set; the merge
    makes it all one transaction, so the gradebook never holds a half-merged submission."""
    from nbgrader.api import Gradebook

    from course_lib.grading.merge import merge_submission

    worker = tmp_path / "worker.db"
    worker.write_bytes((small_course / "gradebook.db").read_bytes())
    (tmp_path / "gradebook.db").write_bytes(worker.read_bytes())
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        gb.remove_submission(MID, "coach-04")
    with pytest.raises(RuntimeError, match="interrupted"):
        merge_submission(tmp_path, str(worker), "coach-04", MID, _FailsHalfWay())
    assert "coach-04" not in graded_pairs(tmp_path)
    assert merge_submission(tmp_path, str(worker), "coach-04", MID, {}) == []
    assert graded_pairs(tmp_path)["coach-04"] == graded_pairs(small_course)["coach-04"]
    assert None not in graded_pairs(tmp_path)["coach-04"]


def test_regrading_new_unchanged_and_forced(small_course):
    done = subprocess.run([str(EXE), "grade"], cwd=small_course, capture_output=True,
                          text=True, timeout=600)
    assert "Summary: 0 graded" in done.stdout  # nothing new
    stamp = small_course / "submitted" / "coach-02" / MID / "timestamp.txt"
    stamp.write_text("2027-01-01 09:00:00.000000 UTC", encoding="utf-8")  # a resubmission
    done = subprocess.run([str(EXE), "grade"], cwd=small_course, capture_output=True,
                          text=True, timeout=600)
    assert "Summary: 1 graded" in done.stdout, done.stdout
    done = subprocess.run([str(EXE), "grade", "--force", "--learner", "coach-01"],
                          cwd=small_course, capture_output=True, text=True, timeout=600)
    assert "Summary: 1 graded" in done.stdout, done.stdout
    done = subprocess.run([str(EXE), "grade", "--learner", "nobody"], cwd=small_course,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "no submission from nobody" in done.stderr
