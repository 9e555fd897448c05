"""Blocks every module notebook shows: header, how-to, validation modalities, resources.

They read the module's declaration (``course_lib/data/modules.yaml``), so objectives,
time, points and pass mark are written once.
"""

from __future__ import annotations

import re
from pathlib import Path

from IPython.display import Markdown, display

from ..catalogue.modules import all_modules, module, topics
from ..catalogue.skills import skill


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
        *[f"{i}. {goal} *Skills: {', '.join(skill(s).short for s in named)}.*"
          for i, (goal, named) in enumerate(zip(m.objectives, m.objective_skills, strict=True),
                                          start=1)],
        "",
        "The skills are those of the coach's reference framework (the skills page of the app "
        "lists them all, with the level a working coach should reach).",
        "",
        "**Prerequisites:** " + " ".join(m.prerequisites),
    ]
    if m.pause:
        plan = re.sub(r"^Two sittings\s*[.:]?\s*", "", m.pause)  # said once, in bold
        lines += ["", f"**Two sittings:** this module is longer than 90 minutes. "
                      f"{plan[:1].upper()}{plan[1:]}"]
    if m.is_gradable:
        manual = (f", of which {m.manual_points} for a written task your trainer marks (you "
                  f"can validate without it)" if m.manual_points else "")
        lines += ["", f"**Validation:** a graded test at the end, {m.points} points{manual}; "
                  f"the module is validated from {m.pass_mark} points."]
    return "\n".join(lines)


def header(module_id: str) -> None:
    display(Markdown(header_markdown(module_id)))


def _points_sentence(m) -> str:
    """Points and pass mark in one sentence, with the written task's share when it has one."""
    if not m.manual_points:
        return (f"This test is worth **{m.points} points**. The module is **validated from "
                f"{m.pass_mark} points** ({m.pass_mark / m.points:.0%}).")
    return (f"This test is worth **{m.points} points**: {m.autograded_points} for the quiz "
            f"and the exercises, {m.manual_points} for the written task. The module is "
            f"**validated from {m.pass_mark} points**, which the quiz and the exercises "
            f"alone can reach ({m.pass_mark} of their {m.autograded_points}).")


def validation_markdown(module_id: str) -> str:
    """The validation modalities of a module, as the learner reads them before the test."""
    m = module(module_id)
    if not m.is_gradable:
        return "This module has no graded test yet."
    return "\n".join([
        _points_sentence(m),
        "",
        "- **Quiz questions**: click or type your answer. It is saved at once in the file "
        "`answers.json` next to this notebook, and shown again if you reopen the notebook. "
        "The cell under each question only confirms that an answer is recorded: the score "
        "comes when your trainer grades the module.",
        "- **Exercises**: replace each `...` with your answer and run the cell "
        "(Shift+Enter). The check below it tells you what to fix. You may type numbers the "
        "French way (`1 339,80`), with `€`, and dates as `05/07/2024`.",
        *([f"- **Written task** ({m.manual_points} points): your trainer marks it with the "
           "rubric shown; the module can be validated from the other points alone."]
          if m.manual_points else []),
        "- When you are done, save the notebook (Ctrl+S) and submit the module the way your "
        "trainer told you (the *Assignments* panel, or the `nbgrader submit` command).",
    ])


def validation_modalities(module_id: str) -> None:
    display(Markdown(validation_markdown(module_id)))


def _friendly_message(etype: type, evalue: BaseException) -> str:
    text = str(evalue)
    if etype is TypeError and "ellipsis" in text:
        return ("One of the names used in this cell still holds `...`: answer the earlier "
                "question first (replace its `...` and run its cell), then run this cell again.")
    if etype is NameError:
        name = getattr(evalue, "name", None) or text
        if name.lower() in ("true", "false", "vrai", "faux"):
            return (f"Type `True` or `False`, with a capital first letter (not `{name}`), "
                    "then run the cell again.")
        if len(name) <= 2 or name.isupper():
            return (f"`{name}` is not a Python name: if it is one of your answers, put it in "
                    f"quotes, for example \"{name}\" (a list: [\"{name}\", \"...\"]), then "
                    "run the cell again.")
        return (f"`{name}` is not known yet. If it is one of your answers, put it in quotes "
                f"(\"{name}\"); if it comes from an earlier cell, run the cells above this one "
                "first (Shift+Enter on each) and check the spelling.")
    if etype is KeyError:
        return (f"{text} is not a column or an entry of this table: check the spelling "
                "(the names are shown above the exercise).")
    if etype is ZeroDivisionError:
        return "This cell divides by zero: check the numbers you typed."
    return f"Python could not run this cell: {etype.__name__}: {text}"


def friendly_errors() -> None:
    """Show learners a plain message instead of a traceback for common slips.

    Only in an interactive kernel: under nbgrader, errors must stay errors.
    """
    from IPython import get_ipython

    from ..quiz import feedback, runtime

    shell = get_ipython()
    if shell is None or runtime.is_grading():
        return

    def handler(shell, etype, evalue, tb, tb_offset=None):  # noqa: ARG001 - IPython API
        feedback.show("problem", _friendly_message(etype, evalue))
        return []

    shell.set_custom_exc((NameError, TypeError, ZeroDivisionError, KeyError), handler)


def start(module_id: str) -> None:
    """The first cell of a module: the header, plain messages instead of tracebacks, and
    answer cells that accept ``412 €``, ``1 339,80``, ``faux`` or ``05/07/2024``."""
    from .plain_answers import accept_plain_answers

    accept_plain_answers()
    friendly_errors()
    header(module_id)


def unanswered_exercises(names: list[str], namespace: dict) -> list[str]:
    """The exercise answers still missing or still ``...`` in the learner's kernel."""
    return [n for n in names if namespace.get(n, ...) is Ellipsis]


def before_you_submit(test, names: list[str] = ()) -> None:  # noqa: ANN001 - a ValidationTest
    """The last check: which quiz questions and which exercise answers are still empty."""
    from IPython import get_ipython

    from ..quiz import feedback

    test.summary()
    shell = get_ipython()
    missing = unanswered_exercises(list(names), shell.user_ns if shell else {})
    if missing:
        feedback.show("problem", "Exercise answers still empty: "
                      + ", ".join(f"`{n}`" for n in missing)
                      + ". Replace their `...` and run their cells.")
    elif names:
        feedback.show("ok", "Every exercise answer is filled in.")


def catalogue_markdown(folder: str | Path = "modules") -> str:
    """The kit's modules by topic, linking those whose notebook is in ``folder``."""
    base = Path(folder)
    lines = ["| Module | Title | Time | Validation |", "|---|---|---|---|"]
    for m in all_modules():
        path = base / m.id / m.notebook
        title = f"[{m.title}]({path.as_posix()})" if path.is_file() else (
            f"{m.title} *(in preparation)*")
        validation = (f"{m.points} points, validated from {m.pass_mark}"
                      if m.is_gradable else "—")
        lines.append(f"| **{m.code}** | {title} | {m.minutes} min | {validation} |")
    return "\n".join(lines)


def catalogue(folder: str | Path = "modules") -> None:
    display(Markdown(catalogue_markdown(folder)))
