"""Critical-path scheduling of a :class:`.model.Plan`: earliest and latest dates, slack.

Dates are counted in whole days. Internally a task runs from its start day to
its *end* day, excluded (start + duration); milestones have start == end.
"""

from __future__ import annotations

from datetime import date, timedelta

from .model import Plan, PlanError, Schedule, ScheduledTask, Task, as_date


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


def schedule(
    plan: Plan,
    start: date | str | None = None,
    *,
    anchor: str | None = None,
    on: date | str | None = None,
    today: date | str | None = None,
) -> Schedule:
    """Earliest and latest dates of every task of ``plan``.

    * ``start`` given: forward from that date (fixed dates still hold);
    * no ``start`` and fixed dates (the template's, or ``anchor`` fixed ``on`` a
      date): backward, the plan starts as late as the fixed dates allow, and it
      is a warning when that is before ``today``;
    * neither: forward from ``today`` (default: the real today).

    >>> plan = Plan("demo", (
    ...     Task("draft", "Draft the application", 10),
    ...     Task("deadline", "Call deadline", depends_on=("draft",), fixed=date(2026, 2, 19)),
    ... ))
    >>> s = schedule(plan)                     # backward from the fixed deadline
    >>> s["draft"].latest_start, s["draft"].latest_finish
    (datetime.date(2026, 2, 9), datetime.date(2026, 2, 18))
    """
    if anchor is None and on is not None:
        raise PlanError("give the task to fix with anchor=..., e.g. anchor='departure'")
    if anchor is not None:
        if on is None:
            raise PlanError("anchor needs a date: on='YYYY-MM-DD'")
        plan = plan.fix(anchor, on)
    today = as_date(today) if today is not None else date.today()
    return compute(plan, as_date(start) if start is not None else None, today)
