"""Verdicts given outside the learner's kernel, on a tiny course folder: quiz questions from
``submitted/<learner>/<module>/answers.json`` and the hidden keys of the source notebook,
exercises from the values recorded in ``autograded/<learner>/<module>/.course-values.json``."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course_lib.grading.verdicts import Verdict, exercise_verdicts, quiz_verdicts

MID = "c1-1-develop"  # its bank: v1 single, v2 multiple, v6 and v8 numeric (tolerance 0.5)


def graded(grade_id: str, points: float, source: str):
    return new_code_cell(source, metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "task": False, "schema_version": 3,
        "grade_id": grade_id, "points": points}})


def quiz_cell(qid: str, key: str) -> str:
    return (f'test.recorded("{qid}")\n### BEGIN HIDDEN TESTS\n'
            f'test.score("{qid}", {key}, why="See section 1.")\n### END HIDDEN TESTS')


def exercise_cell(check: str, name: str) -> str:
    return f"from course_lib.lessons.checks.c1_1 import {check}\n\n{check}({name})"


def course(root: Path) -> Path:
    """A course whose source notebook has four quiz cells, three exercise cells, a graded
    cell of another shape and an ungraded cell."""
    cells = [
        new_markdown_cell("# C1.1"),
        graded("test-v1", 1, quiz_cell("v1", "'b'")),
        graded("test-v2", 2, quiz_cell("v2", "['a', 'b', 'd', 'f']")),
        graded("test-v6", 1, quiz_cell("v6", "1967")),
        graded("test-v8", 1, quiz_cell("v8", "1238")),
        graded("test-ex1-travel", 1, exercise_cell("check_travel", "travel_per_person")),
        graded("test-ex1-days", 1, exercise_cell("check_days_funded", "days_funded")),
        graded("test-ex2-start", 1, exercise_cell("check_latest_start", "latest_start")),
        graded("test-other", 1, "assert True"),
        new_code_cell(quiz_cell("v4", "'b'")),  # not graded: no verdict
    ]
    folder = root / "source" / MID
    folder.mkdir(parents=True)
    nbformat.write(new_notebook(cells=cells), folder / f"{MID}.ipynb")
    return root


def answers(root: Path, where: str, learner: str, given: dict) -> None:
    folder = root / where / learner / MID
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "answers.json").write_text(json.dumps({"module": MID, "answers": given}),
                                         encoding="utf-8")


def values(root: Path, where: str, learner: str, recorded: dict) -> None:
    folder = root / where / learner / MID
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".course-values.json").write_text(json.dumps(recorded), encoding="utf-8")


# -- quiz ------------------------------------------------------------------------------------
def test_each_quiz_cell_is_judged_from_the_submitted_answer_and_its_hidden_key(tmp_path):
    root = course(tmp_path)
    answers(root, "submitted", "ana", {"v1": "b", "v2": ["a", "b", "d"], "v6": "1 967,40 €"})
    found = quiz_verdicts(root, "ana", MID)
    assert found == {
        "test-v1": Verdict("test-v1", 1.0, True, "right"),
        "test-v2": Verdict("test-v2", 2.0, False, "not the expected answer"),
        "test-v6": Verdict("test-v6", 1.0, True, "right"),
        "test-v8": Verdict("test-v8", 1.0, False, "no answer"),
    }
    assert {g: v.score for g, v in found.items()} == {
        "test-v1": 1.0, "test-v2": 0.0, "test-v6": 1.0, "test-v8": 0.0}


def test_an_answer_that_does_not_fit_the_question_is_wrong_not_an_error(tmp_path):
    root = course(tmp_path)
    answers(root, "submitted", "ana", {"v1": "z", "v2": "not letters", "v6": "a lot",
                                       "v8": True})
    assert {g: (v.passed, v.reason) for g, v in quiz_verdicts(root, "ana", MID).items()} == {
        "test-v1": (False, "not the expected answer"),
        "test-v2": (False, "not the expected answer"),
        "test-v6": (False, "not the expected answer"),
        "test-v8": (False, "not the expected answer"),
    }


def test_only_the_learners_submitted_answers_count(tmp_path):
    root = course(tmp_path)
    answers(root, "submitted", "ana", {"v1": "a"})
    answers(root, "autograded", "ana", {"v1": "b", "v8": 1238})  # rewritten by a kernel
    answers(root, "submitted", "zoe", {"v1": "b", "v6": 1967, "v8": 1238})
    found = quiz_verdicts(root, "ana", MID)
    assert {g: (v.passed, v.reason) for g, v in found.items()} == {
        "test-v1": (False, "not the expected answer"),
        "test-v2": (False, "no answer"),
        "test-v6": (False, "no answer"),
        "test-v8": (False, "no answer"),
    }
    assert [g for g, v in quiz_verdicts(root, "zoe", MID).items() if v.passed] == [
        "test-v1", "test-v6", "test-v8"]


def test_no_answers_file_means_no_answer_to_every_question(tmp_path):
    root = course(tmp_path)
    assert {v.reason for v in quiz_verdicts(root, "ana", MID).values()} == {"no answer"}


# -- exercises ---------------------------------------------------------------------------------
def test_each_exercise_cell_is_judged_from_the_value_its_check_recorded(tmp_path):
    root = course(tmp_path)
    values(root, "autograded", "ana", {"travel_per_person": 275, "latest_start": "2025-11-20"})
    found = exercise_verdicts(root, "ana", MID)
    assert list(found) == ["test-ex1-travel", "test-ex1-days", "test-ex2-start"]
    assert found["test-ex1-travel"] == Verdict("test-ex1-travel", 1.0, True, "right")
    assert found["test-ex1-days"] == Verdict(
        "test-ex1-days", 1.0, False,
        "no value of days_funded reached the check (the check did not run, or was replaced)")
    assert found["test-ex2-start"] == Verdict(  # the first line of the check's message
        "test-ex2-start", 1.0, False, "Too late: the four steps do not fit before the deadline. "
        "Add up the durations of all four steps and count back from the deadline.")
    assert found["test-ex2-start"].score == 0.0


def test_values_outside_the_autograded_folder_are_ignored(tmp_path):
    root = course(tmp_path)
    values(root, "submitted", "ana", {"travel_per_person": 275})  # the learner's own copy
    values(root, "autograded", "zoe", {"travel_per_person": 275})  # another learner's
    found = exercise_verdicts(root, "ana", MID)
    assert found["test-ex1-travel"] == Verdict(
        "test-ex1-travel", 1.0, False, "no value of travel_per_person reached the check "
        "(the check did not run, or was replaced)")
    assert exercise_verdicts(root, "zoe", MID)["test-ex1-travel"].passed


# -- an exercise check that cannot judge gives no points ---------------------------------------
def explodes(value) -> None:
    """A check that fails on a value in a way that is not an AssertionError."""
    raise ValueError(f"cannot read {value!r}")


def refuses_at_length(value) -> None:
    raise AssertionError("✘ " + "x" * 300 + "\nsecond line")


def exercise_rule(function: str):
    from course_lib.grading.verdicts import CellRule

    return CellRule("ex-1", 3, "exercise", function=function, argument="total")


def test_a_check_that_cannot_be_loaded_gives_no_points_and_says_what_to_do():
    from course_lib.grading.verdicts import _exercise

    missing = "course_lib.lessons.checks.c1_1:check_that_does_not_exist"
    verdict = _exercise(exercise_rule(missing), {"total": 275})
    assert (verdict.grade_id, verdict.points, verdict.passed) == ("ex-1", 3, False)
    assert verdict.score == 0
    assert verdict.reason.startswith(f"the course's check {missing} cannot be loaded (")
    assert verdict.reason.endswith("): fix the course, then grade with --force")


def test_a_value_the_check_cannot_read_is_a_wrong_answer():
    from course_lib.grading.verdicts import _exercise

    verdict = _exercise(exercise_rule(f"{__name__}:explodes"), {"total": {"a": 1}})
    assert verdict == Verdict("ex-1", 3, False, "unreadable value (cannot read {'a': 1})")
    long = _exercise(exercise_rule(f"{__name__}:explodes"), {"total": "y" * 400})
    assert not long.passed and len(long.reason) == 200 and long.reason.startswith("unreadable")


def test_a_failed_check_gives_its_first_line_cut_at_200_characters():
    from course_lib.grading.verdicts import _exercise

    verdict = _exercise(exercise_rule(f"{__name__}:refuses_at_length"), {"total": 1})
    assert verdict == Verdict("ex-1", 3, False, ("✘ " + "x" * 300)[:200])


# -- which test cells have a rule, read from the source notebook -------------------------------
CHECK_IMPORT = "from course_lib.lessons.checks.c1_1 import check_travel\n"


def test_an_exercise_rule_is_the_imported_check_called_on_a_variable():
    from course_lib.grading.verdicts import rule_for

    rule = rule_for("t", 2, "import math\nmath.floor(1.5)\nprint(travel)\n" + CHECK_IMPORT
                    + "check_travel(travel)")
    assert (rule.kind, rule.function, rule.argument, rule.points) == (
        "exercise", "course_lib.lessons.checks.c1_1:check_travel", "travel", 2)
    assert rule_for("t", 2, CHECK_IMPORT + "check_travel(275)") is None  # not a variable
    assert rule_for("t", 2, "check_travel(travel)") is None  # not the course's check
    assert rule_for("t", 2, "score('v1', 'b')") is None  # a quiz cell calls test.score
    quiz = rule_for("q", 1, "test.recorded('v1')\ntest.score('v1', ['a', 'c'], why='...')")
    assert (quiz.kind, quiz.question, quiz.key) == ("quiz", "v1", ["a", "c"])


def test_a_source_notebook_edited_since_is_read_again(tmp_path):
    import os

    from course_lib.grading.verdicts import cell_rules

    path = tmp_path / "m.ipynb"

    def write(qid: str, stamp: int) -> None:
        nbformat.write(new_notebook(cells=[graded("g1", 1, f"test.score('{qid}', 'b')")]), path)
        os.utime(path, (stamp, stamp))

    write("v1", 1_700_000_000)
    assert [r.question for r in cell_rules(path)] == ["v1"]
    write("v2", 1_700_000_100)
    assert [r.question for r in cell_rules(path)] == ["v2"]
