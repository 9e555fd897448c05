"""The worked case of C4.2, "Three apprentice mechanics in Turin": units, grids, decisions.

The facts are in ``data/cases/c4-2-recognition.yaml``; everything that can be computed is
computed here, so that the lesson, its tables, its chart and the exercise checks agree: ages and
minors from the birth dates, the days of activity, each apprentice's grid as a pandas table, the
weighted scores (of the stay and of each unit), the decisions of the learning agreement's two
rules, the latest date of part 2 of the mobility unit, and which checklist items a
learning-agreement draft lacks (by the rules stored in the case).

>>> weighted_score("Lucas")  # (20*14 + 10*9 + 25*15 + 15*13 + 10*8 + 20*11) / 100
12.4
>>> units_recognised("Lucas")
['U1', 'U2']
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pandas as pd

from . import load_case

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


# -- what the notebook shows -------------------------------------------------------------------
def _display(frame: pd.DataFrame, caption: str | None = None, precision: int = 2) -> None:
    from IPython.display import Markdown, display

    styler = pd.DataFrame(frame).style.hide(axis="index").format(precision=precision)
    styler = styler.set_properties(**{"text-align": "left", "white-space": "pre-wrap"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    display(styler)
    if caption:
        display(Markdown(f"*{caption}*"))


def case_table() -> pd.DataFrame:
    """The three apprentices of the case, one line each."""
    c = case()
    by_diploma = c["units_by_diploma"]
    levels = {d["code"]: d for d in c["cfa"]["diplomas"]}
    rows = []
    for p in c["participants"]:
        name = first_name(p)
        level = levels[p["diploma"]]
        rows.append({
            "Apprentice": p["name"],
            "Age at departure": age_at_departure(name),
            "Minor": "yes" if is_minor(name) else "no",
            "Diploma (level)": f"{p['diploma']} (level {level['french_level']}, EQF "
                               f"{level['eqf_level']})",
            "Host garage and mentor": f"{p['host']}, {p['mentor']}",
            "Units of the stay": ", ".join(by_diploma[p["diploma"]]),
            "Mobility unit candidate": "yes" if p["ufm_candidate"] else "no",
        })
    return pd.DataFrame(rows)


def show_case() -> None:
    """The Turin case: the project, the stay, one line per apprentice."""
    from IPython.display import Markdown, display

    c = case()
    p, m = c["erasmus_project"], c["mobility"]
    acc = c["cfa"]["accompanying_person"]
    display(Markdown(
        f"**{c['cfa']['name']}**, {c['cfa']['town']}, {c['cfa']['department']}: "
        f"{c['cfa']['trade']}. {p['action'].split(' (')[0]} project of call {p['call']}, round "
        f"{p['round']}: {long_date(p['project_start'])} to {long_date(p['project_end'])} "
        f"({project_months()} months). Host city: Turin ({c['partner']['host_country']}). "
        f"Activity {long_date(m['activity_start'], True)} to {long_date(m['activity_end'], True)}"
        f" ({activity_days()} days); travel on {long_date(m['outbound_travel'])} and "
        f"{long_date(m['return_travel'])}. {acc['name']}, a trainer, accompanies "
        f"{acc['accompanies']} from {long_date(acc['from'])} to {long_date(acc['to'])}. "
        "The CFA, the garages and the people are illustrative."))
    _display(case_table())


def grid_table() -> pd.DataFrame:
    """The assessment grid of the learning agreement, with the total of the weights."""
    rows = [(c["id"], f"{c['unit']} {units()[c['unit']]['title']}", c["text"], c["weight"])
            for c in criteria()]
    rows.append(("Total", "", "", sum(c["weight"] for c in criteria())))
    return pd.DataFrame(rows, columns=["Criterion", "Unit", "What the mentor observes",
                                       "Weight (%)"])


def show_grid() -> None:
    """Section 2: the six weighted criteria of the Turin grid."""
    g = case()["assessment_grid"]
    _display(grid_table(), f"Marks out of {g['scale_max']}, one per criterion. The weights are "
             "the CFA's choice (illustrative).")


def checklist_table() -> pd.DataFrame:
    return pd.DataFrame([(i["item"], i["what"]) for i in checklist()],
                        columns=["Item (name to type)", "What it must contain"])


def show_checklist() -> None:
    """Section 4 and exercise 2: the CFA's 12-item learning-agreement checklist."""
    _display(checklist_table(), f"{len(checklist())} items. The legal representative item "
             "applies only to an apprentice under 18 on the day of departure.")


def show_draft(name: str) -> None:
    """Exercise 2: a learning-agreement draft as Nadia receives it, line by line."""
    lines = draft(name)
    rows = [(i["item"], lines.get(i["item"]) or "(empty)") for i in checklist()]
    _display(pd.DataFrame(rows, columns=["Item", f"{first_name(participant(name))}'s draft"]))


def show_sarah_draft() -> None:
    show_draft("Sarah")


def show_ines_draft() -> None:
    show_draft("Inès")


def unit_chart(name: str = "Lucas"):
    """Section 5: each unit's weighted score against the threshold, and the overall score."""
    import matplotlib.pyplot as plt

    scores = unit_scores(name)
    limit = threshold()
    top = case()["assessment_grid"]["scale_max"]
    overall = weighted_score(name)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    labels = [f"{u}\n{units()[u]['title']}" for u in scores]
    colours = ["#4f7cac" if s >= limit else "#c98b2b" for s in scores.values()]
    bars = ax.bar(labels, list(scores.values()), color=colours, width=0.55)
    for bar, value in zip(bars, scores.values(), strict=True):
        verdict = "recognised" if value >= limit else "not recognised"
        ax.text(bar.get_x() + bar.get_width() / 2, value / 2, f"{value:.2f}\n{verdict}",
                ha="center", va="center", fontsize=10, color="white", fontweight="bold")
    ax.axhline(limit, color="#c0392b", ls="--", lw=1.5,
               label=f"threshold of the learning agreement: {limit:g}/{top}")
    ax.axhline(overall, color="#444444", ls=":", lw=1.5,
               label=f"{first_name(participant(name))}'s overall weighted score: {overall:.2f}")
    ax.legend(loc="upper right", fontsize=9, frameon=False)
    ax.set_ylim(0, top)
    ax.set_ylabel(f"Weighted score (out of {top})")
    ax.set_xlabel("Unit of learning outcomes")
    ax.set_title(f"{first_name(participant(name))}'s weighted score per unit (Turin grid)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def show_unit_chart() -> None:
    import matplotlib.pyplot as plt

    fig = unit_chart("Lucas")
    plt.show()
    plt.close(fig)


def timeline_table() -> pd.DataFrame:
    rows = [(long_date(t["date"], True), t["step"]) for t in case()["timeline"]]
    latest = ufm_part_2_latest("Inès")
    rows.append((long_date(latest, True), "Latest date allowed for Inès's part 2 (three months "
                 "after her return on " + long_date(return_date()) + ")"))
    return pd.DataFrame(rows, columns=["Date", "Step"])


def show_timeline() -> None:
    """Section 8: the case from the application to part 2 of Inès's mobility unit."""
    _display(timeline_table())


def show_exercise_grid() -> None:
    """Exercise 1: Sarah's grid, as the mentor sent it."""
    _display(turin_grid("Sarah"), precision=0)
