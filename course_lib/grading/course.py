"""The course folder and nbgrader's API on it: where things are, how nbgrader is called.

The course root is the folder that holds ``nbgrader_config.py``, ``source/`` and ``release/``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..catalogue.modules import all_modules

#: nbgrader's own delimiters (ClearSolutions' defaults): like nbgrader, a line that holds one
#: anywhere opens or closes a solution region. The course writes them ``### BEGIN SOLUTION``.
BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"


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
    """Put this interpreter's bin/ first on PATH: nbgrader runs ``alembic`` as a subprocess.

    nbgrader runs that subprocess each time a gradebook is opened, to read a version that
    cannot change while this process runs; it is read once here (grading opens the
    gradebook for every submission it merges).
    """
    bindir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if parts[0] != bindir:
        os.environ["PATH"] = os.pathsep.join([bindir, *parts])
    import functools

    import nbgrader.api

    if not hasattr(nbgrader.api.get_alembic_version, "cache_info"):
        nbgrader.api.get_alembic_version = functools.cache(nbgrader.api.get_alembic_version)


def nbgrader_config(root: Path, **overrides: Any):
    """The course's nbgrader_config.py as a traitlets ``Config``, with CourseDirectory
    settings overridden."""
    from traitlets.config.loader import PyFileConfigLoader

    tools_on_path()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    for key, value in overrides.items():
        setattr(config.CourseDirectory, key, value)
    return config


def nbgrader_api(root: Path, config=None, **overrides: Any):  # noqa: ANN001 - traitlets Config
    """An ``NbGraderAPI`` configured from the course's nbgrader_config.py."""
    from nbgrader.apps import NbGraderAPI

    return NbGraderAPI(config=config or nbgrader_config(root, **overrides))


def source_modules(root: Path) -> list[str]:
    """Module ids that have a source notebook, in course order."""
    return [m.id for m in all_modules() if (root / "source" / m.id / m.notebook).is_file()]


def released_modules(root: Path) -> list[str]:
    """Module ids that have a released notebook, in course order."""
    return [m.id for m in all_modules() if (root / "release" / m.id / m.notebook).is_file()]


def _log_error(result: dict[str, Any]) -> str:
    """The most useful line of a failed nbgrader call."""
    text = "\n".join(filter(None, [result.get("log", ""), result.get("error", "")]))
    generic = ("see the the above traceback", "see the above traceback",
               "There was an error processing assignment")
    lines = [ln.strip() for ln in text.splitlines()
             if ln.strip() and not any(g in ln for g in generic)]
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
