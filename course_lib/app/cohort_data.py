"""The cohort dashboard's data: an nbgrader gradebook (or a demo cohort) read as tables of
scores and items, with the exports (CSV, XLSX, chart)."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogue import all_modules, module
from ..quiz.questions import QuizError, load_bank
from . import ui

ENV = "MOBILITY_COURSE_GRADEBOOK"
SCORE_COLUMNS = ["learner", "module", "score", "max_score", "needs_manual"]
ITEM_COLUMNS = ["learner", "module", "item", "score", "max_score", "needs_manual", "auto"]
STATUS_LABELS = {"validated": "validated", "not-validated": "not validated",
                 "manual": "awaiting manual grading"}


class GradebookError(ValueError):
    """A gradebook that cannot be read, with the reason in words."""


@dataclass
class Cohort:
    """Scores per learner and module, and per graded item (question, exercise, task)."""

    source: str
    scores: pd.DataFrame
    items: pd.DataFrame
    synthetic: bool = False
    notes: list[str] = field(default_factory=list)

    def learners(self) -> list[str]:
        return sorted(self.scores["learner"].unique())

    def modules(self) -> list[str]:
        found = set(self.scores["module"])
        known = [m.id for m in all_modules()]
        return [m for m in known if m in found] + sorted(found - set(known))


# -- reading -------------------------------------------------------------------------------
def read_gradebook(path: str | Path) -> Cohort:
    """Every submission's scores in an nbgrader gradebook (read-only)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise GradebookError(f"no gradebook at {path.name!r}: the file does not exist")
    uri = f"file:{path.resolve()}?mode=ro"
    try:
        with sqlite3.connect(uri, uri=True) as db:
            tables = {r[0] for r in db.execute("select name from sqlite_master where "
                                               "type='table'")}
            if not {"assignment", "student", "submitted_assignment", "course"} <= tables:
                raise GradebookError(f"{path.name} is a database but not an nbgrader gradebook")
            courses = [r[0] for r in db.execute("select id from course")]
    except sqlite3.DatabaseError as err:
        raise GradebookError(f"{path.name} is not an nbgrader gradebook ({err})") from None
    from nbgrader.api import Gradebook, MissingEntry

    scores, items = [], []
    with Gradebook(f"sqlite:///{uri}&uri=true",
                   course_id=courses[0] if courses else "default_course") as gb:
        students = [s.id for s in gb.students]
        for assignment in gb.assignments:
            for learner in students:
                try:
                    sub = gb.find_submission(assignment.name, learner)
                except MissingEntry:
                    continue
                scores.append((learner, assignment.name, float(sub.score),
                               float(sub.max_score), bool(sub.needs_manual_grade)))
                for notebook in sub.notebooks:
                    # a grade cell that is also a solution cell is marked by hand (a written
                    # task); the others are autograder tests
                    manual = {c.name for c in notebook.notebook.solution_cells}
                    for grade in notebook.grades:
                        items.append((learner, assignment.name, grade.name,
                                      float(grade.score or 0), float(grade.max_score),
                                      bool(grade.needs_manual_grade), grade.name not in manual))
    return Cohort(path.name, pd.DataFrame(scores, columns=SCORE_COLUMNS),
                  pd.DataFrame(items, columns=ITEM_COLUMNS))


def demo_items(module_id: str) -> list[tuple[str, float, bool]]:
    """(item, points, manual) of a gradable module: its graded questions as nbgrader names
    them (``test-v1``...), its exercises as one item, its written task."""
    m = module(module_id)
    try:
        questions = [(f"test-{q.id}", q.points, False) for q in load_bank(module_id).graded()]
    except QuizError:
        questions = []
    auto = (m.points or 0) - m.manual_points - sum(p for _, p, _ in questions)
    items = list(questions)
    number = 0
    while auto > 0:  # the exercises, as answer cells of 1 or 2 points
        number += 1
        points = 2.0 if auto >= 2 else float(auto)
        items.append((f"exercise-{number}", points, False))
        auto -= points
    if m.manual_points:
        items.append(("written-task", float(m.manual_points), True))
    return items


def demo_cohort(learners: int = 12, seed: int = 7) -> Cohort:
    """A synthetic cohort shaped like a gradebook: learners of varied ability, each gradable
    module, one item per graded question; a few modules not submitted, a few written tasks
    not marked yet. Deterministic for a seed."""
    rng = random.Random(seed)
    modules = [m.id for m in all_modules() if m.is_gradable]
    difficulty = {m: {} for m in modules}
    scores, items = [], []
    for i in range(1, learners + 1):
        learner = f"coach-{i:02d}"
        ability = [0.95, 0.55, 0.25][i - 1] if i <= 3 else rng.uniform(0.35, 0.95)
        for mid in modules:
            if i > 3 and rng.random() < 0.12:
                continue  # not submitted yet
            total, maximum, waiting = 0.0, 0.0, False
            for name, points, manual in demo_items(mid):
                hard = difficulty[mid].setdefault(name, rng.uniform(-0.25, 0.2))
                if manual:
                    waiting_here = rng.random() < 0.2
                    score = 0.0 if waiting_here else round(points * min(1, max(0, rng.gauss(
                        ability, 0.15))) * 2) / 2
                    waiting = waiting or waiting_here
                else:
                    waiting_here = False
                    share = min(1.0, max(0.0, ability - hard))
                    score = points * float(rng.random() < share)
                items.append((learner, mid, name, score, points, waiting_here, not manual))
                total += score
                maximum += points
            scores.append((learner, mid, total, maximum, waiting))
    return Cohort("demo cohort", pd.DataFrame(scores, columns=SCORE_COLUMNS),
                  pd.DataFrame(items, columns=ITEM_COLUMNS), synthetic=True)


def load_cohort(environ: Mapping[str, str] | None = None) -> Cohort:
    """The gradebook named at start-up, else the demo cohort (with a note saying why)."""
    environ = os.environ if environ is None else environ
    path = environ.get(ENV, "").strip()
    if not path:
        return demo_cohort()
    try:
        return read_gradebook(path)
    except GradebookError as err:
        cohort = demo_cohort()
        cohort.notes.append(f"The gradebook given at start-up cannot be read ({err}); "
                            "showing the demo cohort instead.")
        return cohort


# -- tables ---------------------------------------------------------------------------------
def status(module_id: str, score: float, needs_manual: bool) -> str:
    """``validated``, ``manual`` (awaiting manual grading, not validated yet) or
    ``not-validated``."""
    m = module(module_id) if module_id in {x.id for x in all_modules()} else None
    if m is not None and m.pass_mark is not None and score >= m.pass_mark:
        return "validated"
    return "manual" if needs_manual else "not-validated"


def long_table(cohort: Cohort) -> pd.DataFrame:
    """One row per submission: score, maximum, percentage and validation status."""
    frame = cohort.scores.copy()
    frame["percent"] = (100 * frame["score"] / frame["max_score"].where(
        frame["max_score"] > 0)).round(1)
    frame["status"] = [STATUS_LABELS[status(m, s, n)] for m, s, n in zip(
        frame["module"], frame["score"], frame["needs_manual"], strict=True)]
    return frame.sort_values(["learner", "module"]).reset_index(drop=True)


def matrix(cohort: Cohort) -> pd.DataFrame:
    """Learners x modules, each cell ``score/max``; an empty cell: not submitted."""
    table = long_table(cohort)
    cells = table.assign(cell=[f"{s:g}/{x:g}" for s, x in zip(table["score"],
                                                               table["max_score"], strict=True)])
    wide = cells.pivot(index="learner", columns="module", values="cell")
    wide = wide.reindex(columns=cohort.modules()).fillna("")
    validated = table[table["status"] == "validated"].groupby("learner").size()
    wide["validated"] = [int(validated.get(learner, 0)) for learner in wide.index]
    return wide.reset_index()


def failed_questions(cohort: Cohort, module_id: str | None = None, top: int = 10
                     ) -> pd.DataFrame:
    """The autograded items (quiz questions, exercise cells) most often failed (less than
    full marks), most failed first. Written tasks marked by hand are left out.
    """
    items = cohort.items[cohort.items["auto"] & ~cohort.items["needs_manual"]]
    if module_id:
        items = items[items["module"] == module_id]
    if items.empty:
        return pd.DataFrame(columns=["module", "item", "question", "failed", "graded",
                                     "failed_percent"])
    items = items.assign(failed=items["score"] < items["max_score"])
    grouped = items.groupby(["module", "item"], sort=False).agg(
        failed=("failed", "sum"), graded=("failed", "size")).reset_index()
    grouped["failed_percent"] = (100 * grouped["failed"] / grouped["graded"]).round(0)
    grouped["question"] = [question_text(m, i) for m, i in zip(grouped["module"],
                                                               grouped["item"], strict=True)]
    grouped = grouped[grouped["failed"] > 0].sort_values(
        ["failed_percent", "failed"], ascending=False, kind="stable")
    return grouped[["module", "item", "question", "failed", "graded", "failed_percent"]
                   ].head(top).reset_index(drop=True)


def question_text(module_id: str, item: str) -> str:
    """The prompt of a graded question (``test-v3`` -> bank question ``v3``), shortened."""
    qid = item.removeprefix("test-")
    try:
        bank = load_bank(module_id)
    except (QuizError, KeyError):
        return item
    if qid in bank:
        text = " ".join(bank[qid].prompt.split())
        return text if len(text) <= 110 else text[:107] + "..."
    if item.startswith("exercise-"):
        return f"Exercise answer cell {item.removeprefix('exercise-')}"
    return {"written-task": "Written task (marked by the trainer)"}.get(item, item)


def scores_csv(cohort: Cohort) -> str:
    return ui.csv_text(long_table(cohort))


def cohort_xlsx(cohort: Cohort) -> bytes:
    source = f"Source: {cohort.source}" + (" (synthetic demo data)" if cohort.synthetic else "")
    return ui.xlsx_bytes({"Learners x modules": matrix(cohort), "Scores": long_table(cohort),
                          "Most failed": failed_questions(cohort, top=50)},
                         {"Learners x modules": [source], "Scores": [source]})


def distribution_chart(cohort: Cohort) -> bytes:
    """Score (% of the maximum) of every learner, module by module, with the pass mark."""
    table = long_table(cohort)
    modules = cohort.modules()
    fig = ui.new_figure(12.4, 3.6)
    ax = fig.add_subplot()
    rng = random.Random(0)
    colours = {"validated": "#5fa55a", "not validated": "#c0392b",
               "awaiting manual grading": "#f0a030"}
    for x, mid in enumerate(modules):
        rows = table[table["module"] == mid]
        if len(rows) > 1:
            ax.boxplot(rows["percent"].dropna(), positions=[x], widths=0.5, showfliers=False,
                       medianprops={"color": "#1f3b57"}, boxprops={"color": "#9aa7b4"},
                       whiskerprops={"color": "#9aa7b4"}, capprops={"color": "#9aa7b4"})
        for label, colour in colours.items():
            part = rows[rows["status"] == label]
            ax.scatter([x + rng.uniform(-0.12, 0.12) for _ in range(len(part))], part["percent"],
                       color=colour, s=26, zorder=3, label=label if x == 0 else None)
        m = module(mid) if mid in {x.id for x in all_modules()} else None
        if m is not None and m.pass_mark and m.points:
            mark = 100 * m.pass_mark / m.points
            ax.plot([x - 0.35, x + 0.35], [mark, mark], color="black", linestyle="--",
                    linewidth=1, label="pass mark" if x == 0 else None)
    ax.set_xticks(range(len(modules)), [_code(m) for m in modules])
    ax.set_ylim(-5, 105)
    ax.set_ylabel("score (% of the maximum)")
    ax.grid(axis="y", color="#eeeeee")
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9)
    ax.set_title("Score distribution per module", fontsize=11)
    return ui.png(fig)


def _code(module_id: str) -> str:
    try:
        return module(module_id).code
    except KeyError:
        return module_id
