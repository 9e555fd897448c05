"""Results read from the gradebook and ``validations.jsonl`` (who validated what, when), on a
small gradebook written with nbgrader's API directly: no notebook is executed."""

from __future__ import annotations

import datetime as _dt
import getpass
import importlib
import json
import locale
import shutil
from pathlib import Path

import pytest

from course_lib.grading.records import (
    Result,
    Validation,
    current_validations,
    record_validations,
    results,
    validations,
)

records = importlib.import_module("course_lib.grading.records")
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

C11, C2 = "c1-1-develop", "c2-regulations"  # pass marks 14 and 18 (catalogue)
MAX = 24.0  # each test module below: a code cell of 20 points and an essay of 4


@pytest.fixture(scope="module")
def empty_gradebook(tmp_path_factory) -> Path:
    """An empty nbgrader gradebook, made once (nbgrader asks alembic for its schema version
    in a subprocess: it is read here in this process instead)."""
    import nbgrader
    import nbgrader.api
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(Path(nbgrader.__file__).parent / "alembic")).get_current_head()
    path = tmp_path_factory.mktemp("template") / "gradebook.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nbgrader.api, "get_alembic_version", lambda: head)
        nbgrader.api.Gradebook(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def gradebook(empty_gradebook):
    """``gradebook(root, rows)``: ``root/gradebook.db`` with one submission per (learner,
    assignment, score, waiting): ``score`` on the auto-graded cell, the essay graded 0 or
    still awaiting a manual grade."""
    return lambda root, rows: _fill(shutil.copy(empty_gradebook, root / "gradebook.db"), rows)


def _fill(db: str, rows: list[tuple[str, str, float, bool]]) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{db}") as gb:
        for name in dict.fromkeys(a for _, a, _, _ in rows):
            gb.add_assignment(name)
            gb.add_notebook(name, name)
            gb.add_grade_cell("points", name, name, max_score=20, cell_type="code")
            gb.add_grade_cell("essay", name, name, max_score=4, cell_type="markdown")
        for learner, name, score, waiting in rows:
            gb.update_or_create_student(learner)
            gb.add_submission(name, learner)
            auto = gb.find_grade("points", name, name, learner)
            auto.auto_score, auto.needs_manual_grade = score, False
            essay = gb.find_grade("essay", name, name, learner)
            if not waiting:
                essay.manual_score, essay.needs_manual_grade = 0, False
        gb.db.commit()


# zoé's c1-1 submission is stored before ana's: the gradebook's order is not the course's
COHORT = [
    ("ana", "a-practice", 20, False),  # an assignment outside the catalogue, listed first
    ("zoé", C11, 13.5, False),  # below the pass mark of 14
    ("ana", C11, 14, True),  # exactly the pass mark, essay awaiting a manual grade
    ("zoé", C2, 18, False),  # exactly the pass mark of 18
]


def line(learner, mid, event, score, date="2026-03-02", grader="trainer-test") -> str:
    return json.dumps({"learner": learner, "module": mid, "event": event, "score": score,
                       "max_score": MAX, "date": date, "grader": grader}, ensure_ascii=False)


# -- results -----------------------------------------------------------------------------------
def test_no_gradebook_means_no_result_and_none_is_created(tmp_path):
    assert results(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_results_are_by_learner_in_course_order_with_manual_grades_awaited(tmp_path, gradebook):
    gradebook(tmp_path, COHORT)
    assert results(tmp_path) == [
        Result("ana", C11, 14.0, MAX, True),
        Result("zoé", C11, 13.5, MAX, False),
        Result("zoé", C2, 18.0, MAX, False),
    ]


def test_a_result_passes_at_its_module_pass_mark_and_not_below():
    assert Result("ana", C11, 14.0, MAX, False).passed
    assert not Result("ana", C11, 13.5, MAX, False).passed


# -- validations.jsonl --------------------------------------------------------------------------
def test_no_records_file_means_no_event(tmp_path):
    assert validations(tmp_path) == []
    assert current_validations(tmp_path) == {}


def test_unreadable_lines_are_skipped_and_the_following_ones_kept(tmp_path):
    (tmp_path / "validations.jsonl").write_text("\n".join([
        line("zoé", C11, "validated", 20, date="2026-01-05"),
        "{broken line",
        "[1, 2]",
        '{"learner": "x"}',
        line("zoé", C11, "withdrawn", 3, date="2026-02-01"),
    ]) + "\n", encoding="utf-8")
    assert validations(tmp_path) == [
        Validation("zoé", C11, "validated", 20, MAX, "2026-01-05", "trainer-test"),
        Validation("zoé", C11, "withdrawn", 3, MAX, "2026-02-01", "trainer-test"),
    ]


def test_held_validations_follow_the_events_of_each_learner_and_module(tmp_path):
    (tmp_path / "validations.jsonl").write_text("\n".join([
        line("ana", C11, "validated", 20, date="2026-01-05"),
        line("zoé", C11, "validated", 21, date="2026-01-06"),
        line("ana", C11, "withdrawn", 3, date="2026-02-01"),
        line("ana", C11, "validated", 22, date="2026-03-01"),
        line("bob", C2, "withdrawn", 2, date="2026-03-02"),  # never held: nothing to withdraw
        line("zoé", C2, "validated", 19, date="2026-03-03"),
        line("zoé", C2, "withdrawn", 4, date="2026-03-04"),
    ]) + "\n", encoding="utf-8")
    assert current_validations(tmp_path) == {
        ("ana", C11): Validation("ana", C11, "validated", 22, MAX, "2026-03-01", "trainer-test"),
        ("zoé", C11): Validation("zoé", C11, "validated", 21, MAX, "2026-01-06", "trainer-test"),
    }


# -- recording -----------------------------------------------------------------------------------
def test_passing_results_are_recorded_once_with_grader_and_date(tmp_path, gradebook, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "someone-else")
    gradebook(tmp_path, COHORT)
    new = record_validations(tmp_path, grader="trainer-test", today="2026-03-02")
    assert new == [
        Validation("ana", C11, "validated", 14.0, MAX, "2026-03-02", "trainer-test"),
        Validation("zoé", C2, "validated", 18.0, MAX, "2026-03-02", "trainer-test"),
    ]
    written = (tmp_path / "validations.jsonl").read_text(encoding="utf-8")
    assert written == (line("ana", C11, "validated", 14.0) + "\n"
                       + line("zoé", C2, "validated", 18.0) + "\n")
    assert '"zoé"' in written  # names are written as typed, not as \u escapes

    assert record_validations(tmp_path, grader="again", today="2026-04-01") == []
    assert (tmp_path / "validations.jsonl").read_text(encoding="utf-8") == written


def test_a_result_below_the_pass_mark_withdraws_a_held_validation(tmp_path, gradebook):
    gradebook(tmp_path, COHORT)
    before = "\n".join([line("zoé", C11, "validated", 20, date="2026-01-05", grader="t"),
                        line("zoé", C2, "validated", 18, date="2026-01-05", grader="t")]) + "\n"
    (tmp_path / "validations.jsonl").write_text(before, encoding="utf-8")
    new = record_validations(tmp_path, grader="trainer-test", today="2026-03-02")
    assert new == [
        Validation("ana", C11, "validated", 14.0, MAX, "2026-03-02", "trainer-test"),
        Validation("zoé", C11, "withdrawn", 13.5, MAX, "2026-03-02", "trainer-test"),
    ]
    assert (tmp_path / "validations.jsonl").read_text(encoding="utf-8") == before + (
        line("ana", C11, "validated", 14.0) + "\n" + line("zoé", C11, "withdrawn", 13.5) + "\n")
    assert sorted(current_validations(tmp_path)) == [("ana", C11), ("zoé", C2)]


def test_nothing_new_writes_no_file(tmp_path, gradebook):
    gradebook(tmp_path, [("zoé", C11, 2, False)])
    assert record_validations(tmp_path, grader="trainer-test", today="2026-03-02") == []
    assert not (tmp_path / "validations.jsonl").exists()


@pytest.fixture
def ascii_locale():
    """A trainer's machine whose locale is not UTF-8 (its default text encoding is ASCII)."""
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def test_records_are_utf_8_whatever_the_locale(tmp_path, gradebook, ascii_locale):
    gradebook(tmp_path, [("zoé", C2, 18, False)])
    record_validations(tmp_path, grader="trainer-test", today="2026-03-02")
    assert (tmp_path / "validations.jsonl").read_bytes().decode("utf-8") == (
        line("zoé", C2, "validated", 18.0) + "\n")
    assert validations(tmp_path) == [
        Validation("zoé", C2, "validated", 18.0, MAX, "2026-03-02", "trainer-test")]


class _Clock(_dt.datetime):
    """2 March 2026, 00:30 in Paris (UTC+1) is still 1 March in UTC."""

    @classmethod
    def now(cls, tz=None):
        if tz is None:
            return cls(2026, 3, 2, 0, 30)
        return cls(2026, 3, 1, 23, 30, tzinfo=tz)


@pytest.fixture
def cohort_of_one(tmp_path, gradebook, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "marie")
    monkeypatch.setattr(records, "datetime", _Clock)
    gradebook(tmp_path, [("ana", C11, 20, False)])
    return tmp_path


def test_by_default_the_grader_is_the_user_and_the_date_is_today_in_utc(cohort_of_one):
    assert record_validations(cohort_of_one) == [
        Validation("ana", C11, "validated", 20.0, MAX, "2026-03-01", "marie")]


def test_a_given_grader_and_date_are_kept(cohort_of_one):
    assert record_validations(cohort_of_one, grader="trainer-test", today="2026-05-04") == [
        Validation("ana", C11, "validated", 20.0, MAX, "2026-05-04", "trainer-test")]
