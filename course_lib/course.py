"""The trainer's nbgrader cycle: build the release, simulate a cohort, grade, give feedback.

Everything goes through nbgrader's own Python API (``NbGraderAPI``) on the course root,
the folder that holds ``nbgrader_config.py``, ``source/`` and ``release/``.
"""

from __future__ import annotations

import ast
import contextlib
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import nbformat

from .answers import AnswerStore
from .modules import all_modules, module
from .questions import Question, load_bank

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


class CourseError(RuntimeError):
    """A problem with the course folder that a trainer can fix, with what to do."""


# -- locating the course ---------------------------------------------------------------------
def course_root(start: str | Path | None = None) -> Path:
    """The nearest folder (from ``start`` or the current one, upwards) with nbgrader_config.py."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file() and (folder / "source").is_dir():
            return folder
    raise CourseError(
        f"no course here: {here} has no nbgrader_config.py and source/ folder above it; "
        "run the command from the course folder or pass --course PATH"
    )


def tools_on_path() -> None:
    """Put this interpreter's bin/ first on PATH: nbgrader runs ``alembic`` as a subprocess."""
    bindir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if parts[0] != bindir:
        os.environ["PATH"] = os.pathsep.join([bindir, *parts])


def nbgrader_api(root: Path, **overrides: Any):
    """An ``NbGraderAPI`` configured from the course's nbgrader_config.py."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    tools_on_path()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    for key, value in overrides.items():
        setattr(config.CourseDirectory, key, value)
    return NbGraderAPI(config=config)


def source_modules(root: Path) -> list[str]:
    """Module ids that have a source notebook, in course order."""
    return [m.id for m in all_modules() if (root / "source" / m.id / m.notebook).is_file()]


def released_modules(root: Path) -> list[str]:
    """Module ids that have a released notebook, in course order."""
    return [m.id for m in all_modules() if (root / "release" / m.id / m.notebook).is_file()]


def _log_error(result: dict[str, Any]) -> str:
    """The most useful line of a failed nbgrader call."""
    text = "\n".join(filter(None, [result.get("log", ""), result.get("error", "")]))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for pattern in ("ERROR", "Error", "error"):
        hits = [ln for ln in lines if pattern in ln and "Traceback" not in ln]
        if hits:
            return re.sub(r"^\[[^\]]*\]\s*", "", hits[-1])
    return lines[-1] if lines else "nbgrader failed without a message"


LOG_NAME = "nbgrader.log"


@contextlib.contextmanager
def quiet_stderr(root: Path):
    """Send nbgrader's and the kernels' own messages to ``<root>/nbgrader.log``.

    Kernels started by nbgrader write warnings straight to file descriptor 2, so the
    redirection is done at that level; the trainer's terminal keeps the course's output.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with (root / LOG_NAME).open("a", encoding="utf-8") as log:
        log.write(f"\n--- {datetime.now(timezone.utc).isoformat(timespec='seconds')}\n")
        log.flush()
        os.dup2(log.fileno(), 2)
        try:
            yield root / LOG_NAME
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


# -- checking a source notebook before nbgrader sees it -----------------------------------
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
        has_region = BEGIN in cell.source or END in cell.source
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
            problems.append(f"{where}: {BEGIN} and {END} do not pair up")
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
    return any(marker in text for marker in (BEGIN, "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME"))


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
        return round(key * 1.5 + 10 * q.step + q.tolerance, 2)
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


# -- grading -----------------------------------------------------------------------------------
@dataclass
class GradeReport:
    scores: dict[tuple[str, str], tuple[float, float]]  # (learner, module) -> (score, max)
    failures: dict[tuple[str, str], str]

    def learners(self) -> list[str]:
        return sorted({k[0] for k in [*self.scores, *self.failures]})

    def modules(self) -> list[str]:
        order = [m.id for m in all_modules()]
        found = {k[1] for k in [*self.scores, *self.failures]}
        return [m for m in order if m in found]


def submissions(root: Path) -> list[tuple[str, str]]:
    """(learner, module) pairs found in ``submitted/``."""
    base = root / "submitted"
    known = {m.id for m in all_modules()}
    pairs = []
    if base.is_dir():
        for learner in sorted(p for p in base.iterdir() if p.is_dir()):
            for mod in sorted(p for p in learner.iterdir() if p.is_dir()):
                if mod.name in known:
                    pairs.append((learner.name, mod.name))
    return pairs


def _ensure_in_gradebook(root: Path, mid: str) -> None:
    """nbgrader autograde needs the module in the gradebook; register it if missing."""
    from nbgrader.api import Gradebook, MissingEntry

    db_url = f"sqlite:///{root / 'gradebook.db'}"
    tools_on_path()
    with Gradebook(db_url) as gb:
        try:
            gb.find_assignment(mid)
            return
        except MissingEntry:
            pass
    with tempfile.TemporaryDirectory() as scratch:
        api = nbgrader_api(root, release_directory=str(Path(scratch) / "release"))
        result = api.generate_assignment(mid, force=True, create=True)
    if not result["success"]:
        raise CourseError(f"cannot register {mid} in the gradebook: {_log_error(result)}")


def _notebook_problem(path: Path) -> str | None:
    if not path.is_file():
        return f"{path.name} is missing from the submission"
    try:
        nbformat.read(path, as_version=4)
    except Exception as exc:
        return f"{path.name} is not a readable notebook ({exc.__class__.__name__})"
    return None


def already_graded(root: Path, learner: str, mid: str) -> bool:
    """True when ``autograded/`` holds this very submission (same timestamp.txt)."""
    stamp = Path(learner) / mid / "timestamp.txt"
    done, sent = root / "autograded" / stamp, root / "submitted" / stamp
    return done.is_file() and sent.is_file() and done.read_bytes() == sent.read_bytes()


def grade(root: Path, progress: Callable[[str, str], None] | None = None,
          force: bool = False) -> GradeReport:
    """Autograde the submissions in ``submitted/`` and read the scores from the gradebook.

    Submissions already autograded (same timestamp) are skipped unless ``force``; a
    submission nbgrader cannot grade is reported with its reason, the others are graded.
    """
    from nbgrader.api import Gradebook, MissingEntry

    pairs = submissions(root)
    if not pairs:
        raise CourseError(f"nothing to grade: {root / 'submitted'} holds no submission")
    failures: dict[tuple[str, str], str] = {}
    for mid in sorted({m for _, m in pairs}):
        _ensure_in_gradebook(root, mid)
    api = nbgrader_api(root)
    for learner, mid in pairs:
        if progress:
            progress(learner, mid)
        if not force and already_graded(root, learner, mid):
            continue
        problem = _notebook_problem(root / "submitted" / learner / mid / f"{mid}.ipynb")
        if problem:
            failures[(learner, mid)] = problem
            continue
        result = api.autograde(mid, learner, force=True, create=True)
        if not result["success"]:
            failures[(learner, mid)] = _log_error(result)
    scores: dict[tuple[str, str], tuple[float, float]] = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for learner, mid in pairs:
            if (learner, mid) in failures:
                continue
            try:
                sub = gb.find_submission(mid, learner)
            except MissingEntry:
                failures[(learner, mid)] = "nbgrader recorded no grade for this submission"
                continue
            scores[(learner, mid)] = (float(sub.score), float(sub.max_score))
    return GradeReport(scores, failures)


def generate_feedback(root: Path) -> dict[tuple[str, str], str]:
    """Feedback HTML for every autograded submission; returns the failures with reasons."""
    api = nbgrader_api(root)
    failures = {}
    base = root / "autograded"
    for learner, mid in submissions(root):
        if not (base / learner / mid).is_dir():
            continue
        result = api.generate_feedback(mid, learner, force=True)
        if not result["success"]:
            failures[(learner, mid)] = _log_error(result)
    return failures
