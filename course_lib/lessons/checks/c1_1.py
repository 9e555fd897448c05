"""Checks of the C1.1 validation exercises: the Cork grant and the back-planned application.

Expected values come from the budget and planning engine, never from a stored key; a
wrong answer is compared with the usual mistakes so the message says what to fix.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ...erasmus.planning import weeks_before
from ...erasmus.rates import individual_support, load_rates
from ..cases.c1_1 import CASE_YEAR, CORK, cork_budget, cork_distance_km
from .common import diagnose, expect_bool, expect_date, expect_number, passed, problem

DEADLINE = date(2026, 2, 19)
STEP_WEEKS = (3, 6, 4, 1)
DIRECTOR_APPROVAL = date(2025, 12, 1)


def _rates():
    return load_rates(CASE_YEAR)


def _days() -> int:
    return CORK["activity_days"] + _rates().travel_days["standard"]


def check_travel(travel_per_person: Any) -> None:
    """Exercise 1, step 1: the travel unit cost of one participant."""
    __tracebackhide__ = True
    value = expect_number("travel_per_person", travel_per_person, "180")
    if value is None:
        return
    rates, km = _rates(), cork_distance_km()
    expected = rates.travel_amount(km, green=False)
    diagnose(value, expected, f"Right: {km:,.0f} km falls in the 500–1 999 km band, standard "
             "travel.", [
                 (rates.travel_amount(km, green=True), "That is the green-travel rate. These "
                  "participants fly: use the standard rate of the band."),
                 (2 * expected, "Do not double the amount: the unit cost of the one-way band "
                  "already covers the return trip."),
             ], f"Not this amount. Find the band of {km:,.0f} km (one way) in the call-2021 "
             "travel table, standard column.", tolerance=0.5)


def check_days_funded(days_funded: Any) -> None:
    """Exercise 1, step 2a: activity days + funded travel days (standard: at most 2)."""
    __tracebackhide__ = True
    value = expect_number("days_funded", days_funded, "30 + 2")
    if value is None:
        return
    too_many = ("Too many days: with standard travel (plane), at most 2 travel days are "
                "funded; 6 is the cap for green travel only.")
    diagnose(value, _days(), "Right: 21 days of activity + 2 travel days for standard travel.",
             [(CORK["activity_days"], "Add the funded travel days: individual support also "
               "pays the days spent travelling.")],
             too_many if value > _days() else "Count the days of activity, then add the "
             "travel days funded for standard travel.", tolerance=0)


def check_support(support_per_apprentice: Any) -> None:
    """Exercise 1, step 2b: individual support of one apprentice in Ireland (group 1)."""
    __tracebackhide__ = True
    value = expect_number("support_per_apprentice", support_per_apprentice,
                          "14 * 57 + 16 * 57 * 0.7")
    if value is None:
        return
    rates = _rates()
    group, days = rates.country_group("IE"), _days()

    def support(n: int, g: int = group, role: str = "learner") -> float:
        return individual_support(n, g, role, rates)

    diagnose(value, support(days), f"Right: {support(days):,.2f} € for {days} funded days in "
             f"group {group}.", [
                 (days * rates.daily_rate("learner", group), "From the 15th funded day the "
                  "daily rate drops to 70 %: apply it to the days after day 14."),
                 (support(CORK["activity_days"]), "Include the 2 funded travel days in the "
                  "count of days."),
                 *[(support(days, g), "Check the country group: Ireland is in group 1 in the "
                    "call-2021 table.") for g in (1, 2, 3) if g != group],
                 (support(days, role="staff"), "That is the staff rate; apprentices receive "
                  "the learners' rate."),
             ], "Not this amount. One apprentice: the learners' daily rate for Ireland for "
             "days 1 to 14, then 70 % of it for the remaining funded days.")


def check_project_grant(project_grant: Any) -> None:
    """Exercise 1, step 3: the grant of the whole project."""
    __tracebackhide__ = True
    value = expect_number("project_grant", project_grant,
                          "4 * (320 + 1516.20 + 350) + 320 + 2766.40 + 100")
    if value is None:
        return
    budget, rates = cork_budget(), _rates()
    total = budget.totals["total"]
    lines = budget.lines.set_index("participant_id")
    trainer = float(lines.loc["trainer", "total"])
    org = float(lines.loc["apprentice-1", "organisational_support"])
    inclusion = budget.totals["inclusion_support"]
    group, days = rates.country_group("IE"), _days()
    diagnose(value, total, f"Right: {total:,.2f} € for the project (call-2021 rates).", [
        (total - inclusion, "Add the inclusion support for the apprentice with fewer "
                            "opportunities."),
        (total + org, "The accompanying trainer is not counted for organisational support."),
        (total - trainer, "The accompanying trainer is funded too: travel and individual "
                          "support at the staff rate."),
        (total - individual_support(days, group, "staff", rates)
         + individual_support(days, group, "learner", rates),
         "The trainer, as accompanying person, receives the staff rate, not the learners' "
         "rate."),
        (total + (CORK["apprentices"] - 1) * inclusion, "Inclusion support is paid only for "
         "the apprentice with fewer opportunities, not for every apprentice."),
    ], "Not this total. Add, for the 6 apprentices: travel + individual support + "
       "organisational support; for the trainer: travel + individual support; and the "
       "inclusion support.")


def check_latest_start(latest_start: Any) -> None:
    """Exercise 2, step 1: the latest start of the needs analysis."""
    __tracebackhide__ = True
    value = expect_date("latest_start", latest_start, 'weeks_before("2026-02-19", 5)')
    if value is None:
        return
    expected = weeks_before(DEADLINE, sum(STEP_WEEKS))
    if value == expected:
        return passed(f"Right: the needs analysis must start by {expected:%d %B %Y}.")
    if value > DEADLINE:
        return problem("This date is after the deadline: count backwards from the deadline.")
    if value > expected:
        return problem("Too late: the four steps do not fit before the deadline. Add up the "
                       "durations of all four steps and count back from the deadline.")
    return problem("Too early: count back exactly the total of the four durations from the "
                   "deadline (19 February 2026).")


def check_ready_on_time(ready_on_time: Any) -> None:
    """Exercise 2, step 2: does a start on 1 December 2025 still fit?"""
    __tracebackhide__ = True
    value = expect_bool("ready_on_time", ready_on_time)
    if value is None:
        return
    fits = DIRECTOR_APPROVAL <= weeks_before(DEADLINE, sum(STEP_WEEKS))
    if value == fits:
        return passed("Right: starting on 1 December 2025 is after the latest start date, so "
                      "the plan does not fit; the CFA must shorten steps or aim at a later "
                      "round.")
    return problem("Compare 1 December 2025 with the latest start date you found above.")
