"""The learner's exercise answers as plain data, for a verdict given outside their kernel.

While nbgrader autogrades, each exercise check records the value it was given in
``.course-values.json`` beside the notebook, as JSON (numbers, text, true/false, dates as
``YYYY-MM-DD``, lists). The trainer's ``grade`` then runs the same check on that data in its
own process, where no learner code runs: redefining a check, an object whose ``==`` is always
true or a patched library in the learner's kernel cannot change the verdict.

>>> plain([1, 2.5, "a", True, None])
[1, 2.5, 'a', True, None]
>>> plain(object())["unsupported"]
'object'
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import runtime

VALUES_FILE = ".course-values.json"
#: False while the trainer's process re-checks values (it must not write a values file)
RECORDING = True


def plain(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON data; anything else becomes ``{"unsupported": <type name>}``."""
    kind = type(value)
    if value is None or value is Ellipsis:
        return None
    if kind.__module__ == "numpy" and hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return plain(value.item(), depth)
    if kind in (bool, int, str):
        return value
    if kind is float:
        return value if value == value and abs(value) != float("inf") else None
    if kind in (date, datetime):
        return value.isoformat()[:10]
    if kind in (set, frozenset) and depth < 3:
        return sorted((plain(v, depth + 1) for v in value), key=repr)
    if kind in (list, tuple) and depth < 3:
        return [plain(v, depth + 1) for v in list(value)[:200]]
    if kind is dict and depth < 3:
        return {str(k): plain(v, depth + 1) for k, v in list(value.items())[:200]}
    return {"unsupported": kind.__name__}


def record_value(name: str, value: Any, folder: str | os.PathLike[str] = ".") -> None:
    """Add ``name``'s value to the values file (only while nbgrader autogrades)."""
    if not runtime.is_autograding() or not RECORDING:
        return
    path = Path(folder) / VALUES_FILE
    try:
        values = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(values, dict):
            values = {}
        values[str(name)] = plain(value)
        path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    except (OSError, ValueError):  # a broken file is the submission's problem: no value
        return


def read_values(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The recorded values of a graded submission (empty when none could be read)."""
    try:
        values = json.loads((Path(folder) / VALUES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return values if isinstance(values, dict) else {}
