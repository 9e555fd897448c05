"""The cohort's results, from nbgrader's gradebook, and who validated what, when.

``validations.jsonl`` (course folder, one JSON line per event, never rewritten) records each
time a submission reaches its module's pass mark (``validated``) or falls below it again
after a new grading (``withdrawn``), with the date and the grader: a trainer can answer "who
validated what, when" and a certificate states it.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..catalogue import all_modules, module

RECORDS = "validations.jsonl"


@dataclass(frozen=True)
class Result:
    learner: str
    module: str
    score: float
    max_score: float
    awaiting_manual: bool

    @property
    def passed(self) -> bool:
        m = module(self.module)
        return m.pass_mark is not None and self.score >= m.pass_mark


@dataclass(frozen=True)
class Validation:
    learner: str
    module: str
    event: str  # "validated" or "withdrawn"
    score: float
    max_score: float
    date: str  # ISO date (UTC)
    grader: str


def results(root: Path) -> list[Result]:
    """Every graded submission of the gradebook, in course order."""
    from nbgrader.api import Gradebook

    db = root / "gradebook.db"
    if not db.is_file():
        return []
    order = {m.id: i for i, m in enumerate(all_modules())}
    found = []
    with Gradebook(f"sqlite:///{db}") as gb:
        for assignment in gb.assignments:
            if assignment.name not in order:
                continue
            for sub in assignment.submissions:
                waiting = any(g.needs_manual_grade for nb in sub.notebooks for g in nb.grades)
                found.append(Result(sub.student.id, assignment.name, float(sub.score),
                                    float(sub.max_score), waiting))
    return sorted(found, key=lambda r: (r.learner, order[r.module]))


def validations(root: Path) -> list[Validation]:
    """Every recorded event, oldest first (unreadable lines are skipped)."""
    path = root / RECORDS
    if not path.is_file():
        return []
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            events.append(Validation(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return events


def current_validations(root: Path) -> dict[tuple[str, str], Validation]:
    """The modules each learner holds validated now: (learner, module) -> its validation."""
    held: dict[tuple[str, str], Validation] = {}
    for event in validations(root):
        key = (event.learner, event.module)
        if event.event == "validated":
            held[key] = event
        else:
            held.pop(key, None)
    return held


def record_validations(root: Path, grader: str | None = None,
                       today: str | None = None) -> list[Validation]:
    """Append the events that the gradebook's results imply; return the new ones."""
    held = current_validations(root)
    grader = grader or getpass.getuser()
    today = today or datetime.now(timezone.utc).date().isoformat()
    new = []
    for r in results(root):
        key = (r.learner, r.module)
        if r.passed and key not in held:
            new.append(Validation(r.learner, r.module, "validated", r.score, r.max_score, today,
                                  grader))
        elif not r.passed and key in held:
            new.append(Validation(r.learner, r.module, "withdrawn", r.score, r.max_score,
                                  today, grader))
    if new:
        with (root / RECORDS).open("a", encoding="utf-8") as out:
            for v in new:
                out.write(json.dumps(v.__dict__, ensure_ascii=False) + "\n")
    return new
