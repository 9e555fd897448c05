"""The facts of the Malta case (C4.1) and what is computed from them: dates, days of
activity and day numbers, ages and minors, the blocs the host's tasks train and so the blocs to
target, the dimension (K, S or A) of a statement by the lesson's quick test, and the EQF level of
a qualification from the French levels table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from .. import load_case

MODULE = "c4-1-pedagogy"


def case() -> Any:
    return load_case(MODULE)


def _day(text: date | str) -> date:
    return text if isinstance(text, date) else date.fromisoformat(text)


def long_date(when: date | str, weekday: bool = False) -> str:
    """``5 October 2026`` (``Monday 5 October 2026`` with the weekday)."""
    when = _day(when)
    text = f"{when.day} {when:%B %Y}"
    return f"{when:%A} {text}" if weekday else text


def names(items: Iterable[str]) -> str:
    """``a, b and c`` (for tables and messages)."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- dates, ages ---------------------------------------------------------------------------
def departure() -> date:
    return _day(case()["activity"]["outbound_travel"])


def activity_days() -> int:
    """Days of activity, first and last included (5 to 23 October 2026: 19)."""
    a = case()["activity"]
    return (_day(a["activity_end"]) - _day(a["activity_start"])).days + 1


def day_of_stay(when: date | str) -> int:
    """Day number of the activity (day 1 = the first day of activity)."""
    return (_day(when) - _day(case()["activity"]["activity_start"])).days + 1


def step(label_start: str) -> Mapping[str, Any]:
    """The timeline step whose label starts with ``label_start``."""
    for s in case()["timeline"]["steps"]:
        if s["label"].startswith(label_start):
            return s
    raise LookupError(f"no timeline step labelled {label_start!r}")


def midpoint_day() -> int:
    return day_of_stay(step("Mid-point")["date"])


def final_assessment_day() -> int:
    return day_of_stay(step("Final assessment")["date"])


def debrief_delay() -> int:
    """Days from the last day of activity to the debriefing (14)."""
    return (_day(step("Debriefing")["date"]) - _day(case()["activity"]["activity_end"])).days


def project_months() -> int:
    p = case()["project"]
    start, end = _day(p["start"]), _day(p["end"])
    return (end.year - start.year) * 12 + end.month - start.month + 1  # 1st to last day


def age_on(birth: date | str, when: date | str) -> int:
    birth, when = _day(birth), _day(when)
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


def ages_at_departure() -> dict[str, int]:
    """First name -> age on the day of departure."""
    return {a["name"]: age_on(a["birth_date"], departure()) for a in case()["apprentices"]}


def minors_at_departure() -> list[str]:
    return [name for name, age in ages_at_departure().items() if age < 18]


# -- blocs and the host's tasks ------------------------------------------------------------
def blocs() -> tuple[Mapping[str, Any], ...]:
    return case()["diploma"]["blocs"]


def bloc(number: str) -> Mapping[str, Any]:
    return next(b for b in blocs() if b["number"] == str(number).upper())


def tasks_for(competence: str) -> list[str]:
    """The ids of the host tasks that train a competence (``"1b"`` -> ``["T1", "T2"]``)."""
    return [t["id"] for t in case()["host"]["tasks"] if t["competence"] == competence]


def coverage() -> dict[str, tuple[int, int]]:
    """Bloc -> (competences at least one host task trains, competences of the bloc)."""
    return {b["number"]: (sum(1 for c in b["competences"] if tasks_for(c["id"])),
                          len(b["competences"])) for b in blocs()}


def targeted_blocs() -> list[str]:
    """The blocs whose competences the host can mostly train (the course's rule): 1 and 3."""
    return [n for n, (covered, total) in coverage().items() if total and 2 * covered > total]


def bloc_label(number: str) -> str:
    b = bloc(number)
    unit = f" ({b['unit']})" if b["unit"] else ""
    return f"n° {b['number']} {b['title_fr']}{unit}"


# -- learning outcomes and the quick test ----------------------------------------------------
def learning_outcomes() -> tuple[Mapping[str, Any], ...]:
    return case()["learning_outcomes_table"]


def outcome(lo_id: str) -> Mapping[str, Any]:
    return next(lo for lo in learning_outcomes() if lo["id"] == lo_id)


def _fold(text: str) -> str:
    """Lower case, straight apostrophes, accents removed letter by letter (same length)."""
    text = unicodedata.normalize("NFC", str(text)).replace("’", "'").replace("‘", "'")
    return "".join(unicodedata.normalize("NFKD", c)[0] for c in text.lower())


def _has(phrase: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(_fold(phrase))}(?!\w)", _fold(text)) is not None


def autonomy_words_in(text: str) -> list[str]:
    """The quick test's words about supervision or responsibility that ``text`` holds."""
    return [w for w in case()["exercise_ksa"]["quick_test"]["autonomy_words"] if _has(w, text)]


def quick_test(text: str) -> str:
    """The dimension of a statement by the lesson's quick test: words about supervision or
    responsibility make an ``A``; a knowledge verb first makes a ``K``; anything else ``S``."""
    if autonomy_words_in(text):
        return "A"
    first = _fold(text).split()[0].strip(".,;:")
    return "K" if first in case()["exercise_ksa"]["quick_test"]["knowledge_verbs"] else "S"


def statements() -> tuple[Mapping[str, Any], ...]:
    return case()["exercise_ksa"]["statements"]


def expected_types() -> list[str]:
    """Exercise 1: the dimension of each statement E1 to E9, in order."""
    return [s["type"] for s in statements()]


# -- levels ----------------------------------------------------------------------------------
def french_levels() -> tuple[Mapping[str, Any], ...]:
    return case()["french_levels"]


def level_of_kind(kind: str) -> int:
    """The French (= EQF) level of a kind of diploma (``"bts"`` -> 5)."""
    for row in french_levels():
        if _fold(kind) in (_fold(k) for k in row["kinds"]):
            return row["level"]
    raise LookupError(f"no level for {kind!r} in the French levels table")


def levels_of_former(numeral: str) -> list[int]:
    """Today's level(s) of a 1969 level (``"V"`` -> [3]; ``"I"`` -> [7, 8])."""
    return [row["level"] for row in french_levels() if row["former_1969"] == numeral]


_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int:
    """The number a Roman numeral writes (``"III"`` -> 3, ``"IV"`` -> 4)."""
    values = [_ROMAN[c] for c in numeral.upper()]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def qualifications() -> tuple[Mapping[str, Any], ...]:
    return case()["exercise_levels"]["qualifications"]


def qualification_level(q: Mapping[str, Any]) -> int:
    if q.get("kind"):
        return level_of_kind(q["kind"])
    found = levels_of_former(q["former_1969"])
    if len(found) != 1:
        raise LookupError(f"{q['id']}: former level {q['former_1969']} is not one level")
    return found[0]


def expected_levels() -> list[int]:
    """Exercise 2: the EQF level of each qualification Q1 to Q7, in order."""
    return [qualification_level(q) for q in qualifications()]


def roman_reading() -> list[int]:
    """Exercise 2's trap: the old documents' numerals read as today's numbers."""
    return [roman_value(q["former_1969"]) if q.get("former_1969") else qualification_level(q)
            for q in qualifications()]


def diploma_level() -> int:
    return level_of_kind(case()["diploma"]["kind"])
