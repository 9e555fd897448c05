"""Planning a mobility project: tasks, critical path, back-planning, templates, Gantt chart.

>>> from course_lib.erasmus.planning import load_template, schedule
>>> plan = load_template("ka122-short-term")
>>> schedule(plan, "2026-01-05", today="2026-01-05").critical_path[0]
'needs_analysis'
"""

from .chart import gantt
from .model import (
    Plan,
    PlanError,
    Schedule,
    ScheduledTask,
    Span,
    Task,
    add_months,
    as_date,
    days_before,
    weeks_before,
)
from .schedule import schedule
from .templates import available_templates, load_template, plan_from_dict

__all__ = [
    "Plan", "PlanError", "Schedule", "ScheduledTask", "Span", "Task", "add_months", "as_date",
    "available_templates", "days_before", "gantt", "load_template", "plan_from_dict",
    "schedule", "weeks_before",
]
