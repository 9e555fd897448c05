"""The planning model: tasks, dependencies, fixed dates, and a computed schedule.

A plan is a set of tasks with durations in calendar days, dependencies and
fixed dates (a call deadline, a departure). :func:`.schedule.schedule` computes
earliest and latest dates, slack and the critical path, forward from a start
date or backward from the fixed dates, and warns when the plan cannot fit.

Day conventions: a task of *n* days starting on day S occupies days S to
S + n - 1, and what depends on it can start on day S + n. A milestone (0 days,
e.g. "departure") happens on one day; its predecessors must be finished the day
before. A call deadline at 12:00 is therefore met by finishing the day before.

>>> plan = Plan("demo", (
...     Task("draft", "Draft the application", 10),
...     Task("deadline", "Call deadline", depends_on=("draft",), fixed=date(2026, 2, 19)),
... ))
>>> weeks_before("2026-02-19", 6)
datetime.date(2026, 1, 8)
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pandas as pd

__all__ = [
    "Plan", "PlanError", "Schedule", "ScheduledTask", "Span", "Task", "add_months",
    "as_date", "days_before", "weeks_before",
]


class PlanError(ValueError):
    """A plan that cannot be scheduled (unknown dependency, cycle, bad template key)."""


# -- small date helpers, used by learners in the notebooks -------------------------


def as_date(value: date | str) -> date:
    """A date from a ``date`` or a ``YYYY-MM-DD`` string.

    >>> as_date("2026-02-19")
    datetime.date(2026, 2, 19)
    >>> as_date("19/02/2026")
    Traceback (most recent call last):
    ...
    ValueError: bad date '19/02/2026': expected YYYY-MM-DD, e.g. 2026-02-19
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"bad date {value!r}: expected YYYY-MM-DD, e.g. 2026-02-19") from None


def days_before(day: date | str, days: int) -> date:
    """The date ``days`` calendar days before ``day``.

    >>> days_before("2026-03-01", 1)
    datetime.date(2026, 2, 28)
    """
    return as_date(day) - timedelta(days=days)


def weeks_before(day: date | str, weeks: int) -> date:
    """The date ``weeks`` weeks before ``day`` (same weekday).

    >>> weeks_before(date(2026, 9, 7), 8)
    datetime.date(2026, 7, 13)
    """
    return as_date(day) - timedelta(weeks=weeks)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's end.

    >>> add_months(date(2026, 8, 31), 6)
    datetime.date(2027, 2, 28)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


# -- the model ---------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """A task (``duration_days`` > 0) or a milestone (0 days), optionally on a fixed date."""

    id: str
    name: str
    duration_days: int = 0
    depends_on: tuple[str, ...] = ()
    fixed: date | None = None
    illustrative: bool = False
    note: str = ""
    source: str = ""

    @property
    def milestone(self) -> bool:
        return self.duration_days == 0


@dataclass(frozen=True)
class Span:
    """A rule on the time between two tasks' starts, e.g. a KA122 project lasts 6-18 months."""

    start: str
    end: str
    rule: str
    min_months: int | None = None
    max_months: int | None = None
    min_days: int | None = None
    max_days: int | None = None
    source: str = ""

    def problem(self, first: date, last: date) -> str | None:
        """Why ``first`` -> ``last`` breaks the rule, or None."""
        days = (last - first).days
        too_short = ((self.min_months is not None and last < add_months(first, self.min_months))
                     or (self.min_days is not None and days < self.min_days))
        too_long = ((self.max_months is not None and last > add_months(first, self.max_months))
                    or (self.max_days is not None and days > self.max_days))
        if not (too_short or too_long):
            return None
        return (f"{self.rule}: {self.start} ({first}) to {self.end} ({last}) is {days} days, "
                f"too {'short' if too_short else 'long'}" + (f" ({self.source})" if self.source
                                                             else ""))


@dataclass(frozen=True)
class ScheduledTask:
    """A task's computed dates. Finish dates are last days (a milestone's own date)."""

    task: Task
    earliest_start: date
    earliest_finish: date
    latest_start: date
    latest_finish: date
    slack_days: int

    @property
    def critical(self) -> bool:
        """No slack: any delay moves a fixed date or the end of the plan."""
        return self.slack_days <= 0


@dataclass
class Schedule:
    """A scheduled plan: dates per task, critical path and warnings."""

    plan: Plan
    tasks: tuple[ScheduledTask, ...]
    start: date
    finish: date
    warnings: list[str] = field(default_factory=list)

    def __getitem__(self, task_id: str) -> ScheduledTask:
        for item in self.tasks:
            if item.task.id == task_id:
                return item
        raise KeyError(f"no task {task_id!r} in plan {self.plan.name!r}")

    @property
    def critical_path(self) -> tuple[str, ...]:
        """Ids of the tasks without slack, in date order."""
        return tuple(t.task.id for t in self.tasks if t.critical)

    def table(self) -> pd.DataFrame:
        """One row per task: dates, slack, critical, fixed, illustrative."""
        return pd.DataFrame([
            {"id": t.task.id, "task": t.task.name, "days": t.task.duration_days,
             "earliest_start": t.earliest_start, "earliest_finish": t.earliest_finish,
             "latest_start": t.latest_start, "latest_finish": t.latest_finish,
             "slack_days": t.slack_days, "critical": t.critical, "fixed": t.task.fixed,
             "illustrative": t.task.illustrative}
            for t in self.tasks
        ])


@dataclass(frozen=True)
class Plan:
    """A project plan: tasks (in any order, dependencies by id) and span rules."""

    name: str
    tasks: tuple[Task, ...]
    spans: tuple[Span, ...] = ()
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tasks", tuple(self.tasks))
        object.__setattr__(self, "spans", tuple(self.spans))
        ids = [t.id for t in self.tasks]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise PlanError(f"duplicate task id {duplicates[0]!r}")
        for t in self.tasks:
            if t.duration_days < 0:
                raise PlanError(f"task {t.id!r}: duration cannot be negative ({t.duration_days})")
            for dep in t.depends_on:
                if dep not in ids:
                    raise PlanError(f"task {t.id!r} depends on unknown task {dep!r}")
        for span in self.spans:
            for end in (span.start, span.end):
                if end not in ids:
                    raise PlanError(f"span rule {span.rule!r} refers to unknown task {end!r}")
        self.order()  # raises on cycles

    def task(self, task_id: str) -> Task:
        """The task with this id."""
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(f"no task {task_id!r} in plan {self.name!r} "
                       f"(tasks: {', '.join(t.id for t in self.tasks)})")

    def order(self) -> list[Task]:
        """Tasks so that each comes after its dependencies (file order otherwise)."""
        done: list[Task] = []
        placed: set[str] = set()
        waiting = list(self.tasks)
        while waiting:
            ready = [t for t in waiting if set(t.depends_on) <= placed]
            if not ready:
                names = ", ".join(t.id for t in waiting)
                raise PlanError(f"circular dependencies among: {names}")
            done.append(ready[0])
            placed.add(ready[0].id)
            waiting.remove(ready[0])
        return done

    def fix(self, task_id: str, on: date | str) -> Plan:
        """The same plan with ``task_id`` fixed on a date (e.g. the departure)."""
        self.task(task_id)
        tasks = tuple(replace(t, fixed=as_date(on)) if t.id == task_id else t for t in self.tasks)
        return replace(self, tasks=tasks)
