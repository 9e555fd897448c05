"""The skills self-assessment's data: the framework as the dashboard reads it, ratings as
tables, CSV and XLSX, and the profile chart."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..catalogue import all_modules, module
from ..catalogue.skills import Framework, Skill, framework
from . import ui

NOT_RATED = 0


# -- the self-assessment ---------------------------------------------------------------------
class RatingsError(ValueError):
    """A self-assessment file that cannot be read; ``problems`` lists (where, reason)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{w}: {r}" for w, r in problems))


def result_frame(ratings: Mapping[str, int], fw: Framework | None = None) -> pd.DataFrame:
    """One row per skill: mission, target, own level (0: not rated) and the gap."""
    fw = fw or framework()
    rows = []
    for s in fw.skills:
        own = int(ratings.get(s.id, NOT_RATED))
        rows.append({"skill_id": s.id, "skill": s.name, "mission": fw.mission(s.mission).name,
                     "level_expected": s.level_expected, "your_level": own,
                     "gap": max(s.level_expected - own, 0) if own else None,
                     "modules": " ".join(module(m).code for m in s.modules)})
    return pd.DataFrame(rows)


def module_priorities(ratings: Mapping[str, int], fw: Framework | None = None) -> pd.DataFrame:
    """Modules ranked by the sum of the gaps of the rated skills they train (largest first)."""
    fw = fw or framework()
    score: dict[str, int] = {}
    because: dict[str, list[str]] = {}
    for s in fw.skills:
        own = int(ratings.get(s.id, NOT_RATED))
        gap = s.level_expected - own if own else 0
        if gap <= 0:
            continue
        for m in s.modules:
            score[m] = score.get(m, 0) + gap
            because.setdefault(m, []).append(s.id)
    order = [m.id for m in all_modules()]
    ranked = sorted(score, key=lambda m: (-score[m], order.index(m)))
    return pd.DataFrame([{"module": m, "code": module(m).code, "title": module(m).title,
                          "gap_points": score[m], "skills": " ".join(because[m])}
                         for m in ranked],
                        columns=["module", "code", "title", "gap_points", "skills"])


def ratings_csv(ratings: Mapping[str, int], fw: Framework | None = None) -> str:
    return ui.csv_text(result_frame(ratings, fw))


def ratings_xlsx(ratings: Mapping[str, int], fw: Framework | None = None) -> bytes:
    fw = fw or framework()
    note = [f"{fw.title}: self-assessment. Levels: " + "; ".join(
        f"{lv.level} {lv.name}" for lv in fw.levels) + "; 0 not rated."]
    return ui.xlsx_bytes({"Self-assessment": result_frame(ratings, fw),
                          "Modules first": module_priorities(ratings, fw)},
                         {"Self-assessment": note})


def read_ratings(data: bytes, fw: Framework | None = None) -> dict[str, int]:
    """Ratings from a CSV this dashboard wrote (columns ``skill_id`` and ``your_level``)."""
    fw = fw or framework()
    text = ui.decode_text(data)
    try:
        rows = ui.read_csv_rows(text)
    except Exception as err:  # noqa: BLE001 - csv raises several kinds of errors
        raise RatingsError([("file", f"not a CSV file ({err})")]) from None
    header = set(rows[0]) if rows else set()
    missing = [c for c in ("skill_id", "your_level") if c not in header]
    if missing:
        raise RatingsError([("line 1", f"missing column {c!r} (download a self-assessment "
                                       "from this page to see the format)") for c in missing])
    known = {s.id for s in fw.skills}
    levels = {lv.level for lv in fw.levels} | {NOT_RATED}
    ratings, problems = {}, []
    for line, row in enumerate(rows, start=2):
        sid, value = row.get("skill_id", ""), row.get("your_level", "")
        if not sid and not value:
            continue
        if sid not in known:
            problems.append((f"line {line}", f"unknown skill {sid!r}"))
            continue
        try:
            level = int(float(value or 0))
        except ValueError:
            problems.append((f"line {line}", f"your_level {value!r} is not a level 0-4"))
            continue
        if level not in levels:
            problems.append((f"line {line}", f"your_level {level} is not a level 0-4"))
            continue
        ratings[sid] = level
    if problems:
        raise RatingsError(problems)
    return ratings


def profile_chart(ratings: Mapping[str, int], fw: Framework | None = None) -> bytes:
    """Own level (bars) against the target (black marks), skill by skill, by mission."""
    fw = fw or framework()
    rows: list[tuple[str, Skill | None]] = []  # a mission's name, then its skills
    for mission in fw.missions:
        rows.append((mission.name, None))
        rows += [(s.id, s) for s in fw.skills if s.mission == mission.id]
    fig = ui.new_figure(12.4, 1.2 + 0.3 * len(rows))
    ax = fig.add_subplot()
    y = list(range(len(rows)))
    skills = [(i, s) for i, (_, s) in enumerate(rows) if s is not None]
    own = [int(ratings.get(s.id, 0)) for _, s in skills]
    colours = ["#c7ccd1" if o == 0 else ("#5fa55a" if o >= s.level_expected else "#f0a030")
               for o, (_, s) in zip(own, skills, strict=True)]
    ax.barh([i for i, _ in skills], own, color=colours, height=0.6, label="your level")
    ax.scatter([s.level_expected for _, s in skills], [i for i, _ in skills], marker="|", s=220,
               color="black", linewidths=2.5, zorder=3, label="target")
    ax.set_yticks(y, [name for name, _ in rows])
    for tick, (_, skill) in zip(ax.get_yticklabels(), rows, strict=True):
        if skill is None:
            tick.set_fontweight("bold")
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlim(0, 4.3)
    ax.set_xticks(range(0, 5), ["not rated"] + [f"{lv.level} {lv.name}" for lv in fw.levels])
    ax.tick_params(axis="y", labelsize=9, length=0)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    ax.legend(loc="upper right", fontsize=9)
    ax.set_title("Your profile against the target (orange: below the target, green: reached)",
                 fontsize=11)
    return ui.png(fig)
