"""C1.2 exercise checks, message by message: what a learner reads for the right answer and for
each usual mistake (the whole sentence, not a fragment), the edges of each rule (one day off,
exactly at a tolerance), how answers are read, and the value each check records.

The figures, by hand from the Porto case and its plan: departure 7 March 2027, return 29 March
2027 (22 nights). The selection (14 days) must start by 21 December 2026, 76 days before; the
tasks waiting for it have latest starts 4 Jan (convention drafts), 16 Jan (OLS), 23 Jan
(learning agreements), 13 Feb (personal documents), 20 Feb (travel booking). Critical path:
call_for_applicants, selection, convention_drafts, opco_request, convention_signatures,
final_check. OLS: earliest 4 Jan, latest 16 Jan, slack 12 (OLS 28 + preparation 21 = 49 days;
drafts 10 + OPCO 30 + signatures 21 = 61). Individual support: 6 995 € spent, 6 745 € granted,
250 € over; the whole project is 355 € under. Hugo (17) lacks the convention (his parent did
not sign), the CEAM and the parent ID copy; Inès (18) lacks the CEAM (expires) and the
emergency contacts.
"""

from __future__ import annotations

from datetime import date

import pytest

from course_lib.lessons.checks import c1_2

from .checking import fails, grading, hidden_frames, recorded, says, unfilled  # noqa: F401

# -- exercise 1a: the latest start of the selection ---------------------------------------------
SELECTION_RIGHT = ("Right: the selection must start by 21 December 2026, 76 days before the "
                   "departure. In a real plan, add a safety margin and check the date against "
                   "holidays.")
ONE_CHAIN = ("You followed one chain only. Several tasks wait for the selection: take the "
             "earliest of their latest starts, then subtract 14 days.")
TOO_EARLY = ("Too early. Add only the durations along one chain (the longest one) from the "
             "selection to the departure.")
TOO_LATE = ("Too late. Follow the longest chain from the selection to the departure and add "
            "every duration on it.")


@pytest.mark.parametrize("typed", ["2026-12-21", "21/12/2026", "21.12.2026",
                                   date(2026, 12, 21)])
def test_latest_start_selection_right(typed, capsys):
    assert says(c1_2.check_latest_start_selection, typed, capsys) == SELECTION_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    ("2027-01-04", "That is the day the next task must start. Subtract the selection's own 14 "
                   "days."),
    ("2026-12-20", "One day too early: you counted one day too many. A task ends the day before "
                   "the next task starts, and the departure is a single day."),
    ("2026-12-22", "One day too late. The final check (1 day) must also fit before the "
                   "departure."),
    ("2026-12-07", "That is the latest start of the call for applicants, the task before the "
                   "selection. Give the selection's own latest start."),
    ("2027-01-02", ONE_CHAIN), ("2027-01-09", ONE_CHAIN), ("2027-01-30", ONE_CHAIN),
    ("2027-02-06", ONE_CHAIN),
    ("2027-03-07", "This date is not before the departure. Count backwards from 7 March 2027."),
    ("2027-04-01", "This date is not before the departure. Count backwards from 7 March 2027."),
    ("2027-03-06", TOO_LATE), ("2026-12-23", TOO_LATE), ("2027-01-03", TOO_LATE),
    ("2026-12-19", TOO_EARLY), ("2026-12-06", TOO_EARLY),
])
def test_latest_start_selection_each_mistake_has_its_sentence(typed, message):
    assert fails(c1_2.check_latest_start_selection, typed) == message


def test_latest_start_selection_blank(tmp_path):
    assert fails(c1_2.check_latest_start_selection, ...) == unfilled(
        "latest_start_selection", '"2027-01-14"')
    assert fails(c1_2.check_latest_start_selection, "31/02/2026") == (
        "`latest_start_selection`: '31/02/2026' is not a date of the calendar; write it like "
        '"2027-01-14" (year-month-day) or 05/07/2024 (day/month/year).')


# -- exercise 1b: the critical path -------------------------------------------------------------
CRITICAL = ["call_for_applicants", "selection", "convention_drafts", "opco_request",
            "convention_signatures", "final_check"]
CRITICAL_RIGHT = ("Right: call_for_applicants → selection → convention_drafts → opco_request → "
                  "convention_signatures → final_check. Any day lost on one of these tasks moves "
                  "the departure.")
EXAMPLE_PATH = '["task_one", "task_two", "task_three"]'


@pytest.mark.parametrize("typed", [CRITICAL, tuple(CRITICAL), [*CRITICAL, "departure"],
                                   "; ".join(CRITICAL), ["departure", *CRITICAL]])
def test_critical_path_right(typed, capsys):
    assert says(c1_2.check_critical_path, typed, capsys) == CRITICAL_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    ([], f"`critical_path` is empty: list the tasks with no slack, for example {EXAMPLE_PATH}."),
    (["departure"], f"`critical_path` is empty: list the tasks with no slack, for example "
                    f"{EXAMPLE_PATH}."),
    (CRITICAL[::-1], "Right tasks, wrong order: list them from the first to the last."),
    ([*CRITICAL, "learning_agreements", "ols"],
     "The learning agreements have 19 days of slack. The tight branch into the signatures goes "
     "through the conventions and the OPCO."),
    ([*CRITICAL, "preparation"], "OLS and the preparation sessions have 12 days of slack: they "
                                 "are not on the critical path."),
    (["ols"], "OLS and the preparation sessions have 12 days of slack: they are not on the "
              "critical path."),
    ([*CRITICAL, "travel_booking", "personal_documents"],
     "That task has a lot of slack (40 days or more): keep only tasks with no slack."),
    ([*CRITICAL, "travel_booking"],
     "That task has a lot of slack (47 days or more): keep only tasks with no slack."),
    (CRITICAL[1:], "Start from the first task of the plan: the tight chain begins before the "
                   "selection."),
    (CRITICAL[:-1], "Some tasks with no slack are missing. Follow the chain where every task "
                    "starts on its latest date, from the first task of the plan to the final "
                    "check."),
    (["x", "OPCO"], "'x' is not a task of the table. Use the ids of the table, for example "
                    '"opco_request".'),
    (1, f"`critical_path` should be a list in square brackets, each name in quotes, for example "
        f"{EXAMPLE_PATH}, not 1."),
    (["selection", 2], f"`critical_path` should be a list in square brackets, each name in "
                       f"quotes, for example {EXAMPLE_PATH}, not ['selection', 2]."),
    (..., unfilled("critical_path", EXAMPLE_PATH)),
])
def test_critical_path_each_mistake_has_its_sentence(typed, message):
    assert fails(c1_2.check_critical_path, typed) == message


def test_critical_path_every_task_is_not_the_answer():
    every = ["call_for_applicants", "selection", "learning_agreements", "convention_drafts",
             "ols", "travel_booking", "personal_documents", "opco_request", "preparation",
             "convention_signatures", "final_check"]
    assert fails(c1_2.check_critical_path, every) == "Keep only the tasks with no slack at all."


def test_critical_path_records_what_was_typed(tmp_path):
    with pytest.raises(AssertionError):
        c1_2.check_critical_path("selection, ols")
    assert recorded(tmp_path) == {"critical_path": "selection, ols"}


# -- exercise 1c: the slack of OLS --------------------------------------------------------------
SLACK_RIGHT = ("Right: 12 days. OLS can start the day after the selection ends (4 January "
               "2027) and must start by 16 January 2027.")
ONE_DAY_OFF = ("Nearly: you are one day off. Slack = latest start − the day the task can start "
               "at the earliest, in days.")
ONE_BRANCH = ("That is the length of one branch. The slack is the difference between the "
              "longest branch and the OLS branch.")
SLACK_NOT = ("Not this number. Find the day OLS can start at the earliest (the end of the "
             "selection) and its latest start, then count the days between them.")


@pytest.mark.parametrize("typed", [12, 12.0, "12", "12,0"])
def test_slack_ols_right_exactly(typed, capsys):
    assert says(c1_2.check_slack_ols, typed, capsys) == SLACK_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (12.5, SLACK_NOT), (11.5, SLACK_NOT), (11, ONE_DAY_OFF), (13, ONE_DAY_OFF),
    (10, SLACK_NOT), (14, SLACK_NOT),
    (0, "OLS is not on the critical path. Compare the day it can start (end of the selection) "
        "with its latest start."),
    (19, "That is the slack of the learning agreements. Use the OLS and preparation branch."),
    (49, ONE_BRANCH), (61, ONE_BRANCH), (48, SLACK_NOT), (60, SLACK_NOT), (30, SLACK_NOT),
    ("2027-01-16", "Give a number of days, for example 5, not a date."),
    (" 16/1/2027 ", "Give a number of days, for example 5, not a date."),
    (date(2027, 1, 16), "Give a number of days, for example 5, not a date."),
    (..., unfilled("slack_ols", "5")),
    ("douze", "`slack_ols` should be a number such as 5, not 'douze'."),
])
def test_slack_ols_each_mistake_has_its_sentence(typed, message):
    assert fails(c1_2.check_slack_ols, typed) == message


def test_slack_ols_records_the_date_given(tmp_path):
    with pytest.raises(AssertionError):
        c1_2.check_slack_ols("2027-01-16")
    assert recorded(tmp_path) == {"slack_ols": "2027-01-16"}


# -- exercise 2a: the overspent category --------------------------------------------------------
CATEGORY_RIGHT = ("Right: individual support is over its grant, although the project as a whole "
                  "is 355.00 € under.")
UNDER = ("That category is under its grant. Compute actual − grant for each category: only a "
         "positive difference is an overspend.")
TOTAL_HINT = "The total is under the grant, but check each category: one of them is over."


@pytest.mark.parametrize("typed", ["individual support", "Soutien individuel", "individual",
                                   ["individual_support"], ("Individual-Support",)])
def test_over_category_right(typed, capsys):
    assert says(c1_2.check_over_category, typed, capsys) == CATEGORY_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    ("voyage", UNDER), ("organizational", UNDER), ("inclusion", UNDER), (["travel"], UNDER),
    ("none", TOTAL_HINT), ("", TOTAL_HINT), (None, TOTAL_HINT), ("Rien", TOTAL_HINT),
    ("0", TOTAL_HINT), ("pas de", TOTAL_HINT),
    ("total", "Compare category by category, not the total."),
    ("Whole project", "Compare category by category, not the total."),
    ("project", "Compare category by category, not the total."),
    ("food", 'Use one of the four category names of the grant table, in quotes: "travel", '
             '"individual support", "organisational support" or "inclusion support".'),
    (1, '`over_category` should be one category name in quotes, for example '
        '`over_category = "travel"`, not 1.'),
    (["travel", "individual support"], '`over_category` should be one category name in quotes, '
     "for example `over_category = \"travel\"`, not ['travel', 'individual support']."),
    (..., unfilled("over_category", '"travel"')),
])
def test_over_category_each_mistake_has_its_sentence(typed, message):
    assert fails(c1_2.check_over_category, typed) == message


def test_over_category_records_the_list_typed(tmp_path):
    with pytest.raises(AssertionError):
        c1_2.check_over_category(["travel"])
    assert recorded(tmp_path) == {"over_category": ["travel"]}


# -- exercise 2b: the overspend -----------------------------------------------------------------
OVERSPEND_RIGHT = ("Right: 6 995.00 € spent against a grant of 6 745.00 €, 250.00 € over. The CFA "
                   "covers the difference from its own resources or from savings in other "
                   "categories, within the rules on budget transfers of your grant agreement.")
WHOLE = ("That is the difference of the whole project, which is under its grant. Give the "
         "difference of one category.")
ONE_SIDE = "That is the spending (or the grant) of the category. Give the difference between them."
TRAINER = ("Include the trainer on both sides: his individual support is in the grant and his "
           "meals are in the spending.")
NIGHTS = "Recount the nights in the flats: the group arrives on 7 March and leaves on 29 March."
OVERSPEND_NOT = ("Not this amount. Add the four individual-support lines of the spending table, "
                 "then subtract the individual-support grant.")


@pytest.mark.parametrize("typed", [250, 250.5, 249.5, "250 €", "250,00"])
def test_overspend_right_within_half_a_euro(typed, capsys):
    assert says(c1_2.check_overspend, typed, capsys) == OVERSPEND_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (250.51, OVERSPEND_NOT), (249.49, OVERSPEND_NOT), (100, OVERSPEND_NOT),
    (-250, "Give the overspend as a positive amount: actual spending minus grant."),
    (-249.5, "Give the overspend as a positive amount: actual spending minus grant."),
    (355, WHOLE), (-355, WHOLE), (355.5, WHOLE),
    (6995, ONE_SIDE), ("6 745", ONE_SIDE),
    (255.4, "The case uses the amounts printed in the annex from day 15: 40 € for learners and "
            "73 € for the accompanying person."),
    (6995 - 4632, TRAINER), (6420 - 6745, TRAINER), (6420 - 4632, TRAINER),
    (-190, NIGHTS), (30, NIGHTS), (470, NIGHTS), (30.5, NIGHTS), (31, OVERSPEND_NOT),
    (..., unfilled("overspend", "300")),
])
def test_overspend_each_mistake_has_its_sentence(typed, message):
    assert fails(c1_2.check_overspend, typed) == message


# -- exercise 3: the participant files -----------------------------------------------------------
HUGO = ["convention de mobilité", "CEAM", "parent ID copy"]
HUGO_EXAMPLE = '["learning agreement", "insurance certificate"]'
NEVER = "One document was never received: read the 'Received' column again."


def test_missing_documents_right(capsys):
    assert says(c1_2.check_missing_hugo, "convention, EHIC, parent ID", capsys) == (
        "Right: Hugo's file still lacks convention de mobilité, CEAM, parent ID copy. Claire "
        "obtains them before the final check.")
    assert says(c1_2.check_missing_ines, {"ceam", "emergency contact"}, capsys) == (
        "Right: Inès's file still lacks CEAM, emergency contacts. Claire obtains them before the "
        "final check.")


@pytest.mark.parametrize(("typed", "message"), [
    (["CEAM", "parent ID copy"], "Check every signature: Hugo is 17, so one more person must "
                                 "sign the convention de mobilité."),
    (["parent ID copy"], "Check every signature: Hugo is 17, so one more person must sign the "
                         "convention de mobilité."),
    (["convention de mobilité", "CEAM"], "An AST counts only with the copy of the signing "
                                         "parent's identity document."),
    (["convention de mobilité", "parent ID copy"], NEVER),
    ([*HUGO, "AST"], "Hugo's AST is in the file, signed by his father: it is not missing."),
    ([*HUGO, "insurance"], "'insurance certificate' is in the file, complete and valid until 29 "
                           "March 2027: remove it."),
    ([*HUGO, "passport"], "'identity document' is in the file, complete and valid until 29 "
                          "March 2027: remove it."),
    ([*HUGO, "insurance", "LA"], "'learning agreement' is in the file, complete and valid until "
                                 "29 March 2027: remove it."),
    ([], "Something is missing: check each document against the two rules (complete, valid "
         "until 29 March)."),
    (["passport photo", "CEAM"], "'passport photo' is not a name of the checklist. Use the names "
                                 'of the checklist, for example "identity document".'),
    ([*HUGO, "A1"], "The A1 certificate is in the employer's file, not in the participant's file "
                    "checked here: remove it."),
    ([*HUGO, "formulaire A1"], "The A1 certificate is in the employer's file, not in the "
                               "participant's file checked here: remove it."),
    (1, f"`missing_hugo` should be a list in square brackets, each name in quotes, for example "
        f"{HUGO_EXAMPLE}, not 1."),
    (None, f"`missing_hugo` should be a list in square brackets, each name in quotes, for "
           f"example {HUGO_EXAMPLE}, not None."),
    (..., unfilled("missing_hugo", HUGO_EXAMPLE)),
])
def test_missing_hugo_each_mistake_has_its_sentence(typed, message):
    assert fails(c1_2.check_missing_hugo, typed) == message


@pytest.mark.parametrize(("typed", "message"), [
    (["CEAM", "emergency contacts", "AST"], "Inès is 18 on departure day: the AST and the "
                                            "parent's ID copy are for minors only."),
    (["CEAM", "emergency contacts", "parent ID copy"], "Inès is 18 on departure day: the AST "
     "and the parent's ID copy are for minors only."),
    (["CEAM", "emergency contacts", "convention"], "Inès is an adult: the convention de "
     "mobilité needs no legal representative, and it is complete."),
    (["CEAM", "emergency contacts", "insurance"], "'insurance certificate' is in the file, "
     "complete and valid until 29 March 2027: remove it."),
    (["emergency contacts"], "A document counts only if it is valid until the return date (29 "
                             "March 2027): check the CEAM's end date."),
    (["CEAM"], NEVER),
    (..., unfilled("missing_ines", '["learning agreement"]')),
])
def test_missing_ines_each_mistake_has_its_sentence(typed, message):
    assert fails(c1_2.check_missing_ines, typed) == message


def test_missing_documents_record_what_was_typed(tmp_path):
    with pytest.raises(AssertionError):
        c1_2.check_missing_hugo("CEAM")
    with pytest.raises(AssertionError):
        c1_2.check_missing_ines(("CEAM",))
    assert recorded(tmp_path) == {"missing_hugo": "CEAM", "missing_ines": ["CEAM"]}


@pytest.mark.parametrize(("check", "value"), [
    (c1_2.check_latest_start_selection, "2026-11-01"), (c1_2.check_critical_path, ...),
    (c1_2.check_critical_path, ["ols"]), (c1_2.check_slack_ols, "2027-01-16"),
    (c1_2.check_slack_ols, 30), (c1_2.check_over_category, ...),
    (c1_2.check_over_category, "travel"), (c1_2.check_overspend, 100),
    (c1_2.check_missing_hugo, ...), (c1_2.check_missing_hugo, 1),
    (c1_2.check_missing_ines, ["CEAM"]),
])
def test_c1_2_frames_are_hidden_from_the_traceback(check, value):
    hide = hidden_frames(check, value, "lessons/checks/c1_2.py")
    assert hide and all(h is True for h in hide), hide
