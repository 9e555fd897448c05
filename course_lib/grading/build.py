"""``build``: ``release/`` from ``source/`` with nbgrader's generate_assignment, checked first."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..catalogue.modules import module
from .course import BEGIN, END, CourseError, _log_error, nbgrader_api, source_modules
from .toolkit import ToolkitError, build_toolkit

# -- checking a source notebook before nbgrader sees it -----------------------------------
HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"  # ClearHiddenTests'
# What gives a graded key away when it reaches release/: a key passed to the quiz, or a
# hash (a hash of a few options is enumerated in a second).
KEY_PATTERNS = (
    (re.compile(r"\.score\s*\("), "a graded key (test.score)"),
    (re.compile(r"\.answer\s*\(\s*['\"]"), "a quiz answer (test.answer)"),
    (re.compile(r"\b[0-9a-fA-F]{24,}\b"), "a hash-like hex string"),
)


def released_text(source: str) -> str:
    """What ``generate_assignment`` leaves of a cell: solutions and hidden tests removed.

    >>> released_text("a\\n### BEGIN HIDDEN TESTS\\nkey\\n### END HIDDEN TESTS\\nb")
    'a\\nb'
    """
    keep, skip = [], False
    for line in source.splitlines():
        if BEGIN in line or HIDDEN_BEGIN in line:
            skip = True
        elif END in line or HIDDEN_END in line:
            skip = False
        elif not skip:
            keep.append(line)
    return "\n".join(keep)


def key_leaks(source: str) -> list[str]:
    """What in this cell's released text would give a graded key away."""
    text = released_text(source)
    return [what for pattern, what in KEY_PATTERNS if pattern.search(text)]


def source_problems(path: Path) -> list[str]:
    """Reasons why nbgrader would reject this source notebook (empty list when fine)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # nbformat raises several kinds; all mean "not a notebook"
        return [f"{path.name}: not a readable notebook ({exc.__class__.__name__}: {exc})"]
    problems: list[str] = []
    seen: dict[str, int] = {}
    graded = 0
    for number, cell in enumerate(nb.cells, start=1):
        meta = cell.get("metadata", {}).get("nbgrader")
        where = f"{path.name}, cell {number}"
        for what in key_leaks(cell.source):
            problems.append(f"{where}: {what} would reach release/; put it between "
                            f"### {HIDDEN_BEGIN} and ### {HIDDEN_END} in a graded test cell")
        has_region = BEGIN in cell.source or END in cell.source
        if HIDDEN_BEGIN in cell.source and not (isinstance(meta, dict) and meta.get("grade")):
            problems.append(f"{where}: hidden tests in a cell that is not a graded test cell "
                            "(nbgrader would release them)")
        if meta is None:
            if has_region:
                problems.append(f"{where}: solution markers in a cell that is not an answer cell")
            continue
        if not isinstance(meta, dict):
            problems.append(f"{where}: nbgrader metadata is not a mapping")
            continue
        if meta.get("schema_version") != 3:
            problems.append(f"{where}: nbgrader schema_version must be 3")
        kinds = [k for k in ("grade", "solution", "task", "locked") if meta.get(k)]
        if not kinds:
            continue
        grade_id = meta.get("grade_id")
        if not grade_id:
            problems.append(f"{where}: missing grade_id")
        elif grade_id in seen:
            problems.append(
                f"{where}: duplicate grade_id {grade_id!r} (also cell {seen[grade_id]})"
            )
        else:
            seen[grade_id] = number
        if meta.get("grade") or meta.get("task"):
            graded += 1
            points = meta.get("points")
            if not isinstance(points, (int, float)) or points < 0:
                problems.append(f"{where}: a graded cell needs points >= 0, got {points!r}")
        if has_region and not meta.get("solution"):
            problems.append(f"{where}: solution markers in a cell that is not an answer cell")
        if cell.source.count(BEGIN) != cell.source.count(END):
            problems.append(f"{where}: ### {BEGIN} and ### {END} do not pair up")
        if cell.source.count(HIDDEN_BEGIN) != cell.source.count(HIDDEN_END):
            problems.append(f"{where}: ### {HIDDEN_BEGIN} and ### {HIDDEN_END} do not pair up")
    if not graded:
        problems.append(f"{path.name}: no graded cell (nothing for nbgrader to score)")
    return problems


# -- build -----------------------------------------------------------------------------------
@dataclass
class BuildResult:
    module: str
    ok: bool
    message: str = ""
    notes: list[str] = field(default_factory=list)


def _strays(folder: Path) -> list[Path]:
    """Files a trainer's test run leaves in source/ that must never be released."""
    return sorted(folder.glob("answers*.json")) + sorted(folder.glob(".answers-*.tmp"))


def build(root: Path, modules: Iterable[str] | None = None,
          progress: Callable[[str], None] | None = None) -> list[BuildResult]:
    """``release/`` from ``source/`` with nbgrader's generate_assignment, module by module."""
    wanted = list(modules) if modules else source_modules(root)
    if not wanted:
        raise CourseError(f"no module notebook found under {root / 'source'}")
    api = None
    results = []
    for mid in wanted:
        try:
            module(mid)
        except KeyError as exc:
            raise CourseError(exc.args[0]) from None
        folder = root / "source" / mid
        nb_path = folder / f"{mid}.ipynb"
        if progress:
            progress(mid)
        if not nb_path.is_file():
            results.append(BuildResult(mid, False, f"no source notebook {nb_path}"))
            continue
        problems = source_problems(nb_path)
        if problems:
            results.append(BuildResult(mid, False, "; ".join(problems)))
            continue
        notes = []
        for stray in _strays(folder):
            stray.unlink()
            notes.append(f"removed {stray.relative_to(root)} (answers from a test run of the "
                          "source notebook must not be released)")
        api = api or nbgrader_api(root)
        result = api.generate_assignment(mid, force=True, create=True)
        if not result["success"]:
            results.append(BuildResult(mid, False, _log_error(result), notes))
            continue
        released = root / "release" / mid
        try:
            made = build_toolkit(mid, released)
        except ToolkitError as exc:
            results.append(BuildResult(mid, False, f"toolkit: {exc}", notes))
            continue
        notes += [f"toolkit: {p.relative_to(root)}" for p in made]
        leaks = [p.name for p in released.rglob("*") if p.is_file() and _leaks(p)]
        if leaks:
            results.append(BuildResult(mid, False, f"release holds solutions: {leaks}", notes))
            continue
        results.append(BuildResult(mid, True, str(released.relative_to(root)), notes))
    return results


def _leaks(path: Path) -> bool:
    if path.name.startswith("answers"):
        return True
    if path.suffix != ".ipynb":
        return False
    text = path.read_text(encoding="utf-8")
    if any(marker in text for marker in (BEGIN, HIDDEN_BEGIN, "BEGIN MARK SCHEME")):
        return True
    nb = nbformat.reads(text, as_version=4)
    return any(key_leaks(cell.source) for cell in nb.cells)
