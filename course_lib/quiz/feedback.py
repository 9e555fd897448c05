"""Messages from checks: friendly in JupyterLab and Voila, strict under nbgrader.

A check that fails while nbgrader runs the notebook raises ``AssertionError`` with a message
that says what to fix (that is how nbgrader scores a test cell). Anywhere else the same
message is shown in a coloured box, never as a traceback.
"""

from __future__ import annotations

import html

from . import runtime

_STYLE = {
    "ok": ("#e8f5e9", "#2e7d32", "✔"),
    "problem": ("#fff3e0", "#e65100", "✘"),
    "info": ("#e3f2fd", "#1565c0", "ℹ"),
}


def box_html(kind: str, message: str) -> str:
    """A small coloured box, as HTML (used by widgets and by :func:`show`)."""
    bg, fg, mark = _STYLE[kind]
    return (
        f'<div class="mc-feedback mc-{kind}" style="background:{bg};color:{fg};'
        f'border-left:4px solid {fg};padding:6px 10px;margin:4px 0;border-radius:3px">'
        f"{mark} {html.escape(message)}</div>"
    )


def show(kind: str, message: str) -> None:
    """Display a message box (plain text when no rich front end is there)."""
    from IPython.display import HTML, display

    if runtime.is_grading():
        print(f"{_STYLE[kind][2]} {message}")
        return
    display(HTML(box_html(kind, message)))


def passed(message: str) -> None:
    """Report a passed check."""
    show("ok", message)


_voila_noted = False


def problem(message: str) -> None:
    """Report what to fix: raises ``AssertionError`` under nbgrader, else shows it.

    In the Voila app nobody can type an answer, so instead of a list of "fill in" messages
    the visitor reads once where the exercises are done.
    """
    __tracebackhide__ = True  # IPython hides this frame: the learner reads the message
    global _voila_noted
    if runtime.is_grading():
        raise AssertionError(message)
    if runtime.in_voila():
        if not _voila_noted:
            _voila_noted = True
            show("info", "The exercises are done in JupyterLab, where you can type your "
                         "answers; this web app shows them for reading.")
        return
    show("problem", message)


def info(message: str) -> None:
    show("info", message)
