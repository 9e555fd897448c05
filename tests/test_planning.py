"""Project planning: dates, slack, critical path, fixed dates, templates and the Gantt chart."""

from __future__ import annotations

import datetime as dt
from datetime import date

import matplotlib
import matplotlib.pyplot as plt
import pytest
import yaml

from course_lib.erasmus.planning import (
    Plan,
    PlanError,
    Span,
    Task,
    add_months,
    as_date,
    available_templates,
    days_before,
    gantt,
    load_template,
    plan_from_dict,
    schedule,
    weeks_before,
)
from course_lib.erasmus.planning.chart import CRITICAL

matplotlib.use("Agg")  # headless: no display in CI

D = date


# -- helpers for learners -------------------------------------------------------------


def test_weeks_and_days_before_accept_dates_and_strings():
    assert weeks_before("2026-02-19", 6) == D(2026, 1, 8)  # 42 days before
    assert weeks_before(D(2026, 2, 19), 0) == D(2026, 2, 19)
    assert days_before("2026-03-01", 1) == D(2026, 2, 28)
    assert days_before(dt.datetime(2026, 3, 1, 15, 30), 29) == D(2026, 1, 31)


@pytest.mark.parametrize("bad", ["19/02/2026", "2026-02-30", "2026-2-19", "soon", ""])
def test_a_malformed_date_gets_a_clear_error(bad):
    with pytest.raises(ValueError, match="expected YYYY-MM-DD, e.g. 2026-02-19"):
        weeks_before(bad, 2)
    with pytest.raises(ValueError, match="bad date"):
        as_date(bad)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 6, 19), 18) == D(2027, 12, 19)


# -- scheduling ----------------------------------------------------------------------------


def chain() -> Plan:
    return Plan("chain", (
        Task("a", "A", 3),
        Task("b", "B", 2, depends_on=("a",)),
        Task("m", "Milestone", depends_on=("b",)),
    ))


def test_forward_schedule_of_a_chain():
    # A: 3 days from 1 March = 1-3 March; B starts 4 March, 2 days = 4-5 March;
    # the milestone is reached on 6 March.
    s = schedule(chain(), "2026-03-01")
    assert (s["a"].earliest_start, s["a"].earliest_finish) == (D(2026, 3, 1), D(2026, 3, 3))
    assert (s["b"].earliest_start, s["b"].earliest_finish) == (D(2026, 3, 4), D(2026, 3, 5))
    assert s["m"].earliest_start == s["m"].earliest_finish == D(2026, 3, 6)
    assert s.critical_path == ("a", "b", "m")
    assert s.start == D(2026, 3, 1) and s.warnings == []


def test_slack_of_a_shorter_parallel_branch():
    # long (10 days) and short (3 days) both lead to "end": short can start 7 days later.
    plan = Plan("branches", (
        Task("long", "Long", 10), Task("short", "Short", 3),
        Task("end", "End", depends_on=("long", "short")),
    ))
    s = schedule(plan, "2026-03-01")
    assert s["short"].slack_days == 7
    assert s["short"].latest_start == D(2026, 3, 8)
    assert s["short"].latest_finish == D(2026, 3, 10)
    assert s["long"].slack_days == 0
    assert s.critical_path == ("long", "end")


def test_backward_from_a_fixed_deadline():
    # drafting (10 days) must be finished the day before the 19 Feb deadline: 9-18 Feb.
    plan = Plan("demo", (
        Task("draft", "Drafting", 10),
        Task("deadline", "Call deadline", depends_on=("draft",), fixed=D(2026, 2, 19)),
    ))
    s = schedule(plan, today="2026-01-01")
    assert s.start == D(2026, 2, 9)
    assert (s["draft"].latest_start, s["draft"].latest_finish) == (D(2026, 2, 9), D(2026, 2, 18))
    assert s.warnings == []
    late = schedule(plan, today="2026-02-12")
    assert late.warnings and "must start by 2026-02-09, 3 days before today" in late.warnings[0]


def test_forward_plan_that_misses_a_fixed_date_warns_with_the_chain():
    plan = Plan("late", (
        Task("draft", "Drafting", 30),
        Task("deadline", "Call deadline", depends_on=("draft",), fixed=D(2026, 2, 19)),
        Task("after", "After", 5, depends_on=("deadline",)),
    ))
    s = schedule(plan, "2026-02-01")
    # Drafting 1 Feb + 30 days: ready on 3 March, 12 days after the deadline.
    assert s["deadline"].earliest_start == D(2026, 3, 3)
    assert s["draft"].slack_days == -12
    (warning,) = s.warnings
    assert "'Call deadline' is fixed on 2026-02-19" in warning
    assert "12 days late; draft -> deadline" in warning


def test_anchor_a_departure():
    plan = Plan("trip", (
        Task("book", "Booking", 14),
        Task("departure", "Departure", depends_on=("book",)),
    ))
    s = schedule(plan, anchor="departure", on="2026-09-07", today="2026-01-01")
    assert s["book"].latest_start == D(2026, 8, 24)  # 14 days: 24 Aug - 6 Sep
    assert plan.fix("departure", "2026-09-07").task("departure").fixed == D(2026, 9, 7)
    with pytest.raises(PlanError, match="anchor needs a date"):
        schedule(plan, anchor="departure")
    with pytest.raises(PlanError, match="anchor="):
        schedule(plan, on="2026-09-07")
    with pytest.raises(KeyError, match="no task 'flight'"):
        schedule(plan, anchor="flight", on="2026-09-07")


def test_span_rules_warn():
    plan = Plan("short project", (
        Task("start", "Project start"), Task("work", "Work", 60, depends_on=("start",)),
        Task("end", "Project end", depends_on=("work",)),
    ), spans=(Span("start", "end", "A KA122 project lasts 6 to 18 months", min_months=6,
                   max_months=18),))
    (warning,) = schedule(plan, "2026-03-01").warnings
    assert "6 to 18 months" in warning and "60 days, too short" in warning


@pytest.mark.parametrize(
    ("tasks", "message"),
    [
        ((Task("a", "A", 1, depends_on=("b",)), Task("b", "B", 1, depends_on=("a",))),
         "circular dependencies"),
        ((Task("a", "A", 1, depends_on=("zz",)),), "depends on unknown task 'zz'"),
        ((Task("a", "A", 1), Task("a", "Again", 2)), "duplicate task id 'a'"),
        ((Task("a", "A", -1),), "cannot be negative"),
    ],
)
def test_invalid_plans(tasks, message):
    with pytest.raises(PlanError, match=message):
        Plan("bad", tasks)


def test_schedule_table():
    table = schedule(chain(), "2026-03-01").table()
    assert list(table["id"]) == ["a", "b", "m"]
    assert {"earliest_start", "latest_finish", "slack_days", "critical"} <= set(table.columns)


# -- templates ------------------------------------------------------------------------------

REQUIRED = ["needs analysis", "partner", "application drafting", "submission", "decision",
            "learning agreements", "language assessment", "insurance", "departure",
            "participant reports", "final report"]
MILESTONES = ["call_deadline", "project_start", "departure", "return", "project_end"]


@pytest.mark.parametrize("name", ["ka122-short-term", "erasmuspro-long"])
def test_templates_have_the_steps_and_the_call_2026_deadline(name):
    plan = load_template(name)
    names = " | ".join(t.name.lower() for t in plan.tasks)
    for step in REQUIRED:
        assert step in names, step
    for milestone in MILESTONES:
        assert plan.task(milestone).milestone, milestone
    assert "travel" in names
    assert plan.task("call_deadline").fixed == D(2026, 2, 19)
    assert plan.task("na_decision").illustrative
    for task in plan.tasks:
        assert task.duration_days == 0 or task.source or task.note, task.id
    project = [s for s in plan.spans if "6 to 18 months" in s.rule]
    assert project and (project[0].min_months, project[0].max_months) == (6, 18)


def test_templates_fit_when_started_early_enough():
    for name in available_templates():
        plan = load_template(name)
        s = schedule(plan, "2025-10-01", today="2025-10-01")
        assert s.warnings == [], (name, s.warnings)
        (submission,) = plan.task("call_deadline").depends_on
        assert s[submission].earliest_finish < D(2026, 2, 19)


# -- the C1.1 case: "Boulangerie a Valence", call 2026 KA122 round 1 (fixes.md A1-A2) ------

CASE_TODAY = D(2025, 11, 3)  # the director launches the project


def test_the_case_template_back_plans_without_warnings():
    plan = load_template("ka122-short-term")
    s = schedule(plan, today=CASE_TODAY)
    assert s.warnings == []
    assert s.start == D(2025, 11, 6)  # latest start of the needs analysis, with the margin
    fixed = {t.id: t.fixed for t in plan.tasks if t.fixed}
    assert fixed == {"call_deadline": D(2026, 2, 19), "project_start": D(2026, 9, 1),
                     "departure": D(2027, 1, 30), "return": D(2027, 3, 3),
                     "project_end": D(2027, 8, 31)}
    for task_id, day in fixed.items():
        assert s[task_id].earliest_start == s[task_id].latest_start == day, task_id
    # steps before submission follow each other: 3 + 6 + 4 + 1 weeks, then a 1-week margin
    before = ["needs_analysis", "partner_search", "application_drafting", "internal_signoff",
              "submission_margin"]
    assert [plan.task(t).duration_days for t in before] == [21, 42, 28, 7, 7]
    assert [s[t].earliest_start for t in before] == [
        D(2025, 11, 6), D(2025, 11, 27), D(2026, 1, 8), D(2026, 2, 5), D(2026, 2, 12)]
    assert s["submission_margin"].earliest_finish == D(2026, 2, 18)
    assert s.critical_path[:6] == tuple(before) + ("call_deadline",)
    # without the margin the latest start is one week later (exercise 2, step 1)
    assert weeks_before(D(2026, 2, 19), 3 + 6 + 4 + 1) == D(2025, 11, 13)


def test_the_case_mobility_and_project_respect_the_call_rules():
    plan = load_template("ka122-short-term")
    s = schedule(plan, today=CASE_TODAY)
    start = s["project_start"].earliest_start
    assert D(2026, 6, 1) <= start <= D(2026, 12, 31)  # round-1 start window (facts 8b)
    assert add_months(start, 12) == D(2027, 9, 1)  # 12 months: 6 to 18 allowed
    # 2 travel days out, 28 days of activity (1-28 Feb 2027), 2 travel days back
    assert plan.task("mobility").duration_days == 32
    assert s["mobility"].earliest_start == D(2027, 1, 30)
    assert s["mobility"].earliest_finish == D(2027, 3, 2)
    assert s["return"].earliest_start == D(2027, 3, 3)  # back at work
    assert all(s[t].earliest_finish < D(2027, 1, 30) for t in (
        "participant_selection", "partnership_convention", "learning_agreements",
        "preparation", "mobility_conventions", "insurance_documents", "travel_booking"))


def test_the_case_no_longer_fits_one_day_after_its_latest_start():
    s = schedule(load_template("ka122-short-term"), today=D(2025, 11, 7))
    (warning,) = s.warnings
    assert "'Needs analysis' must start by 2025-11-06, 1 days before today" in warning


def test_erasmuspro_template_mobility_is_long_term():
    plan = load_template("erasmuspro-long")
    assert plan.task("mobility").duration_days >= 90
    rule = next(s for s in plan.spans if s.start == "departure")
    assert (rule.min_days, rule.max_days) == (90, 365)


def test_a_template_after_its_deadline_cannot_fit():
    s = schedule(load_template("ka122-short-term"), today="2026-11-29")
    assert any("cannot fit" in w and "before today (2026-11-29)" in w for w in s.warnings)


def test_a_departure_too_early_for_the_template():
    # a departure before the project can even start (round 1: from 1 June 2026)
    s = schedule(load_template("ka122-short-term"), anchor="departure", on="2026-05-04",
                                                   today="2025-10-01")
    assert any("'Departure (first travel day)' is fixed on 2026-05-04" in w
               and "project_start ->" in w for w in s.warnings)


def test_unknown_template_and_template_errors(tmp_path):
    with pytest.raises(PlanError, match="available: erasmuspro-long, ka122-short-term"):
        load_template("ka131")
    with pytest.raises(PlanError, match=r"tasks\[0\]: unknown key 'duration'"):
        plan_from_dict({"name": "x", "tasks": [{"id": "a", "name": "A", "duration": 3}]}, "x.yaml")
    with pytest.raises(PlanError, match=r"x.yaml: tasks\[0\].fixed: bad date"):
        plan_from_dict({"tasks": [{"id": "a", "name": "A", "fixed": "soon"}]}, "x.yaml")
    with pytest.raises(PlanError, match="x.yaml: task 'a' depends on unknown task 'b'"):
        plan_from_dict(yaml.safe_load("tasks: [{id: a, name: A, depends_on: b}]"), "x.yaml")


# -- Gantt chart ------------------------------------------------------------------------


def test_gantt_draws_bars_milestones_and_dates():
    s = schedule(load_template("ka122-short-term"), "2025-10-01", today="2025-10-01")
    ax = gantt(s, today="2026-01-15")
    try:
        tasks = [t for t in s.tasks if not t.task.milestone]
        milestones = [t for t in s.tasks if t.task.milestone]
        bars = [p for p in ax.patches if p.get_height() == pytest.approx(0.6)]
        assert len(bars) == len(tasks)
        critical_bars = [b for b in bars if matplotlib.colors.same_color(b.get_facecolor(),
                                                                          CRITICAL)]
        assert len(critical_bars) == sum(t.critical for t in tasks)
        diamonds = [line for line in ax.lines if line.get_marker() == "D"]
        assert len(diamonds) == len(milestones)
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert "Call deadline (KA121/KA122 round 1), 12:00 Brussels time (2026-02-19)" in labels
        assert type(ax.xaxis.get_major_formatter()).__name__ == "ConciseDateFormatter"
        ax.figure.canvas.draw()  # renders headless with Agg
    finally:
        plt.close(ax.figure)


def test_gantt_on_a_given_axes_from_a_plan():
    fig, ax = plt.subplots()
    try:
        assert gantt(chain(), ax=ax, today="2026-03-01") is ax
        assert ax.get_title() == "chain"
    finally:
        plt.close(fig)


def test_gantt_hatches_illustrative_durations_over_their_colour():
    """Illustrative durations are hatched in a colour that stands out from the bar."""
    import matplotlib

    matplotlib.use("Agg")
    from datetime import date

    timeline = schedule(load_template("ka122-short-term"), today=date(2025, 9, 1))
    ax = gantt(timeline, today=date(2025, 9, 1))
    hatched = [p for p in ax.patches if p.get_hatch() == "//"]
    assert hatched, "illustrative tasks are drawn hatched"
    assert all(p.get_hatchcolor() != p.get_facecolor() for p in hatched)
