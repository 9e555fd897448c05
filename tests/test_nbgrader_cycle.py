"""The trainer's whole cycle with real nbgrader: build, validate, autograde, feedback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course_lib.catalogue import module
from course_lib.grading import answer_cells, released_modules, source_problems

from .conftest import REPO

pytestmark = pytest.mark.slow
MID = "c1-1-develop"
MODULES = released_modules(REPO)


def _cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [{k: c.get(k) for k in ("cell_type", "source", "metadata")} for c in nb["cells"]]


def test_release_is_in_sync_with_source(course):
    committed = sorted(p.relative_to(REPO / "release") for p in (REPO / "release").rglob("*")
                       if p.is_file())
    rebuilt = sorted(p.relative_to(course / "release") for p in (course / "release").rglob("*")
                     if p.is_file())
    assert committed == rebuilt, "release/ files differ: run `mobility-course build`"
    for rel in rebuilt:
        if rel.suffix == ".ipynb":
            assert _cells(REPO / "release" / rel) == _cells(course / "release" / rel), (
                f"release/{rel} is stale: run `mobility-course build` and commit release/"
            )


def test_build_removes_answers_left_in_source(course):
    assert not (course / "source" / MID / "answers.json").exists()
    assert not (course / "release" / MID / "answers.json").exists()


def test_release_holds_no_solution_hidden_test_or_key():
    for mid in released_modules(REPO):
        folder = REPO / "release" / mid
        assert not list(folder.glob("answers*.json"))
        text = (folder / f"{mid}.ipynb").read_text(encoding="utf-8")
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME"):
            assert marker not in text
        for cell in answer_cells(REPO / "source" / mid / f"{mid}.ipynb"):
            if cell.quiz_answers:
                assert f'test.answer("{next(iter(cell.quiz_answers))}"' not in text
            else:
                assert cell.solution.strip() not in text, f"{cell.grade_id} leaks its solution"


def test_source_notebooks_pass_nbgrader_checks():
    for mid in released_modules(REPO):
        assert source_problems(REPO / "source" / mid / f"{mid}.ipynb") == []


def _validate(notebook: Path, *extra: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "validate", str(notebook), *extra],
        cwd=notebook.parent, capture_output=True, text=True, timeout=600,
    )
    return done.stdout + done.stderr


@pytest.mark.parametrize("mid", MODULES)
def test_validate_passes_on_source_and_fails_on_blank_release(tmp_path, mid):
    shutil.copytree(REPO / "source" / mid, tmp_path / "source")
    shutil.copytree(REPO / "release" / mid, tmp_path / "release")
    out = _validate(tmp_path / "source" / f"{mid}.ipynb")
    assert "Success! Your notebook passes all the tests." in out, out[-2000:]
    out = _validate(tmp_path / "release" / f"{mid}.ipynb")
    assert "VALIDATION FAILED" in out, out[-2000:]
    out = _validate(tmp_path / "release" / f"{mid}.ipynb", "--invert")
    assert "Success! The notebook does not pass any tests." in out, out[-2000:]


@pytest.mark.parametrize("mid", MODULES)
def test_autograde_scores_max_in_between_and_zero(graded, mid):
    _, report = graded
    m = module(mid)
    perfect, _ = report.scores[("coach-01", mid)]
    partial, _ = report.scores[("coach-02", mid)]
    blank, maximum = report.scores[("coach-03", mid)]
    assert maximum == m.points
    assert perfect == m.autograded_points  # the written task waits for the trainer
    assert perfect >= m.pass_mark
    assert 0 < partial < perfect
    assert blank == 0


@pytest.mark.parametrize("mid", MODULES)
def test_every_graded_cell_fails_on_a_wrong_answer(graded, mid):
    from nbgrader.api import Gradebook

    course, report = graded
    assert report.scores[("coach-wrong", mid)][0] == 0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission_notebook(mid, mid, "coach-wrong")
        cells = {g.name: g.score for g in sub.grades if g.cell.cell_type == "code"}
    assert cells and all(score == 0 for score in cells.values()), cells
    # the learner's own answers were there: a failure means a wrong answer, not a blank one
    nb = nbformat.read(course / "autograded" / "coach-wrong" / mid / f"{mid}.ipynb", 4)
    errors = [o.get("evalue", "") for c in nb.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert len(errors) == len(cells)
    assert not any("No answer yet" in e for e in errors), errors
    assert all(len(e) > 20 for e in errors), "every failure says what to fix"


def test_a_broken_submission_is_reported_and_the_others_graded(graded):
    _, report = graded
    assert "not a readable notebook" in report.failures[("coach-broken", MID)]
    assert ("coach-01", MID) in report.scores


@pytest.fixture(scope="module")
def fed_back(graded):
    """Feedback generated once for the whole graded cohort."""
    from course_lib.grading import generate_feedback

    course, _ = graded
    assert generate_feedback(course) == {}
    return course


@pytest.mark.parametrize("mid", MODULES)
def test_feedback_teaches_after_grading_and_release_before_reveals_nothing(fed_back, mid):
    import html as html_lib

    from course_lib.grading import graded_keys
    from course_lib.quiz.questions import load_bank

    course = fed_back
    keys = graded_keys(course / "source" / mid / f"{mid}.ipynb")
    bank = load_bank(mid)
    released = (REPO / "release" / mid / f"{mid}.ipynb").read_text(encoding="utf-8")
    for learner in ("coach-01", "coach-03", "coach-wrong"):
        page = html_lib.unescape(
            (course / "feedback" / learner / mid / f"{mid}.html").read_text(encoding="utf-8"))
        assert "BEGIN SOLUTION" not in page
        for number, q in enumerate(bank.graded(), start=1):
            key = keys[q.id]
            # the learner's answer, the right answer and why, for every question
            assert f"Question {number} (" in page
            assert f"Why: {key.why}" in page, (learner, q.id)
            assert key.why not in released, f"{q.id}: the release explains the key"
        assert page.count("Right answer:") >= len(bank.graded())
        assert page.count("Your answer:") >= len(bank.graded())
    blank = html_lib.unescape(
        (course / "feedback" / "coach-03" / mid / f"{mid}.html").read_text(encoding="utf-8"))
    assert "Your answer: no answer" in blank


def test_feedback_shows_the_lessons_charts_as_a_stock_kernel_draws_them(fed_back):
    """Grading kernels are forks of a worker that imported matplotlib: their charts must still
    be drawn into the notebook (inline PNG), as in the kernel stock nbgrader starts."""
    import nbformat

    course = fed_back
    graded_nb = nbformat.read(
        course / "autograded" / "coach-01" / "c1-1-develop" / "c1-1-develop.ipynb", as_version=4)
    charts = [cell.source.splitlines()[0] for cell in graded_nb.cells if cell.cell_type == "code"
              and any("image/png" in out.get("data", {}) for out in cell.outputs)]
    assert any("show_valencia_case" in line for line in charts), charts
    assert any("show_ka122_timeline" in line for line in charts), charts
    page = (course / "feedback" / "coach-01" / "c1-1-develop" / "c1-1-develop.html").read_text(
        encoding="utf-8")
    assert page.count("data:image/png;base64") >= 2
