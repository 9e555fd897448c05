"""Exercise 2 of C5: the mobility action's indicators."""

from __future__ import annotations

from typing import Any

from ...cases import c5 as case
from ..common import passed, problem
from .reading import (  # noqa: F401,E501
    _blank,
    _bool,
    _first,
    _integer_step,
    _near,
    _number,
    _rate_matches,
    _rate_text,
    plain,
)


def check_mobile_apprentices(mobile_apprentices: Any) -> None:
    """Exercise 2, step 2a: the apprentices who actually went abroad."""
    __tracebackhide__ = True
    value = _integer_step("mobile_apprentices", mobile_apprentices, "12")
    if value is None:
        return
    expected = case.mobile_apprentices()
    if _near(value, expected, 0):
        return passed(f"Right: {expected} apprentices went abroad; the apprentice who "
                      "cancelled before departure and the accompanying trainers are not "
                      "counted.")
    year = case.school_year()
    advice = _first(value, [
        (case.selected_apprentices(), "One apprentice cancelled before departure: look at the "
         "column status and count only those who went."),
        (case.people_abroad(), "You counted the accompanying trainers too. Count apprentices "
         "only."),
        (len(case.mobilities()), "You counted every row. Keep only the apprentices who went."),
        (len(case.groups()), "That is the number of groups. Count the apprentices."),
        (int(case.enrolled()[year]), "That is the number of apprentices enrolled. Count those "
         "who went abroad."),
    ], 0)
    problem(advice or "Not this number. Count the rows where role is apprentice and status is "
            "went.")


def check_destinations(destinations: Any) -> None:
    """Exercise 2, step 2b: the different destination cities where a mobility took place."""
    __tracebackhide__ = True
    value = _number("destinations", destinations, "3", "Count the different cities and give "
                    "the number, for example `destinations = 3`.")
    if value is None:
        return
    expected = case.destination_cities()
    if _near(value, expected, 0):
        return passed(f"Right: {expected} cities in {case.destination_countries()} countries; "
                      "a city that hosts two groups would count once.")
    people = {case.mobile_apprentices(), case.selected_apprentices(), case.people_abroad(),
              len(case.mobilities())}
    if _near(value, case.destination_countries(), 0):
        return problem("You counted countries. This step asks for cities: count each different "
                       "city once.")
    if value in people:
        return problem("You counted people. Count each different city once.")
    if value > expected:
        return problem("Too many: count each different city once.")
    problem("Not this number. Look at the column city of the mobilities that took place and "
            "count each different city once.")




def check_mobility_rate(mobility_rate: Any) -> None:
    """Exercise 2, step 2c: apprentices who went / apprentices enrolled x 100, in percent."""
    __tracebackhide__ = True
    value = _number("mobility_rate", mobility_rate, "1.8", "You gave a table of several "
                    "values. Give one number, for example `mobility_rate = 12 / 800 * 100`.")
    if value is None:
        return
    year = case.school_year()
    previous = case.case()["previous_year"]["school_year"]
    enrolled, went = int(case.enrolled()[year]), case.mobile_apprentices()
    expected = case.mobility_rate()
    if _near(value, expected, 0.05):
        return passed(f"Right: {went} / {case.number(enrolled)} x 100 = {expected:.2f} %, "
                      f"about {expected:.1f} %.")
    if 0 < value < 1 and _near(value * 100, expected, 0.05):
        return problem("You gave a share between 0 and 1. Multiply by 100 to get a percentage.")
    mistakes = [
        (case.selected_apprentices() / enrolled * 100, "Your numerator includes the "
         "apprentice who cancelled. Use only the apprentices who went."),
        (case.people_abroad() / enrolled * 100, "Your numerator includes the accompanying "
         "trainers. Use apprentices only."),
        (len(case.mobilities()) / enrolled * 100, "Your numerator includes the accompanying "
         "trainers. Use apprentices only."),
        (went / int(case.enrolled()[previous]) * 100, f"You divided by the "
         f"{case.dash(previous)} enrolment. Use the {case.dash(year)} figure, enrolled."),
        (case.mobility_rate(previous), f"That is the {case.dash(previous)} rate of the lesson. "
         f"Compute the {case.dash(year)} rate."),
        (enrolled / went, "You divided the enrolment by the number of mobile apprentices. "
         "Divide the other way round."),
    ]
    advice = next((a for target, a in mistakes if _rate_matches(value, target)), None)
    if advice is None and value == round(expected) and float(value).is_integer():
        advice = "Give one decimal, for example 1.8."
    problem(advice or "Not this rate. Divide the apprentices who went (step 2a) by enrolled, "
            "then multiply by 100.")




def check_above_national(above_national: Any) -> None:
    """Exercise 2, step 2d: is the rate above the national figure (2.1 %, 2018-2019)?"""
    __tracebackhide__ = True
    value = _bool("above_national", above_national)
    if value is None:
        return
    national = case.reference("national_rate_2018_2019")
    expected = case.mobility_rate() > national["percent"]
    if value == expected:
        return passed(f"Right: {_rate_text()} in {case.dash(case.school_year())} is "
                      f"{'above' if expected else 'not above'} the last national figure found "
                      f"({national['percent']:g} % in {case.dash(national['year'])}, secondary "
                      "source). Write both years in any sentence that compares them.")
    problem(f"Compare your {case.dash(case.school_year())} rate from step 2c with "
            f"{national['percent']:g} %.")


def check_reaches_eu_target(reaches_eu_target: Any) -> None:
    """Exercise 2, step 2e: does the rate reach the EU target of 12 % for 2030?"""
    __tracebackhide__ = True
    value = _bool("reaches_eu_target", reaches_eu_target)
    if value is None:
        return
    eu = case.reference("eu_target_2030")
    national = case.reference("national_rate_2018_2019")
    expected = case.mobility_rate() >= eu["percent"]
    if value == expected:
        return passed(f"Right: {case.mobile_apprentices()} apprentices went to "
                      f"{case.destination_cities()} cities in {case.destination_countries()} "
                      f"countries; {_rate_text()} "
                      f"{'reaches' if expected else 'is far from'} the EU target of "
                      f"{eu['percent']:g} % of VET learners by 2030, which is an EU-level "
                      "horizon, not a rule for one CFA.")
    problem(f"Compare your rate from step 2c with {eu['percent']:g} %, not with "
            f"{national['percent']:g} %.")
