"""A simulated cohort: perfect, partial, blank (and all-wrong) learners' submissions.

Quiz answers are given through :class:`AnswerStore`, the store the quiz widget writes to;
exercise answers are typed into the answer cells. Nothing here writes a score.
"""

from __future__ import annotations

import ast
import random
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import nbformat

from ..quiz.answers import AnswerStore
from ..quiz.questions import Question, load_bank
from .course import BEGIN, END, CourseError, released_modules


# -- the answers hidden in a source notebook -------------------------------------------------
@dataclass
class AnswerCell:
    """One answer cell of a source notebook: quiz answers, or an exercise's solution code."""

    grade_id: str
    solution: str
    quiz_answers: dict[str, Any] = field(default_factory=dict)


def _region(source: str) -> str:
    inside, keep = False, []
    for line in source.splitlines():
        if BEGIN in line:
            inside = True
        elif END in line:
            inside = False
        elif inside:
            keep.append(line)
    return "\n".join(keep)


def _quiz_calls(code: str) -> dict[str, Any]:
    """``test.answer("v1", "b")`` calls in a solution region, as {question: value}."""
    found: dict[str, Any] = {}
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "answer" and len(node.args) == 2):
            try:
                found[ast.literal_eval(node.args[0])] = ast.literal_eval(node.args[1])
            except ValueError:
                continue
    return found


@dataclass(frozen=True)
class GradedKey:
    """The key of one graded question, as its hidden test in the source notebook holds it."""

    qid: str
    key: Any
    why: str


def graded_keys(source_nb: Path) -> dict[str, GradedKey]:
    """``test.score("v1", key, why=...)`` calls of the hidden tests, by question id."""
    nb = nbformat.read(source_nb, as_version=4)
    found: dict[str, GradedKey] = {}
    for cell in nb.cells:
        if "BEGIN HIDDEN TESTS" not in cell.source:
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "score" and len(node.args) >= 2):
                why = next((ast.literal_eval(k.value) for k in node.keywords
                            if k.arg == "why"), "")
                qid = ast.literal_eval(node.args[0])
                found[qid] = GradedKey(qid, ast.literal_eval(node.args[1]), why)
    return found


def answer_cells(source_nb: Path) -> list[AnswerCell]:
    """The answer cells of a source notebook with their solutions."""
    nb = nbformat.read(source_nb, as_version=4)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("solution") and BEGIN in cell.source:
            region = _region(cell.source)
            cells.append(AnswerCell(meta["grade_id"], region, _quiz_calls(region)))
    return cells


def wrong_answer(q: Question, key: Any, rng: random.Random) -> Any:
    """A plausible answer that is not the key (for simulated learners)."""
    key = q.normalize(key)
    if q.type == "single":
        return rng.choice([k for k in q.options if k != key])
    if q.type == "multiple":
        flip = rng.choice(list(q.options))
        wrong = sorted(set(key) ^ {flip})
        return wrong or [k for k in q.options if k not in key][:1]
    if q.type == "truefalse":
        return not key
    if q.type == "numeric":
        return round(key * 1.5 + 10 + 2 * q.tolerance, 2)
    if q.type == "ordering":
        return list(reversed(key))
    terms = list(key)
    defs = [key[t] for t in terms]
    return dict(zip(terms, defs[1:] + defs[:1], strict=False))


def _wrong_code(solution: str) -> str:
    """Code that fills the same names as the solution with a wrong value."""
    names: list[str] = []
    try:
        for node in ast.walk(ast.parse(solution)):
            if isinstance(node, ast.Assign):
                names += [t.id for t in node.targets if isinstance(t, ast.Name)]
    except SyntaxError:
        pass
    return "\n".join(f"{n} = 1" for n in dict.fromkeys(names)) or "pass"


# -- simulated cohort -------------------------------------------------------------------------
PROFILES = ("perfect", "partial", "blank")
# "wrong" answers every question, all wrongly: used to prove that each graded cell can fail.
ALL_PROFILES = (*PROFILES, "wrong")


@dataclass
class SimulatedSubmission:
    learner: str
    module: str
    profile: str
    folder: Path


def demo_cohort(root: Path, learners: int, seed: int = 0,
                modules: Iterable[str] | None = None) -> list[SimulatedSubmission]:
    """Simulated submissions in ``submitted/`` for every released module.

    The first three learners are perfect, partial and blank; the others are drawn at random
    (seeded). Quiz answers are given through :class:`AnswerStore`, the store the quiz widget
    writes to; exercise answers are typed into the answer cells. Nothing writes a score.
    """
    if learners < 1:
        raise CourseError("--learners must be at least 1")
    rng = random.Random(seed)
    wanted = list(modules) if modules else released_modules(root)
    if not wanted:
        raise CourseError("no released module: run `mobility-course build` first")
    out = []
    for i in range(1, learners + 1):
        learner = f"coach-{i:02d}"
        profile = PROFILES[i - 1] if i <= 3 else rng.choice(PROFILES)
        for mid in wanted:
            folder = root / "submitted" / learner / mid
            simulate_submission(root, mid, folder, profile, rng)
            out.append(SimulatedSubmission(learner, mid, profile, folder))
    return out


def simulate_submission(root: Path, mid: str, folder: Path, profile: str,
                        rng: random.Random | None = None) -> None:
    """One simulated learner's submission of one module (see :func:`demo_cohort`)."""
    if profile not in ALL_PROFILES:
        raise CourseError(f"unknown profile {profile!r}; use one of {', '.join(ALL_PROFILES)}")
    rng = rng or random.Random(0)
    release = root / "release" / mid
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(release, folder)
    (folder / "timestamp.txt").write_text(
        datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8"
    )
    if profile == "blank":
        return
    cells = answer_cells(root / "source" / mid / f"{mid}.ipynb")
    bank = load_bank(mid)
    store = AnswerStore(folder, mid)
    # a partial learner gets about half right, and at least one right and one wrong
    items = [(c, qid) for c in cells for qid in (c.quiz_answers or [None])]
    right = set(range(len(items))) if profile != "wrong" else set()
    if profile == "partial":
        order = list(range(len(items)))
        rng.shuffle(order)
        right = set(order[: max(1, len(items) // 2)])
        right.discard(order[-1])
    nb_path = folder / f"{mid}.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    for index, (cell, qid) in enumerate(items):
        good = index in right
        if qid is not None:
            key = cell.quiz_answers[qid]
            store.record(qid, key if good else wrong_answer(bank[qid], key, rng))
        else:
            target = by_id[cell.grade_id]
            code = cell.solution if good else _wrong_code(cell.solution)
            target.source = target.source.rstrip("\n") + "\n" + code
    nbformat.write(nb, nb_path)
