"""Checks of the C5 validation exercises: the satisfaction survey (exercise 1) and the
mobility action's indicators (exercise 2), in the "Retour d'Europe" case.

Expected values are computed with pandas from the case (:mod:`course_lib.lessons.cases.c5`):
the survey's means and shares, the weak questions, the apprentices who went, the destinations
and the mobility rate, compared with the reference figures of the case. A wrong answer is
compared with the usual mistakes (the example's column, another question, a sum, a share
between 0 and 1, the cancelled apprentice, the trainers...), so the message says what to
change, not the answer. What people type is read: ``4,4``, ``"88 %"``, a pandas result
(``numpy`` number, a Series of one value), ``faux``, ``"q3, q4"``; the value each check is
given is recorded as plain data so that the trainer's verdict is the same.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ...quiz.questions import AnswerError, parse_number
from ...quiz.values import record_value
from ..cases import c5 as case
from .common import passed, problem

ANSWER_NAMES = ["mean_overall", "share_satisfied_tasks", "weak_questions",
                "mobile_apprentices", "destinations", "mobility_rate", "above_national",
                "reaches_eu_target"]

_TRUE = ("true", "vrai", "oui", "yes")
_FALSE = ("false", "faux", "non", "no")
_QUOTES = "\"'“”‘’«»"


def _blank(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, for example "
            f"`{name} = {example}`, then run the cell again.")


def plain(value: Any) -> Any:
    """``value`` as plain Python data: a numpy number becomes a number; a pandas Series, Index,
    DataFrame or array of one value becomes that value, of several values a list.

    >>> plain(pd.Series([4.4])), plain(pd.Series([1, 2])), plain(("a", "b"))
    (4.4, [1, 2], ['a', 'b'])
    """
    if isinstance(value, pd.DataFrame):
        value = value.to_numpy().ravel()
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        values = list(value)
        return plain(values[0]) if len(values) == 1 else [plain(v) for v in values]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


# -- numbers ----------------------------------------------------------------------------------
def _number(name: str, value: Any, example: str, several: str) -> float | None:
    """The number a learner gave, or ``None`` after saying what to change."""
    __tracebackhide__ = True
    if callable(value) and not isinstance(value, (pd.Series, pd.DataFrame)):
        record_value(name, repr(value)[:60])
        problem(f"`{name}` holds a method, not a number: add the round brackets at the end, "
                "as in the example: .mean()")
        return None
    value = plain(value)
    record_value(name, value)
    if value is Ellipsis or value is None:
        problem(_blank(name, example))
        return None
    if isinstance(value, (list, set, dict)):
        problem(several)
        return None
    if isinstance(value, bool):
        problem(f"`{name}` should be a number such as {example}, not {value}.")
        return None
    if isinstance(value, str):
        text = value.strip().strip(_QUOTES).strip()
        text = re.sub(r"\s*%$", "", text)
        if not re.fullmatch(r"-?[\d\s\u00a0\u202f]*[\d][\d\s\u00a0\u202f]*([.,]\d+)?", text):
            problem(f"Type the number only, for example {example}.")
            return None
        value = text
    try:
        number = parse_number(value)
    except AnswerError:
        problem(f"`{name}` should be a number such as {example}, not {value!r}.")
        return None
    return number


def _near(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance + 1e-9


def _first(value: float, mistakes: list[tuple[float, str]], tolerance: float) -> str | None:
    return next((advice for target, advice in mistakes if _near(value, target, tolerance)),
                None)


# -- exercise 1: the satisfaction survey -------------------------------------------------------
def _ex1() -> Any:
    return case.case()["exercise_1"]


def check_mean_overall(mean_overall: Any) -> None:
    """Exercise 1, step 1a: the mean score of the question named in the cell (q5_overall)."""
    __tracebackhide__ = True
    question, example = _ex1()["mean_of"], _ex1()["example_question"]
    value = _number("mean_overall", mean_overall, "3.5",
                    "You gave a table of several means. Select one column, as in the example, "
                    "then .mean().")
    if value is None:
        return
    expected = case.mean_score(question)
    tolerance = 0.01
    if _near(value, expected, tolerance):
        return passed(f"Right: the {len(case.survey())} answers to {question} add up to "
                      f"{case.survey()[question].sum()}, and "
                      f"{case.survey()[question].sum()} / {len(case.survey())} = "
                      f"{expected:.2f}.")
    frame = case.survey()
    all_five = float(frame[case.questions()].stack().mean())
    mistakes = [(case.mean_score(example), f"That is the mean of {example}, the column of the "
                 "example. Change the column name to the one this step asks for.")]
    mistakes += [(case.mean_score(q), "That is the mean of another question. Use the column "
                  "named in the comment of the cell.")
                 for q in case.questions() if q not in (question, example)]
    mistakes += [
        (float(frame[question].sum()), "That is the total of the answers. Use .mean() "
         "instead of .sum()."),
        (case.satisfied_share(question), "That is a share of satisfied respondents. This step "
         "asks for the mean score: .mean() of the column, without >= 4."),
        (case.satisfied_share(question) / 100, "That is a share of satisfied respondents. "
         "This step asks for the mean score: .mean() of the column, without >= 4."),
        (all_five, "That is the mean of all five questions together. Take one column only."),
    ]
    advice = _first(value, mistakes, tolerance)
    problem(advice or f"Not this value. Copy the example line and change only the column "
            f"name to {question}: the mean score is between 1 and 5.")


def check_share_satisfied_tasks(share_satisfied_tasks: Any) -> None:
    """Exercise 1, step 1b: the share of satisfied respondents of q2_work_tasks, in percent."""
    __tracebackhide__ = True
    question, example = _ex1()["share_of"], _ex1()["example_question"]
    value = _number("share_satisfied_tasks", share_satisfied_tasks, "50",
                    "You gave a table of several values. Select one column, as in the example: "
                    f'(survey["{example}"] >= 4).mean() * 100.')
    if value is None:
        return
    expected = case.satisfied_share(question)
    tolerance = 0.5
    frame = case.survey()
    answers = frame[question]
    good = int((answers >= case.satisfied_from()).sum())
    if _near(value, expected, tolerance):
        return passed(f"Right: {good} of the {len(answers)} answers to {question} are "
                      f"{case.satisfied_from()} or 5: {good} / {len(answers)} = "
                      f"{expected:g} %.")
    if 0 < value <= 1 and _near(value * 100, expected, tolerance):
        return problem("You gave a share between 0 and 1. Multiply by 100 to get a percentage "
                       "(for example 0.5 becomes 50).")
    mistakes = [(case.satisfied_share(example), f"That is the share for {example}, the column "
                 "of the example. Change the column name.")]
    mistakes += [(case.satisfied_share(q), "That is the share of another question. Use the "
                  "column named in the comment of the cell.")
                 for q in case.questions() if q not in (question, example)]
    mistakes += [
        (case.satisfied_share(question, at_least=case.satisfied_from() + 1),
         "You counted only the answers 5. Satisfied means 4 or 5: use >= 4."),
        (case.satisfied_share(question, at_least=case.satisfied_from() - 1),
         "You also counted the answers 3. Satisfied means 4 or 5: use >= 4."),
        (float(good), "That is the number of satisfied respondents. Divide by the number of "
         "respondents: use .mean(), not .sum(), then multiply by 100."),
        (100 - expected, "That is the share of respondents who are not satisfied. Count the "
         "answers 4 or 5."),
        (case.mean_score(question), "That is the mean score. This step asks for the share of "
         "answers 4 or 5, in percent."),
    ]
    advice = _first(value, mistakes, tolerance)
    problem(advice or "Not this share. Copy the example line and change only the column name: "
            "(column >= 4).mean() * 100.")


def _names(name: str, value: Any, example: str) -> list[str] | None:
    """A list of texts typed as a list, a tuple, one text separated by commas, or a pandas
    selection (its labels); ``None`` after saying what to type."""
    __tracebackhide__ = True
    if isinstance(value, pd.DataFrame):  # survey[["q3_tutor", "q4_language"]]
        value = [str(c) for c in value.columns]
    elif isinstance(value, pd.Series):  # satisfied[satisfied < 70] or satisfied < 70
        value = ([str(i) for i, v in value.items() if v] if value.dtype == bool
                 else [str(i) for i in value.index])
    elif isinstance(value, (pd.Index, np.ndarray, set)):
        value = [str(v) for v in value]
    value = plain(value)
    record_value(name, value)
    if value is Ellipsis or value is None:
        problem(_blank(name, example))
        return None
    if isinstance(value, str):
        text = value.strip().strip("[]()").strip()
        value = [t for t in re.split(r"[,;\n]+", text)]
    if not isinstance(value, list):
        problem(f"Give a list in square brackets, each name in quotes: {example}.")
        return None
    return [str(v).strip().strip(_QUOTES).strip() for v in value
            if str(v).strip().strip(_QUOTES).strip()]


def _question_name(text: str) -> str | None:
    """``q3_tutor``, ``Q3_Tutor``, ``q3 tutor``, ``q3`` and ``3`` all mean ``q3_tutor``."""
    folded = re.sub(r"[\s\-]+", "_", text.strip().lower())
    names = case.questions()
    if folded in names:
        return folded
    short = re.fullmatch(r"q?_?(\d)", folded)
    if short and 1 <= int(short.group(1)) <= len(names):
        return names[int(short.group(1)) - 1]
    return None


def check_weak_questions(weak_questions: Any) -> None:
    """Exercise 1, step 1c: the questions with fewer than 70 % of satisfied respondents."""
    __tracebackhide__ = True
    example = '["q1_preparation", "q5_overall"]'
    items = _names("weak_questions", weak_questions, example)
    if items is None:
        return
    chosen = []
    for item in items:
        found = _question_name(item)
        if found is None:
            return problem(f"{item!r} is not a column name. Use the names of the chart, for "
                           f'example "{case.questions()[0]}".')
        chosen.append(found)
    given, expected = set(chosen), set(case.weak_questions())
    line = _ex1()["weak_below_percent"]
    shares = case.satisfied_shares()
    if given == expected:
        weak = sorted(expected, key=case.questions().index)
        weakest = min(weak, key=lambda q: shares[q])
        means = case.group_mean(weakest)
        low = means.idxmin()
        return passed(
            "Right: " + " and ".join(f"{q} ({shares[q]:g} %)" for q in weak) + " are the weak "
            f"points. The answers 1 or 2 on {weakest} all come from the {low} group "
            f"(survey.groupby(\"destination\")[\"{weakest}\"].mean() gives {means[low]:.2f} "
            f"for {low} and {means.drop(low).min():.1f} or more elsewhere): before the next "
            "departure the CFA agrees a named tutor and a weekly call with that host, and "
            "tells the apprentices and trainers what it changed. For the language, OLS (Online "
            "Language Support) and the preparation sessions are the levers (modules C1.2 and "
            "C3).")
    if not given or given == set(case.questions()):
        return problem(f"Keep only the questions whose bar stops before the {line} % line.")
    extra = [q for q in case.questions() if q in given - expected]
    if extra:
        close = [q for q in extra if shares[q] < line + 10]
        if close:
            return problem(f"{close[0]} has more than {line} % of satisfied respondents: "
                           "remove it from the list.")
        return problem(f"You listed a question with a long bar. Keep only the bars that stop "
                       f"before the {line} % line.")
    missing = len(expected - given)
    problem(f"{'One question is' if missing == 1 else f'{missing} questions are'} missing: "
            f"look again at every bar to the left of the dashed {line} % line.")


# -- exercise 2: the indicators of the mobility action -----------------------------------------
def _integer_step(name: str, value: Any, example: str) -> float | None:
    __tracebackhide__ = True
    return _number(name, value, example, f"You gave a table of several values. Give one "
                   f"number, for example `{name} = {example}`.")


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


def _rate_matches(value: float, target: float) -> bool:
    """The value is ``target``, written exactly or rounded to one or two decimals."""
    return abs(value - target) <= 0.01 or any(abs(value - round(target, d)) < 1e-9
                                              for d in (1, 2))


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


def _bool(name: str, value: Any) -> bool | None:
    __tracebackhide__ = True
    value = plain(value)
    record_value(name, value)
    if value is Ellipsis or value is None:
        problem(f"`{name}` still holds `...`: replace the three dots with True or False "
                "(capital first letter, no quotes), then run the cell again.")
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().strip(_QUOTES).strip().lower() in _TRUE + _FALSE:
        return value.strip().strip(_QUOTES).strip().lower() in _TRUE
    problem("Answer True or False, capital first letter, no quotes.")
    return None


def _rate_text() -> str:
    return f"{case.mobility_rate():.1f} %"


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
