"""Plan templates: reading a plan from YAML, and the templates shipped with the course."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from ...data import DATA_DIR
from .model import Plan, PlanError, Span, Task, as_date

PLANS_DIR = DATA_DIR / "plans"

# -- templates ---------------------------------------------------------------------

TASK_KEYS = ("id", "name", "duration_days", "depends_on", "fixed", "illustrative", "note",
             "source")
SPAN_KEYS = ("from", "to", "rule", "min_months", "max_months", "min_days", "max_days", "source")
PLAN_KEYS = ("name", "tasks", "spans", "source", "notes", "action", "call_year")


def _check_keys(item: Any, key: str, allowed: tuple[str, ...], origin: str) -> Mapping:
    if not isinstance(item, Mapping):
        raise PlanError(f"{origin}: {key}: must be a mapping, got {item!r}")
    unknown = sorted(set(map(str, item)) - set(allowed))
    if unknown:
        raise PlanError(f"{origin}: {key}: unknown key {unknown[0]!r} "
                        f"(allowed: {', '.join(allowed)})")
    return item


def _whole(value: Any, key: str, origin: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PlanError(f"{origin}: {key}: must be a whole number >= 0, got {value!r}")
    return value


def _task(raw: Any, i: int, origin: str) -> Task:
    key = f"tasks[{i}]"
    item = _check_keys(raw, key, TASK_KEYS, origin)
    for name in ("id", "name"):
        if not str(item.get(name) or "").strip():
            raise PlanError(f"{origin}: {key}.{name}: missing")
    depends = item.get("depends_on") or []
    if isinstance(depends, str):
        depends = [depends]
    fixed = item.get("fixed")
    try:
        fixed = as_date(fixed) if fixed is not None else None
    except ValueError as err:
        raise PlanError(f"{origin}: {key}.fixed: {err}") from None
    return Task(
        id=str(item["id"]), name=str(item["name"]),
        duration_days=_whole(item.get("duration_days", 0), f"{key}.duration_days", origin) or 0,
        depends_on=tuple(str(d) for d in depends), fixed=fixed,
        illustrative=bool(item.get("illustrative", False)),
        note=str(item.get("note") or "").strip(), source=str(item.get("source") or "").strip(),
    )


def _span(raw: Any, i: int, origin: str) -> Span:
    key = f"spans[{i}]"
    item = _check_keys(raw, key, SPAN_KEYS, origin)
    for name in ("from", "to", "rule"):
        if not str(item.get(name) or "").strip():
            raise PlanError(f"{origin}: {key}.{name}: missing")
    limits = {k: _whole(item.get(k), f"{key}.{k}", origin)
              for k in ("min_months", "max_months", "min_days", "max_days")}
    return Span(str(item["from"]), str(item["to"]), str(item["rule"]),
                source=str(item.get("source") or ""), **limits)


def plan_from_dict(raw: Any, origin: str = "plan") -> Plan:
    """A :class:`Plan` from parsed YAML (see ``data/plans/*.yaml``)."""
    item = _check_keys(raw, "plan", PLAN_KEYS, origin)
    tasks = item.get("tasks")
    if not isinstance(tasks, list) or not tasks:
        raise PlanError(f"{origin}: tasks: must be a non-empty list")
    try:
        return Plan(
            name=str(item.get("name") or origin),
            tasks=tuple(_task(t, i, origin) for i, t in enumerate(tasks)),
            spans=tuple(_span(s, i, origin) for i, s in enumerate(item.get("spans") or [])),
            source=str(item.get("source") or "").strip(),
            notes=str(item.get("notes") or "").strip(),
        )
    except PlanError as err:
        message = str(err)
        raise PlanError(message if message.startswith(origin) else f"{origin}: {message}") \
            from None


def available_templates() -> list[str]:
    """Names of the plan templates shipped with the course.

    >>> available_templates()
    ['erasmuspro-long', 'ka122-short-term']
    """
    return sorted(p.stem for p in PLANS_DIR.glob("*.yaml"))


def load_template(name: str) -> Plan:
    """A shipped plan template, e.g. ``load_template("ka122-short-term")``."""
    path = PLANS_DIR / f"{name}.yaml"
    if not path.exists():
        raise PlanError(f"no plan template {name!r} (available: "
                        f"{', '.join(available_templates())})")
    return plan_from_dict(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
