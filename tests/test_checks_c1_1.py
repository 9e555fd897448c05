"""What a learner reads from each C1.1 exercise check, word for word: the confirmation of a right
answer, the advice for each usual mistake (green instead of standard travel, doubled travel,
wrong country group, 70 % computed instead of the printed day-15 amount, ...), the limits of
the tolerance (half a euro, not one day), and the value recorded for the trainer's verdict.

Figures by hand, call-2021 VET table, Lyon - Cork 1 188 km (band 500-1 999 km: 275 € standard,
320 € green), Ireland in group 1 (learners 66 € then 46 € from day 15, staff 117 € then 82 €),
21 days of activity + 2 funded travel days = 23 funded days.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest

from course_lib.lessons.cases import c1_1 as case
from course_lib.lessons.checks import c1_1


@pytest.fixture(autouse=True)
def autograde(monkeypatch, tmp_path):
    """As under ``nbgrader autograde``: a failed check raises with its message, a right one
    prints ``✔ ...``, and the values land in ``.course-values.json`` of a temporary folder."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def reads(capsys):
    """``reads(check, value)``: the one message the learner reads after running the check."""
    def run(check, value) -> str:
        capsys.readouterr()
        try:
            check(value)
        except AssertionError as failure:
            return f"✘ {failure}"
        return capsys.readouterr().out.strip()
    return run


def recorded(folder) -> dict:
    return json.loads((folder / ".course-values.json").read_text(encoding="utf-8"))


def unfilled(name: str, example: str) -> str:
    return (f"✘ `{name}` still holds `...`: replace the three dots with your answer, for example "
            f"`{name} = {example}`, then run the cell again.")


SUPPORT = 14 * 66 + 9 * 46  # 1 338
TRAINER = 14 * 117 + 9 * 82  # 2 376
TOTAL = 6 * (275 + SUPPORT + 350) + 275 + TRAINER + 100  # 14 529

# -- exercise 1, step 1: travel --------------------------------------------------------------
TRAVEL_RIGHT = "✔ Right: 1 188 km falls in the 500–1 999 km band, standard travel."
TRAVEL_OTHER = ("✘ Not this amount. Find the band of 1 188 km (one way) in the call-2021 travel "
                "table, standard column.")
GREEN = ("✘ That is the green-travel amount. These participants fly: use the standard column of "
         "the band.")
DOUBLED = ("✘ Do not double the amount: the unit cost of the one-way band already covers the "
           "return trip.")


@pytest.mark.parametrize(("value", "message"), [
    (275, TRAVEL_RIGHT), ("275 €", TRAVEL_RIGHT), (275.5, TRAVEL_RIGHT), (274.5, TRAVEL_RIGHT),
    (275.6, TRAVEL_OTHER), (274.4, TRAVEL_OTHER), (276, TRAVEL_OTHER),
    (320, GREEN), (319.5, GREEN), (320.6, TRAVEL_OTHER),
    (550, DOUBLED), (549.5, DOUBLED),
    (360, TRAVEL_OTHER), (180, TRAVEL_OTHER),
])
def test_travel_messages_and_half_euro_tolerance(reads, value, message):
    assert reads(c1_1.check_travel, value) == message


def test_travel_unreadable_answers(reads):
    assert reads(c1_1.check_travel, ...) == unfilled("travel_per_person", "180")
    assert reads(c1_1.check_travel, "two hundred") == (
        "✘ `travel_per_person` should be a number such as 180, not 'two hundred'.")


# -- exercise 1, step 2a: funded days ---------------------------------------------------------
DAYS_RIGHT = "✔ Right: 21 days of activity + 2 travel days for standard travel."
TOO_MANY = ("✘ Too many days: with standard travel (plane), at most 2 travel days are funded; 6 "
            "is the cap for green travel only.")
NO_TRAVEL_DAYS = ("✘ Add the funded travel days: individual support also pays the days spent "
                  "travelling.")
COUNT_DAYS = ("✘ Count the days of activity, then add the travel days funded for standard "
              "travel.")


@pytest.mark.parametrize(("value", "message"), [
    (23, DAYS_RIGHT), ("23 days", DAYS_RIGHT), (21 + 2, DAYS_RIGHT),
    (24, TOO_MANY), (27, TOO_MANY), (23.5, TOO_MANY),  # no tolerance on days
    (22, COUNT_DAYS), (22.5, COUNT_DAYS), (20, COUNT_DAYS),
    (21, NO_TRAVEL_DAYS),
])
def test_days_funded_messages_off_by_one_day(reads, value, message):
    assert reads(c1_1.check_days_funded, value) == message


def test_days_funded_unreadable_answers(reads):
    assert reads(c1_1.check_days_funded, ...) == unfilled("days_funded", "30 + 2")
    assert reads(c1_1.check_days_funded, "many") == (
        "✘ `days_funded` should be a number such as 30 + 2, not 'many'.")


# -- exercise 1, step 2b: one apprentice's individual support ----------------------------------
SUPPORT_RIGHT = ("✔ Right: 1 338 € for 23 funded days in group 1: 14 days at 66 €, then the "
                 "printed day-15 amount of 46 €.")
SUPPORT_OTHER = ("✘ Not this amount. One apprentice: the learners' amount for Ireland for days 1 "
                 "to 14, then the amount printed for day 15 onwards for the remaining funded days.")
GROUP = "✘ Check the country group: Ireland is in group 1 in the call-2021 table."


@pytest.mark.parametrize(("value", "message"), [
    (SUPPORT, SUPPORT_RIGHT), ("1 338,00 €", SUPPORT_RIGHT),
    (1338.5, SUPPORT_RIGHT), (1337.5, SUPPORT_RIGHT),
    (1338.6, SUPPORT_OTHER), (1337.4, SUPPORT_OTHER),
    (1339.80, "✘ You computed 70 % yourself: take the printed day-15 amount (46 € for learners "
              "in group 1)."),  # 14 x 66 + 9 x 66 x 0.7
    (23 * 66, "✘ From the 15th funded day, use the lower amount printed in the table for days 15 "
              "onwards."),
    (14 * 66 + 7 * 46, "✘ Include the 2 funded travel days in the count of days."),
    (14 * 57 + 9 * 40, GROUP),  # group 2
    (14 * 48 + 9 * 34, GROUP),  # group 3
    (TRAINER, "✘ That is the staff amount; apprentices receive the learners' amounts."),
    (1000, SUPPORT_OTHER),
])
def test_support_of_one_apprentice_messages(reads, value, message):
    assert reads(c1_1.check_support, value) == message


def test_support_unreadable_answers(reads):
    assert reads(c1_1.check_support, ...) == unfilled("support_per_apprentice",
                                                      "14 * 57 + 16 * 40")
    assert reads(c1_1.check_support, "a lot") == (
        "✘ `support_per_apprentice` should be a number such as 14 * 57 + 16 * 40, not 'a lot'.")


# -- exercise 1, step 3: the trainer's individual support ---------------------------------------
TRAINER_RIGHT = ("✔ Right: 2 376 € for 23 funded days: 14 days at 117 €, then the printed day-15 "
                 "amount of 82 €.")
TRAINER_OTHER = ("✘ Not this amount. The trainer: the staff amount for Ireland for days 1 to 14, "
                 "then the amount printed for day 15 onwards, over the same funded days as an "
                 "apprentice.")
LEARNERS = ("✘ That is the learners' amount; the trainer, as accompanying person, receives the "
            "staff amounts.")


@pytest.mark.parametrize(("value", "message"), [
    (TRAINER, TRAINER_RIGHT), ("2 376 €", TRAINER_RIGHT), (2376.5, TRAINER_RIGHT),
    (2376.6, TRAINER_OTHER), (2377, TRAINER_OTHER),
    (2375.10, "✘ You computed 70 % yourself: take the day-15 amount printed in the table (82 € "
              "for staff in group 1)."),  # 14 x 117 + 9 x 117 x 0.7
    (SUPPORT, LEARNERS), (1339.80, LEARNERS),
    (23 * 117, "✘ From the 15th funded day, use the lower printed amount."),
    (275 + TRAINER, "✘ Individual support only: leave the travel out here."),
    (14 * 117 + 7 * 82, "✘ Include the 2 funded travel days in the count of days: the trainer "
                        "travels with the apprentices."),
    (14 * 104 + 9 * 73, GROUP),  # group 2
    (14 * 91 + 9 * 64, GROUP),  # group 3
    (1000, TRAINER_OTHER),
])
def test_support_of_the_trainer_messages(reads, value, message):
    assert reads(c1_1.check_trainer_support, value) == message


def test_trainer_support_unreadable_answers(reads):
    assert reads(c1_1.check_trainer_support, ...) == unfilled("support_trainer",
                                                              "14 * 104 + 16 * 73")
    assert reads(c1_1.check_trainer_support, "x") == (
        "✘ `support_trainer` should be a number such as 14 * 104 + 16 * 73, not 'x'.")


# -- exercise 1, step 4: the project grant ------------------------------------------------------
GRANT_RIGHT = "✔ Right: 14 529 € for the project (call-2021 amounts)."
GRANT_OTHER = ("✘ Not this total. Add, for the 6 apprentices: travel + individual support + "
               "organisational support; for the trainer: travel + individual support; and the "
               "inclusion support.")


@pytest.mark.parametrize(("value", "message"), [
    (TOTAL, GRANT_RIGHT), ("14 529,00 €", GRANT_RIGHT), (14529.5, GRANT_RIGHT),
    (14528.5, GRANT_RIGHT), (14530, GRANT_OTHER), (14528, GRANT_OTHER),
    (TOTAL + 6 * 1.80 - 0.90, "✘ You computed 70 % yourself: take the printed day-15 amounts (46 "
                              "€ for learners and 82 € for staff in group 1)."),
    (TOTAL - 100, "✘ Add the inclusion support for the apprentice with fewer opportunities."),
    (TOTAL + 350, "✘ The accompanying trainer is not counted for organisational support."),
    (TOTAL - 6 * 350, "✘ Add the organisational support: 350 € for each apprentice."),
    (TOTAL - 275 - TRAINER, "✘ The accompanying trainer is funded too: travel and individual "
                            "support at the staff amounts."),
    (TOTAL - TRAINER + SUPPORT, "✘ The trainer, as accompanying person, receives the staff "
                                "amounts, not the learners'."),
    (TOTAL + 5 * 100, "✘ Inclusion support is paid only for the apprentice with fewer "
                      "opportunities, not for every apprentice."),
    (1000, GRANT_OTHER),
])
def test_project_grant_messages(reads, value, message):
    assert reads(c1_1.check_project_grant, value) == message


def test_project_grant_unreadable_answers(reads):
    assert reads(c1_1.check_project_grant, ...) == unfilled(
        "project_grant", "4 * (320 + 1518 + 350) + 320 + 2770 + 100")
    assert reads(c1_1.check_project_grant, None) == unfilled(
        "project_grant", "4 * (320 + 1518 + 350) + 320 + 2770 + 100")


# -- exercise 2, step 1: latest start without margin (19 Feb 2026 - 14 weeks = 13 Nov 2025) -----
START_RIGHT = ("✔ Right: without safety margin, the needs analysis must start by 13 November "
               "2025, 14 weeks before the deadline.")
TOO_LATE = ("✘ Too late: the four steps do not fit before the deadline. Add up the durations of "
            "all four steps and count back from the deadline.")
TOO_EARLY = ("✘ Too early: count back exactly the total of the four durations from the deadline "
             "(19 February 2026).")
AFTER_DEADLINE = ("✘ This date is on or after the deadline: count backwards from the "
                  "deadline.")


@pytest.mark.parametrize(("value", "message"), [
    (date(2025, 11, 13), START_RIGHT), ("2025-11-13", START_RIGHT), ("13/11/2025", START_RIGHT),
    ("2025-11-14", TOO_LATE), ("2026-02-18", TOO_LATE),
    ("2025-11-12", TOO_EARLY), ("2025-10-30", TOO_EARLY),
    ("2025-11-06", "✘ That date keeps a one-week safety margin; this step asks for the latest "
                   "start without margin."),
    ("2026-02-19", AFTER_DEADLINE), ("2026-02-20", AFTER_DEADLINE),
])
def test_latest_start_messages_off_by_one_day(reads, value, message):
    assert reads(c1_1.check_latest_start, value) == message


@pytest.mark.parametrize("number", [13 / 11 / 2025, 2025 - 11 - 13])
def test_latest_start_typed_without_quotes(reads, autograde, number):
    assert reads(c1_1.check_latest_start, number) == (
        f"✘ `latest_start` is a number ({number!r}): without quotes, Python computed with the "
        "numbers of your date (2025-10-30 is a subtraction). "
        'Write the date in quotes, year first, such as "2025-10-30", or use weeks_before(...) as '
        "in the example.")
    assert recorded(autograde) == {"latest_start": number}


def test_latest_start_unreadable_answers(reads):
    example = 'weeks_before("2026-02-19", 5)'
    assert reads(c1_1.check_latest_start, ...) == unfilled("latest_start", example)
    assert reads(c1_1.check_latest_start, "31/02/2026") == (
        f"✘ `latest_start`: '31/02/2026' is not a date of the calendar; write it like {example} "
        "(year-month-day) or 05/07/2024 (day/month/year).")
    assert reads(c1_1.check_latest_start, True) == (  # a bool is not read as a number
        f"✘ `latest_start` should be a date written like {example} (year-month-day, in quotes) "
        "or 05/07/2024, not True.")


# -- exercise 2, step 2: does a start on 1 December 2025 still fit? ------------------------------
READY_RIGHT = ("✔ Right: starting on 1 December 2025 is after the latest start date, so the plan "
               "does not fit; the CFA must shorten steps or aim at a later round.")
COMPARE = "✘ Compare 1 December 2025 with the latest start date you found above."


@pytest.mark.parametrize(("value", "message"), [
    (False, READY_RIGHT), ("faux", READY_RIGHT), ("non", READY_RIGHT),
    (True, COMPARE), ("vrai", COMPARE),
    ("maybe", "✘ `ready_on_time` should be True or False (capital first letter, no quotes), not "
              "'maybe'."),
    (..., unfilled("ready_on_time", "True")),
])
def test_ready_on_time_messages(reads, value, message):
    assert reads(c1_1.check_ready_on_time, value) == message


@pytest.mark.parametrize(("approval", "fits"), [
    (date(2025, 11, 13), True),  # starting exactly on the latest start still fits
    (date(2025, 11, 12), True),
    (date(2025, 11, 14), False),
])
def test_ready_on_time_edge_of_the_latest_start(monkeypatch, capsys, approval, fits):
    monkeypatch.setattr(case, "director_approval", lambda: approval)
    capsys.readouterr()
    c1_1.check_ready_on_time(fits)
    said = capsys.readouterr().out
    when = f"{approval.day} November 2025"
    assert said == (f"✔ Right: starting on {when} is on or before the latest start date, so "
                    "the plan still fits, as long as no step slips.\n" if fits else
                    f"✔ Right: starting on {when} is after the latest start date, so the plan "
                    "does not fit; the CFA must shorten steps or aim at a later round.\n")
    with pytest.raises(AssertionError, match="^Compare "):
        c1_1.check_ready_on_time(not fits)


# -- the values recorded for the trainer's verdict ---------------------------------------------
def test_each_check_records_the_answer_as_typed_under_its_name(autograde):
    c1_1.check_travel("275 €")
    c1_1.check_days_funded(23)
    c1_1.check_support("1 338,00")
    c1_1.check_trainer_support(2376.0)
    c1_1.check_project_grant(14529)
    c1_1.check_latest_start(date(2025, 11, 13))
    c1_1.check_ready_on_time("faux")
    assert recorded(autograde) == {
        "travel_per_person": "275 €", "days_funded": 23, "support_per_apprentice": "1 338,00",
        "support_trainer": 2376.0, "project_grant": 14529, "latest_start": "2025-11-13",
        "ready_on_time": "faux",
    }
    assert list(recorded(autograde)) == c1_1.ANSWER_NAMES


def test_wrong_answers_are_recorded_too(autograde):
    for check, value in [(c1_1.check_travel, 320), (c1_1.check_latest_start, "2025-11-06"),
                         (c1_1.check_ready_on_time, True), (c1_1.check_support, "a lot")]:
        with pytest.raises(AssertionError):
            check(value)
    assert recorded(autograde) == {"travel_per_person": 320, "latest_start": "2025-11-06",
                                   "ready_on_time": True, "support_per_apprentice": "a lot"}


# -- the traceback a learner reads under nbgrader ------------------------------------------------
@pytest.mark.parametrize(("check", "value"), [
    (c1_1.check_travel, 320), (c1_1.check_travel, ...),
    (c1_1.check_days_funded, 21), (c1_1.check_days_funded, ...),
    (c1_1.check_support, 1000), (c1_1.check_support, ...),
    (c1_1.check_trainer_support, 1000), (c1_1.check_trainer_support, ...),
    (c1_1.check_project_grant, 1000), (c1_1.check_project_grant, ...),
    (c1_1.check_latest_start, "2025-10-30"), (c1_1.check_latest_start, 2001),
    (c1_1.check_latest_start, ...),
    (c1_1.check_ready_on_time, True), (c1_1.check_ready_on_time, "maybe"),
])
def test_the_learners_traceback_shows_the_cell_and_the_message_not_the_checks(check, value):
    from IPython.core.ultratb import FormattedTB

    def cell():
        check(value)

    try:
        cell()
    except AssertionError:
        text = FormattedTB(mode="Context", theme_name="nocolor").text(*sys.exc_info())
    shown = text.split("During handling of the above exception")[-1]
    assert "cell()" in shown and "skipping hidden" in shown
    assert "lessons/checks/" not in shown
