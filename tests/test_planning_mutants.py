"""Planning edges pinned exactly: which chain a "cannot fit" warning names, and fixing one
task leaves the others free (dates computed by hand, day conventions of planning.model)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from course_lib.erasmus.planning import Plan, PlanError, Span, Task, add_months, as_date, schedule

D = date


def test_fixing_one_task_leaves_the_others_free():
    plan = Plan("trip", (
        Task("book", "Booking", 14),
        Task("departure", "Departure", depends_on=("book",)),
    ))
    fixed = plan.fix("departure", "2026-09-07")
    assert fixed.task("departure").fixed == D(2026, 9, 7)
    assert fixed.task("book").fixed is None
    assert plan.task("departure").fixed is None  # the original plan is unchanged


def test_the_warning_names_the_predecessor_that_finishes_last():
    # "a" (30 days from 1 Feb: ready 3 March) and "z" (2 days: ready 3 Feb) both lead to
    # the deadline of 19 Feb: the long "a" makes it 12 days late, not "z".
    plan = Plan("branches", (
        Task("a", "Long drafting", 30),
        Task("z", "Short check", 2),
        Task("deadline", "Call deadline", depends_on=("a", "z"), fixed=D(2026, 2, 19)),
    ))
    s = schedule(plan, "2026-02-01")
    assert s.warnings == [
        "the plan cannot fit: 'Call deadline' is fixed on 2026-02-19 but cannot happen before "
        "2026-03-03 (12 days late; a -> deadline)"]


def test_the_chain_goes_through_a_fixed_date_that_is_missed_too():
    # a: 1 Feb + 30 days -> b (fixed 19 Feb) is reached on 3 March, 12 days late;
    # c (fixed 20 Feb, right after b) is also reached on 3 March: 11 days late, and its
    # delay starts at a, through the missed b.
    plan = Plan("two misses", (
        Task("a", "Drafting", 30),
        Task("b", "Deadline", depends_on=("a",), fixed=D(2026, 2, 19)),
        Task("c", "Signature", depends_on=("b",), fixed=D(2026, 2, 20)),
    ))
    s = schedule(plan, "2026-02-01")
    assert s.warnings == [
        "the plan cannot fit: 'Deadline' is fixed on 2026-02-19 but cannot happen before "
        "2026-03-03 (12 days late; a -> b)",
        "the plan cannot fit: 'Signature' is fixed on 2026-02-20 but cannot happen before "
        "2026-03-03 (11 days late; a -> b -> c)",
    ]


def test_the_chain_starts_at_a_fixed_date_that_is_kept():
    # x: 1-5 Feb; k is fixed on 10 Feb and kept; y: 20 days from 10 Feb, ready 2 March;
    # e (fixed 20 Feb) is 10 days late, and the delay starts at k, not at x.
    plan = Plan("kept", (
        Task("x", "Preparation", 5),
        Task("k", "Kick-off", depends_on=("x",), fixed=D(2026, 2, 10)),
        Task("y", "Work", 20, depends_on=("k",)),
        Task("e", "Report due", depends_on=("y",), fixed=D(2026, 2, 20)),
    ))
    s = schedule(plan, "2026-02-01")
    assert s["k"].earliest_start == D(2026, 2, 10)
    assert s.warnings == [
        "the plan cannot fit: 'Report due' is fixed on 2026-02-20 but cannot happen before "
        "2026-03-02 (10 days late; k -> y -> e)"]


# -- dates ---------------------------------------------------------------------------------


def test_add_months_across_years_and_short_months():
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)
    assert add_months(D(2026, 11, 30), 2) == D(2027, 1, 30)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)  # leap year
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2026, 1, 31), -2) == D(2025, 11, 30)
    assert add_months(D(2026, 5, 31), 0) == D(2026, 5, 31)
    assert add_months(D(2026, 1, 1), 24) == D(2028, 1, 1)


def test_as_date_reads_dates_datetimes_and_iso_text():
    assert as_date(" 2026-02-19 ") == D(2026, 2, 19)
    assert as_date(datetime(2026, 2, 19, 23, 59)) == D(2026, 2, 19)
    with pytest.raises(ValueError) as err:
        as_date("2026-2-19")
    assert str(err.value) == "bad date '2026-2-19': expected YYYY-MM-DD, e.g. 2026-02-19"


# -- span rules ----------------------------------------------------------------------------


def span_plan(days: int, span: Span) -> Plan:
    return Plan("span", (Task("s", "Start"), Task("w", "Work", days, depends_on=("s",)),
                         Task("e", "End", depends_on=("w",))), spans=(span,))


@pytest.mark.parametrize(("days", "warning"), [
    (184, None),   # 1 March + 184 days = 1 September: exactly 6 months
    (183, "KA122 lasts 6-18 months: s (2026-03-01) to e (2026-08-31) is 183 days, too short "
          "(call 2026)"),
    (549, None),   # 1 Sept 2027: exactly 18 months
    (550, "KA122 lasts 6-18 months: s (2026-03-01) to e (2027-09-02) is 550 days, too long "
          "(call 2026)"),
])
def test_span_in_months_is_checked_on_calendar_dates(days, warning):
    span = Span("s", "e", "KA122 lasts 6-18 months", min_months=6, max_months=18,
                source="call 2026")
    assert schedule(span_plan(days, span), "2026-03-01").warnings == (
        [] if warning is None else [warning])


def test_span_in_days_without_a_source():
    span = Span("s", "e", "Stay 10-20 days", min_days=10, max_days=20)
    assert schedule(span_plan(10, span), "2026-03-01").warnings == []
    assert schedule(span_plan(20, span), "2026-03-01").warnings == []
    assert schedule(span_plan(9, span), "2026-03-01").warnings == [
        "Stay 10-20 days: s (2026-03-01) to e (2026-03-10) is 9 days, too short"]
    assert schedule(span_plan(21, span), "2026-03-01").warnings == [
        "Stay 10-20 days: s (2026-03-01) to e (2026-03-22) is 21 days, too long"]


# -- plans and schedules -------------------------------------------------------------------


@pytest.mark.parametrize(("tasks", "spans", "message"), [
    ((Task("a", "A", 1), Task("b", "B"), Task("a", "Again"), Task("b", "Again")), (),
     "duplicate task id 'a'"),
    ((Task("a", "A", -2),), (), "task 'a': duration cannot be negative (-2)"),
    ((Task("a", "A", 1, depends_on=("zz",)),), (), "task 'a' depends on unknown task 'zz'"),
    ((Task("a", "A", 1),), (Span("a", "zz", "Rule"),),
     "span rule 'Rule' refers to unknown task 'zz'"),
    ((Task("x", "X"), Task("a", "A", 1, depends_on=("b",)), Task("b", "B", 1, depends_on=("a",))),
     (), "circular dependencies among: a, b"),
])
def test_invalid_plans_word_for_word(tasks, spans, message):
    with pytest.raises(PlanError) as err:
        Plan("bad", tasks, spans)
    assert str(err.value) == message


def test_order_puts_dependencies_first_and_keeps_file_order_otherwise():
    plan = Plan("order", (Task("c", "C", 1, depends_on=("b",)), Task("a", "A", 1),
                          Task("b", "B", 1, depends_on=("a",)), Task("d", "D", 1)))
    assert [t.id for t in plan.order()] == ["a", "b", "c", "d"]


def test_unknown_task_ids_are_named():
    plan = Plan("trip", (Task("book", "Booking", 14), Task("go", "Departure",
                                                           depends_on=("book",))))
    with pytest.raises(KeyError) as err:
        plan.task("fly")
    assert err.value.args[0] == "no task 'fly' in plan 'trip' (tasks: book, go)"
    with pytest.raises(KeyError) as err:
        schedule(plan, "2026-03-01")["fly"]
    assert err.value.args[0] == "no task 'fly' in plan 'trip'"


def test_backward_plan_that_starts_before_today_word_for_word():
    plan = Plan("demo", (
        Task("draft", "Drafting", 10),
        Task("review", "Review", 3),
        Task("deadline", "Call deadline", depends_on=("draft", "review"), fixed=D(2026, 2, 19)),
    ))
    s = schedule(plan, today="2026-02-12")
    assert s.start == D(2026, 2, 9)
    assert s.warnings == [
        "the plan cannot fit: to keep its fixed dates, 'Drafting' must start by 2026-02-09, "
        "3 days before today (2026-02-12)"]
    assert schedule(plan, today="2026-02-09").warnings == []
    # review (3 days) may start as late as 16 Feb: 7 days of slack
    assert (s["review"].earliest_start, s["review"].latest_start) == (D(2026, 2, 9),
                                                                      D(2026, 2, 16))
    assert (s["review"].earliest_finish, s["review"].latest_finish) == (D(2026, 2, 11),
                                                                        D(2026, 2, 18))
    assert s["review"].slack_days == 7
    assert s.critical_path == ("draft", "deadline")
    assert s.finish == D(2026, 2, 19)


def test_forward_from_today_by_default():
    plan = Plan("p", (Task("a", "A", 3), Task("m", "M", depends_on=("a",))))
    s = schedule(plan, today="2026-05-04")
    assert (s.start, s["m"].earliest_start, s.finish) == (D(2026, 5, 4), D(2026, 5, 7),
                                                         D(2026, 5, 7))
    assert s["a"].earliest_finish == D(2026, 5, 6)


def test_a_fixed_task_in_a_forward_plan_waits_for_its_date():
    plan = Plan("p", (Task("a", "A", 3), Task("k", "Kick-off", 2, depends_on=("a",),
                                              fixed=D(2026, 5, 20)),
                      Task("b", "B", 4, depends_on=("k",))))
    s = schedule(plan, "2026-05-04")
    assert (s["k"].earliest_start, s["k"].earliest_finish) == (D(2026, 5, 20), D(2026, 5, 21))
    assert (s["b"].earliest_start, s["b"].earliest_finish) == (D(2026, 5, 22), D(2026, 5, 25))
    # a may finish as late as 19 May, the day before the kick-off: 13 days of slack
    assert (s["a"].latest_start, s["a"].slack_days) == (D(2026, 5, 17), 13)
    assert s.warnings == []


def test_schedule_table_rows():
    plan = Plan("p", (Task("a", "A", 3, illustrative=True),
                      Task("m", "M", depends_on=("a",), fixed=D(2026, 3, 4))))
    table = schedule(plan, "2026-03-01").table()
    assert table.to_dict("records") == [
        {"id": "a", "task": "A", "days": 3, "earliest_start": D(2026, 3, 1),
         "earliest_finish": D(2026, 3, 3), "latest_start": D(2026, 3, 1),
         "latest_finish": D(2026, 3, 3), "slack_days": 0, "critical": True, "fixed": None,
         "illustrative": True},
        {"id": "m", "task": "M", "days": 0, "earliest_start": D(2026, 3, 4),
         "earliest_finish": D(2026, 3, 4), "latest_start": D(2026, 3, 4),
         "latest_finish": D(2026, 3, 4), "slack_days": 0, "critical": True,
         "fixed": D(2026, 3, 4), "illustrative": False},
    ]


def test_anchor_and_on_must_come_together():
    plan = Plan("trip", (Task("book", "Booking", 14), Task("go", "Departure",
                                                           depends_on=("book",))))
    with pytest.raises(PlanError) as err:
        schedule(plan, on="2026-09-07")
    assert str(err.value) == "give the task to fix with anchor=..., e.g. anchor='departure'"
    with pytest.raises(PlanError) as err:
        schedule(plan, anchor="go")
    assert str(err.value) == "anchor needs a date: on='YYYY-MM-DD'"
    s = schedule(plan, anchor="go", on="2026-09-07", today="2026-01-01")
    assert (s.start, s["book"].latest_finish) == (D(2026, 8, 24), D(2026, 9, 6))
