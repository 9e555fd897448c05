"""Edges of the loop budget engine (cities, city errors, the table used for checks, dates
given as datetimes), of plans built from generators and of backward schedules with a task
that leads to no fixed date, of rate tables (read-only printed amounts, ranks beyond the
last organisational tier, a year not shipped) and of a budget's details and flagged sections.
Amounts by hand from data/rates/2021.yaml."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
import yaml

from course_lib.erasmus.budget import Mobility, MobilityError, estimate, estimate_loop
from course_lib.erasmus.budget.result import DETAIL_COLUMNS
from course_lib.erasmus.planning import Plan, Span, Task, schedule
from course_lib.erasmus.rates import RATES_DIR, OrgTier, RatesError, load_rates
from course_lib.erasmus.rates_schema import read_yaml

START = date(2026, 4, 7)
END = START + timedelta(days=27)  # 28 activity days
NOT_FOUND = ("city 'Bordo-sur-Mer' not found in FR; did you mean Boulogne-sur-Mer, Fos-sur-Mer, "
             "Bry-sur-Marne, Sanary-sur-Mer, Romans-sur-Isère? (only places of 15,000 "
             "inhabitants or more are known: give distance_km from the EC distance calculator "
             "instead)")


def by_id(budget) -> dict:
    return {row["participant_id"]: row for row in budget.lines.to_dict("records")}


# -- the loop engine: distances from cities ---------------------------------------------


def test_the_loop_engine_measures_routes_between_the_named_countries_cities():
    # Valencia without its country would be Valencia, Venezuela (7438.5 km from Bordeaux):
    # both countries must reach the distance look-up.
    items = [
        Mobility("C1", "learner", "ES", START, END, origin_city="Bordeaux",
                 origin_country="FR", destination_city="Valencia"),
        Mobility("C2", "learner", "FR", START, END, origin_city="Valencia",
                 origin_country="ES", destination_city="Bordeaux"),
        Mobility("K1", "learner", "ES", START, END, distance_km=50.0, origin_city="Bordeaux",
                 origin_country="FR", destination_city="Valencia"),  # given km win
    ]
    lines = by_id(estimate_loop(items))
    for pid in ("C1", "C2"):
        assert lines[pid]["distance_km"] == 597.0   # great circle, rounded to 0.1 km
        assert lines[pid]["travel"] == 275.0         # band 500-1999 km
        # 30 funded days (28 + 2 travel days) in group 2: 14 x 57 + 16 x 40 = 1438
        assert lines[pid]["individual_support"] == 1438.0
        assert lines[pid]["total"] == 2063.0         # 275 + 1438 + 350 organisational
    assert lines["K1"]["distance_km"] == 50.0
    assert lines["K1"]["travel"] == 23.0             # band 0-99 km
    assert estimate_loop(items).lines.equals(estimate(items).lines)


def test_the_loop_engine_names_the_mobility_whose_city_is_unknown():
    items = [
        Mobility("K1", "learner", "ES", START, END, distance_km=597.0),
        Mobility("C2", "learner", "ES", START, END, origin_city="Bordo-sur-Mer",
                 origin_country="FR", destination_city="Valencia"),
    ]
    with pytest.raises(MobilityError) as err:
        estimate_loop(items)
    assert err.value.problems == [("mobility 2 (C2)", NOT_FOUND)]
    assert str(err.value) == f"invalid mobilities (1 problem(s)):\n  mobility 2 (C2): {NOT_FOUND}"
    with pytest.raises(MobilityError) as engine_err:
        estimate(items)
    assert engine_err.value.problems == err.value.problems  # both engines say the same


def test_the_loop_engine_checks_mobilities_against_the_table_it_was_given(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["country_groups"][2].remove("ES")  # a trainer's table without Spain
    path = tmp_path / "no-spain.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    rates = load_rates(path=path)
    items = [Mobility("L1", "learner", "ES", START, END, distance_km=597.0)]
    with pytest.raises(MobilityError) as err:
        estimate_loop(items, rates)
    with pytest.raises(MobilityError) as engine_err:
        estimate(items, rates)
    assert err.value.problems == engine_err.value.problems
    [(where, reason)] = err.value.problems
    assert where == "mobility 1 (L1)"
    assert reason.startswith("destination_country: 'ES' is not in a country group of the "
                             "call-2021 table; known codes: AT, BE, BG, CY, CZ, DE, DK, EE, FI,")


# -- the loop engine: dates given as datetimes (pandas Timestamps) ---------------------


def test_both_engines_read_timestamps_at_midnight_alike():
    items = [Mobility("L1", "learner", "ES", pd.Timestamp("2026-04-07"),
                      pd.Timestamp("2026-05-04"), distance_km=597.0)]
    loop, fast = estimate_loop(items), estimate(items)
    pd.testing.assert_frame_equal(loop.details, fast.details)  # same dtypes too
    assert loop.details["start"].tolist() == [pd.Timestamp("2026-04-07")]
    assert loop.details["end"].tolist() == [pd.Timestamp("2026-05-04")]
    assert str(loop.details["start"].dtype) == "datetime64[s]"


def test_a_time_of_day_does_not_shorten_a_mobility_in_the_loop_engine():
    # 7 April 10:30 to 4 May 09:00: 28 calendar days (26 days 22.5 hours apart); the loop
    # engine once counted 27 while the vectorised engine counted 28.
    items = [Mobility("L1", "learner", "ES", datetime(2026, 4, 7, 10, 30),
                      datetime(2026, 5, 4, 9, 0), distance_km=597.0),
             Mobility("L2", "learner", "ES", datetime(2026, 4, 7, 18, 0),
                      datetime(2026, 4, 20, 8, 0), distance_km=597.0)]  # ends earlier in its day
    loop, fast = estimate_loop(items), estimate(items)
    pd.testing.assert_frame_equal(loop.details, fast.details)
    assert loop.details["activity_days"].tolist() == [28, 14]
    assert loop.details["start"].tolist() == [pd.Timestamp("2026-04-07")] * 2
    # L1: 30 funded days, 14 x 57 + 16 x 40 = 1438; + 275 travel + 350 organisational
    assert by_id(loop)["L1"]["total"] == 2063.0
    assert "Activity days: 2026-04-07 to 2026-05-04 = 28 days" in loop.explain("L1")


# -- plans ------------------------------------------------------------------------------


def test_a_plan_keeps_tasks_and_spans_given_as_generators():
    tasks = [Task("s", "Start"), Task("w", "Work", 9, depends_on=("s",)),
             Task("e", "End", depends_on=("w",))]
    span = Span("s", "e", "Stay 10-20 days", min_days=10, max_days=20)
    plan = Plan("gen", (t for t in tasks), (s for s in [span]))
    assert plan.tasks == tuple(tasks)
    assert plan.spans == (span,)
    assert plan == Plan("gen", tuple(tasks), (span,))
    assert hash(plan) == hash(Plan("gen", tuple(tasks), (span,)))
    s = schedule(plan, "2026-03-01")
    assert [t.task.id for t in s.tasks] == ["s", "w", "e"]
    assert s.warnings == [
        "Stay 10-20 days: s (2026-03-01) to e (2026-03-10) is 9 days, too short"]


def test_a_plan_given_lists_is_equal_and_hashable():
    tasks = [Task("a", "A", 3), Task("b", "B", depends_on=("a",))]
    plan = Plan("lists", tasks, [])
    assert isinstance(plan.tasks, tuple) and isinstance(plan.spans, tuple)
    assert plan == Plan("lists", tuple(tasks))
    assert len({plan, Plan("lists", tuple(tasks))}) == 1


def test_backward_start_counts_a_task_that_leads_to_no_fixed_date():
    # "free" (5 days) leads nowhere; the deadline is fixed on 20 March. Backward, the plan
    # ends on the deadline, so "free" runs 15-19 March at the latest and the plan starts
    # on 15 March (20 March - 5 days).
    plan = Plan("free", (Task("free", "Free task", 5),
                         Task("deadline", "Deadline", fixed=date(2026, 3, 20))))
    s = schedule(plan, today=date(2026, 1, 1))
    assert s.start == date(2026, 3, 15)
    assert (s["free"].earliest_start, s["free"].latest_finish) == (date(2026, 3, 15),
                                                                     date(2026, 3, 19))
    assert s["free"].slack_days == 0
    assert s.critical_path == ("free", "deadline")
    assert s.warnings == []


# -- rate tables ------------------------------------------------------------------------


def test_a_tables_printed_tier_amounts_are_read_only():
    rates = load_rates(path=RATES_DIR / "2021.yaml")  # a fresh table, not the shared one
    printed = rates.tiers[1].printed
    assert printed["learner"][2] == 40.0
    with pytest.raises(TypeError):
        printed["learner"][2] = 99.0
    with pytest.raises(TypeError):
        printed["staff"] = {}
    assert rates.tiers[1].printed["learner"][2] == 40.0


def test_no_organisational_support_beyond_the_last_tier_of_a_hand_made_table():
    # a table built in Python (not validated) whose tiers stop at rank 100
    rates = replace(load_rates(2021), organisational_support=(OrgTier(100, 350.0),))
    assert rates.organisational_amount("short_term", 100) == 350.0
    assert rates.organisational_amount("short_term", 101) == 0.0


def test_a_missing_year_names_no_key():
    with pytest.raises(RatesError) as err:
        load_rates(1999)
    assert err.value.key == ""
    assert str(err.value) == (
        "no rate table shipped for call 1999 (available: 2021, 2024, 2025, 2026); load your "
        "national agency's table with a file path instead")


# -- what a budget says it used ---------------------------------------------------------


@pytest.fixture
def flagged_2021(tmp_path):
    """Call 2021 with one organisational list for every activity type, flagged with travel
    days."""
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["organisational_support"] = [{"up_to": 100, "amount": 350},
                                     {"up_to": None, "amount": 200}]
    raw["illustrative"] = ["travel_days", "organisational_support"]
    path = tmp_path / "flagged.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_rates(path=path)


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_a_budget_names_the_flagged_sections_it_used(engine, flagged_2021):
    learner = Mobility("L1", "learner", "ES", START, END, distance_km=597.0)
    companion = Mobility("A1", "accompanying", "ES", START, END, distance_km=597.0)
    b = engine([learner, companion], flagged_2021)
    assert b.illustrative == ("travel_days", "organisational_support")
    assert b.illustrative_note() == (
        "figures marked illustrative are not verified for VET (travel_days, "
        "organisational_support of the call-2021 table): load your national agency's table "
        "with --rates")
    # accompanying persons get no organisational support: that section is not used
    assert engine([companion], flagged_2021).illustrative == ("travel_days",)


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_budget_details_have_exactly_the_detail_columns(engine):
    items = [Mobility("L1", "learner", "ES", START, END, distance_km=597.0),
             Mobility("S1", "staff", "DE", START, START + timedelta(days=4), distance_km=1200.0)]
    b = engine(items)
    assert list(b.details.columns) == list(DETAIL_COLUMNS)
    assert list(b.details.index) == [0, 1]
    assert b.details["participant_id"].tolist() == ["L1", "S1"]
