"""Checks of the C1.1 validation exercises: the Cork grant and the back-planned application.

Expected values come from the case (``data/cases/c1-1-develop.yaml``) through the budget and
planning engines, never from a stored key; a wrong answer is compared with the usual mistakes
so the message says what to fix, not the answer. The call-2021 table pays the day-15 amounts
as printed (46/40/34 € for learners, 82/73/64 € for staff and accompanying persons).
"""

from __future__ import annotations

from typing import Any

from ...erasmus.rates import individual_support
from ...quiz.values import record_value
from ..cases import c1_1 as case
from .common import diagnose, expect_bool, expect_date, expect_number, passed, problem

#: The exercise variables, for ``before_you_submit(test, ANSWER_NAMES)``.
ANSWER_NAMES = ["travel_per_person", "days_funded", "support_per_apprentice",
                "support_trainer", "project_grant", "latest_start", "ready_on_time"]


def _group() -> int:
    return case.rates().country_group(case.cork()["destination"]["country"])


def _support(days: int, role: str = "learner", group: int | None = None) -> float:
    """Individual support with the printed day-15 amounts (the engine's rule)."""
    return individual_support(days, _group() if group is None else group, role, case.rates())


def _computed_70(days: int, role: str = "learner", group: int | None = None) -> float:
    """The usual mistake: 70 % of the first-day amount computed to the cent."""
    daily = case.rates().daily_rate(role, _group() if group is None else group)
    first = min(days, 14)
    return round(first * daily + (days - first) * daily * 0.7, 2)


def _printed_day15(role: str) -> float:
    return _support(15, role) - _support(14, role)


def _km(km: float) -> str:
    return f"{km:,.0f}".replace(",", " ")


def _euros(amount: float) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".00", "")


# -- exercise 1: the grant of the Cork project ------------------------------------------------
def check_travel(travel_per_person: Any) -> None:
    """Exercise 1, step 1: the travel unit cost of one participant."""
    __tracebackhide__ = True
    value = expect_number("travel_per_person", travel_per_person, "180")
    if value is None:
        return
    rates, km = case.rates(), case.cork_distance_km()
    expected = rates.travel_amount(km, green=False)
    diagnose(value, expected, f"Right: {_km(km)} km falls in the 500–1 999 km band, standard "
             "travel.", [
                 (rates.travel_amount(km, green=True), "That is the green-travel amount. These "
                  "participants fly: use the standard column of the band."),
                 (2 * expected, "Do not double the amount: the unit cost of the one-way band "
                  "already covers the return trip."),
             ], f"Not this amount. Find the band of {_km(km)} km (one way) in the call-2021 "
             "travel table, standard column.", tolerance=0.5)


def check_days_funded(days_funded: Any) -> None:
    """Exercise 1, step 2a: activity days + funded travel days (standard: at most 2)."""
    __tracebackhide__ = True
    value = expect_number("days_funded", days_funded, "30 + 2")
    if value is None:
        return
    days, activity = case.cork_funded_days(), case.cork()["activity_days"]
    too_many = ("Too many days: with standard travel (plane), at most 2 travel days are "
                "funded; 6 is the cap for green travel only.")
    diagnose(value, days, f"Right: {activity} days of activity + 2 travel days for standard "
             "travel.",
             [(activity, "Add the funded travel days: individual support also pays the days "
               "spent travelling.")],
             too_many if value > days else "Count the days of activity, then add the travel "
             "days funded for standard travel.", tolerance=0)


def check_support(support_per_apprentice: Any) -> None:
    """Exercise 1, step 2b: individual support of one apprentice in Ireland (group 1)."""
    __tracebackhide__ = True
    value = expect_number("support_per_apprentice", support_per_apprentice,
                          "14 * 57 + 16 * 40")
    if value is None:
        return
    rates, group = case.rates(), _group()
    days, activity = case.cork_funded_days(), case.cork()["activity_days"]
    expected = _support(days)
    diagnose(value, expected, f"Right: {_euros(expected)} € for {days} funded days in group "
             f"{group}: 14 days at {rates.daily_rate('learner', group):.0f} €, then the printed "
             f"day-15 amount of {_printed_day15('learner'):.0f} €.", [
                 (_computed_70(days), "You computed 70 % yourself: take the printed day-15 "
                  f"amount ({_printed_day15('learner'):.0f} € for learners in group {group})."),
                 (days * rates.daily_rate("learner", group), "From the 15th funded day, use the "
                  "lower amount printed in the table for days 15 onwards."),
                 (_support(activity), "Include the 2 funded travel days in the count of days."),
                 *[(_support(days, group=g), "Check the country group: Ireland is in group 1 "
                    "in the call-2021 table.") for g in (1, 2, 3) if g != group],
                 (_support(days, "staff"), "That is the staff amount; apprentices receive the "
                  "learners' amounts."),
             ], "Not this amount. One apprentice: the learners' amount for Ireland for days 1 to "
             "14, then the amount printed for day 15 onwards for the remaining funded days.",
             tolerance=0.5)


def check_trainer_support(support_trainer: Any) -> None:
    """Exercise 1, step 3: individual support of the accompanying trainer (staff amounts)."""
    __tracebackhide__ = True
    value = expect_number("support_trainer", support_trainer, "14 * 104 + 16 * 73")
    if value is None:
        return
    rates, group = case.rates(), _group()
    days, activity = case.cork_funded_days(), case.cork()["activity_days"]
    expected = _support(days, "staff")
    travel = rates.travel_amount(case.cork_distance_km(), green=False)
    learners = "That is the learners' amount; the trainer, as accompanying person, receives " \
               "the staff amounts."
    diagnose(value, expected, f"Right: {_euros(expected)} € for {days} funded days: 14 days at "
             f"{rates.daily_rate('staff', group):.0f} €, then the printed day-15 amount of "
             f"{_printed_day15('staff'):.0f} €.", [
                 (_computed_70(days, "staff"), "You computed 70 % yourself: take the day-15 "
                  f"amount printed in the table ({_printed_day15('staff'):.0f} € for staff in "
                  f"group {group})."),
                 (_support(days), learners),
                 (_computed_70(days), learners),
                 (days * rates.daily_rate("staff", group), "From the 15th funded day, use the "
                  "lower printed amount."),
                 (expected + travel, "Individual support only: leave the travel out here."),
                 (_support(activity, "staff"), "Include the 2 funded travel days in the count "
                  "of days: the trainer travels with the apprentices."),
                 *[(_support(days, "staff", g), "Check the country group: Ireland is in group 1 "
                    "in the call-2021 table.") for g in (1, 2, 3) if g != group],
             ], "Not this amount. The trainer: the staff amount for Ireland for days 1 to 14, "
             "then the amount printed for day 15 onwards, over the same funded days as an "
             "apprentice.", tolerance=0.5)


def check_project_grant(project_grant: Any) -> None:
    """Exercise 1, step 4: the grant of the whole project."""
    __tracebackhide__ = True
    value = expect_number("project_grant", project_grant,
                          "4 * (320 + 1518 + 350) + 320 + 2770 + 100")
    if value is None:
        return
    budget, c = case.cork_budget(), case.cork()
    totals, days = budget.totals, case.cork_funded_days()
    total, inclusion = totals["total"], totals["inclusion_support"]
    lines = budget.lines.set_index("participant_id")
    trainer = float(lines.loc["trainer", "total"])
    org = float(lines.loc["apprentice-1", "organisational_support"])
    computed_70 = total + (c["apprentices"] * (_computed_70(days) - _support(days))
                           + _computed_70(days, "staff") - _support(days, "staff"))
    diagnose(value, total, f"Right: {_euros(total)} € for the project (call-2021 amounts).", [
        (computed_70, "You computed 70 % yourself: take the printed day-15 amounts (46 € for "
                      "learners and 82 € for staff in group 1)."),
        (total - inclusion, "Add the inclusion support for the apprentice with fewer "
                            "opportunities."),
        (total + org, "The accompanying trainer is not counted for organisational support."),
        (total - totals["organisational_support"], "Add the organisational support: 350 € for "
                                                   "each apprentice."),
        (total - trainer, "The accompanying trainer is funded too: travel and individual "
                          "support at the staff amounts."),
        (total - _support(days, "staff") + _support(days),
         "The trainer, as accompanying person, receives the staff amounts, not the learners'."),
        (total + (c["apprentices"] - 1) * inclusion, "Inclusion support is paid only for "
         "the apprentice with fewer opportunities, not for every apprentice."),
    ], "Not this total. Add, for the 6 apprentices: travel + individual support + "
       "organisational support; for the trainer: travel + individual support; and the "
       "inclusion support.", tolerance=0.5)


# -- exercise 2: back-plan the application ----------------------------------------------------
def check_latest_start(latest_start: Any) -> None:
    """Exercise 2, step 1: the latest start of the needs analysis, without safety margin."""
    __tracebackhide__ = True
    if isinstance(latest_start, (int, float)) and not isinstance(latest_start, bool):
        record_value("latest_start", latest_start)
        return problem(f"`latest_start` is a number ({latest_start!r}): without quotes, "
                       "Python computed with the numbers of your date (2025-10-30 is a "
                       "subtraction). Write the date in quotes, year first, such as "
                       '"2025-10-30", or use weeks_before(...) as in the example.')
    value = expect_date("latest_start", latest_start, 'weeks_before("2026-02-19", 5)')
    if value is None:
        return
    deadline, expected = case.DEADLINE, case.latest_start_without_margin()
    with_margin = case.case()["planning"]["latest_start_with_margin"]
    if value == expected:
        return passed(f"Right: without safety margin, the needs analysis must start by "
                      f"{expected.day} {expected:%B %Y}, {sum(case.step_weeks())} weeks before "
                      "the deadline.")
    if value >= deadline:
        return problem("This date is on or after the deadline: count backwards from the "
                       "deadline.")
    if value == with_margin:
        return problem("That date keeps a one-week safety margin; this step asks for the "
                       "latest start without margin.")
    if value > expected:
        return problem("Too late: the four steps do not fit before the deadline. Add up the "
                       "durations of all four steps and count back from the deadline.")
    return problem("Too early: count back exactly the total of the four durations from the "
                   f"deadline ({deadline.day} {deadline:%B %Y}).")


def check_ready_on_time(ready_on_time: Any) -> None:
    """Exercise 2, step 2: does a start on the director's late approval still fit?"""
    __tracebackhide__ = True
    value = expect_bool("ready_on_time", ready_on_time)
    if value is None:
        return
    approval = case.director_approval()
    fits = approval <= case.latest_start_without_margin()
    when = f"{approval.day} {approval:%B %Y}"
    if value == fits:
        if fits:
            return passed(f"Right: starting on {when} is on or before the latest start date, "
                          "so the plan still fits, as long as no step slips.")
        return passed(f"Right: starting on {when} is after the latest start date, so the plan "
                      "does not fit; the CFA must shorten steps or aim at a later round.")
    return problem(f"Compare {when} with the latest start date you found above.")
