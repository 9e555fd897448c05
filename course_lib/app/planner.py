"""Dashboard 2, the project planner: a template, its key dates and task durations in; the
schedule, critical path, slack, warnings and Gantt chart out, from the planning engine
(:func:`course_lib.erasmus.schedule`, :func:`course_lib.erasmus.gantt`).

Key dates are the template's milestones (call deadline, project start, departure, return,
project end): a date set on one fixes it; by default moving one fixed date moves the other
fixed dates by as many days, so that setting the deadline or the departure moves the plan.

Downloads: the schedule as CSV and the milestones as an iCalendar file (:mod:`.ical`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd
import yaml

from ..erasmus.planning import (
    Plan,
    PlanError,
    Schedule,
    available_templates,
    gantt,
    load_template,
    schedule,
)
from ..erasmus.planning.templates import PLANS_DIR
from . import ui
from .ical import Event, calendar

MAX_DAYS = 3650


@dataclass(frozen=True)
class TemplateInfo:
    key: str
    name: str
    action: str | None
    call_year: int | None


def template_info(key: str) -> TemplateInfo:
    """The template's name, action and call year (read from its YAML file)."""
    raw = yaml.safe_load((PLANS_DIR / f"{key}.yaml").read_text(encoding="utf-8")) or {}
    year = raw.get("call_year")
    return TemplateInfo(key, str(raw.get("name") or key), raw.get("action"),
                        int(year) if isinstance(year, int) else None)


class PlanInputError(ValueError):
    """Bad durations or dates: ``problems`` maps a task id to its reason."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


def milestones(plan: Plan) -> list[str]:
    return [t.id for t in plan.tasks if t.milestone]


def adjusted(plan: Plan, durations: Mapping[str, int], fixed: Mapping[str, date | None]) -> Plan:
    """The plan with new durations and fixed dates (None: not fixed); checks each value."""
    problems: dict[str, str] = {}
    tasks = []
    for task in plan.tasks:
        days = durations.get(task.id, task.duration_days)
        if not task.milestone:
            if not isinstance(days, int) or isinstance(days, bool):
                problems[task.id] = f"duration must be a whole number of days, got {days!r}"
            elif days < 1:
                problems[task.id] = f"a task lasts at least 1 day, got {days}"
            elif days > MAX_DAYS:
                problems[task.id] = f"{days} days is more than {MAX_DAYS} (10 years)"
        else:
            days = 0
        on = fixed.get(task.id, task.fixed) if task.milestone else task.fixed
        tasks.append(replace(task, duration_days=days if task.id not in problems else 1,
                             fixed=on))
    if problems:
        raise PlanInputError(problems)
    return replace(plan, tasks=tuple(tasks))


def start_window_warning(info: TemplateInfo, sched: Schedule) -> str | None:
    """KA122 round 1: the project starts between 1 June and 31 December of the call year
    (facts sheet 1.2 and 8b, as the templates' notes say)."""
    if info.action != "KA122" or info.call_year is None:
        return None
    try:
        item = sched["project_start"]
    except KeyError:
        return None
    start = item.task.fixed or item.earliest_start  # the date the coach means
    year = info.call_year
    try:  # a round-1 deadline falls in February of its call year
        deadline = sched["call_deadline"]
        year = (deadline.task.fixed or deadline.earliest_start).year
    except KeyError:
        pass
    first, last = date(year, 6, 1), date(year, 12, 31)
    if first <= start <= last:
        return None
    side = "before" if start < first else "after"
    return (f"the project starts on {start}, {side} the call's start window: a round-1 KA122 "
            f"project of call {year} starts between {first} and {last}")


def plan_schedule(key: str, durations: Mapping[str, int], fixed: Mapping[str, date | None],
                  today: date) -> tuple[Schedule, list[str]]:
    """Schedule a template with the visitor's values; the engine's warnings plus the
    start-window check. Raises PlanInputError or PlanError."""
    plan = adjusted(load_template(key), durations, fixed)
    sched = schedule(plan, today=today)
    warnings = list(sched.warnings)
    window = start_window_warning(template_info(key), sched)
    if window:
        warnings.append(window)
    return sched, warnings


def shift_fixed(fixed: Mapping[str, date | None], changed: str, old: date | None,
                new: date | None) -> dict[str, date | None]:
    """Move every other fixed date by as many days as ``changed`` moved."""
    out = dict(fixed)
    out[changed] = new
    if old is None or new is None:
        return out
    delta = new - old
    for key, value in fixed.items():
        if key != changed and value is not None:
            out[key] = value + delta
    return out


def schedule_frame(sched: Schedule) -> pd.DataFrame:
    return sched.table()


def schedule_csv(sched: Schedule) -> str:
    return ui.csv_text(schedule_frame(sched))


def milestone_events(sched: Schedule) -> list[Event]:
    events = []
    for item in sched.tasks:
        task = item.task
        if not task.milestone:
            continue
        note = task.note + ("\n" if task.note else "") + f"Plan: {sched.plan.name}"
        if task.fixed and item.earliest_start != task.fixed:
            note += f"\nFixed on {task.fixed} but cannot happen before {item.earliest_start}"
        events.append(Event(task.id, item.earliest_start, task.name, note))
    return events


def milestones_ics(sched: Schedule, stamp: datetime | None = None) -> str:
    """The plan's milestones as an iCalendar file (all-day events)."""
    return calendar(milestone_events(sched), name=sched.plan.name, stamp=stamp)


def gantt_png(sched: Schedule, today: date) -> bytes:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12.4, 1.6 + 0.36 * len(sched.tasks)))
    ax = fig.add_subplot()
    gantt(sched, ax=ax, today=today)
    ax.tick_params(axis="y", labelsize=9)
    return ui.png(fig)


def table_html(sched: Schedule) -> str:
    frame = sched.table()
    shown = pd.DataFrame({
        "task": frame["task"], "days": frame["days"], "earliest start": frame["earliest_start"],
        "earliest finish": frame["earliest_finish"], "latest start": frame["latest_start"],
        "slack (days)": frame["slack_days"],
        "critical": ["yes" if c else "" for c in frame["critical"]],
        "fixed": [f or "" for f in frame["fixed"]],
    })
    return ui.table_html(shown, numeric=["days", "slack (days)"])


class Planner:
    """The widgets of the project planner; ``display(Planner().widget)``."""

    def __init__(self, template: str = "ka122-short-term", today: date | None = None) -> None:
        import ipywidgets as w

        self.today = today or date.today()
        self.schedule: Schedule | None = None
        self.warnings: list[str] = []
        keys = available_templates()
        self.template = w.Dropdown(options=[(template_info(k).name, k) for k in keys],
                                   value=template if template in keys else keys[0],
                                   layout=w.Layout(width="640px"))
        self.template.add_class("mc-template")
        self.move_together = w.Checkbox(value=True, indent=False,
                                        description="Moving a fixed date moves the other "
                                                    "fixed dates by as many days",
                                        layout=w.Layout(width="auto"))
        self.dates_box = w.GridBox(layout=w.Layout(
            grid_template_columns="repeat(3, minmax(260px, 1fr))", grid_gap="6px 18px"))
        self.durations_box = w.GridBox(layout=w.Layout(
            grid_template_columns="repeat(3, minmax(260px, 1fr))", grid_gap="4px 18px"))
        self.status = w.HTML()
        self.status.add_class("mc-status")
        self.summary = w.HTML()
        self.summary.add_class("mc-summary")
        self.chart = w.HTML()
        self.table = w.HTML()
        self.downloads = w.HTML()
        self.downloads.add_class("mc-downloads")
        self.date_widgets: dict[str, object] = {}
        self.date_msgs: dict[str, object] = {}
        self.duration_widgets: dict[str, object] = {}
        self.duration_msgs: dict[str, object] = {}
        self._quiet = False
        self.template.observe(self._guard(lambda _: self._load_template()), names="value")
        head = ui.heading(
            "Project planner",
            "Choose a plan template, set its key dates (the call deadline, the departure...) "
            "and adjust the durations: the planning engine back-plans every task, shows the "
            "critical path and the slack, and warns when the plan cannot fit.")
        self.widget = w.VBox([
            ui.style(), w.HTML(head), ui.labelled("Plan template", self.template),
            w.HTML("<h3>Key dates</h3><p class='mc-note'>A date fixes the milestone; leave a "
                   "date empty to let the plan compute it.</p>"),
            self.move_together, self.dates_box,
            w.HTML("<h3>Task durations (calendar days)</h3>"), self.durations_box,
            self.status, w.HTML("<h3>Schedule</h3>"), self.summary, self.chart, self.table,
            w.HTML("<h3>Download</h3>"), self.downloads, w.HTML('<span class="mc-end"></span>'),
        ])
        self.widget.add_class("mc-app")
        self.widget.add_class("mc-planner")
        self._load_template()

    def _guard(self, function):
        """Callbacks never show a traceback: an unexpected error becomes a message."""
        return ui.guarded(self, function, "; the schedule below is the last valid one")

    def _load_template(self) -> None:
        import ipywidgets as w

        plan = load_template(self.template.value)
        self._quiet = True
        try:
            self.date_widgets, self.date_msgs, dates = {}, {}, []
            for task in plan.tasks:
                if not task.milestone:
                    continue
                picker = w.DatePicker(value=task.fixed, layout=w.Layout(width="170px"))
                picker.add_class(f"mc-date-{task.id}")
                picker.observe(self._guard(self._date_changed(task.id)), names="value")
                msg = w.HTML()
                msg.add_class("mc-msg")
                self.date_widgets[task.id], self.date_msgs[task.id] = picker, msg
                dates.append(ui.labelled(task.name, w.VBox([picker, msg])))
            self.dates_box.children = dates
            self.duration_widgets, self.duration_msgs, fields = {}, {}, []
            for task in plan.tasks:
                if task.milestone:
                    continue
                box = w.IntText(value=task.duration_days, layout=w.Layout(width="90px"))
                box.add_class(f"mc-days-{task.id}")
                box.observe(self._guard(self.refresh), names="value")
                msg = w.HTML()
                msg.add_class("mc-msg")
                self.duration_widgets[task.id], self.duration_msgs[task.id] = box, msg
                note = " (illustrative)" if task.illustrative else ""
                fields.append(ui.labelled(task.name + note, w.VBox([box, msg])))
            self.durations_box.children = fields
        finally:
            self._quiet = False
        self.refresh()

    def _date_changed(self, task_id: str):
        def handler(change) -> None:
            if self._quiet:
                return
            if self.move_together.value:
                fixed = {k: p.value for k, p in self.date_widgets.items()}
                fixed[task_id] = change["old"]
                moved = shift_fixed(fixed, task_id, change["old"], change["new"])
                self._quiet = True
                try:
                    for key, picker in self.date_widgets.items():
                        picker.value = moved[key]
                finally:
                    self._quiet = False
            self.refresh()
        return handler

    def values(self) -> tuple[dict[str, int], dict[str, date | None]]:
        durations = {k: int(b.value) for k, b in self.duration_widgets.items()}
        fixed = {k: p.value for k, p in self.date_widgets.items()}
        return durations, fixed

    def refresh(self, _change=None) -> None:
        if self._quiet:
            return
        durations, fixed = self.values()
        for msg in [*self.duration_msgs.values(), *self.date_msgs.values()]:
            msg.value = ""
        for box in self.duration_widgets.values():
            box.remove_class("mc-bad")
        try:
            sched, warnings = plan_schedule(self.template.value, durations, fixed, self.today)
        except PlanInputError as err:
            for key, reason in err.problems.items():
                self.duration_msgs[key].value = ui.message("problem", reason)
                self.duration_widgets[key].add_class("mc-bad")
            self.status.value = ui.message(
                "problem", "Fix the duration marked above: the schedule below is still the "
                "last valid one.")
            return
        except PlanError as err:
            self.status.value = ui.message("problem", f"This plan cannot be scheduled: {err}")
            return
        self.status.value = ""
        self.schedule, self.warnings = sched, warnings
        self._show(sched, warnings)

    def _show(self, sched: Schedule, warnings: list[str]) -> None:
        critical = [sched[t].task.name for t in sched.critical_path]
        first = min(sched.tasks, key=lambda t: t.earliest_start)
        facts = (f"<p><b>Work starts</b> on {first.earliest_start} ({ui.esc(first.task.name)})"
                 f" and <b>the plan ends</b> on {sched.finish}. <b>Critical path</b> "
                 f"({len(critical)} tasks, no slack): {ui.esc(' → '.join(critical))}.</p>")
        if warnings:
            facts += ('<ul class="mc-warnings">'
                      + "".join(f"<li>{ui.esc(x)}</li>" for x in warnings) + "</ul>")
        else:
            facts += ui.message("ok", "The plan fits: every fixed date is kept.")
        facts += (f'<p class="mc-note">Template: {ui.esc(sched.plan.source)} Today is taken as '
                  f"{self.today}.</p>")
        self.chart.value = ui.chart_html(gantt_png(sched, self.today), "Gantt chart")
        self.table.value = '<div class="mc-scroll">' + table_html(sched) + "</div>"
        key = self.template.value
        self.downloads.value = " ".join([
            ui.download_link(schedule_csv(sched), f"{key}-plan.csv", ui.CSV_MIME, "Plan (CSV)"),
            ui.download_link(milestones_ics(sched), f"{key}-milestones.ics", ui.ICS_MIME,
                             "Milestones (iCalendar)"),
        ]) + ('<p class="mc-note">The iCalendar file adds the milestones as all-day events to '
              "your calendar application (import it).</p>")
        self.summary.value = facts  # last: once it shows, the rest is there


def planner() -> Planner:
    """Show the project planner (the notebook's one call)."""
    from IPython.display import display

    app = Planner()
    display(app.widget)
    return app


__all__ = ["Planner", "PlanInputError", "adjusted", "milestones_ics", "plan_schedule", "planner",
           "schedule_csv", "shift_fixed", "start_window_warning", "template_info"]
