"""Checks of the C4.2 validation exercises: Sarah's grid after the return (weighted score,
decision, units recognised) and two learning-agreement drafts before departure.

Expected values are computed from the Turin case (:mod:`course_lib.lessons.cases.c4_2`) with
pandas, never stored: the weighted score of Sarah's grid, rule 1 (the stay) and rule 2 (each
unit) of the learning agreement, and the checklist items each draft lacks by the case's rules.
A wrong answer is compared with the usual mistakes (the plain average, no division, a division
by 100 instead of the grid's own total, the example table, the unit averages without weights,
an item that does not apply to an adult), so the message says what to change, not the answer.
What people type is read: ``12,07``, ``"12.07/20"``, a numpy number from the pandas line,
``vrai``/``faux``, ``"U3"``/``"unit 3"``/the unit's title, ``"host mentor, assessment"``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from ...quiz.questions import AnswerError, parse_number
from ...quiz.values import record_value
from ..cases import c4_2 as case
from .common import passed, problem

ANSWER_NAMES = ["weighted_score", "validated", "units_recognised", "missing_sarah",
                "missing_ines"]

#: The apprentice of exercise 1 (her grid after the return) and the example table's figure.
EXERCISE_1 = "Sarah"
#: The worked example of the lesson (section 5): a learner who copies it gets a sentence.
WORKED_EXAMPLE = "Lucas"
#: Weighted scores are typed with two decimals; a figure this close to the score is right.
TOLERANCE = 0.01

_QUOTES = "\"'“”‘’«»[](){}"
_TRUE = ("true", "vrai", "oui", "yes")
_FALSE = ("false", "faux", "non", "no")


def _blank(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, for example "
            f"`{name} = {example}`, then run the cell again.")


def _plain_value(value: Any) -> Any:
    """A numpy number or boolean (what pandas returns) as the Python value it stands for."""
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy" and getattr(value, "ndim", 1) == 0:
        return item()
    return value


def _is_table(value: Any) -> bool:
    return type(value).__module__.startswith("pandas") or (
        type(value).__module__.startswith(("numpy", "course_lib"))
        and getattr(value, "ndim", 0) > 0)


def _kernel_value(name: str) -> Any:
    """Another answer of the learner, for a more precise message only (never for the
    verdict): the value in the running notebook, or ``None`` outside one."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the course
        return None
    shell = get_ipython()
    return _plain_value(shell.user_ns.get(name)) if shell is not None else None


def _fold(text: Any) -> str:
    """Lower case, no accents, no quotes, single spaces: ``" Legal  Représentative "`` ->
    ``"legal representative"``."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    plain = plain.translate({ord(c): " " for c in _QUOTES})
    return re.sub(r"[\s_\-]+", " ", plain).strip().lower()


def _items(name: str, value: Any, example: str) -> list[str] | None:
    """A list typed as a list, a tuple or one text separated by commas, or ``None`` after
    saying what to type."""
    __tracebackhide__ = True
    if value is Ellipsis or value is None:
        problem(_blank(name, example))
        return None
    if isinstance(value, str):
        return [t.strip() for t in re.split(r"[,;\n/]+|\s+(?:and|et)\s+", value) if _fold(t)]
    if isinstance(value, (list, tuple, set)):
        if any(v is Ellipsis for v in value):
            problem(_blank(name, example))
            return None
        return [str(v) for v in value if _fold(v)]
    problem(f"`{name}` should be a list in square brackets, for example `{name} = {example}`, "
            f"not {value!r}.")
    return None


# -- exercise 1, step 1: the weighted score ----------------------------------------------------
def _score_typed(value: Any) -> float | None:
    """The number the learner typed or computed, or ``None`` after saying what is wrong."""
    __tracebackhide__ = True
    if value is Ellipsis or value is None:
        problem(_blank("weighted_score", '(example["weight"] * example["score"]).sum() / '
                       'example["weight"].sum()'))
        return None
    if _is_table(value) or isinstance(value, dict):
        problem("Your answer is a column of numbers, not one number: end the multiplication "
                "with `.sum()` as in the example, then divide.")
        return None
    if isinstance(value, float) and math.isnan(value):
        problem('The line gives no number: check the column names, "weight" and "score", in '
                "quotes and in lower case.")
        return None
    if isinstance(value, str):
        value = re.sub(r"\s*(/|sur|out of)\s*20\s*$", "", value.strip(), flags=re.I)
        if re.fullmatch(r"-?\d{1,2}[.,]\d+", value):  # a mark: 12.071 is no thousand
            value = value.replace(",", ".")
            return float(value)
    try:
        number = parse_number(value)
    except AnswerError:
        problem("`weighted_score` should be one number out of 20, such as 13.5 or 13,5, or "
                "the pandas line of the example written for `grid`.")
        return None
    return number


def check_weighted_score(weighted_score: Any) -> None:
    """Exercise 1, step 1: Sarah's weighted score out of 20."""
    __tracebackhide__ = True
    weighted_score = _plain_value(weighted_score)
    record_value("weighted_score", weighted_score)
    value = _score_typed(weighted_score)
    if value is None:
        return
    expected = case.weighted_score(EXERCISE_1)
    top = case.case()["assessment_grid"]["scale_max"]
    points, weights = case.weighted_points(EXERCISE_1), case.total_weight(EXERCISE_1)
    if abs(value - expected) <= TOLERANCE + 1e-9:
        return passed(f"Right: {points} weighted points divided by {weights}, the total of the "
                      f"weights of Sarah's four criteria, give {expected:.2f}/{top}.")
    mistakes = [
        (case.plain_average(EXERCISE_1), "Your figure is the plain average of the marks: each "
         "mark must count according to its weight. Multiply by the weights as in the example "
         "line."),
        (points, "You multiplied and added, but did not divide by the total of the weights. "
         'Add `/ grid["weight"].sum()` at the end of the line.'),
        (points / 100, "You divided by 100, but Sarah works on two units only: the weights of "
         "her grid do not add up to 100. Divide by the total of her weights, "
         '`grid["weight"].sum()`.'),
        (expected / top, f"Give the score out of {top}, on the same scale as the mentor's "
         "marks, not as a fraction."),
        (100 * expected / top, f"Give the score out of {top}, on the same scale as the "
         "mentor's marks, not as a percentage."),
        (case.score_of(case.example_grid()), "Your line still uses the `example` table: "
         "replace `example` by `grid` everywhere in the line."),
        (case.weighted_score(WORKED_EXAMPLE), "That is Lucas's score, worked in the lesson. "
         "The table `grid` holds Sarah's marks: run the line on `grid`."),
    ]
    for figure, advice in mistakes:
        if abs(value - figure) <= TOLERANCE + 1e-9:
            return problem(advice)
    if value == round(value) and abs(value - expected) < 1:
        return problem("Keep the decimals: do not round the score to a whole number.")
    if abs(value - expected) < 0.1:
        return problem("Nearly: keep two decimals, without rounding further (or type the "
                       "pandas line, which keeps them all).")
    direction = "too high" if value > expected else "too low"
    problem(f"Not yet: your figure is {direction}. Check each product mark × weight, and "
            "divide by the total of the weights of Sarah's grid (section 5, 'The weighted "
            "score').")


# -- exercise 1, step 2: rule 1 --------------------------------------------------------------
def check_validated(validated: Any) -> None:
    """Exercise 1, step 2: is Sarah's stay validated (rule 1)?"""
    __tracebackhide__ = True
    validated = _plain_value(validated)
    record_value("validated", validated)
    if validated is Ellipsis or validated is None:
        return problem(_blank("validated", "False"))
    if isinstance(validated, str) and _fold(validated) in _TRUE + _FALSE:
        validated = _fold(validated) in _TRUE
    if not isinstance(validated, bool):
        if isinstance(validated, (int, float)):
            return problem("Type `True` or `False` (capital first letter, no quotes): is the "
                           "stay validated? The number belongs to step 1.")
        return problem("Type `True` or `False` (capital first letter, no quotes).")
    expected = case.validated(EXERCISE_1)
    limit = case.threshold()
    if validated == expected:
        return passed(f"Right: {case.weighted_score(EXERCISE_1):.2f} is at least {limit:g}, so "
                      "the stay is validated." if expected else
                      f"Right: {case.weighted_score(EXERCISE_1):.2f} is below {limit:g}.")
    score = _kernel_value("weighted_score")
    if isinstance(score, (int, float)) and not isinstance(score, bool) and (
            (score >= limit) == validated
            and abs(score - case.weighted_score(EXERCISE_1)) > TOLERANCE):
        return problem("Your decision follows your score, but the score of step 1 is not right "
                       "yet: fix step 1 first, then run this cell again.")
    problem(f"Compare the weighted score with the threshold of rule 1. 'At least {limit:g}' "
            f"means that {limit:g} and anything above pass.")


# -- exercise 1, step 3: rule 2 --------------------------------------------------------------
def check_units_recognised(units_recognised: Any) -> None:
    """Exercise 1, step 3: the units of Sarah's stay that are recognised (rule 2)."""
    __tracebackhide__ = True
    units_recognised = _plain_value(units_recognised)
    record_value("units_recognised", units_recognised)
    items = _items("units_recognised", units_recognised, '["U2", "U3"]')
    if items is None:
        return
    codes = []
    for item in items:
        code = case.unit_of(item)
        if code is None:
            if re.fullmatch(r"c\s*\d", _fold(item)):
                return problem("Give unit codes (U1, U2, U3), not criterion codes (C1 to C6).")
            return problem(f"{item!r} is not a unit of the grid: type unit codes such as "
                           '"U2", in quotes.')
        codes.append(code)
    given = set(codes)
    expected = set(case.units_recognised(EXERCISE_1))
    hers = set(case.unit_scores(EXERCISE_1))
    limit = case.threshold()
    if given == expected:
        scores = "; ".join(f"{u} {s:.2f}" for u, s in case.unit_scores(EXERCISE_1).items())
        rest = sorted(hers - expected)
        later = f" {case.names(rest)} is worked on at the CFA." if rest else ""
        return passed(f"Right: the stay is validated and rule 2 recognises "
                      f"{case.names(sorted(expected))} ({scores}; threshold {limit:g}).{later}")
    outside = sorted(given - hers)
    if outside:
        return problem(f"Sarah prepares the CAP and works on {case.names(sorted(hers))} only: "
                       f"{case.names(outside)} is not in her grid.")
    if not given:
        return problem(f"Your list is empty: the stay is validated, so check which units reach "
                       f"{limit:g}/20 in the helper table.")
    if given == hers:
        return problem("The stay is validated, but rule 2 decides unit by unit: check each "
                       "unit's own score.")
    if given == set(case.units_by_plain_average(EXERCISE_1)):
        return problem("Use the weighted score of each unit from the helper table, not the "
                       "plain average of its marks.")
    if given - expected:
        return problem(f"One unit in your list is below the threshold: under rule 2, a unit is "
                       f"recognised only if its own weighted score is at least {limit:g}/20. "
                       "Look at the helper table.")
    problem("One unit that reaches the threshold is missing: apply rule 2 to each line of the "
            "helper table.")


# -- exercise 2: what is missing from the learning agreements? -------------------------------
#: Other names people use for the items of the checklist (folded: lower case, no accents).
ITEM_SYNONYMS = {
    "legal representatives": "legal representative", "legal guardian": "legal representative",
    "parents": "legal representative", "representative": "legal representative",
    "mentor": "host mentor", "host tutor": "host mentor", "tutor": "host mentor",
    "assessment arrangements": "assessment", "evaluation": "assessment",
    "recognition arrangements": "recognition", "signature": "signatures",
    "host": "host organisation", "host organization": "host organisation",
    "sending": "sending organisation", "sending organization": "sending organisation",
    "outcomes": "learning outcomes", "learning outcome": "learning outcomes",
    "date": "dates", "task": "tasks",
}


def _item_of(text: str) -> str | None:
    folded = _fold(text)
    for item in case.checklist_items():
        if _fold(item) == folded:
            return item
    return ITEM_SYNONYMS.get(folded)


def _given_items(name: str, value: Any, example: str) -> list[str] | None:
    __tracebackhide__ = True
    items = _items(name, value, example)
    if items is None:
        return None
    given = []
    for item in items:
        found = _item_of(item)
        if found is None:
            problem(f"'{item.strip(_QUOTES + ' ')}' is not an item of the checklist: copy the "
                    "item names from the checklist table.")
            return None
        given.append(found)
    return given


#: What to look at again when an item that is missing was not listed (exercise 2, step 1).
SARAH_HINTS = {
    "legal representative": "Check Sarah's date of birth against the departure date: one item "
                            "of the checklist applies only to some apprentices.",
    "host mentor": "One person the checklist asks for is not named in the draft: compare the "
                   "people named in the draft with the checklist.",
    "assessment": "One item is filled in but says nothing usable yet: the checklist treats "
                  "'to be decided' as missing.",
}
#: The same for Inès's draft (exercise 2, step 2).
INES_HINTS = {
    "recognition": "One line of the draft is empty although Inès is a candidate for the "
                   "mobility unit: reread the draft line by line.",
    "signatures": "Count the parties in the signature line and compare with the checklist.",
}


def _check_missing(name: str, answer_name: str, value: Any, example: str,
                   hints: dict[str, str]) -> None:
    __tracebackhide__ = True
    value = _plain_value(value)
    record_value(answer_name, value)
    given = _given_items(answer_name, value, example)
    if given is None:
        return
    first = case.first_name(case.participant(name))
    expected = case.missing_items(name)
    given_set = set(given)
    if given_set == set(expected):
        return passed(f"Right: {first}'s draft lacks {case.names(expected)}. Send it back "
                      f"before the signature deadline of "
                      f"{case.long_date(case.case()['signature_deadline'])}.")
    if given_set == set(case.checklist_items()):
        return problem("List only the items that are missing from the draft, not the whole "
                       "checklist.")
    messages = []
    for item in case.not_applicable_items(name):
        if item in given_set:
            messages.append(f"{first} is {case.age_at_departure(name)} at departure: the item "
                            f"for minors does not apply to {'her' if name != 'Lucas' else 'him'}"
                            f", and '{case.draft(name)[item]}' is the right entry.")
    complete = [i for i in given if i not in expected and i not in case.not_applicable_items(name)]
    if "signatures" in complete and case.is_minor(name):
        complete = [i for i in complete if i != "signatures"]
        messages.append(f"{first}'s signature line names the three parties of the Erasmus+ rule, "
                        f"so it is complete. {first} is a minor: the parents are parties to the "
                        "convention de mobilité (module C2), and the learning agreement gives "
                        "their contact details under 'legal representative' (checklist, "
                        "'signatures').")
    if complete:
        if complete == ["assessment"] and name == "Inès":
            messages.append("Inès's assessment line names the assessor, the grid, the dates "
                            "and the rule: it is complete.")
        else:
            count = len(set(complete))
            messages.append(f"{count} of your items {'is' if count == 1 else 'are'} complete in "
                            f"{first}'s draft: read {'that line' if count == 1 else 'those lines'}"
                            " again against the checklist.")
    for item in expected:
        if item not in given_set:
            messages.append(hints.get(item, f"One more item is missing: compare each line of "
                                            f"{first}'s draft with the checklist."))
    problem("\n".join(messages))


def check_missing_sarah(missing_sarah: Any) -> None:
    """Exercise 2, step 1: the checklist items missing from Sarah's draft."""
    __tracebackhide__ = True
    _check_missing("Sarah", "missing_sarah", missing_sarah, '["dates", "tasks"]', SARAH_HINTS)


def check_missing_ines(missing_ines: Any) -> None:
    """Exercise 2, step 2: the checklist items missing from Inès's draft."""
    __tracebackhide__ = True
    _check_missing("Inès", "missing_ines", missing_ines, '["monitoring"]', INES_HINTS)
