"""Critical-path scheduling of a :class:`course_lib.planning.Plan`, and reading plan templates.

Dates are counted in whole days. Internally a task runs from its start day to
its *end* day, excluded (start + duration); milestones have start == end.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from .planning import Plan, PlanError, Schedule, ScheduledTask, Span, Task, as_date


def _passes(plan: Plan, origin: date):
    """Forward then backward pass; returns earliest starts, latest starts, order."""
    order = plan.order()
    early: dict[str, date] = {}
    for t in order:
        begin = max([origin] + [early[d] + timedelta(plan.task(d).duration_days)
                                for d in t.depends_on])
        early[t.id] = max(begin, t.fixed) if t.fixed else begin
    end = max(early[t.id] + timedelta(t.duration_days) for t in order)
    successors: dict[str, list[str]] = {t.id: [] for t in order}
    for t in order:
        for d in t.depends_on:
            successors[d].append(t.id)
    late: dict[str, date] = {}
    for t in reversed(order):
        finish = min([end] + [late[s] for s in successors[t.id]])
        begin = finish - timedelta(t.duration_days)
        late[t.id] = min(begin, t.fixed) if t.fixed else begin
    return order, early, late


def _chain(plan: Plan, task_id: str, early: dict[str, date]) -> list[str]:
    """The chain of predecessors that pushes ``task_id`` latest (driving path)."""
    chain = [task_id]
    current = plan.task(task_id)
    while current.depends_on:
        current = plan.task(max(current.depends_on,
                                key=lambda d: early[d] + timedelta(plan.task(d).duration_days)))
        chain.append(current.id)
        if current.fixed and early[current.id] == current.fixed:
            break  # a date kept: the delay starts here
    return chain[::-1]


def _last_day(begin: date, task: Task) -> date:
    return begin + timedelta(max(task.duration_days - 1, 0))


def compute(plan: Plan, start: date | None, today: date) -> Schedule:
    """Schedule ``plan`` forward from ``start``, or backward from its fixed dates."""
    fixed = [t.fixed for t in plan.tasks if t.fixed]
    backward = start is None and bool(fixed)
    if backward:
        total = sum(t.duration_days for t in plan.tasks)
        _, _, late = _passes(plan, min(fixed) - timedelta(total + 1))
        start = min(late.values())
    elif start is None:
        start = today
    order, early, late = _passes(plan, start)
    warnings: list[str] = []
    late_fixed = [t for t in order if t.fixed and early[t.id] > t.fixed]
    if backward and start < today and not late_fixed:
        first = min(order, key=lambda t: (late[t.id], order.index(t)))
        warnings.append(
            f"the plan cannot fit: to keep its fixed dates, {first.name!r} must start by "
            f"{start}, {(today - start).days} days before today ({today})")
    for t in late_fixed:
        chain = " -> ".join(_chain(plan, t.id, early))
        warnings.append(
            f"the plan cannot fit: {t.name!r} is fixed on {t.fixed} but cannot happen "
            f"before {early[t.id]} ({(early[t.id] - t.fixed).days} days late; {chain})")
    items = tuple(sorted(
        (ScheduledTask(t, early[t.id], _last_day(early[t.id], t), late[t.id],
                       _last_day(late[t.id], t), (late[t.id] - early[t.id]).days)
         for t in order),
        key=lambda s: (s.earliest_start, order.index(s.task)),
    ))
    for span in plan.spans:
        problem = span.problem(early[span.start], early[span.end])
        if problem:
            warnings.append(problem)
    finish = max(i.earliest_finish for i in items)
    return Schedule(plan, items, start, finish, warnings)


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
