"""Where a notebook is running: JupyterLab, nbgrader, or the Voila app.

Graded notebooks behave differently in each place:

- under nbgrader (``NBGRADER_EXECUTION`` is ``validate`` or ``autograde``) no widget is
  built (headless execution must never block) and failed checks raise ``AssertionError``,
  which is how nbgrader scores a test cell;
- in the Voila app answers are kept in memory only, so one visitor never sees another's;
- in JupyterLab checks print a clear message instead of a traceback.
"""

from __future__ import annotations

import os


def grading_step() -> str | None:
    """``'autograde'``, ``'validate'`` or ``None`` (set by nbgrader while it runs a notebook)."""
    step = os.environ.get("NBGRADER_EXECUTION", "").strip().lower()
    return step or None


def is_grading() -> bool:
    """True while nbgrader executes the notebook (validate or autograde)."""
    return grading_step() is not None


def is_autograding() -> bool:
    """True only during ``nbgrader autograde``: the one step that scores quiz answers."""
    return grading_step() == "autograde"


def in_voila() -> bool:
    """True in a kernel started by Voila (it sets ``VOILA_PREHEAT`` in every kernel's env)."""
    return "VOILA_PREHEAT" in os.environ or os.environ.get("SERVER_SOFTWARE", "").startswith(
        "voila"
    )
