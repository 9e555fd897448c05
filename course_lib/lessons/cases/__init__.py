"""The worked case of each module: one case object per module, so that the text, the
tables, the charts and the exercises agree.

A module's case facts live in ``data/cases/<module>.yaml``; ``cases/cX_Y.py`` reads them with
:func:`load_case` and computes what the lesson shows (amounts, plans, charts).
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import Any

import yaml

from ...data import DATA_DIR

CASES = DATA_DIR / "cases"


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def show_table(frame, caption: str | None = None) -> None:  # noqa: ANN001 - a DataFrame
    """A case table as the lessons show it: no index, text left-aligned and wrapped, an
    optional caption in italics below."""
    from IPython.display import Markdown, display

    styler = frame.style.hide(axis="index").set_properties(
        **{"text-align": "left", "white-space": "pre-wrap"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    display(styler)
    if caption:
        display(Markdown(f"*{caption}*"))


@cache
def load_case(module_id: str) -> Any:
    """The case facts of a module, read-only (a shared case cannot be changed by accident).

    >>> load_case("no-such-module")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no case file for module 'no-such-module' (looked for no-such-module.yaml)
    """
    path = CASES / f"{module_id}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no case file for module {module_id!r} (looked for {path.name})")
    return _frozen(yaml.safe_load(path.read_text(encoding="utf-8")))
