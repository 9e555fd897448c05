"""The budget rules of issue #3, one test per rule, worked examples and properties."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_lib.erasmus.budget import (
    CATEGORIES,
    LINE_COLUMNS,
    Mobility,
    MobilityError,
    MobilityFileError,
    activity_for,
    estimate,
    estimate_loop,
    read_mobilities,
)
from course_lib.erasmus.planning import load_template
from course_lib.erasmus.rates import RATES_DIR, available_years, individual_support, load_rates
from course_lib.erasmus.rates_schema import read_yaml

START = date(2026, 4, 7)
EXAMPLE = Path(__file__).parents[1] / "course_lib" / "data" / "examples" / "valencia-bakery.csv"
R2021 = load_rates(2021)


def mob(pid="L1", role="learner", country="ES", days=28, distance=597.0, **kwargs) -> Mobility:
    """A mobility of ``days`` activity days starting on 7 April 2026."""
    return Mobility(pid, role, country, START, START + timedelta(days=days - 1),
                    distance_km=distance, **kwargs)


def line(budget, pid):
    return budget.lines.set_index("participant_id").loc[pid]


# -- activity days, travel days, funded days ------------------------------------------


def test_activity_days_count_both_ends():
    assert mob(days=1).activity_days == 1  # start == end: one day
    b = estimate([mob(days=1, travel_days=0)])
    assert line(b, "L1").funded_days == 1


@pytest.mark.parametrize(
    ("requested", "green", "funded_travel"),
    [(None, False, 2), (None, True, 2), (0, False, 0), (1, False, 1), (4, False, 2),
     (4, True, 4), (6, True, 6), (8, True, 6)],
)
def test_travel_day_caps(requested, green, funded_travel):
    b = estimate([mob(days=20, travel_days=requested, green_travel=green)])
    assert line(b, "L1").funded_days == 20 + funded_travel


# -- travel -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("km", "amount"),
    [(0, 23), (5, 23), (9.9, 23), (10, 23), (99, 23), (100, 180), (499, 180), (500, 275),
     (1999, 275), (2000, 360), (3999, 530), (4000, 820), (8000, 1500)],
)
def test_travel_band_edges(km, amount):
    assert line(estimate([mob(distance=km)]), "L1").travel == amount


def test_a_5_km_trip_gets_23_euros_in_2021_but_nothing_under_a_10_km_table():
    # call 2021: "Entre 0 y 99 KM: 23 EUR"; the HE table reused for 2025 starts at 10 km
    items = [mob("N1", distance=5), mob("N2", distance=5, green_travel=True)]
    for engine in (estimate, estimate_loop):
        b = engine(items)
        assert b.lines["travel"].tolist() == [23, 23]
        assert engine(items, load_rates(2025)).lines["travel"].tolist() == [0, 0]
    text = estimate(items).explain("N1")
    assert "Travel: 5 km one way, band 0-99 km, standard rate = 23.00 €" in text
    assert "under the first band (10 km): no travel grant = 0.00 €" in (
        estimate(items, load_rates(2025)).explain("N1"))


def test_green_travel_rate_and_bands_without_one():
    b = estimate([mob("G1", distance=597, green_travel=True),
                  mob("G2", distance=50, green_travel=True),
                  mob("G3", distance=5000, green_travel=True)])
    assert line(b, "G1").travel == 320  # green rate of 500-1999 km
    assert line(b, "G2").travel == 23  # no green rate under 100 km: standard
    assert line(b, "G3").travel == 820


# -- individual support -----------------------------------------------------------------


def test_tier_changes_on_funded_day_15():
    # 12 activity days + 2 travel days = 14 funded days: 14 x 57.00 = 798.00
    assert line(estimate([mob(days=12)]), "L1").individual_support == 798.00
    # 13 + 2 = 15 funded days: 798.00 + 1 x 40 (printed day-15 amount, not 39.90) = 838.00
    assert line(estimate([mob(days=13)]), "L1").individual_support == 838.00


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_both_engines_pay_the_printed_day_15_amounts(engine):
    b = engine([
        mob("L23", days=21),                        # 23 funded days: 14 x 57 + 9 x 40
        mob("S21", role="staff", country="DE", days=19),   # 21: 14 x 104 + 7 x 73
        mob("A23", role="accompanying", country="IE", days=21),  # 23: 14 x 117 + 9 x 82
        mob("P1", country="PL", days=100),          # 102: 14 x 48 + 88 x 34
    ])
    assert line(b, "L23").individual_support == 14 * 57 + 9 * 40 == 1158
    assert line(b, "S21").individual_support == 14 * 104 + 7 * 73 == 1967
    assert line(b, "A23").individual_support == 14 * 117 + 9 * 82 == 2376
    assert line(b, "P1").individual_support == 14 * 48 + 88 * 34 == 3664


def test_without_printed_amounts_both_engines_pay_70_percent_to_the_cent(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    del raw["individual_support"]["tiers"][1]["printed"]
    path = tmp_path / "computed.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    rates = load_rates(path=path)
    items = [mob("L23", days=21), mob("S21", role="staff", country="DE", days=19)]
    for engine in (estimate, estimate_loop):
        b = engine(items, rates)
        assert line(b, "L23").individual_support == 798 + 9 * 39.90  # 1157.10
        assert line(b, "S21").individual_support == 1456 + 7 * 72.80  # 1965.60


def test_daily_amount_depends_on_role_and_receiving_group():
    b = estimate([mob("A", country="FI", days=5, travel_days=0),  # group 1 learner 66
                  mob("B", country="PL", days=5, travel_days=0),  # group 3 learner 48
                  mob("C", role="staff", country="DE", days=5, travel_days=0),  # group 2: 104
                  mob("D", role="accompanying", country="DE", days=5, travel_days=0)])
    assert [line(b, p).individual_support for p in "ABCD"] == [5 * 66, 5 * 48, 5 * 104, 5 * 104]


# -- organisational support ------------------------------------------------------------


def test_the_101st_participant_of_an_activity_type_gets_the_lower_amount():
    learners = [mob(f"L{i:03d}") for i in range(1, 102)]
    b = estimate(learners, action="KA121")
    org = b.lines["organisational_support"].tolist()
    assert org[:100] == [350] * 100
    assert org[100] == 200
    assert b.totals["organisational_support"] == 100 * 350 + 200  # 35,200


def test_ranks_are_counted_within_each_activity_type():
    items = [mob(f"L{i:03d}") for i in range(1, 101)]
    items.append(mob("S1", role="staff", days=10, activity="job_shadowing"))
    items.append(mob("P1", days=120))  # ErasmusPro
    items.append(mob("L101"))
    b = estimate(items, action="KA121")
    assert line(b, "S1").organisational_support == 350  # 1st job shadowing
    assert line(b, "P1").organisational_support == 500  # ErasmusPro: 500 for everyone
    assert line(b, "L101").organisational_support == 200  # 101st short-term learner


def test_accompanying_persons_are_neither_paid_nor_counted():
    items = [mob(f"L{i:03d}") for i in range(1, 51)]
    items += [mob(f"A{i}", role="accompanying") for i in range(1, 6)]
    items += [mob(f"L{i:03d}") for i in range(51, 102)]
    b = estimate(items, action="KA121")
    for i in range(1, 6):
        assert line(b, f"A{i}").organisational_support == 0
    assert line(b, "L100").organisational_support == 350  # 100th learner, 105th row
    assert line(b, "L101").organisational_support == 200
    assert b.details.set_index("participant_id").loc["A1", "organisational_rank"] == 0


def test_a_plain_list_counts_all_learners_and_staff_together(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["organisational_support"] = [{"up_to": 2, "amount": 300}, {"up_to": None, "amount": 100}]
    path = tmp_path / "plain.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    rates = load_rates(path=path)
    items = [mob("L1"), mob("A1", role="accompanying"), mob("S1", role="staff", days=5),
             mob("P1", days=100)]
    b = estimate(items, rates)
    assert b.lines["organisational_support"].tolist() == [300, 0, 300, 100]
    assert estimate_loop(items, rates).lines.equals(b.lines)


@pytest.mark.parametrize("year", available_years())
def test_activity_without_organisational_rate_gets_zero_and_a_warning(year):
    # no group rate in the 2021 annex, and none verified later: no table assumes one
    b = estimate([mob("G1", days=10, activity="group")], load_rates(year))
    assert line(b, "G1").organisational_support == 0
    assert any("no organisational support for activity type 'group'" in w for w in b.warnings)


# -- inclusion ----------------------------------------------------------------------------


def test_inclusion_support_for_participants_with_fewer_opportunities():
    b = estimate([mob("F", fewer_opportunities=True), mob("N")])
    assert line(b, "F").inclusion_support == 100
    assert line(b, "N").inclusion_support == 0
    assert line(b, "F").total - line(b, "N").total == pytest.approx(100)


# -- activity rule -------------------------------------------------------------------------


def test_activity_follows_from_role_and_length():
    assert activity_for("learner", 89) == "short_term"
    assert activity_for("learner", 90) == "erasmuspro"
    assert activity_for("staff", 300) == "job_shadowing"
    assert activity_for("accompanying", 3) == "accompanying"
    with pytest.raises(ValueError, match="unknown role"):
        activity_for("pupil", 3)
    b = estimate([mob("A", days=89), mob("B", days=90), mob("C", role="staff", days=3,
                                                             activity="course")])
    assert b.lines["activity"].tolist() == ["short_term", "erasmuspro", "course"]
    assert line(b, "C").organisational_support == 100


# -- eligibility warnings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mobility", "warned"),
    [
        (mob(days=9), True),
        (mob(days=10), False),
        (mob(days=5, fewer_opportunities=True), False),  # justified exception: 2 days at least
        (mob(days=1, fewer_opportunities=True), True),
        (mob(days=365), False),
        (mob(days=366), True),
        (mob(days=30, activity="group"), False),
        (mob(days=31, activity="group"), True),
        (mob(role="staff", days=60), False),  # job shadowing 2-60
        (mob(role="staff", days=61), True),
        (mob(role="staff", days=1), True),
        (mob(role="staff", days=31, activity="course"), True),
        (mob(role="staff", days=11, activity="competition"), None),
        (mob(role="accompanying", days=400), False),
    ],
)
def test_duration_warnings(mobility, warned):
    if warned is None:  # a learner activity given to staff is an error, not a warning
        with pytest.raises(MobilityError, match="'competition' is for learner participants"):
            estimate([mobility])
        return
    b = estimate([mobility])
    durations = [w for w in b.warnings if " lasts " in w]
    assert bool(durations) == warned
    if warned:
        assert f"L1 has {mobility.activity_days} days" in durations[0]


def test_ka122_participant_limit_excludes_accompanying_persons():
    thirty = [mob(f"L{i}") for i in range(30)] + [mob(f"A{i}", role="accompanying")
                                                  for i in range(5)]
    assert not [w for w in estimate(thirty).warnings if "at most 30" in w]
    b = estimate(thirty + [mob("L30")])
    assert [w for w in b.warnings if "31 participants" in w and "at most 30" in w]
    assert not [w for w in estimate(thirty + [mob("L30")], action="KA121").warnings
                if "at most 30" in w]


def test_warnings_do_not_change_the_figures():
    warned, plain = estimate([mob(days=9)]), estimate([mob(days=9)], action=None)
    assert warned.warnings and warned.totals == plain.totals


# -- worked examples (arithmetic written out) -------------------------------------------


def test_worked_example_learner_in_spain_30_days():
    # 30 activity days + 2 travel days = 32 funded days, group 2, call 2021:
    #   individual support 14 x 57 + 18 x 40 (printed) = 798.00 + 720.00 = 1518.00
    #   travel 597 km (band 500-1999 km, standard)            =  275.00
    #   organisational support (1st short-term learner)       =  350.00
    #   total                                                  = 2143.00
    b = estimate([mob(days=30)])
    row = line(b, "L1")
    assert row.funded_days == 32
    assert row.individual_support == 1518
    assert row.travel == 275
    assert row.organisational_support == 350
    assert row.total == 2143


def test_worked_example_staff_job_shadowing_in_finland():
    # 5 activity days + 2 travel days = 7 funded days at 117.00 (group 1 staff) = 819.00
    # travel 2345 km -> band 2000-2999 km = 360.00; organisational support 350.00
    # total 819 + 360 + 350 = 1529.00
    b = estimate([mob("S1", role="staff", country="FI", days=5, distance=2345)])
    assert line(b, "S1").individual_support == 819
    assert line(b, "S1").total == 1529


def test_worked_example_erasmuspro_in_poland_by_train():
    # 120 activity days + 6 green travel days = 126 funded days, group 3 learner:
    #   14 x 48 + 112 x 34 (printed) = 672.00 + 3808.00 = 4480.00
    # travel 1600 km green = 320.00; organisational support (ErasmusPro) 500.00
    # inclusion 100.00; total 4480 + 320 + 500 + 100 = 5400.00
    b = estimate([mob("P1", country="PL", days=120, distance=1600, travel_days=6,
                      green_travel=True, fewer_opportunities=True)])
    row = line(b, "P1")
    assert (row.activity, row.funded_days) == ("erasmuspro", 126)
    assert row.individual_support == 4480
    assert row.total == 5400


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_worked_example_the_valencia_bakery_file(engine):
    # The C1.1 case (fixes.md A2-A3): 4 apprentices + 1 accompanying trainer, Bordeaux ->
    # Valencia (597 km), 1-28 February 2027, all by train (green, 4 travel days): 32 funded
    # days each, 14 at the first amount and 18 at the printed day-15 amount (group 2).
    # learners: 14 x 57 + 18 x 40 = 798 + 720 = 1518; travel 320; BAK-02: + 100 inclusion
    # trainer (accompanying): 14 x 104 + 18 x 73 = 1456 + 1314 = 2770; travel 320;
    #   no organisational support
    # travel 5 x 320 = 1600; individual 4 x 1518 + 2770 = 8842
    # organisational 4 x 350 = 1400; inclusion 100; total 11942
    b = engine(read_mobilities(EXAMPLE))
    assert b.totals == {"travel": 1600, "individual_support": 8842,
                        "organisational_support": 1400, "inclusion_support": 100,
                        "total": 11942}
    assert b.lines["individual_support"].tolist() == [1518] * 4 + [2770]
    assert b.lines["funded_days"].tolist() == [32] * 5
    assert line(b, "TRN-01").total == 320 + 2770 == 3090  # the accompanying person
    assert b.warnings == [] and b.illustrative == ()


def test_the_example_file_fits_the_case_project_and_the_round_1_start_window():
    # KA122 round-1 projects of call 2026 start between 1 June and 31 December 2026
    # (facts 8b); the case's project runs 1 Sept 2026 - 31 Aug 2027 (plan template).
    plan = load_template("ka122-short-term")
    start, end = plan.task("project_start").fixed, plan.task("project_end").fixed
    assert (start, end) == (date(2026, 9, 1), date(2027, 8, 31))
    assert date(2026, 6, 1) <= start <= date(2026, 12, 31)
    items = read_mobilities(EXAMPLE)
    for m in items:
        assert start <= m.start <= m.end <= end, m.participant_id
        assert (m.start, m.end) == (date(2027, 2, 1), date(2027, 2, 28))
        assert m.green_travel and m.travel_days == 4
        assert (m.origin_city, m.destination_city) == ("Bordeaux", "Valencia")
    assert [m.fewer_opportunities for m in items] == [False, True, False, False, False]
    assert [m.activity for m in items] == ["short_term"] * 4 + [None]


def test_worked_example_under_an_illustrative_table():
    # Call 2025 (illustrative): travel 597 km standard = 309 (HE 2025 table); the rest as 2021.
    b = estimate([mob(days=30)], load_rates(2025))
    assert line(b, "L1").travel == 309
    assert line(b, "L1").total == 309 + 1516.20 + 350
    assert {"travel", "individual_support", "organisational_support"} <= set(b.illustrative)
    assert "inclusion_support_per_participant" not in b.illustrative  # not used here
    assert "--rates" in b.illustrative_note()


# -- outputs ---------------------------------------------------------------------------


def test_lines_and_json_shape():
    b = estimate([mob("L1"), mob("A1", role="accompanying")])
    assert list(b.lines.columns) == list(LINE_COLUMNS)
    data = json.loads(json.dumps(b.to_json_dict()))
    assert list(data) == ["call_year", "currency", "mobilities", "totals"]
    assert (data["call_year"], data["currency"]) == (2021, "EUR")
    assert list(data["mobilities"][0]) == [
        "participant_id", "distance_km", "travel", "funded_days", "individual_support",
        "organisational_support", "inclusion_support", "total"]
    assert list(data["totals"]) == [*CATEGORIES, "total"]
    assert data["totals"]["total"] == pytest.approx(sum(m["total"] for m in data["mobilities"]))


def test_explain_gives_the_arithmetic_in_words():
    # 21 activity days + 2 travel days = 23 funded days in Finland (group 1):
    # 14 x 66.00 + 9 x 46.00 (printed day-15 amount) = 924.00 + 414.00 = 1338.00
    b = estimate([mob("A1", country="FI", days=21, distance=2345, green_travel=True)])
    text = b.explain("A1")
    assert ("Individual support: 14 days × 66.00 € + 9 days × 46.00 € (from day 15, as "
            "printed: about 70 %) = 924.00 € + 414.00 € = 1338.00 €") in text
    assert "46.20" not in text
    assert "funded days = 21 + 2 = 23" in text
    assert "band 2000-2999 km, green rate = 410.00 €" in text
    assert "1st participant in activity type 'short_term'" in text
    assert "Total: 410.00 € + 1338.00 € + 350.00 € + 0.00 € = 2098.00 €" in text
    with pytest.raises(KeyError, match="no mobility for participant 'ZZ'"):
        b.explain("ZZ")


def test_explain_without_printed_amounts_shows_the_share():
    # call 2025 (illustrative) prints no amounts: 70 % of 66 = 46.20, to the cent
    b = estimate([mob("A1", country="FI", days=21, distance=2345)], load_rates(2025))
    assert ("Individual support: 14 days × 66.00 € + 9 days × 46.20 € (70 %) "
            "= 924.00 € + 415.80 € = 1339.80 €") in b.explain("A1")


def test_explain_accompanying_and_illustrative():
    b = estimate([mob("A1", role="accompanying"), mob("L1", fewer_opportunities=True)],
                 load_rates(2025))
    assert "neither paid nor counted" in b.explain("A1")
    text = b.explain("L1")
    assert "[illustrative]" in text and "Inclusion support: participant with fewer" in text
    assert "not verified for VET" in text


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_money_is_rounded_to_cents_per_tier(tmp_path, engine):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["individual_support"]["tiers"][1] = {"from_day": 15, "share": 0.333}  # no printed
    path = tmp_path / "third.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    # 57 x 0.333 = 18.981 -> 18.98 a day
    b = engine([mob("L15", days=13), mob("L24", days=22)], load_rates(path=path))
    assert line(b, "L15").individual_support == 816.98  # 15 funded days: 798 + 18.98
    assert line(b, "L24").individual_support == 987.80  # 798 + 10 x 18.98, not 987.81
    # a printed amount with sub-cent parts is rounded per day as well: 39.905 -> 39.91
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["individual_support"]["tiers"][1]["printed"]["learner"][2] = 39.905
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    b = engine([mob("L24", days=22)], load_rates(path=path))
    assert line(b, "L24").individual_support == 1197.10  # 798 + 10 x 39.91, not 1197.05


# -- input errors -----------------------------------------------------------------------


def test_every_bad_mobility_is_listed_and_nothing_is_computed():
    items = [mob("A", country="US"), mob("B", role="pupil"),
             Mobility("C", "learner", "ES", START, START - timedelta(days=1), distance_km=-5),
             mob("A"), mob("D", distance=None),
             mob("E", role="accompanying", fewer_opportunities=True)]
    with pytest.raises(MobilityError) as err:
        estimate(items)
    text = "\n".join(f"{w}: {r}" for w, r in err.value.problems)
    assert "mobility 1 (A): destination_country: 'US' is not in a country group" in text
    assert "mobility 2 (B): unknown role 'pupil'" in text
    assert "end 2026-04-06 is before start 2026-04-07" in text
    assert "distance_km cannot be negative, got -5" in text
    assert "mobility 4 (A): duplicate participant_id 'A' (also mobility 1)" in text
    assert "mobility 5 (D): distance_km is empty" in text
    assert "accompanying person cannot also be flagged" in text
    with pytest.raises(MobilityError) as loop_err:
        estimate_loop(items)
    assert loop_err.value.problems == err.value.problems  # same words, same order


def test_cities_are_used_when_distance_is_missing():
    m = Mobility("C1", "learner", "ES", START, START + timedelta(days=27), origin_city="Bordeaux",
                 origin_country="FR", destination_city="Valencia")
    b = estimate([m])
    assert line(b, "C1").distance_km == pytest.approx(597, abs=2)
    assert line(b, "C1").travel == 275
    bad = Mobility("C2", "learner", "ES", START, START, origin_city="Bordo-sur-Mer",
                   origin_country="FR", destination_city="Valencia")
    with pytest.raises(MobilityError, match="city 'Bordo-sur-Mer' not found in FR"):
        estimate([bad])


def test_a_dataframe_of_text_gives_the_same_budget():
    items = [mob("L1", green_travel=True, travel_days=4), mob("S1", role="staff", days=5)]
    frame = pd.DataFrame({
        "participant_id": ["L1", "S1"], "role": ["Learner", "staff"],
        "destination_country": ["es", "ES"], "start": ["2026-04-07", "2026-04-07"],
        "end": ["2026-05-04", "2026-04-11"], "distance_km": ["597", 597.0],
        "travel_days": [4, None], "green_travel": ["yes", "no"],
        "fewer_opportunities": [False, False],
    })
    assert estimate(frame).lines.equals(estimate(items).lines)
    assert estimate_loop(frame).lines.equals(estimate(items).lines)
    frame.loc[1, "start"] = "11/04/2026"
    frame.loc[0, "green_travel"] = "maybe"
    with pytest.raises(MobilityError) as err:
        estimate(frame)
    text = str(err.value)
    assert "start: bad date '11/04/2026'" in text and "'maybe' is not yes/no" in text


# -- the CSV reader ------------------------------------------------------------------------

HEADER = ("participant_id,role,origin_city,origin_country,destination_city,destination_country,"
          "distance_km,start,end,travel_days,green_travel,fewer_opportunities")
GOOD = "L1,learner,Bordeaux,FR,Valencia,ES,,2026-04-07,2026-05-04,,no,no"


def _csv(tmp_path, *rows, header=HEADER):
    path = tmp_path / "mobilities.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_read_the_shipped_example():
    items = read_mobilities(EXAMPLE)
    assert [m.participant_id for m in items] == ["BAK-01", "BAK-02", "BAK-03", "BAK-04", "TRN-01"]
    assert items[0].distance_km == pytest.approx(597, abs=2)  # computed from the cities
    assert items[0].green_travel and items[1].fewer_opportunities
    assert items[4].role == "accompanying" and items[4].travel_days == 4


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("L2,learner,Bordeaux,FR,Valencia,XX,,2026-04-07,2026-05-04,,no,no",
         "destination_country: 'XX' is not in a country group"),
        ("L2,pupil,Bordeaux,FR,Valencia,ES,,2026-04-07,2026-05-04,,no,no", "unknown role 'pupil'"),
        ("L2,learner,Bordeaux,FR,Valencia,ES,,2026-05-04,2026-04-07,,no,no",
         "end 2026-04-07 is before start 2026-05-04"),
        ("L2,learner,,,,ES,-12,2026-04-07,2026-05-04,,no,no", "distance_km cannot be negative"),
        ("L2,learner,,,,ES,600,2026-04-07,2026-05-04,-1,no,no", "travel_days cannot be negative"),
        ("L2,learner,,,,ES,600,2026-04-07,2026-05-04,1.5,no,no",
         "travel_days: '1.5' is not a whole number"),
        ("L1,learner,,,,ES,600,2026-04-07,2026-05-04,,no,no",
         "duplicate participant_id 'L1' (first on line 2)"),
        ("L2,,,,,ES,600,2026-04-07,2026-05-04,,no,no", "missing value for role"),
        ("L2,learner,,,,ES,,2026-04-07,2026-05-04,,no,no", "distance_km is empty"),
        ("L2,learner,,,,ES,600,31/02/2026,2026-05-04,,no,no", "start: bad date '31/02/2026'"),
        ("L2,learner,,,,ES,600,2026-04-31,2026-05-04,,no,no", "start: bad date '2026-04-31'"),
        ("L2,learner,,,,ES,600,2026-04-07,2026-05-04,,maybe,no",
         "green_travel: 'maybe' is not yes/no or true/false"),
        ("L2,learner,,,,ES,far,2026-04-07,2026-05-04,,no,no", "distance_km: 'far' is not a number"),
        ("L2,learner,Bordo-sur-Mer,FR,Valencia,ES,,2026-04-07,2026-05-04,,no,no",
         "city 'Bordo-sur-Mer' not found in FR"),
        ("L2,learner,Bordeaux,ZZ,Valencia,ES,,2026-04-07,2026-05-04,,no,no",
         "origin_country: unknown country 'ZZ'"),
        ("L2,accompanying,,,,ES,600,2026-04-07,2026-05-04,,no,yes",
         "accompanying person cannot also be flagged"),
        ("L2,learner,,,,ES,600,2026-04-07,2026-05-04,,no,no,extra", "more than columns"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_line(tmp_path, row, reason):
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(_csv(tmp_path, GOOD, row))
    assert err.value.problems[0][0] == "line 3"
    assert any(reason in r for _, r in err.value.problems), err.value.problems
    assert isinstance(err.value, ValueError)


def test_all_bad_rows_are_listed(tmp_path):
    path = _csv(tmp_path, "L0,pupil,,,,ES,600,2026-04-07,2026-05-04,,no,no", GOOD,
                "L3,learner,,,,US,600,2026-04-07,2026-05-04,,no,no",
                "L4,learner,,,,ES,600,2026-04-07,2026-05-04,,no,nope")
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(path)
    assert [where for where, _ in err.value.problems] == ["line 2", "line 4", "line 5"]
    assert "nothing computed" in str(err.value)


def test_header_problems(tmp_path):
    with pytest.raises(MobilityFileError, match="missing column 'start'"):
        read_mobilities(_csv(tmp_path, header=HEADER.replace("start", "begin")))
    with pytest.raises(MobilityFileError, match="unknown column 'begin'"):
        read_mobilities(_csv(tmp_path, header=HEADER.replace("start", "begin")))


def test_semicolons_decimal_commas_bom_blank_lines_and_optional_columns(tmp_path):
    path = tmp_path / "excel.csv"
    text = (HEADER.replace(",", ";") + ";activity;name\n"
            "L1;Learner;;;;es;597,5;2026-04-07;2026-05-04;;Oui;non;short_term;Lea\n"
            ";;;;;;;;;;;;;\n")
    path.write_text("\ufeff" + text, encoding="utf-8")
    (m,) = read_mobilities(path)
    assert (m.role, m.destination_country, m.distance_km, m.green_travel) == (
        "learner", "ES", 597.5, True)
    assert m.activity == "short_term"


def test_destinations_are_checked_against_the_given_table(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["country_groups"][3].remove("RS")
    path = tmp_path / "no-serbia.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    csv_path = _csv(tmp_path, "L1,learner,,,,RS,900,2026-04-07,2026-05-04,,no,no")
    assert read_mobilities(csv_path)[0].destination_country == "RS"
    with pytest.raises(MobilityFileError, match="'RS' is not in a country group"):
        read_mobilities(csv_path, load_rates(path=path))


# -- properties ---------------------------------------------------------------------------

COUNTRIES = sorted(c for codes in R2021.country_groups.values() for c in codes)


@st.composite
def mobilities(draw, max_size=25):
    size = draw(st.integers(min_value=0, max_value=max_size))
    items = []
    for i in range(size):
        role = draw(st.sampled_from(["learner", "learner", "staff", "accompanying"]))
        days = draw(st.integers(min_value=1, max_value=400))
        start = START + timedelta(days=draw(st.integers(min_value=0, max_value=365)))
        items.append(Mobility(
            participant_id=f"P{i}", role=role, destination_country=draw(st.sampled_from(COUNTRIES)),
            start=start, end=start + timedelta(days=days - 1),
            distance_km=draw(st.floats(min_value=0, max_value=20_000, allow_nan=False)),
            travel_days=draw(st.one_of(st.none(), st.integers(min_value=0, max_value=10))),
            green_travel=draw(st.booleans()),
            fewer_opportunities=role != "accompanying" and draw(st.booleans()),
        ))
    return items


PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(mobilities(), st.sampled_from(available_years()))
def test_vectorised_engine_equals_the_loop(items, year):
    rates = load_rates(year)
    fast, slow = estimate(items, rates), estimate_loop(items, rates)
    pd.testing.assert_frame_equal(fast.lines, slow.lines, check_dtype=False)
    assert fast.totals == slow.totals
    assert fast.warnings == slow.warnings
    assert fast.illustrative == slow.illustrative


@PROPERTY
@given(mobilities())
def test_totals_equal_the_sum_of_the_parts_and_nothing_is_negative(items):
    b = estimate(items)
    parts = b.lines[list(CATEGORIES)]
    assert ((b.lines["total"] - parts.sum(axis=1)).abs() < 1e-6).all()
    assert b.totals["total"] == pytest.approx(sum(b.totals[c] for c in CATEGORIES), abs=1e-6)
    for category in CATEGORIES:
        assert b.totals[category] == pytest.approx(b.lines[category].sum(), abs=1e-6)
    money = b.lines[[*CATEGORIES, "total"]]
    assert (money >= 0).all().all()
    assert ((money * 100 - (money * 100).round()).abs() < 1e-6).all().all()  # cents


@PROPERTY
@given(mobilities(max_size=8), st.data())
def test_more_days_never_lower_the_grant(items, data):
    if not items:
        return
    i = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    longer = list(items)
    longer[i] = Mobility(**{**items[i].__dict__, "end": items[i].end + timedelta(days=1)})
    before, after = estimate(items), estimate(longer)
    assert after.lines["total"].iloc[i] >= before.lines["total"].iloc[i]
    assert after.totals["total"] >= before.totals["total"]


@given(st.integers(min_value=0, max_value=500), st.sampled_from([1, 2, 3]),
       st.sampled_from(["learner", "staff", "accompanying"]))
def test_one_more_funded_day_never_lowers_individual_support(days, group, role):
    assert individual_support(days + 1, group, role) >= individual_support(days, group, role)


CELLS = {
    "participant_id": st.sampled_from(["", "L1", "L2", " L3 "]),
    "role": st.sampled_from(["", "learner", "STAFF", "accompanying", "pupil"]),
    "origin_city": st.just(""),
    "origin_country": st.sampled_from(["", "FR", "zz"]),
    "destination_city": st.just(""),
    "destination_country": st.sampled_from(["", "ES", "el", "US", "Spain"]),
    "distance_km": st.sampled_from(["", "597", "-1", "1e9", "nan", "inf", "x", "12,5"]),
    "start": st.sampled_from(["", "2026-04-07", "2026-02-30", "7/4/2026"]),
    "end": st.sampled_from(["", "2026-05-04", "2026-04-01", "soon"]),
    "travel_days": st.sampled_from(["", "2", "-1", "2.5", "x"]),
    "green_travel": st.sampled_from(["", "yes", "NO", "true", "maybe"]),
    "fewer_opportunities": st.sampled_from(["", "no", "1", "oui", "?"]),
}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=4))
def test_any_csv_gives_mobilities_or_a_list_of_bad_rows(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("fuzz") / "m.csv"
    lines = [HEADER] + [",".join(row[c] for c in HEADER.split(",")) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        items = read_mobilities(path)
    except MobilityFileError as err:  # anything else (KeyError, TypeError...) fails the test
        assert err.problems and all(where.startswith("line ") for where, _ in err.problems)
    else:
        assert len(items) == sum(any(row.values()) for row in rows)  # blank rows are skipped
        estimate(items)  # what the reader accepts, the engine computes
