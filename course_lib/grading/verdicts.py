"""Verdicts given outside the learner's kernel: the grade of each test cell, decided by code
the learner never touched.

nbgrader runs the learner's notebook in one kernel, so a test cell's verdict there can be
faked (a check redefined, an object whose ``==`` is always true, a patched library). Here the
trainer's process decides instead, from plain data only:

- a quiz question from the learner's ``answers.json`` as **submitted** (the copy the learner's
  code could rewrite while it runs is ignored) and the key of the source notebook's hidden test;
- an exercise from the value the check recorded (:mod:`course_lib.quiz.values`), re-checked by
  the same check function, imported fresh in this process.

Test cells of any other shape keep nbgrader's in-kernel verdict.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import nbformat

from ..quiz.answers import AnswerStore
from ..quiz.questions import load_bank
from ..quiz.values import read_values


@dataclass(frozen=True)
class CellRule:
    """How one graded code cell is judged outside the kernel."""

    grade_id: str
    points: float
    kind: str  # "quiz" or "exercise"
    question: str = ""
    key: Any = None
    function: str = ""  # "course_lib.lessons.checks.c1_1:check_travel"
    argument: str = ""  # the variable the check is given


@dataclass(frozen=True)
class Verdict:
    grade_id: str
    points: float
    passed: bool
    reason: str

    @property
    def score(self) -> float:
        return self.points if self.passed else 0.0


def _calls(tree: ast.AST, method: str) -> list[ast.Call]:
    """The calls ``<object>.<method>(...)`` in a cell (a test cell calls ``test.score``)."""
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr == method]


def _imports(tree: ast.AST) -> dict[str, str]:
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "course_lib.lessons.checks"):
            for alias in node.names:
                found[alias.asname or alias.name] = f"{node.module}:{alias.name}"
    return found


def rule_for(grade_id: str, points: float, source: str) -> CellRule | None:
    """The outside-the-kernel rule of a test cell, or ``None`` when it has no known shape."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    scores = _calls(tree, "score")
    if scores and len(scores[0].args) >= 2:
        try:
            qid = ast.literal_eval(scores[0].args[0])
            key = ast.literal_eval(scores[0].args[1])
        except ValueError:
            return None
        return CellRule(grade_id, points, "quiz", question=qid, key=key)
    imported = _imports(tree)
    for call in (c for c in ast.walk(tree) if isinstance(c, ast.Call)):
        name = getattr(call.func, "id", None)
        if name in imported and len(call.args) == 1 and isinstance(call.args[0], ast.Name):
            return CellRule(grade_id, points, "exercise", function=imported[name],
                            argument=call.args[0].id)
    return None


@cache
def _rules(source_nb: str, mtime: float) -> tuple[CellRule, ...]:  # noqa: ARG001 - cache key
    nb = nbformat.read(source_nb, as_version=4)
    rules = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            rule = rule_for(meta["grade_id"], float(meta.get("points", 0)), cell.source)
            if rule:
                rules.append(rule)
    return tuple(rules)


def cell_rules(source_nb: Path) -> tuple[CellRule, ...]:
    """The rules of every graded code cell of a source notebook with a known shape."""
    return _rules(str(source_nb), source_nb.stat().st_mtime)


@contextlib.contextmanager
def _as_autograde():
    """Checks raise AssertionError (and print nothing here) as they do under autograde."""
    from ..quiz import values

    saved = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    values.RECORDING = False
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        values.RECORDING = True
        if saved is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = saved


def _quiz(rule: CellRule, module: str, answers: AnswerStore) -> Verdict:
    q = load_bank(module)[rule.question]
    given = answers.get(rule.question)
    if given is None:
        return Verdict(rule.grade_id, rule.points, False, "no answer")
    ok = q.accepts(given, rule.key)
    return Verdict(rule.grade_id, rule.points, ok, "right" if ok else "not the expected answer")


def _exercise(rule: CellRule, values: dict[str, Any]) -> Verdict:
    if rule.argument not in values:
        return Verdict(rule.grade_id, rule.points, False, f"no value of {rule.argument} reached "
                       "the check (the check did not run, or was replaced)")
    module_name, function = rule.function.split(":")
    try:
        check = getattr(importlib.import_module(module_name), function)
    except (ImportError, AttributeError) as exc:
        return Verdict(rule.grade_id, rule.points, False, f"the course's check {rule.function} "
                       f"cannot be loaded ({exc}): fix the course, then grade with --force")
    with _as_autograde():
        try:
            check(values[rule.argument])
        except AssertionError as exc:
            return Verdict(rule.grade_id, rule.points, False, str(exc).splitlines()[0][:200])
        except Exception as exc:  # a value the check cannot read is a wrong answer
            return Verdict(rule.grade_id, rule.points, False, f"unreadable value ({exc})"[:200])
    return Verdict(rule.grade_id, rule.points, True, "right")


def quiz_verdicts(root: Path, learner: str, module: str) -> dict[str, Verdict]:
    """The quiz questions' verdicts, from ``answers.json`` as submitted. Read them before any
    learner code runs: a kernel could rewrite the file while it is graded."""
    source = root / "source" / module / f"{module}.ipynb"
    answers = AnswerStore(root / "submitted" / learner / module, module)
    return {r.grade_id: _quiz(r, module, answers) for r in cell_rules(source) if r.kind == "quiz"}


def exercise_verdicts(root: Path, learner: str, module: str) -> dict[str, Verdict]:
    """The exercises' verdicts, from the values their checks recorded while autograded."""
    source = root / "source" / module / f"{module}.ipynb"
    values = read_values(root / "autograded" / learner / module)
    return {r.grade_id: _exercise(r, values) for r in cell_rules(source)
            if r.kind == "exercise"}
