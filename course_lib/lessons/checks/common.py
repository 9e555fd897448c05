"""Checks for the modules' exercises: they say what to fix, never a bare AssertionError.

Under nbgrader a failed check raises ``AssertionError`` (with the same message), which
is how a test cell loses its points; in JupyterLab it shows a message box.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ...quiz.feedback import passed, problem
from ...quiz.questions import AnswerError, parse_number
from ...quiz.values import record_value

__all__ = [
    "close_to", "diagnose", "expect_bool", "expect_choices", "expect_date", "expect_number",
    "expect_text", "passed", "problem",
]


class NotAnswered(Exception):
    """The learner has not replaced ``...`` yet (or gave a value of the wrong kind)."""


def _unfilled(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, "
            f"for example `{name} = {example}`, then run the cell again.")


def expect_number(name: str, value: Any, example: str = "1250") -> float | None:
    """The number a learner typed, or ``None`` after saying what is wrong with it."""
    __tracebackhide__ = True
    record_value(name, value)
    if value is Ellipsis or value is None:
        problem(_unfilled(name, example))
        return None
    try:
        number = parse_number(value)
    except AnswerError:
        number = None  # reported below, outside the except: one failure, no chained traceback
    if number is None:
        problem(f"`{name}` should be a number such as {example}, not {value!r}.")
        return None
    if math.isnan(number):
        problem(f"`{name}` should be a number such as {example}.")
        return None
    return number


_FRENCH_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def expect_date(name: str, value: Any, example: str = '"2024-07-05"') -> date | None:
    """A date given as ``date(...)``, ``"2024-07-05"`` or the French ``05/07/2024``, or
    ``None`` after saying how to write it.

    >>> expect_date("start", "05/07/2024")
    datetime.date(2024, 7, 5)
    """
    __tracebackhide__ = True
    record_value(name, value)
    if value is Ellipsis or value is None:
        problem(_unfilled(name, example))
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        french = _FRENCH_DATE.match(text)
        try:
            if french:
                day, month, year = map(int, french.groups())
                return date(year, month, day)
            return date.fromisoformat(text)
        except ValueError:
            pass  # reported below, outside the except: one failure, no chained traceback
        problem(f"`{name}`: {text!r} is not a date of the calendar; write it like "
                f"{example} (year-month-day) or 05/07/2024 (day/month/year).")
        return None
    problem(f"`{name}` should be a date written like {example} (year-month-day, in quotes) "
            f"or 05/07/2024, not {value!r}.")
    return None


_TRUE = ("true", "vrai", "oui", "yes")
_FALSE = ("false", "faux", "non", "no")


def expect_bool(name: str, value: Any) -> bool | None:
    """``True`` or ``False`` (also ``vrai``/``faux``, ``oui``/``non`` as text), or ``None``
    with a message.

    >>> expect_bool("ready", "faux")
    False
    """
    __tracebackhide__ = True
    record_value(name, value)
    if value is Ellipsis or value is None:
        problem(_unfilled(name, "True"))
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    problem(f"`{name}` should be True or False (capital first letter, no quotes), "
            f"not {value!r}.")
    return None


def expect_text(name: str, value: Any, example: str = '"..."') -> str | None:
    """Some text (a sentence the learner writes), or ``None`` with a message."""
    __tracebackhide__ = True
    record_value(name, value)
    if value is Ellipsis or value is None or (isinstance(value, str) and not value.strip()):
        problem(_unfilled(name, example))
        return None
    if not isinstance(value, str):
        problem(f"`{name}` should be text in quotes, for example {name} = {example}.")
        return None
    return value.strip()


def _fold(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", str(text).strip().lower())


def expect_choices(name: str, value: Any, allowed: Iterable[str],
                   example: str = '["a", "b"]') -> list[str] | None:
    """A list of names chosen from ``allowed`` (a list, or text separated by commas), in the
    spelling of ``allowed``; ``None`` after naming what is not a choice.

    >>> expect_choices("missing", "ceam, Convention", ["convention", "CEAM", "insurance"])
    ['CEAM', 'convention']
    """
    __tracebackhide__ = True
    record_value(name, value)
    if value is Ellipsis or value is None:
        problem(_unfilled(name, example))
        return None
    if isinstance(value, str):
        value = [v for v in re.split(r"[,;\n]+", value) if v.strip()]
    if not isinstance(value, (list, tuple, set)):
        problem(f"`{name}` should be a list such as {example}, not {value!r}.")
        return None
    choices = {_fold(a): a for a in allowed}
    unknown = [str(v).strip() for v in value if _fold(v) not in choices]
    if unknown:
        problem(f"`{name}`: {', '.join(map(repr, unknown))} not among the choices; use these "
                f"names: {', '.join(choices.values())}.")
        return None
    return sorted({choices[_fold(v)] for v in value})


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
