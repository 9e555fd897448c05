"""Reading the answers of the C4.1 exercises: the names of the answers, and what the
learner typed for each exercise (a list of letters, a list of levels, three outcomes), read the
forgiving way (``"s, k, a"``, ``"niveau 4"``, ``"4.0"``). When a value cannot be read, the
learner is told what to type and the reader returns ``None``.
"""

from __future__ import annotations

import re
from typing import Any

from ....quiz.values import record_value
from ...cases import c4_1 as case
from ..common import problem

ANSWER_NAMES = ["ksa_types", "eqf_levels", "outcome_1", "outcome_2", "outcome_3",
                "my_outcomes"]

_QUOTES = "\"'“”‘’«»[](){}"
KSA_EXAMPLE = '["K", "S", "A", "K", "S", "A", "K", "S", "A"]'
LEVELS_EXAMPLE = "[3, 3, 3, 3, 3, 3, 3]"
OUTCOME_FORM = '"Compare the prices of ... (bloc 1)"'


def _blank(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, in the form "
            f"shown in the example (`{name} = {example}`), then run the cell again.")


def _split(text: str) -> list[str]:
    """One text typed for a list: ``"S, K, A"``, ``"s k a"`` or ``"SKA"``."""
    text = text.strip().translate({ord(c): " " for c in _QUOTES})
    items = [t.strip() for t in re.split(r"[,;\n]+", text) if t.strip()]
    if len(items) == 1 and " " in items[0]:
        items = items[0].split()
    return items


# -- exercise 1: K, S or A -------------------------------------------------------------------
def _letter(item: Any) -> str | None:
    text = re.sub(r"\s+", " ", str(item).strip(_QUOTES + " .")).upper()
    text = text.replace("É", "E")
    for letter, spellings in case.case()["exercise_ksa"]["aliases"].items():
        if text in spellings:
            return letter
    return None


def _ksa(value: Any) -> list[str] | None:
    """The learner's letters, or ``None`` after saying what to type."""
    __tracebackhide__ = True
    record_value("ksa_types", value)
    if value is Ellipsis or value is None:
        problem(_blank("ksa_types", KSA_EXAMPLE))
        return None
    if isinstance(value, str):
        items = _split(value)
        if len(items) == 1 and re.fullmatch(r"[KSAksa]{2,}", items[0]):
            items = list(items[0])
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        problem(f"`ksa_types` should be a list in square brackets, for example "
                f"`ksa_types = {KSA_EXAMPLE}`, not {value!r}.")
        return None
    if any(i is Ellipsis for i in items):
        problem(_blank("ksa_types", KSA_EXAMPLE))
        return None
    letters = [_letter(i) for i in items]
    unknown = [str(i).strip(_QUOTES + " ") for i, lt in zip(items, letters, strict=True)
               if lt is None]
    if unknown:
        problem(f"{unknown[0]!r} is not one of the three letters: use K (knowledge), S (skills) "
                "or A (responsibility and autonomy).")
        return None
    ids = [s["id"] for s in case.statements()]
    if len(letters) != len(ids):
        problem(f"Type {len(ids)} letters, one per statement, in the order {ids[0]} to "
                f"{ids[-1]}, for example [\"S\", \"K\", ...]; you typed {len(letters)}.")
        return None
    return letters


# -- exercise 2: EQF levels ------------------------------------------------------------------
_ROMAN_TEXT = re.compile(r"(?i)^[ivx]+$")


def _level(item: Any) -> int | str | None:
    """A level as a number, ``"roman"`` for an old Roman numeral, ``None`` if unreadable."""
    if isinstance(item, bool) or item is None or item is Ellipsis:
        return None
    if isinstance(item, (int, float)):
        return int(item) if float(item).is_integer() else None
    text = str(item).strip(_QUOTES + " ").lower()
    text = re.sub(r"\b(eqf|cec|nqf|level|niveau|lvl)\b", " ", text).strip(" :")
    if re.fullmatch(r"\d+(?:[.,]0+)?", text):
        return int(re.split(r"[.,]", text)[0])
    if _ROMAN_TEXT.fullmatch(text):
        return "roman"
    return None


def _levels(value: Any) -> list | None:
    __tracebackhide__ = True
    record_value("eqf_levels", value)
    if value is Ellipsis or value is None:
        problem(_blank("eqf_levels", LEVELS_EXAMPLE))
        return None
    if isinstance(value, str):
        items: list = _split(value)
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        problem(f"`eqf_levels` should be a list in square brackets, for example "
                f"`eqf_levels = {LEVELS_EXAMPLE}`, not {value!r}.")
        return None
    if any(i is Ellipsis for i in items):
        problem(_blank("eqf_levels", LEVELS_EXAMPLE))
        return None
    ids = [q["id"] for q in case.qualifications()]
    if len(items) != len(ids):
        problem(f"Type {len(ids)} numbers, one per qualification, in the order {ids[0]} to "
                f"{ids[-1]}, for example [3, 3, ...]; you typed {len(items)}.")
        return None
    return items


def _read_range(items: list, indexes: range) -> list[int] | None:
    """The levels at ``indexes``, or ``None`` after naming what is not a level."""
    __tracebackhide__ = True
    read = [_level(items[i]) for i in indexes]
    for i, level in zip(indexes, read, strict=True):
        if level == "roman":
            problem(f"Type today's level as a number from 1 to 8. "
                    f"{str(items[i]).strip(_QUOTES + ' ')!r} is the old 1969 numbering: "
                    "convert it first (section 3).")
            return None
        if level is None:
            problem(f"{items[i]!r} is not a level: type a number from 1 to 8, for example 4.")
            return None
        if not 1 <= level <= 8:
            problem("EQF levels go from 1 to 8.")
            return None
    return read


def _current_range() -> range:
    return range(sum(1 for q in case.qualifications() if q.get("kind")))


def _old_range() -> range:
    quals = case.qualifications()
    return range(len(_current_range()), len(quals))


# -- exercise 3: three learning outcomes, six rules ------------------------------------------
def _outcomes(value: Any) -> list[str] | None:
    """The three outcomes as text, or ``None`` after saying what to type."""
    __tracebackhide__ = True
    record_value("my_outcomes", value)
    count = case.rules()["count"]
    if value is Ellipsis or value is None:
        problem("`my_outcomes` still holds `...`: write your outcomes in `outcome_1`, "
                "`outcome_2` and `outcome_3`, and keep the line "
                "`my_outcomes = [outcome_1, outcome_2, outcome_3]`.")
        return None
    if isinstance(value, str):
        parts = [p.strip() for p in re.split(r"[\n;]+", value) if p.strip()]
        if len(parts) != count:
            problem(f"Type exactly {count} outcomes, each in its own quotes, one per line "
                    f"(`outcome_1`, `outcome_2`, `outcome_3`).")
            return None
        value = parts
    if not isinstance(value, (list, tuple)):
        problem("`my_outcomes` should be the list of your three outcomes: keep the line "
                "`my_outcomes = [outcome_1, outcome_2, outcome_3]`.")
        return None
    if len(value) != count:
        problem(f"Type exactly {count} outcomes, each in its own quotes; you gave "
                f"{len(value)}.")
        return None
    texts = []
    for n, item in enumerate(value, start=1):
        if item is Ellipsis or item is None or (isinstance(item, str) and not item.strip()):
            problem(f"`outcome_{n}` still holds `...`: replace the three dots with your outcome "
                    f"in quotes, in the form `outcome_{n} = {OUTCOME_FORM}`, then run the cell "
                    "again.")
            return None
        if not isinstance(item, str):
            problem(f"Outcome {n} should be a sentence in quotes, not {item!r}.")
            return None
        texts.append(item.strip())
    return texts
