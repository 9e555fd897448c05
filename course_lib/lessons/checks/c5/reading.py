"""Reading what the learner typed for the C5 exercises (numbers, lists, true/false)."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ....quiz.questions import AnswerError, parse_number
from ....quiz.values import record_value
from ...cases import c5 as case
from ..common import problem

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


def _integer_step(name: str, value: Any, example: str) -> float | None:
    __tracebackhide__ = True
    return _number(name, value, example, f"You gave a table of several values. Give one "
                   f"number, for example `{name} = {example}`.")


def _rate_matches(value: float, target: float) -> bool:
    """The value is ``target``, written exactly or rounded to one or two decimals."""
    return abs(value - target) <= 0.01 or any(abs(value - round(target, d)) < 1e-9
                                              for d in (1, 2))


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
