"""Tables of the C5 case that explain a mistyped column name in one sentence
(``There is no column "q5_overal"...``) instead of a ``KeyError`` traceback, and the kernel's
handler that shows that sentence in JupyterLab.
"""

from __future__ import annotations

import difflib
from typing import Any

import pandas as pd


# -- tables that explain a mistyped column name ------------------------------------------------
class ColumnNameError(KeyError):
    """A column that the table does not have; the message says which names exist."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ColumnAttributeError(AttributeError):
    """``table.some_name`` where ``some_name`` is neither a column nor a method."""


def _columns_sentence(frame: pd.DataFrame) -> str:
    return f"The columns are: {', '.join(map(str, frame.columns))}."


def unknown_column_message(frame: pd.DataFrame, key: Any) -> str | None:
    """The sentence for ``frame[key]`` when ``key`` names a column that does not exist (or
    ``None`` when ``key`` is not a column selection at all)."""
    names = [str(c) for c in frame.columns]
    if isinstance(key, str):
        wanted = [key]
    elif isinstance(key, (list, tuple)) and key and all(isinstance(k, str) for k in key):
        wanted = list(key)
    elif isinstance(key, (int, float)) and not isinstance(key, bool):
        return (f"Select a column by its name in quotes, for example "
                f"[\"{names[-1]}\"]. {_columns_sentence(frame)}")
    else:
        return None
    missing = [k for k in wanted if k not in names]
    if not missing:
        return None
    name = missing[0]
    text = f'There is no column "{name}". {_columns_sentence(frame)}'
    lowered = {n.lower(): n for n in names}
    close = lowered.get(name.strip().lower()) or next(
        iter(difflib.get_close_matches(name, names, n=1, cutoff=0.6)), None)
    if close:
        text += f' Did you mean "{close}"?'
    return text + " Copy the name exactly, in quotes."


class CaseTable(pd.DataFrame):
    """A DataFrame of the case that answers a mistyped column name with a sentence."""

    @property
    def _constructor(self):
        return CaseTable

    def __getitem__(self, key):
        try:
            return super().__getitem__(key)
        except KeyError:
            message = unknown_column_message(self, key)
            if message is None:
                raise
            raise ColumnNameError(message) from None

    def __getattr__(self, name: str):
        try:
            return super().__getattr__(name)
        except AttributeError:
            if name.startswith("_"):
                raise
            raise ColumnAttributeError(
                f'The table has no column or method "{name}". {_columns_sentence(self)} '
                f'Select a column with its name in quotes inside square brackets, as in '
                f'the example: ["{self.columns[-1]}"].') from None


def explain_column_errors() -> None:
    """In JupyterLab, show a mistyped column name as one sentence, not a traceback.

    It adds the case tables' two errors to the kernel's custom error handler and passes every
    other error to the handler already there (the course's friendly errors). Under nbgrader,
    errors stay errors (their message is the same sentence).
    """
    from IPython import get_ipython

    from ....quiz import feedback, runtime

    shell = get_ipython()
    if shell is None or runtime.is_grading():
        return
    before = tuple(getattr(shell, "custom_exceptions", ()) or ())
    if ColumnNameError in before:
        return
    previous = shell.CustomTB if before else None

    def handler(shell, etype, evalue, tb, tb_offset=None):  # noqa: ARG001 - IPython API
        if issubclass(etype, (ColumnNameError, ColumnAttributeError)):
            feedback.show("problem", str(evalue))
            return []
        if previous is not None:
            return previous(etype, evalue, tb, tb_offset=tb_offset)
        return shell.InteractiveTB.structured_traceback(etype, evalue, tb,
                                                        tb_offset=tb_offset)

    shell.set_custom_exc(before + (ColumnNameError, ColumnAttributeError), handler)
