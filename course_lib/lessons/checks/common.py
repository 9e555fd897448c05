"""Checks for the modules' exercises: they say what to fix, never a bare AssertionError.

Under nbgrader a failed check raises ``AssertionError`` (with the same message), which
is how a test cell loses its points; in JupyterLab it shows a message box.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from ...quiz.feedback import passed, problem
from ...quiz.questions import AnswerError, parse_number

__all__ = [
    "close_to", "diagnose", "expect_bool", "expect_date", "expect_number", "passed", "problem",
]


class NotAnswered(Exception):
    """The learner has not replaced ``...`` yet (or gave a value of the wrong kind)."""


def _unfilled(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, "
            f"for example `{name} = {example}`, then run the cell again.")


def expect_number(name: str, value: Any, example: str = "1250") -> float | None:
    """The number a learner typed, or ``None`` after saying what is wrong with it."""
    __tracebackhide__ = True
    if value is Ellipsis or value is None:
        problem(_unfilled(name, example))
        return None
    try:
        number = parse_number(value)
    except AnswerError:
        problem(f"`{name}` should be a number such as {example}, not {value!r}.")
        return None
    if math.isnan(number):
        problem(f"`{name}` should be a number such as {example}.")
        return None
    return number


def expect_date(name: str, value: Any, example: str = '"2025-11-13"') -> date | None:
    """A date given as ``date(...)`` or ``"YYYY-MM-DD"``, or ``None`` with a message."""
    if value is Ellipsis or value is None:
        problem(_unfilled(name, example))
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problem(f"`{name}` should be a date written like {example} (year-month-day), "
            f"not {value!r}.")
    return None


def expect_bool(name: str, value: Any) -> bool | None:
    """``True`` or ``False``, or ``None`` with a message."""
    __tracebackhide__ = True
    if value is Ellipsis or value is None:
        problem(_unfilled(name, "True"))
        return None
    if isinstance(value, bool):
        return value
    problem(f"`{name}` should be True or False (capital first letter, no quotes), "
            f"not {value!r}.")
    return None


def close_to(value: float, expected: float, tolerance: float = 1.0) -> bool:
    """Equal within ``tolerance`` euros (learners round to the euro or the cent)."""
    return abs(value - expected) <= tolerance + 1e-9


def diagnose(value: float, expected: float, right: str, mistakes: list[tuple[float, str]],
             otherwise: str, tolerance: float = 1.0) -> None:
    """Pass when ``value`` is ``expected``; else name the usual mistake it matches, if any."""
    __tracebackhide__ = True
    if close_to(value, expected, tolerance):
        passed(right)
        return
    for amount, advice in mistakes:
        if close_to(value, amount, tolerance):
            problem(advice)
            return
    problem(otherwise)
