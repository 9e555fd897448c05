"""Reading the values of a rate-table YAML file: each reader names the key path it checks.

>>> _number(-1, "travel[0].standard")
Traceback (most recent call last):
...
course_lib.erasmus.rates_fields.RatesError: travel[0].standard: must be a number >= 0, got -1
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml


class RatesError(ValueError):
    """A rate table that cannot be used; the message names the key and the problem."""

    def __init__(self, key: str, problem: str, origin: str | None = None):
        self.key, self.problem, self.origin = key, problem, origin
        where = f"{origin}: " if origin else ""
        super().__init__(f"{where}{key}: {problem}" if key else f"{where}{problem}")


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so that ``NO`` (Norway) stays a string."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file (errors become :class:`RatesError`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RatesError("", f"cannot read the file ({err.strerror})", str(path)) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise RatesError("", f"not valid YAML{where}: {problem}", str(path)) from None


def _fail(key: str, problem: str) -> RatesError:
    return RatesError(key, problem)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and not (isinstance(value, float) and math.isnan(value))
    )


def _number(value: Any, key: str, minimum: float = 0) -> float:
    if not _is_number(value) or value < minimum:
        raise _fail(key, f"must be a number >= {minimum:g}, got {value!r}")
    return float(value)


def _whole(value: Any, key: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(key, f"must be a whole number, got {value!r}")
    if value < minimum:
        raise _fail(key, f"must be >= {minimum}, got {value!r}")
    return value


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(key, f"must be a non-empty text, got {value!r}")
    return value.strip()


def _mapping(value: Any, key: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise _fail(key, f"must be a mapping (key: value), got {type(value).__name__}")
    return value


def _list(value: Any, key: str) -> list:
    if not isinstance(value, list) or not value:
        raise _fail(key, f"must be a non-empty list, got {value!r}")
    return value


def _fields(value: Any, key: str, required: tuple[str, ...], optional: tuple[str, ...] = ()):
    item = _mapping(value, key)
    for name in required:
        if name not in item:
            raise _fail(key, f"missing {name!r}")
    unknown = sorted(set(map(str, item)) - set(required) - set(optional))
    if unknown:
        allowed = ", ".join((*required, *optional))
        raise _fail(key, f"unknown key {unknown[0]!r} (allowed: {allowed})")
    return item


def _group_key(value: Any, key: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(key, f"country group must be a whole number >= 1, got {value!r}")
    return value


