"""Grades can be trusted: hostile submissions of the test cohort (tests/hostile.py) are graded
0 for what they broke or faked, reported by learner and module with the reason, and never
change anyone else's record; grading never changes submitted/."""

from __future__ import annotations

import pytest

from course_lib.catalogue import module

pytestmark = pytest.mark.slow
MID = "c1-1-develop"
QUIZ_POINTS = None


def quiz_score(course, learner):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(MID, MID, learner)
        return {g.name: g.score for g in nb.grades if g.cell.cell_type == "code"}


def test_faked_checks_and_quiz_class_score_nothing_and_are_flagged(graded):
    course, report = graded
    assert report.scores[("coach-tamper", MID)][0] == 0
    assert any("the learner's kernel said passed" in f for f in report.flags[("coach-tamper", MID)])


def test_keys_read_from_the_graded_notebook_score_nothing(graded):
    course, report = graded
    scores = quiz_score(course, "coach-keys")
    assert all(v == 0 for k, v in scores.items() if k.startswith("test-v")), scores
    assert report.flags[("coach-keys", MID)], "the kernel's verdicts differ: reported"


def test_a_write_outside_its_folder_changes_no_one_else(graded):
    course, report = graded
    perfect = module(MID).autograded_points
    assert report.scores[("coach-01", MID)][0] == perfect
    assert "submitted/coach-01/c1-1-develop/answers.json" in report.restored
    assert (course / "submitted" / "coach-01" / MID / "answers.json").read_text() != "{}"


@pytest.mark.parametrize("learner", ["coach-loop", "coach-memory", "coach-print"])
def test_a_runaway_cell_costs_only_itself(graded, learner):
    _, report = graded
    # its own answers are blank: 0, but it was graded (not stuck, not a crash)
    assert report.scores[(learner, MID)][0] == 0
    assert (learner, MID) not in report.failures


def test_a_kernel_that_kills_itself_is_reported_or_zero(graded):
    _, report = graded
    pair = ("coach-exit", MID)
    assert pair in report.failures or report.scores[pair][0] == 0
    if pair in report.failures:
        assert report.failures[pair]


@pytest.mark.parametrize(("learner", "reason"), [
    ("coach-empty", "not a readable notebook"), ("coach-notjson", "not a readable notebook")])
def test_damaged_files_are_reported(graded, learner, reason):
    _, report = graded
    assert reason in report.failures[(learner, MID)]


def test_a_damaged_answers_file_loses_the_quiz_not_the_exercises(graded):
    course, report = graded
    scores = quiz_score(course, "coach-badanswers")
    assert all(v == 0 for k, v in scores.items() if k.startswith("test-v"))
    assert any(v > 0 for k, v in scores.items() if k.startswith("test-ex")), scores


def test_others_are_graded_as_if_alone(graded):
    _, report = graded
    assert report.scores[("coach-01", MID)][0] == module(MID).autograded_points
    assert report.scores[("coach-03", MID)][0] == 0
