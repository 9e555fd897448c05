"""``grade`` and ``feedback``: nbgrader's autograde and generate_feedback over ``submitted/``."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..catalogue.modules import all_modules
from .course import CourseError, _log_error, nbgrader_api, released_modules, tools_on_path


# -- grading -----------------------------------------------------------------------------------
@dataclass
class GradeReport:
    scores: dict[tuple[str, str], tuple[float, float]]  # (learner, module) -> (score, max)
    failures: dict[tuple[str, str], str]
    flags: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    graded: int = 0
    seconds: float = 0.0
    restored: list[str] = field(default_factory=list)  # files of submitted/ put back

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


def _submitted_timestamp(root: Path, learner: str, mid: str):
    from nbgrader.utils import parse_utc

    stamp = root / "submitted" / learner / mid / "timestamp.txt"
    try:
        return parse_utc(stamp.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def already_graded(root: Path, learner: str, mid: str) -> bool:
    """True when the gradebook holds this very submission (same timestamp), fully scored."""
    from nbgrader.api import Gradebook, MissingEntry

    sent = _submitted_timestamp(root, learner, mid)
    if sent is None or not (root / "autograded" / learner / mid).is_dir():
        return False
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        try:
            sub = gb.find_submission(mid, learner)
        except MissingEntry:
            return False
        if sub.timestamp is None or sub.timestamp.replace(tzinfo=None) != sent.replace(
                tzinfo=None):
            return False
        return all(g.auto_score is not None or g.cell.cell_type == "markdown"
                   for nb in sub.notebooks for g in nb.grades)


def grade(root: Path, progress: Callable[[str, str, int, int], None] | None = None,
          force: bool = False, workers: int | None = None,
          timeout: int | None = None, learners: list[str] | None = None) -> GradeReport:
    """Autograde the submissions in ``submitted/`` and read the scores from the gradebook.

    Submissions already graded (same timestamp) are skipped unless ``force``; new or
    updated ones are autograded in parallel by nbgrader and merged into the gradebook with
    verdicts given outside the learners' kernels (:mod:`.verdicts`). A submission nbgrader
    cannot grade is reported with its reason; the others are graded.
    """
    import time

    from nbgrader.api import Gradebook, MissingEntry

    from .merge import merge_submission
    from .parallel import autograde_many
    from .verdicts import exercise_verdicts, quiz_verdicts

    started = time.monotonic()
    pairs = submissions(root)
    if learners:
        unknown = sorted(set(learners) - {learner for learner, _ in pairs})
        if unknown:
            raise CourseError(f"no submission from {', '.join(unknown)} in {root / 'submitted'}")
        pairs = [p for p in pairs if p[0] in learners]
    if not pairs:
        raise CourseError(f"nothing to grade: {root / 'submitted'} holds no submission")
    wanted = {m for _, m in pairs}
    unbuilt = sorted(wanted - set(released_modules(root)))
    if len(unbuilt) == len(wanted):
        raise CourseError(f"{', '.join(unbuilt)} not built: run `mobility-course build` first")
    failures: dict[tuple[str, str], str] = {
        p: f"{p[1]} is not built: run `mobility-course build` first"
        for p in pairs if p[1] in unbuilt}
    flags: dict[tuple[str, str], list[str]] = {}
    pairs = [p for p in pairs if p not in failures]
    for mid in sorted({m for _, m in pairs}):
        _ensure_in_gradebook(root, mid)
    todo = []
    for learner, mid in pairs:
        if not force and already_graded(root, learner, mid):
            continue
        problem = _notebook_problem(root / "submitted" / learner / mid / f"{mid}.ipynb")
        if problem:
            failures[(learner, mid)] = problem
        else:
            todo.append((learner, mid))
    # the verdicts' inputs are read before any learner code runs
    quizzes = {pair: quiz_verdicts(root, *pair) for pair in todo}
    count = [0]

    def done(outcome) -> None:  # noqa: ANN001 - parallel.Outcome
        pair = (outcome.learner, outcome.module)
        count[0] += 1
        if outcome.ok:
            try:
                final = {**quizzes[pair], **exercise_verdicts(root, *pair)}
                found = merge_submission(root, outcome.worker_db, *pair, final)
            except Exception as exc:  # one submission's problem never stops the others
                failures[pair] = f"could not record its grades ({type(exc).__name__}: {exc})"
            else:
                if found:
                    flags[pair] = found
        else:
            failures[pair] = outcome.reason
        if progress:
            progress(outcome.learner, outcome.module, count[0], len(todo))

    before = _snapshot(root / "submitted")
    try:
        autograde_many(root, todo, workers=workers, timeout=timeout, done=done)
    finally:
        restored = _restore(root / "submitted", before)
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
    return GradeReport(scores, failures, flags, len(todo) - len(
        [p for p in todo if p in failures]), time.monotonic() - started, restored)


def _snapshot(folder: Path) -> dict[Path, bytes]:
    """Every file of ``submitted/``: grading never changes it, whatever a kernel does."""
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _restore(folder: Path, before: dict[Path, bytes]) -> list[str]:
    """Put back what changed in ``submitted/`` during grading; name what was put back."""
    changed = []
    for path, content in before.items():
        try:
            same = path.read_bytes() == content
        except OSError:
            same = False
        if not same:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            changed.append(str(path.relative_to(folder.parent)))
    for path in folder.rglob("*"):
        if path.is_file() and path not in before:
            path.unlink()
            changed.append(f"{path.relative_to(folder.parent)} (new file, removed)")
    return sorted(changed)


def generate_feedback(root: Path) -> dict[tuple[str, str], str]:
    """Feedback HTML for every autograded submission; returns the failures with reasons."""
    base = root / "autograded"
    graded = [(learner, mid) for learner, mid in submissions(root)
              if (base / learner / mid).is_dir()]
    if not graded:
        raise CourseError("nothing graded yet: run `mobility-course grade` first")
    api = nbgrader_api(root)
    failures = {}
    for learner, mid in graded:
        result = api.generate_feedback(mid, learner, force=True)
        if not result["success"]:
            failures[(learner, mid)] = _log_error(result)
    return failures
