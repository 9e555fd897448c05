"""The facts of the Turin case (C4.2) and what is computed from them: ages and minors,
the days of activity, each apprentice's grid as a pandas table, the weighted scores (of the stay
and of each unit), the decisions of the learning agreement's two rules, the latest date of part
2 of the mobility unit, and which checklist items a learning-agreement draft lacks.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pandas as pd

from .. import load_case

MODULE = "c4-2-recognition"
COLUMNS = ("criterion", "unit", "text", "weight", "score")


def case() -> Any:
    """The case facts (read-only)."""
    return load_case(MODULE)


def as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def long_date(value: date | str, weekday: bool = False) -> str:
    """``26 March 2027`` (``Friday 26 March 2027`` with the weekday)."""
    day = as_date(value)
    text = f"{day.day} {day:%B %Y}"
    return f"{day:%A} {text}" if weekday else text


def add_months(day: date | str, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it is shorter).

    >>> add_months("2027-03-27", 3), add_months("2027-11-30", 3)
    (datetime.date(2027, 6, 27), datetime.date(2028, 2, 29))
    """
    day = as_date(day)
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def names(items: Iterable[str]) -> str:
    """``a, b and c`` (for messages)."""
    items = list(items)
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- people, dates ---------------------------------------------------------------------------
def first_name(p: Mapping[str, Any]) -> str:
    return p["name"].split()[0]


def participant(name: str) -> Mapping[str, Any]:
    """An apprentice of the case by first name (``"Lucas"``, ``"Inès"`` or ``"Sarah"``)."""
    for p in case()["participants"]:
        if first_name(p).lower() == str(name).strip().lower():
            return p
    known = names([first_name(p) for p in case()["participants"]])
    raise LookupError(f"no apprentice {name!r} in the Turin case: use {known}")


def departure() -> date:
    return as_date(case()["mobility"]["outbound_travel"])


def return_date() -> date:
    return as_date(case()["mobility"]["return_travel"])


def age_on(born: date | str, day: date | str) -> int:
    born, day = as_date(born), as_date(day)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_at_departure(name: str) -> int:
    return age_on(participant(name)["date_of_birth"], departure())


def is_minor(name: str) -> bool:
    return age_at_departure(name) < 18


def activity_days() -> int:
    """Days of activity, first and last included (1 to 26 March 2027: 26)."""
    m = case()["mobility"]
    return (as_date(m["activity_end"]) - as_date(m["activity_start"])).days + 1


def project_months() -> int:
    p = case()["erasmus_project"]
    start, end = as_date(p["project_start"]), as_date(p["project_end"])
    return (end.year - start.year) * 12 + end.month - start.month + (end.day >= start.day - 1)


def ufm_part_2_latest(name: str = "Inès") -> date:
    """Part 2 of the mobility unit: at the latest three months after the return [13]."""
    participant(name)
    months = case()["after_return"]["ufm_part_2_months_after_return"]
    return add_months(return_date(), months)


# -- the grid and the weighted scores ----------------------------------------------------------
class MistypedColumn(KeyError, TypeError):
    """A column name the grid does not have. A ``KeyError`` for pandas; a ``TypeError`` too,
    so that the notebook's friendly errors show its sentence instead of a traceback."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "no such column"


class Grid(pd.DataFrame):
    """A pandas table whose mistyped column names get a sentence, not a bare ``KeyError``."""

    @property
    def _constructor(self):
        return Grid

    def __getitem__(self, key):
        try:
            return super().__getitem__(key)
        except KeyError:
            wanted = key if isinstance(key, list) else [key]
            bad = [k for k in wanted if isinstance(k, str) and k not in self.columns]
            if not bad:
                raise
            columns = names([f'"{c}"' for c in self.columns])
            raise MistypedColumn(
                f'the table has no column "{bad[0]}". Its columns are {columns}: type the '
                'name exactly, in quotes and in lower case, for example grid["weight"].'
            ) from None


def threshold() -> float:
    return float(case()["assessment_grid"]["threshold"])


def criteria() -> tuple[Mapping[str, Any], ...]:
    return case()["assessment_grid"]["criteria"]


def units() -> Mapping[str, Any]:
    return case()["units"]


def unit_of(text: str) -> str | None:
    """A unit code from what a learner types: ``"U1"``, ``"u 1"``, ``"unit 1"``, ``"unité 1"``,
    ``"1"`` or the unit's title (English or French), in any case."""
    plain = re.sub(r"\s+", " ", str(text).strip().strip("\"'“”‘’«»[](). ").lower())
    found = re.fullmatch(r"(?:u|unit|unite|unité)?\s*(\d)", plain)
    if found and f"U{found.group(1)}" in units():
        return f"U{found.group(1)}"
    for code, unit in units().items():
        if plain in (unit["title"].lower(), unit["title_fr"].lower(), code.lower()):
            return code
    return None


def turin_grid(name: str) -> pd.DataFrame:
    """One apprentice's grid as the mentor filled it in: one row per criterion of the
    apprentice's units, with the columns criterion, unit, text, weight and score.

    >>> turin_grid("Sarah")["weight"].tolist()
    [25, 15, 10, 20]
    """
    marks = case()["scores"][first_name(participant(name))]
    rows = [(c["id"], c["unit"], c["text"], int(c["weight"]), int(marks[c["id"]]))
            for c in criteria() if c["id"] in marks]
    return Grid(pd.DataFrame(rows, columns=list(COLUMNS)))


def example_grid() -> pd.DataFrame:
    """The two-criteria table of the practice question (the `example` of exercise 1)."""
    ex = case()["practice_example"]
    return Grid(pd.DataFrame({"criterion": list(ex["criteria"]), "weight": list(ex["weights"]),
                              "score": list(ex["marks"])}))


def score_of(grid: pd.DataFrame) -> float:
    """The weighted score: each mark times its weight, added, divided by the total of the
    weights (the line the lesson teaches)."""
    return float((grid["weight"] * grid["score"]).sum() / grid["weight"].sum())


def weighted_points(name: str) -> int:
    grid = turin_grid(name)
    return int((grid["weight"] * grid["score"]).sum())


def total_weight(name: str) -> int:
    return int(turin_grid(name)["weight"].sum())


def weighted_score(name: str) -> float:
    return score_of(turin_grid(name))


def plain_average(name: str) -> float:
    """The usual mistake: every mark counted the same."""
    return float(turin_grid(name)["score"].mean())


def per_unit(name: str) -> pd.DataFrame:
    """Points, weight, weighted score and plain average of each unit (the exercise's helper
    cell computes the first three with the same pandas line)."""
    grid = turin_grid(name)
    table = grid.assign(points=grid["weight"] * grid["score"]).groupby("unit")[
        ["points", "weight"]].sum()
    table["score"] = table["points"] / table["weight"]
    table["plain average"] = grid.groupby("unit")["score"].mean()
    return pd.DataFrame(table)


def unit_scores(name: str) -> dict[str, float]:
    return {u: float(s) for u, s in per_unit(name)["score"].items()}


def unit_plain_averages(name: str) -> dict[str, float]:
    return {u: float(s) for u, s in per_unit(name)["plain average"].items()}


def validated(name: str) -> bool:
    """Rule 1: the stay is validated if the weighted score is at least the threshold."""
    return weighted_score(name) >= threshold()


def units_recognised(name: str) -> list[str]:
    """Rule 2: the units whose own weighted score reaches the threshold, if the stay is
    validated."""
    if not validated(name):
        return []
    return [u for u, s in unit_scores(name).items() if s >= threshold()]


def units_by_plain_average(name: str) -> list[str]:
    """What rule 2 gives when each unit's marks are averaged without their weights."""
    return [u for u, s in unit_plain_averages(name).items() if s >= threshold()]


# -- the learning-agreement checklist ----------------------------------------------------------
def checklist() -> tuple[Mapping[str, Any], ...]:
    return case()["learning_agreement_checklist"]


def checklist_items() -> list[str]:
    return [i["item"] for i in checklist()]


def draft(name: str) -> Mapping[str, str]:
    return case()["learning_agreement_drafts"][first_name(participant(name))]


def applies(item: Mapping[str, Any], name: str) -> bool:
    return item.get("applies_to") != "minors" or is_minor(name)


def meets(item: Mapping[str, Any], line: str, name: str) -> bool:
    """Whether a draft's line meets a checklist item, by the item's rules in the case."""
    p = participant(name)
    fill = {"{first_name}": re.escape(first_name(p)), "{host}": re.escape(p["host"])}

    def pattern_of(text: str) -> str:
        for placeholder, value in fill.items():
            text = text.replace(placeholder, value)
        return text

    found = [re.search(pattern_of(pattern), line, re.IGNORECASE)
             for pattern in item.get("complete_if", ())]
    refused = [re.search(pattern, line, re.IGNORECASE) for pattern in item.get("not_if", ())]
    return bool(line.strip()) and all(found) and not any(refused)


def missing_items(name: str) -> list[str]:
    """The checklist items that apply to the apprentice and that the draft does not meet."""
    lines = draft(name)
    return [i["item"] for i in checklist()
            if applies(i, name) and not meets(i, lines.get(i["item"], ""), name)]


def not_applicable_items(name: str) -> list[str]:
    return [i["item"] for i in checklist() if not applies(i, name)]
