"""``grade`` and ``feedback``: nbgrader's autograde and generate_feedback over ``submitted/``."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..catalogue.modules import all_modules
from .course import CourseError, _log_error, nbgrader_api, tools_on_path


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
