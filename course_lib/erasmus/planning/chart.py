"""A readable Gantt chart of a scheduled plan (matplotlib; works with the Agg backend).

Bars run from each task's earliest start; the critical path is red, other tasks
blue with their slack as a light grey extension; milestones are diamonds, fixed
dates have a black outline; illustrative durations are hatched.
"""

from __future__ import annotations

from datetime import date, timedelta

import matplotlib.dates as mdates
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .model import Plan, Schedule, as_date
from .schedule import schedule as compute_schedule

CRITICAL, NORMAL, SLACK = "#c0392b", "#2e6da4", "#d5d8dc"


def gantt(plan: Plan | Schedule, ax=None, *, today: date | str | None = None, title=None):
    """Draw ``plan`` (scheduled with its defaults when it is a :class:`Plan`); return the Axes."""
    schedule = plan if isinstance(plan, Schedule) else compute_schedule(plan, today=today)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(11, 1.5 + 0.42 * len(schedule.tasks)))
    for y, item in enumerate(schedule.tasks):
        colour = CRITICAL if item.critical else NORMAL
        start = mdates.date2num(item.earliest_start)
        task = item.task
        if task.milestone:
            ax.plot(start, y, marker="D", markersize=9, color=colour, zorder=3,
                    markeredgecolor="black" if task.fixed else colour, markeredgewidth=1.5)
        else:
            edge = "black" if task.fixed else ("white" if task.illustrative else colour)
            ax.barh(y, task.duration_days, left=start, height=0.6, facecolor=colour, edgecolor=edge,
                    linewidth=0.8, hatch="//" if task.illustrative else None, zorder=2)
        if item.slack_days > 0:
            end = start + task.duration_days
            ax.barh(y, item.slack_days, left=end, height=0.25, color=SLACK, zorder=1)
    ax.set_yticks(range(len(schedule.tasks)))
    ax.set_yticklabels([_label(i.task) for i in schedule.tasks])
    ax.invert_yaxis()
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    first = min(i.earliest_start for i in schedule.tasks)
    last = max(i.latest_finish for i in schedule.tasks) + timedelta(days=1)
    margin = max((last - first).days // 40, 2)
    ax.set_xlim(mdates.date2num(first - timedelta(margin)),
                mdates.date2num(last + timedelta(margin)))
    if today is not None and first <= as_date(today) <= last:
        ax.axvline(mdates.date2num(as_date(today)), color="grey", linestyle="--", linewidth=1)
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    ax.set_axisbelow(True)
    ax.set_title(title or schedule.plan.name)
    ax.legend(handles=_legend(), loc="lower left", fontsize="small", framealpha=0.9)
    ax.figure.tight_layout()
    return ax


def _label(task) -> str:
    return f"{task.name} ({task.fixed})" if task.fixed else task.name


def _legend() -> list:
    return [
        Patch(color=CRITICAL, label="critical path"),
        Patch(color=NORMAL, label="task with slack"),
        Patch(color=SLACK, label="slack"),
        Patch(facecolor="grey", edgecolor="white", hatch="//", label="illustrative duration"),
        Line2D([], [], marker="D", linestyle="", color="black", label="milestone"),
    ]
