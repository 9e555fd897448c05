"""The shared helpers of the exercise checks: what a learner's value is read as, the exact message
they read when it cannot be read, the value recorded for the trainer's verdict, the euro
tolerance, and a traceback that shows the learner's cell and the message, not the course code."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

import pytest

from course_lib.lessons.checks.common import (
    close_to,
    diagnose,
    expect_bool,
    expect_choices,
    expect_date,
    expect_number,
    expect_text,
)


@pytest.fixture(autouse=True)
def autograde(monkeypatch, tmp_path):
    """As under ``nbgrader autograde``: a failed check raises with its message, and values are
    recorded in ``.course-values.json`` of the (temporary) notebook folder."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def recorded(folder) -> dict:
    return json.loads((folder / ".course-values.json").read_text(encoding="utf-8"))


def message(helper, *args) -> str:
    with pytest.raises(AssertionError) as info:
        helper(*args)
    return str(info.value)


def unfilled(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, for example "
            f"`{name} = {example}`, then run the cell again.")


# -- expect_number ------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "number"), [
    (42, 42.0), (1516.2, 1516.2), ("1 516,20 €", 1516.2), ("1,516.20", 1516.2), ("23 days", 23.0),
])
def test_expect_number_reads_what_learners_type(typed, number):
    assert expect_number("grant", typed) == number


@pytest.mark.parametrize("empty", [..., None])
def test_expect_number_unfilled_names_the_variable_and_the_default_example(empty):
    assert message(expect_number, "grant", empty) == unfilled("grant", "1250")
    assert message(expect_number, "days", empty, "30 + 2") == unfilled("days", "30 + 2")


@pytest.mark.parametrize(("typed", "shown"), [
    ("two hundred", "'two hundred'"), (True, "True"), (float("nan"), "nan"), ([1], "[1]"),
])
def test_expect_number_says_a_number_is_expected(typed, shown):
    assert message(expect_number, "grant", typed) == (
        f"`grant` should be a number such as 1250, not {shown}.")
    assert message(expect_number, "grant", typed, "180") == (
        f"`grant` should be a number such as 180, not {shown}.")


def test_expect_number_records_the_value_as_typed(autograde):
    assert expect_number("grant", "1 516,20 €") == 1516.2
    expect_number("days", 23)
    assert recorded(autograde) == {"grant": "1 516,20 €", "days": 23}


# -- expect_date --------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "day"), [
    (date(2025, 11, 13), date(2025, 11, 13)),
    (datetime(2025, 11, 13, 9, 30), date(2025, 11, 13)),
    ("2025-11-13", date(2025, 11, 13)),
    ("  2025-11-13 ", date(2025, 11, 13)),
    ("13/11/2025", date(2025, 11, 13)),
    ("13.11.2025", date(2025, 11, 13)),
    ("1/2/2026", date(2026, 2, 1)),  # day first, as in France
])
def test_expect_date_reads_iso_french_and_date_objects(typed, day):
    value = expect_date("start", typed)
    assert value == day and type(value) is date


@pytest.mark.parametrize("empty", [..., None])
def test_expect_date_unfilled_names_the_default_example(empty):
    assert message(expect_date, "start", empty) == unfilled("start", '"2024-07-05"')


@pytest.mark.parametrize("typed", ["31/02/2026", "2025-13-01", "next week"])
def test_expect_date_not_a_calendar_date(typed):
    assert message(expect_date, "start", typed) == (
        f"`start`: {typed!r} is not a date of the calendar; write it like \"2024-07-05\" "
        "(year-month-day) or 05/07/2024 (day/month/year).")


@pytest.mark.parametrize(("typed", "shown"), [(20251113, "20251113"), (True, "True")])
def test_expect_date_of_another_kind(typed, shown):
    assert message(expect_date, "start", typed) == (
        "`start` should be a date written like \"2024-07-05\" (year-month-day, in quotes) or "
        f"05/07/2024, not {shown}.")


def test_expect_date_records_the_value_as_typed(autograde):
    expect_date("start", "13/11/2025")
    expect_date("end", date(2026, 2, 19))
    assert recorded(autograde) == {"start": "13/11/2025", "end": "2026-02-19"}


# -- expect_bool --------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "truth"), [
    (True, True), (False, False), ("true", True), ("Vrai", True), (" OUI ", True), ("yes", True),
    ("false", False), ("FAUX", False), ("non", False), ("No ", False),
])
def test_expect_bool_reads_true_false_in_english_and_french(typed, truth):
    assert expect_bool("ready", typed) is truth


@pytest.mark.parametrize("empty", [..., None])
def test_expect_bool_unfilled_suggests_true(empty):
    assert message(expect_bool, "ready", empty) == unfilled("ready", "True")


@pytest.mark.parametrize(("typed", "shown"), [("maybe", "'maybe'"), (1, "1"), ("", "''")])
def test_expect_bool_says_true_or_false(typed, shown):
    assert message(expect_bool, "ready", typed) == (
        f"`ready` should be True or False (capital first letter, no quotes), not {shown}.")


def test_expect_bool_records_the_value_as_typed(autograde):
    expect_bool("ready", "faux")
    expect_bool("late", True)
    assert recorded(autograde) == {"ready": "faux", "late": True}


# -- expect_text --------------------------------------------------------------------------------
def test_expect_text_returns_the_sentence_without_surrounding_blanks():
    assert expect_text("why", "  The plan does not fit.\n") == "The plan does not fit."


@pytest.mark.parametrize("empty", [..., None, "", "   \n"])
def test_expect_text_unfilled_or_blank(empty):
    assert message(expect_text, "why", empty) == unfilled("why", '"..."')
    assert message(expect_text, "why", empty, '"too late"') == unfilled("why", '"too late"')


@pytest.mark.parametrize("typed", [42, True, ["a"]])
def test_expect_text_says_text_in_quotes(typed):
    assert message(expect_text, "why", typed) == (
        '`why` should be text in quotes, for example why = "...".')


def test_expect_text_records_the_value_as_typed(autograde):
    expect_text("why", " Too late. ")
    expect_text("how", "shorten the partner search")
    assert recorded(autograde) == {"why": " Too late. ", "how": "shorten the partner search"}


# -- expect_choices -----------------------------------------------------------------------------
ALLOWED = ["convention", "CEAM", "insurance", "learning agreement"]


@pytest.mark.parametrize(("typed", "chosen"), [
    ("ceam, Convention", ["CEAM", "convention"]),
    ("ceam; insurance\nconvention", ["CEAM", "convention", "insurance"]),
    ("Learning_Agreement", ["learning agreement"]),
    (["  learning-agreement ", "LEARNING   AGREEMENT"], ["learning agreement"]),
    (("insurance", "CEAM", "ceam"), ["CEAM", "insurance"]),
    ({"Insurance"}, ["insurance"]),
    (", ;", []),
    ([], []),
])
def test_expect_choices_in_the_spelling_of_the_choices_sorted_once_each(typed, chosen):
    assert expect_choices("missing", typed, ALLOWED) == chosen


def test_expect_choices_names_what_is_not_a_choice_and_lists_the_choices():
    assert message(expect_choices, "missing", "ceam, passport; visa", ALLOWED) == (
        "`missing`: 'passport', 'visa' not among the choices; use these names: convention, "
        "CEAM, insurance, learning agreement.")
    assert message(expect_choices, "missing", ["CEAM", 3], ALLOWED) == (
        "`missing`: '3' not among the choices; use these names: convention, CEAM, insurance, "
        "learning agreement.")


@pytest.mark.parametrize(("typed", "shown"), [(42, "42"), ({"a": 1}, "{'a': 1}")])
def test_expect_choices_says_a_list_is_expected(typed, shown):
    assert message(expect_choices, "missing", typed, ALLOWED) == (
        f'`missing` should be a list such as ["a", "b"], not {shown}.')
    assert message(expect_choices, "missing", typed, ALLOWED, '["CEAM"]') == (
        f'`missing` should be a list such as ["CEAM"], not {shown}.')


@pytest.mark.parametrize("empty", [..., None])
def test_expect_choices_unfilled(empty):
    assert message(expect_choices, "missing", empty, ALLOWED) == unfilled("missing", '["a", "b"]')


def test_expect_choices_records_the_value_as_typed(autograde):
    expect_choices("missing", "ceam, Convention", ALLOWED)
    expect_choices("kept", ["insurance"], ALLOWED)
    assert recorded(autograde) == {"missing": "ceam, Convention", "kept": ["insurance"]}


# -- close_to and diagnose: the euro tolerance ---------------------------------------------------
def test_close_to_is_inclusive_on_both_sides_of_the_default_euro():
    assert close_to(1339.0, 1338.0) and close_to(1337.0, 1338.0)
    assert not close_to(1339.01, 1338.0) and not close_to(1336.99, 1338.0)
    assert not close_to(-1338.0, 1338.0) and not close_to(0.0, 1338.0)


def test_close_to_honours_a_given_tolerance_exactly():
    assert close_to(275.5, 275.0, 0.5) and close_to(274.5, 275.0, 0.5)
    assert not close_to(275.51, 275.0, 0.5)
    assert close_to(23.0, 23.0, 0) and not close_to(22.0, 23.0, 0)
    assert not close_to(23.5, 23.0, 0)
    assert close_to(1e-9, 0.0, 0)  # the float slack only absorbs rounding noise


MISTAKES = [(550.0, "doubled"), (320.0, "green"), (320.4, "never reached")]


def said(capsys, value, tolerance=None) -> str:
    """What the learner reads after ``diagnose``: ``✔ ...`` or the failure message."""
    extra = {} if tolerance is None else {"tolerance": tolerance}
    try:
        diagnose(value, 275.0, "right", MISTAKES, "otherwise", **extra)
    except AssertionError as failure:
        return str(failure)
    return capsys.readouterr().out.strip()


def test_diagnose_passes_within_the_default_euro(capsys):
    assert said(capsys, 275.0) == "✔ right"
    assert said(capsys, 276.0) == "✔ right"
    assert said(capsys, 274.0) == "✔ right"
    assert said(capsys, 276.01) == "otherwise"
    assert said(capsys, 273.9) == "otherwise"


def test_diagnose_names_the_first_matching_mistake(capsys):
    assert said(capsys, 550.0) == "doubled"
    assert said(capsys, 549.0) == "doubled"
    assert said(capsys, 320.4) == "green"  # both match: the first listed wins
    assert said(capsys, 321.3) == "never reached"
    assert said(capsys, 1000.0) == "otherwise"


def test_diagnose_uses_the_given_tolerance_for_the_answer_and_the_mistakes(capsys):
    assert said(capsys, 275.5, 0.5) == "✔ right"
    assert said(capsys, 275.6, 0.5) == "otherwise"
    assert said(capsys, 320.5, 0.5) == "green"
    assert said(capsys, 549.4, 0.5) == "otherwise"


# -- the traceback a learner reads under nbgrader ------------------------------------------------
@pytest.mark.parametrize(("helper", "args"), [
    (expect_number, ("grant", "abc")),
    (expect_date, ("start", "31/02/2026")),
    (expect_bool, ("ready", "maybe")),
    (expect_text, ("why", ...)),
    (expect_choices, ("missing", "passport", ALLOWED)),
    (diagnose, (1.0, 275.0, "right", MISTAKES, "otherwise")),
])
def test_the_learners_traceback_hides_the_helper_frames(helper, args):
    from IPython.core.ultratb import FormattedTB

    def cell():
        helper(*args)

    try:
        cell()
    except AssertionError:
        text = FormattedTB(mode="Context", theme_name="nocolor").text(*sys.exc_info())
    # (a ValueError or AnswerError caught while reading the value is printed above, chained)
    shown = text.split("During handling of the above exception")[-1]
    assert "cell()" in shown and "skipping hidden" in shown
    assert "lessons/checks/common.py" not in shown


@pytest.mark.parametrize("check, typed", [(expect_number, "deux cents"),
                                          (expect_date, "31/02/2025"),
                                          (expect_date, "2025-13-01")])
def test_a_bad_value_fails_once_without_a_chained_traceback(check, typed):
    """The feedback shows one failure with the message, not "During handling of the above
    exception, another exception occurred" and the course's own code."""
    with pytest.raises(AssertionError) as failure:
        check("amount", typed)
    assert failure.value.__context__ is None
    assert repr(typed) in str(failure.value)
