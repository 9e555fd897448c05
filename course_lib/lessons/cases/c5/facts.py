"""The facts of the "Retour d'Europe" case (C5) and what is computed from them with
pandas: the survey table and each question's mean score and share of satisfied respondents, the
mobility table and its indicators (apprentices who went, destinations, activity days, mobility
rates), and the reference figures with their year and source.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pandas as pd

from .. import load_case
from .columns import CaseTable, explain_column_errors

MODULE = "c5-promotion"
WENT, APPRENTICE = "went", "apprentice"


def case() -> Any:
    """The case facts (read-only)."""
    return load_case(MODULE)


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def long_date(when: date | str, weekday: bool = False) -> str:
    """``19 June 2026`` (``Friday 19 June 2026`` with the weekday)."""
    when = _day(when)
    text = f"{when.day} {when:%B %Y}"
    return f"{when:%A} {text}" if weekday else text


def school_year() -> str:
    """The school year of the project's mobilities (``2025-2026``)."""
    return case()["exercise_2"]["school_year"]


def dash(text: str) -> str:
    """``2025-2026`` written with an en dash, as the lesson writes years."""
    return str(text).replace("-", "–")


def number(value: float, decimals: int = 0) -> str:
    """``1 040``, ``2.1``: a thin space between thousands, a decimal point."""
    return f"{value:,.{decimals}f}".replace(",", " ")


# -- the survey (exercise 1) -------------------------------------------------------------------
def questions() -> list[str]:
    """The column names of the five survey questions, in order."""
    return list(case()["survey"]["questions"])


def satisfied_from() -> int:
    """The lowest answer that counts as satisfied (4: "agree")."""
    return int(case()["survey"]["satisfied_from"])


def survey() -> CaseTable:
    """The 25 anonymous answers, one row per respondent and one column per question
    (illustrative data of the case)."""
    s = case()["survey"]
    explain_column_errors()
    return CaseTable([list(r) for r in s["rows"]], columns=list(s["columns"]))


def mean_score(question: str, frame: pd.DataFrame | None = None) -> float:
    """The mean score of one question (sum of the answers / number of answers)."""
    frame = survey() if frame is None else frame
    return round(float(frame[question].mean()), 10)


def satisfied_share(question: str, frame: pd.DataFrame | None = None,
                    at_least: int | None = None) -> float:
    """The share of respondents who answered ``at_least`` (4) or more, in percent."""
    frame = survey() if frame is None else frame
    limit = satisfied_from() if at_least is None else at_least
    return round(float((frame[question] >= limit).mean() * 100), 10)


def satisfied_shares(frame: pd.DataFrame | None = None) -> pd.Series:
    """The share of satisfied respondents of each question, in percent."""
    frame = survey() if frame is None else frame
    return (frame[questions()] >= satisfied_from()).mean() * 100


def weak_questions(below: float | None = None) -> list[str]:
    """The questions with fewer than ``below`` percent (70) of satisfied respondents."""
    below = case()["exercise_1"]["weak_below_percent"] if below is None else below
    shares = satisfied_shares()
    return [q for q in questions() if shares[q] < below]


def answer_counts(question: str) -> pd.Series:
    """How many respondents gave each answer 1 to 5 to ``question``."""
    scale = sorted(case()["survey"]["scale"])
    return survey()[question].value_counts().reindex(scale, fill_value=0)


def group_mean(question: str) -> pd.Series:
    """The mean score of ``question`` per destination."""
    return survey().groupby("destination")[question].mean()


def answers_of(destination: str, question: str) -> list[int]:
    """The answers of one destination's respondents to one question, in row order."""
    frame = survey()
    return [int(v) for v in frame.loc[frame["destination"] == destination, question]]


def share_of(answers: Iterable[int]) -> float:
    """The share of satisfied answers in a list of answers, in percent."""
    answers = list(answers)
    return 100 * sum(a >= satisfied_from() for a in answers) / len(answers)


# -- the mobility table and the indicators (exercise 2) ---------------------------------------
def groups() -> dict[str, Mapping[str, Any]]:
    return {g["id"]: g for g in case()["groups"]}


def activity_days_of(group: Mapping[str, Any]) -> int:
    """Days of activity of a group, first and last day included."""
    return (_day(group["activity_end"]) - _day(group["activity_start"])).days + 1


def mobilities() -> CaseTable:
    """Every person selected or sent in 2025-2026: apprentices and accompanying trainers,
    with their group's diploma, city, country and activity days (0 when cancelled)."""
    m, by_id = case()["mobilities"], groups()
    rows = []
    for person, role, group, status in m["rows"]:
        g = by_id[group]
        rows.append([person, role, g["diploma"] if role == APPRENTICE else "-", group,
                     g["city"], g["country"], status,
                     activity_days_of(g) if status == WENT else 0])
    explain_column_errors()
    return CaseTable(rows, columns=["person", "role", "diploma", "group", "city", "country",
                                    "status", "activity_days"])


def enrolled() -> pd.Series:
    """Apprentices enrolled each school year (headcount on 31 December)."""
    e = case()["cfa"]["enrolment"]
    return pd.Series({year: int(n) for year, n in e.items()}, name="apprentices enrolled")


def _went(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["role"] == APPRENTICE) & (frame["status"] == WENT)]


def mobile_apprentices(year: str | None = None) -> int:
    """Apprentices who went abroad during the school year (not the cancelled ones, not the
    accompanying trainers)."""
    year = year or school_year()
    if year == school_year():
        return len(_went(mobilities()))
    previous = case()["previous_year"]
    if year == previous["school_year"]:
        return int(previous["mobile_apprentices"])
    raise KeyError(f"the case has no mobility figures for {year}")


def mobility_rate(year: str | None = None) -> float:
    """Mobile apprentices / apprentices enrolled x 100, in percent."""
    year = year or school_year()
    return mobile_apprentices(year) / int(enrolled()[year]) * 100


def selected_apprentices() -> int:
    table = mobilities()
    return int((table["role"] == APPRENTICE).sum())


def people_abroad() -> int:
    table = mobilities()
    return int((table["status"] == WENT).sum())


def accompanying_persons() -> int:
    table = mobilities()
    return int(((table["role"] != APPRENTICE) & (table["status"] == WENT)).sum())


def destination_cities() -> int:
    """Different cities where a mobility took place."""
    table = mobilities()
    return int(table.loc[table["status"] == WENT, "city"].nunique())


def destination_countries() -> int:
    table = mobilities()
    return int(table.loc[table["status"] == WENT, "country"].nunique())


def average_activity_days() -> float:
    """Mean activity days of the apprentices who went."""
    return float(_went(mobilities())["activity_days"].mean())


def share_fewer_opportunities() -> float:
    """Participants with fewer opportunities / apprentices who went x 100."""
    return case()["other_facts"]["fewer_opportunities"] / mobile_apprentices() * 100


def apprentices_needed(percent: float, year: str = "2024-2025") -> int:
    """The smallest number of mobile apprentices that reaches ``percent`` of the enrolled."""
    return math.ceil(int(enrolled()[year]) * percent / 100 - 1e-9)


def reference(name: str) -> Mapping[str, Any]:
    """One reference figure of the case, with its year and source."""
    return case()["reference_figures"][name]


def reference_percent(name: str) -> float:
    return float(reference(name)["percent"])
