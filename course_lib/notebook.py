"""Blocks every module notebook shows: header, how-to, validation modalities, resources.

They read the module's declaration (``course_lib/data/modules.yaml``), so objectives,
time, points and pass mark are written once.
"""

from __future__ import annotations

from IPython.display import Markdown, display

from .modules import module, topics


def header_markdown(module_id: str) -> str:
    """The opening of a module: kit topic, objectives, time and prerequisites."""
    m = module(module_id)
    lines = [
        f"**Topic {m.topic}: {topics()[m.topic]}**",
        "",
        f"**Estimated time:** about {m.minutes} minutes, including the validation test.",
        "",
        "**By the end of this module you will be able to:**",
        "",
        *[f"{i}. {goal}" for i, goal in enumerate(m.objectives, start=1)],
        "",
        "**Prerequisites:** " + " ".join(m.prerequisites),
    ]
    if m.is_gradable:
        lines += ["", f"**Validation:** a graded test at the end, {m.points} points; the module "
                  f"is validated from {m.pass_mark} points."]
    return "\n".join(lines)


def header(module_id: str) -> None:
    display(Markdown(header_markdown(module_id)))


def validation_markdown(module_id: str) -> str:
    """The validation modalities of a module, as the learner reads them before the test."""
    m = module(module_id)
    if not m.is_gradable:
        return "This module has no graded test yet."
    return "\n".join([
        f"This test is worth **{m.points} points**. The module is **validated from "
        f"{m.pass_mark} points** ({m.pass_mark / m.points:.0%}).",
        "",
        "- **Quiz questions**: click or type your answer. It is saved at once in the file "
        "`answers.json` next to this notebook, and shown again if you reopen the notebook. "
        "The cell under each question only confirms that an answer is recorded: the score "
        "comes when your trainer grades the module.",
        "- **Exercises**: replace each `...` with your answer and run the cell "
        "(Shift+Enter). The check below it tells you what to fix.",
        "- When you are done, save the notebook (Ctrl+S) and submit the module the way your "
        "trainer told you (the *Assignments* panel, or the `nbgrader submit` command).",
    ])


def validation_modalities(module_id: str) -> None:
    display(Markdown(validation_markdown(module_id)))
