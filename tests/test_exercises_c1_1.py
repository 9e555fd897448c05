"""C1.1 exercise checks: the right answer passes, each usual mistake gets its own advice, what
people naturally type is read, and the case file, the engines and the notebook agree."""

from __future__ import annotations

import re
from datetime import date

import nbformat

from course_lib.lessons.cases import c1_1 as case
from course_lib.lessons.checks import c1_1
from course_lib.lessons.plain_answers import quote_plain_answers

from .conftest import REPO

NOTEBOOK = REPO / "source" / "c1-1-develop" / "c1-1-develop.ipynb"


from .checking import fails, grading  # noqa: E402, F401 - run as under nbgrader autograde


def typed(line: str):
    """The value of an answer line as the learner's kernel reads it (``275 €`` -> ``'275 €'``)."""
    scope: dict = {}
    exec(quote_plain_answers(line), {}, scope)  # noqa: S102 - a test of the course's own transformer
    return next(iter(scope.values()))


# -- exercise 1: the Cork grant (printed day-15 amounts: 46 € learners, 82 € staff, group 1) ----
SUPPORT = 14 * 66 + 9 * 46  # 924 + 414 = 1 338
TRAINER = 14 * 117 + 9 * 82  # 1 638 + 738 = 2 376
TOTAL = 6 * (275 + SUPPORT + 350) + (275 + TRAINER) + 100  # 11 778 + 2 651 + 100 = 14 529


def test_travel():
    c1_1.check_travel(275)  # Lyon-Cork, 1 188 km: band 500-1 999 km, standard
    c1_1.check_travel(typed("travel_per_person = 275 €"))
    assert "green-travel amount" in fails(c1_1.check_travel, 320)
    assert "Do not double" in fails(c1_1.check_travel, 550)
    assert "Find the band of 1 188 km" in fails(c1_1.check_travel, 360)
    assert "still holds `...`" in fails(c1_1.check_travel, ...)
    assert "should be a number" in fails(c1_1.check_travel, "two hundred")


def test_days_funded():
    c1_1.check_days_funded(21 + 2)
    assert "Add the funded travel days" in fails(c1_1.check_days_funded, 21)
    assert "at most 2 travel days" in fails(c1_1.check_days_funded, 27)
    assert "still holds `...`" in fails(c1_1.check_days_funded, ...)


def test_support_of_one_apprentice():
    assert SUPPORT == 1338
    c1_1.check_support(SUPPORT)
    c1_1.check_support(typed("support_per_apprentice = 1 338,00"))  # typed the French way
    c1_1.check_support("1338 €")
    assert "You computed 70 % yourself" in fails(c1_1.check_support, 1339.80)
    assert "46 € for learners in group 1" in fails(c1_1.check_support, "1 339,80")
    assert "lower amount printed" in fails(c1_1.check_support, 23 * 66)
    assert "Include the 2 funded travel days" in fails(c1_1.check_support, 14 * 66 + 7 * 46)
    assert "Ireland is in group 1" in fails(c1_1.check_support, 14 * 57 + 9 * 40)
    assert "Ireland is in group 1" in fails(c1_1.check_support, 14 * 48 + 9 * 34)
    assert "staff amount" in fails(c1_1.check_support, TRAINER)
    assert "Not this amount" in fails(c1_1.check_support, 1000)
    assert "still holds `...`" in fails(c1_1.check_support, ...)


def test_support_of_the_trainer():
    assert TRAINER == 2376
    c1_1.check_trainer_support(TRAINER)
    c1_1.check_trainer_support(typed("support_trainer = 2 376 €"))
    seventy = "You computed 70 % yourself: take the day-15 amount printed in the table (82 €"
    assert seventy in fails(c1_1.check_trainer_support, 2375.10)
    assert "the learners' amount" in fails(c1_1.check_trainer_support, SUPPORT)
    assert "the learners' amount" in fails(c1_1.check_trainer_support, 1339.80)
    assert "lower printed amount" in fails(c1_1.check_trainer_support, 23 * 117)
    assert "leave the travel out" in fails(c1_1.check_trainer_support, 275 + TRAINER)
    assert "Include the 2 funded travel days" in fails(c1_1.check_trainer_support,
                                                       14 * 117 + 7 * 82)
    assert "Ireland is in group 1" in fails(c1_1.check_trainer_support, 14 * 104 + 9 * 73)
    assert "Not this amount" in fails(c1_1.check_trainer_support, 1000)
    assert "still holds `...`" in fails(c1_1.check_trainer_support, ...)


def test_project_grant():
    assert TOTAL == 14529
    c1_1.check_project_grant(TOTAL)
    c1_1.check_project_grant(typed("project_grant = 14 529,00 €"))
    assert "You computed 70 % yourself" in fails(c1_1.check_project_grant, 14538.90)
    assert "inclusion support" in fails(c1_1.check_project_grant, TOTAL - 100)
    assert "not counted for organisational" in fails(c1_1.check_project_grant, TOTAL + 350)
    assert "Add the organisational support" in fails(c1_1.check_project_grant, TOTAL - 6 * 350)
    assert "trainer is funded too" in fails(c1_1.check_project_grant, TOTAL - 275 - TRAINER)
    assert "staff amounts, not the learners'" in fails(c1_1.check_project_grant,
                                                       TOTAL - TRAINER + SUPPORT)
    assert "only for the apprentice" in fails(c1_1.check_project_grant, TOTAL + 500)
    assert "Not this total" in fails(c1_1.check_project_grant, 1000)
    assert "still holds `...`" in fails(c1_1.check_project_grant, ...)


def test_exercise_1_expects_what_the_engine_computes():
    lines = case.cork_budget().lines.set_index("participant_id")
    assert lines.loc["apprentice-2", "individual_support"] == SUPPORT
    assert lines.loc["trainer", "individual_support"] == TRAINER
    assert case.cork_budget().totals["total"] == TOTAL
    assert case.cork_funded_days() == 23 and round(case.cork_distance_km()) == 1188


# -- exercise 2: back-plan without the safety margin -------------------------------------------
def test_back_planning():
    from course_lib.erasmus.planning import weeks_before

    c1_1.check_latest_start(date(2025, 11, 13))  # 19 Feb 2026 - (3 + 6 + 4 + 1) weeks
    c1_1.check_latest_start(weeks_before("2026-02-19", 3 + 6 + 4 + 1))
    c1_1.check_latest_start("2025-11-13")
    c1_1.check_latest_start(typed("latest_start = 13/11/2025"))  # the French way is read too
    assert "safety margin" in fails(c1_1.check_latest_start, "2025-11-06")
    assert "Too late" in fails(c1_1.check_latest_start, "2025-11-20")
    assert "Too early" in fails(c1_1.check_latest_start, "2025-10-30")
    assert "after the deadline" in fails(c1_1.check_latest_start, "2026-03-01")
    assert "year-month-day" in fails(c1_1.check_latest_start, "31/02/2026")
    divided = fails(c1_1.check_latest_start, 13 / 11 / 2025)  # typed without quotes, no transformer
    assert "in quotes, year first" in divided and "2025-11-13" not in divided
    assert "still holds `...`" in fails(c1_1.check_latest_start, ...)


def test_ready_on_time():
    c1_1.check_ready_on_time(False)
    c1_1.check_ready_on_time(typed("ready_on_time = faux"))
    c1_1.check_ready_on_time("false")
    assert "Compare 1 December 2025" in fails(c1_1.check_ready_on_time, True)
    assert "Compare 1 December 2025" in fails(c1_1.check_ready_on_time, "vrai")
    assert "True or False" in fails(c1_1.check_ready_on_time, "maybe")
    assert "still holds `...`" in fails(c1_1.check_ready_on_time, ...)


def test_the_case_back_plan_is_the_engines():
    """The dates of the 'Before submission' table (the case file) are the planning engine's."""
    facts = case.case()["planning"]
    plan = case.ka122_schedule()
    assert plan.warnings == []
    for step in facts["steps_before_submission"]:
        scheduled = plan[step["id"]]
        assert (scheduled.earliest_start, scheduled.earliest_finish) == (step["start"],
                                                                         step["end"])
        assert scheduled.slack_days == 0 and scheduled.task.duration_days == 7 * step["weeks"]
    assert plan["needs_analysis"].latest_start == facts["latest_start_with_margin"]
    assert plan["submission_margin"].earliest_start == facts["submission"]
    assert case.latest_start_without_margin() == facts["latest_start_without_margin"]
    assert plan["call_deadline"].earliest_start == case.DEADLINE
    mobility = case.case()["mobility"]
    assert plan["departure"].earliest_start == mobility["departure"]
    assert plan["return"].earliest_start == mobility["back_at_work"]
    assert plan["mobility"].earliest_finish == mobility["return_travel_end"]
    assert plan["project_start"].earliest_start == case.case()["project"]["start"]


# -- the notebook ------------------------------------------------------------------------------
def test_answer_names_are_the_exercise_answers_of_the_notebook():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    scaffolds = [c.source for c in nb.cells if c.cell_type == "code"
                 and c.metadata.get("nbgrader", {}).get("solution")
                 and not c.source.startswith("test.ask(")]
    names = [re.search(r"^(\w+) = \.\.\.$", s, re.M).group(1) for s in scaffolds]
    assert names == c1_1.ANSWER_NAMES
    tests = [c for c in nb.cells if c.cell_type == "code"
             and c.metadata.get("nbgrader", {}).get("grade") and "test.recorded(" not in c.source]
    assert [t.metadata["course"]["objective"] for t in tests] == [4] * 5 + [5] * 2
    assert sum(t.metadata["nbgrader"]["points"] for t in tests) == 7
