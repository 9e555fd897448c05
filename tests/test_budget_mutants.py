"""The budget's words and edges, pinned exactly: every line of an explanation, the money
format, the readers of DataFrames and workbooks (amounts by hand from data/rates/*.yaml)."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
import yaml
from openpyxl import Workbook

from course_lib.erasmus.budget import (
    Mobility,
    MobilityError,
    MobilityFileError,
    estimate,
    estimate_loop,
    read_mobilities,
)
from course_lib.erasmus.budget.explain import ordinal
from course_lib.erasmus.money import euros, money
from course_lib.erasmus.rates import RATES_DIR, load_rates
from course_lib.erasmus.rates_schema import read_yaml

START = date(2026, 4, 7)


def mob(pid="L1", role="learner", country="ES", days=28, distance=597.0, **kwargs) -> Mobility:
    """A mobility of ``days`` activity days starting on 7 April 2026."""
    return Mobility(pid, role, country, START, START + timedelta(days=days - 1),
                    distance_km=distance, **kwargs)


def lines_of(budget, pid) -> list[str]:
    return budget.explain(pid).split("\n")


def line(budget, pid):
    return budget.lines.set_index("participant_id").loc[pid]


# -- money format ----------------------------------------------------------------------


def test_euros_writes_two_decimals_and_the_euro_sign_by_default():
    assert euros(46.2) == "46.20 €"
    assert euros(1.005) == "1.01 €"
    assert euros(46.2, "EUR") == "46.20 €"
    assert euros(12.5, "CHF") == "12.50 CHF"  # other currencies keep their code


# -- ordinals in the organisational-support line ----------------------------------------


def test_ordinals_of_ranks():
    ranks = [1, 2, 3, 4, 10, 11, 12, 13, 20, 21, 22, 23, 24, 100, 101, 102, 103, 111, 112,
             113, 121, 211]
    assert [ordinal(n) for n in ranks] == [
        "1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "20th", "21st", "22nd",
        "23rd", "24th", "100th", "101st", "102nd", "103rd", "111th", "112th", "113th", "121st",
        "211th"]


# -- explain: a verified table (call 2021) ------------------------------------------------


def test_explain_every_line_of_a_verified_2021_mobility():
    # 21 activity days (7-27 April) + 2 travel days (green: at most 6) = 23 funded days,
    # Finland (group 1): 14 x 66 + 9 x 46 (printed day-15 amount) = 924 + 414 = 1338;
    # 2345 km green: band 2000-2999 km, 410; 1st short-term learner: 350; total 2098.
    b = estimate([mob("A1", country="FI", days=21, distance=2345, green_travel=True)])
    assert lines_of(b, "A1") == [
        "A1: learner, short-term learning mobility of VET learners, to FI (Finland, group 1), "
        "call-2021 rates",
        "Activity days: 2026-04-07 to 2026-04-27 = 21 days",
        "Travel days: 2 requested, at most 6 for green travel = 2 funded; "
        "funded days = 21 + 2 = 23",
        "Travel: 2345 km one way, band 2000-2999 km, green rate = 410.00 € "
        "(covers the return trip)",
        "Individual support: 14 days × 66.00 € + 9 days × 46.00 € (from day 15, as printed: "
        "about 70 %) = 924.00 € + 414.00 € = 1338.00 €",
        "Organisational support: 1st participant in activity type 'short_term', amount up to "
        "the 100th participant = 350.00 €",
        "Inclusion support: not flagged with fewer opportunities = 0.00 €",
        "Total: 410.00 € + 1338.00 € + 350.00 € + 0.00 € = 2098.00 €",
    ]


def test_explain_a_short_stay_has_one_tier_and_no_partial_sums():
    # 10 activity days + 2 travel days = 12 funded days, all in the first tier: 12 x 57 = 684
    b = estimate([mob("S", days=10)])
    assert lines_of(b, "S")[4] == "Individual support: 12 days × 57.00 € = 684.00 €"


def test_explain_green_travel_in_a_band_without_a_green_rate():
    # 50 km: band 0-99 km prints no green rate, green travel is paid the standard 23
    # green travel days: 4 requested, at most 6 funded
    b = estimate([mob("G", days=10, distance=50, green_travel=True, travel_days=4)])
    text = lines_of(b, "G")
    assert text[2] == ("Travel days: 4 requested, at most 6 for green travel = 4 funded; "
                       "funded days = 10 + 4 = 14")
    assert text[3] == ("Travel: 50 km one way, band 0-99 km, no green rate in this band, "
                       "standard rate = 23.00 € (covers the return trip)")


def test_explain_standard_travel_days_are_capped_at_2():
    b = estimate([mob("T", days=10, travel_days=4)])
    assert lines_of(b, "T")[2] == ("Travel days: 4 requested, at most 2 for standard travel "
                                   "= 2 funded; funded days = 10 + 2 = 12")


def test_explain_fewer_opportunities_and_the_total():
    # 28 + 2 = 30 funded days in Spain: 14 x 57 + 16 x 40 = 798 + 640 = 1438;
    # travel 275, organisational 350, inclusion 100: total 2163
    b = estimate([mob("F", fewer_opportunities=True)])
    text = lines_of(b, "F")
    assert text[6] == "Inclusion support: participant with fewer opportunities = 100.00 €"
    assert text[7] == "Total: 275.00 € + 1438.00 € + 350.00 € + 100.00 € = 2163.00 €"
    assert len(text) == 8  # call 2021 is verified: no [illustrative] list


def test_explain_organisational_ranks_around_the_100th_participant():
    # 101 short-term learners, an ErasmusPro learner (500 for everyone), a group mobility
    # (no rate in 2021) and an accompanying person (neither paid nor counted)
    items = [mob(f"L{i:03d}") for i in range(1, 102)]
    items += [mob("P1", days=120), mob("G1", days=10, activity="group"),
              mob("A1", role="accompanying")]
    b = estimate(items, action="KA121")
    assert lines_of(b, "L100")[5] == (
        "Organisational support: 100th participant in activity type 'short_term', amount up "
        "to the 100th participant = 350.00 €")
    assert lines_of(b, "L101")[5] == (
        "Organisational support: 101st participant in activity type 'short_term', amount "
        "from the 101st participant on = 200.00 €")
    assert lines_of(b, "P1")[5] == (
        "Organisational support: 1st participant in activity type 'erasmuspro', the same "
        "amount for every participant = 500.00 €")
    assert lines_of(b, "G1")[5] == (
        "Organisational support: the call-2021 table has none for 'group' = 0.00 €")
    assert lines_of(b, "A1")[0] == (
        "A1: accompanying, accompanying person, to ES (Spain, group 2), call-2021 rates")
    assert lines_of(b, "A1")[5] == (
        "Organisational support: accompanying persons are neither paid nor counted = 0.00 €")


def test_explain_an_unknown_participant_lists_the_first_ten_known():
    b = estimate([mob(f"P{i:02d}") for i in range(1, 13)], action="KA121")
    with pytest.raises(KeyError) as err:
        b.explain("ZZ")
    assert err.value.args[0] == (
        "no mobility for participant 'ZZ' (known: P01, P02, P03, P04, P05, P06, P07, P08, "
        "P09, P10)")


# -- explain: an illustrative table (call 2025) -------------------------------------------


def test_explain_flags_every_illustrative_figure_of_call_2025():
    # call 2025 reuses 2021's amounts but prints no day-15 amounts: 70 % of 57 = 39.90;
    # 28 + 2 = 30 funded days: 14 x 57 + 16 x 39.90 = 798 + 638.40 = 1436.40;
    # travel 597 km standard: 309 (HE table); 350 organisational; 100 inclusion
    rates = load_rates(2025)
    b = estimate([mob("F", fewer_opportunities=True), mob("N")], rates)
    text = lines_of(b, "F")
    assert text[:9] == [
        "F: learner, short-term learning mobility of VET learners, to ES (Spain, group 2 "
        "[illustrative]), call-2025 rates",
        "Activity days: 2026-04-07 to 2026-05-04 = 28 days",
        "Travel days: 2 requested, at most 2 for standard travel = 2 funded; "
        "funded days = 28 + 2 = 30",
        "Travel: 597 km one way, band 500-1999 km, standard rate = 309.00 € "
        "(covers the return trip) [illustrative]",
        "Individual support: 14 days × 57.00 € + 16 days × 39.90 € (70 %) = 798.00 € + "
        "638.40 € = 1436.40 € [illustrative]",
        "Organisational support: 1st participant in activity type 'short_term', amount up to "
        "the 100th participant = 350.00 € [illustrative]",
        "Inclusion support: participant with fewer opportunities = 100.00 € [illustrative]",
        "Total: 309.00 € + 1436.40 € + 350.00 € + 100.00 € = 2195.40 €",
        "[illustrative] not verified for VET; load your national agency's table:",
    ]
    # the sections this budget uses, with their reasons; not the unused ones (course fees...)
    flagged = text[9:]
    assert [entry.split(": ", 1)[0] for entry in flagged] == [
        "  travel", "  country_groups", "  individual_support", "  organisational_support",
        "  inclusion_support_per_participant"]
    assert flagged[0].startswith("  travel: 28/56 ... 1 735 EUR: the higher-education (KA131)")
    assert flagged[4] == ("  inclusion_support_per_participant: 100 EUR (VET 2021) reused; "
                          "125 EUR verified only for HE 2024 and sport 2025 (rates sheet 4)")
    # without fewer opportunities the inclusion line carries no flag
    assert lines_of(b, "N")[6] == "Inclusion support: not flagged with fewer opportunities = 0.00 €"


# -- explain: a trainer's own table --------------------------------------------------------


def own_table(tmp_path):
    """Call 2021 in Swiss francs, one plain organisational list (300 for the first two,
    then 100), a first tier whose amounts are printed, and travel listed as illustrative
    without a reason."""
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["call_year"] = 2030
    raw["currency"] = "CHF"
    raw["organisational_support"] = [{"up_to": 2, "amount": 300}, {"up_to": None, "amount": 100}]
    first = raw["individual_support"]["tiers"][0]
    first["printed"] = {role: dict(raw["individual_support"][role])
                        for role in ("learner", "staff", "accompanying")}
    raw["illustrative"] = ["travel"]
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_rates(path=path)


def test_explain_with_a_trainers_own_table(tmp_path):
    rates = own_table(tmp_path)
    items = [mob("L1", days=5, distance=50), mob("S1", role="staff", days=5),
             mob("P1", days=100)]
    b = estimate(items, rates)
    assert lines_of(b, "L1") == [
        "L1: learner, short-term learning mobility of VET learners, to ES (Spain, group 2), "
        "call-2030 rates",
        "Activity days: 2026-04-07 to 2026-04-11 = 5 days",
        "Travel days: 2 requested, at most 2 for standard travel = 2 funded; "
        "funded days = 5 + 2 = 7",
        "Travel: 50 km one way, band 0-99 km, standard rate = 23.00 CHF "
        "(covers the return trip) [illustrative]",
        "Individual support: 7 days × 57.00 CHF (as printed) = 399.00 CHF",
        "Organisational support: 1st participant of the project's learners and staff, amount "
        "up to the 2nd participant = 300.00 CHF",
        "Inclusion support: not flagged with fewer opportunities = 0.00 CHF",
        "Total: 23.00 CHF + 399.00 CHF + 300.00 CHF + 0.00 CHF = 722.00 CHF",
        "[illustrative] not verified for VET; load your national agency's table:",
        "  travel",
    ]
    assert lines_of(b, "S1")[5] == (
        "Organisational support: 2nd participant of the project's learners and staff, amount "
        "up to the 2nd participant = 300.00 CHF")
    # 100 + 2 = 102 funded days: 14 x 57 (as printed) + 88 x 40 (printed) = 798 + 3520
    assert lines_of(b, "P1")[4:6] == [
        "Individual support: 14 days × 57.00 CHF (as printed) + 88 days × 40.00 CHF (from day "
        "15, as printed: about 70 %) = 798.00 CHF + 3520.00 CHF = 4318.00 CHF",
        "Organisational support: 3rd participant of the project's learners and staff, amount "
        "from the 3rd participant on = 100.00 CHF",
    ]


# -- DataFrame input: yes/no columns written as numbers or booleans -----------------------


def frame(**columns) -> pd.DataFrame:
    """Two learners to Spain, 28 days, 597 km; ``columns`` override."""
    data = {"participant_id": ["L1", "L2"], "role": ["learner", "learner"],
            "destination_country": ["ES", "ES"], "start": ["2026-04-07"] * 2,
            "end": ["2026-05-04"] * 2, "distance_km": [597, 597]}
    data.update(columns)
    return pd.DataFrame(data)


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
@pytest.mark.parametrize("flags", [[1, 0], [1.0, 0.0], [True, "no"], ["oui", False]])
def test_yes_no_columns_accept_0_1_and_booleans(engine, flags):
    # green travel 597 km: 320, standard 275
    b = engine(frame(green_travel=flags))
    assert b.lines["travel"].tolist() == [320, 275]


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_fewer_opportunities_from_a_dataframe_pay_inclusion_support(engine):
    b = engine(frame(fewer_opportunities=[True, False]))
    assert b.lines["inclusion_support"].tolist() == [100, 0]
    assert b.totals["inclusion_support"] == 100


@pytest.mark.parametrize("value", [2, 0.5])
def test_a_number_other_than_0_or_1_is_not_a_yes_no(value):
    with pytest.raises(MobilityError) as err:
        estimate(frame(green_travel=[value, 0]))
    ((where, reason),) = err.value.problems
    assert where == "mobility 1 (L1)"
    assert reason.startswith("green_travel: ") and reason.endswith(
        " is not yes/no or true/false")
    assert str(value) in reason


def test_bad_number_cells_are_shown_as_the_user_wrote_them():
    # numpy's repr (np.int64(2)) means nothing to a coach: the cell is shown as written
    bad = frame(green_travel=[2, 0], travel_days=[1.5, 2])
    with pytest.raises(MobilityError) as err:
        estimate(bad)
    assert err.value.problems == [
        ("mobility 1 (L1)", "green_travel: 2 is not yes/no or true/false"),
        ("mobility 1 (L1)", "travel_days: 1.5 is not a whole number"),
    ]


# -- Excel workbooks --------------------------------------------------------------------

HEADER = ["participant_id", "role", "origin_city", "origin_country", "destination_city",
          "destination_country", "distance_km", "start", "end", "travel_days", "green_travel",
          "fewer_opportunities", "activity"]


def workbook(path, *rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_a_workbook_is_read_cell_by_cell(tmp_path):
    path = workbook(
        tmp_path / "m.xlsx",
        # booleans, dates as datetimes, a whole float, an empty cell (travel days: default 2)
        ["L1", "learner", None, None, None, "ES", 597.0, datetime(2027, 2, 1),
         datetime(2027, 2, 28), None, True, False, "short_term"],
        ["L2", "Learner", None, None, None, "FI", 2188.5, date(2027, 3, 1),
         date(2027, 3, 21), 4, False, True, None],
    )
    first, second = read_mobilities(path)
    assert first == Mobility("L1", "learner", "ES", date(2027, 2, 1), date(2027, 2, 28),
                             distance_km=597.0, green_travel=True, activity="short_term")
    assert second == Mobility("L2", "learner", "FI", date(2027, 3, 1), date(2027, 3, 21),
                              distance_km=2188.5, travel_days=4, fewer_opportunities=True)


def test_a_bad_workbook_row_is_reported_with_its_sheet_row_number(tmp_path):
    path = workbook(
        tmp_path / "m.xlsx",
        ["L1", "learner", None, None, None, "ES", 597, datetime(2027, 2, 1),
         datetime(2027, 2, 28), None, "oui", "non", None],
        ["L2", "learner", None, None, None, "ES", "far", datetime(2027, 2, 1),
         datetime(2027, 2, 28), None, "non", "non", None],
    )
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(path)
    assert err.value.problems == [("line 3", "distance_km: 'far' is not a number")]


def saved_as(path, target, old, new):
    """A copy of a workbook whose first sheet's XML has ``old`` replaced by ``new`` (what
    Excel or another program writes, which openpyxl does not)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new).encode("utf-8")
            copy.writestr(item, data)
    return target


def test_a_workbook_formula_is_read_as_the_value_excel_saved(tmp_path):
    # Excel saves a formula with its last value; the reader takes the value (600 km)
    path = workbook(tmp_path / "m.xlsx",
                    ["L1", "learner", None, None, None, "ES", "=2*300", datetime(2027, 2, 1),
                     datetime(2027, 2, 28), None, "non", "non", None])
    text = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode("utf-8")
    empty = "<f>2*300</f><v></v>" if "<f>2*300</f><v></v>" in text else "<f>2*300</f><v />"
    (m,) = read_mobilities(saved_as(path, tmp_path / "saved.xlsx", empty,
                                    "<f>2*300</f><v>600</v>"))
    assert m.distance_km == 600
    assert line(estimate([m]), "L1").travel == 275  # band 500-1999 km


def test_whole_numbers_saved_as_decimals_are_read_as_whole_numbers(tmp_path):
    # a program that writes 4 travel days as "4.0" and the id 101 as "101.0"
    path = workbook(tmp_path / "m.xlsx",
                    [101, "learner", None, None, None, "ES", 597, datetime(2027, 2, 1),
                     datetime(2027, 2, 28), 4, "non", "non", None])
    saved = saved_as(path, tmp_path / "saved.xlsx", '<c r="J2" t="n"><v>4</v>',
                     '<c r="J2" t="n"><v>4.0</v>')
    saved = saved_as(saved, tmp_path / "saved2.xlsx", '<c r="A2" t="n"><v>101</v>',
                     '<c r="A2" t="n"><v>101.0</v>')
    (m,) = read_mobilities(saved)
    assert (m.participant_id, m.travel_days) == ("101", 4)


# -- rounding ------------------------------------------------------------------------------


def test_money_rounds_half_up_to_cents():
    assert money(0.125) == 0.13
    assert money(0.124) == 0.12
    assert money(0.005) == 0.01
    assert money(0.0049) == 0.0
    assert money(1.005) == 1.01  # 100.49999... in floating point: still half up
    assert money(2.675) == 2.68
    assert money(718.2 + 798) == 1516.2
    assert type(money(12)) is float and money(12) == 12.0  # a plain float, not numpy's
    assert repr(money(718.2 + 798)) == "1516.2"  # what a notebook cell shows
    rounded = money(np.array([0.125, 39.905, 7]))
    assert isinstance(rounded, np.ndarray)
    assert rounded.tolist() == [0.13, 39.91, 7.0]


# -- every figure of a mixed project, both engines -----------------------------------------

MIXED = [
    # 28 + 2 = 30 funded days, group 2: 14 x 57 + 16 x 40 = 1438; 597 km: 275; 1st short term
    mob("L1"),
    # ErasmusPro by train with fewer opportunities, Poland (group 3): 100 + 6 = 106 days:
    # 14 x 48 + 92 x 34 = 672 + 3128 = 3800; 1600 km green 320; 500; inclusion 100
    mob("L2", country="PL", days=100, distance=1600, travel_days=6, green_travel=True,
        fewer_opportunities=True),
    # staff job shadowing in Germany, 5 + 1 = 6 days x 104 = 624; 2345 km green 410; 350
    mob("S1", role="staff", country="DE", days=5, distance=2345, travel_days=1,
        green_travel=True),
    # accompanying person in Ireland, 8 green travel days requested, 6 funded: 28 + 6 = 34:
    # 14 x 117 + 20 x 82 = 1638 + 1640 = 3278; 50 km green: standard 23 (no green rate)
    mob("A1", role="accompanying", country="IE", days=28, distance=50, travel_days=8,
        green_travel=True),
    # Greece by its EU code, no travel days: 12 x 57 = 684; 99.9 km: 23; 2nd short term
    mob("L3", country="el", days=12, distance=99.9, travel_days=0),
    # staff course in Finland: 3 + 2 = 5 x 117 = 585; 8000 km: 1500; course: 100
    mob("C1", role="staff", country="FI", days=3, distance=8000, activity="course"),
]
COLUMNS = ["activity", "destination_country", "country_group", "activity_days",
           "requested_travel_days", "funded_travel_days", "funded_days", "travel",
           "individual_support", "organisational_rank", "organisational_support",
           "inclusion_support", "total"]
EXPECTED = {
    "L1": ["short_term", "ES", 2, 28, 2, 2, 30, 275, 1438, 1, 350, 0, 2063],
    "L2": ["erasmuspro", "PL", 3, 100, 6, 6, 106, 320, 3800, 1, 500, 100, 4720],
    "S1": ["job_shadowing", "DE", 2, 5, 1, 1, 6, 410, 624, 1, 350, 0, 1384],
    "A1": ["accompanying", "IE", 1, 28, 8, 6, 34, 23, 3278, 0, 0, 0, 3301],
    "L3": ["short_term", "GR", 2, 12, 0, 0, 12, 23, 684, 2, 350, 0, 1057],
    "C1": ["course", "FI", 1, 3, 2, 2, 5, 1500, 585, 1, 100, 0, 2185],
}


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_every_figure_of_a_mixed_project(engine):
    b = engine(MIXED)
    details = b.details.set_index("participant_id")
    assert list(details.index) == list(EXPECTED)
    for pid, expected in EXPECTED.items():
        assert details.loc[pid, COLUMNS].tolist() == expected, pid
    assert details["role"].tolist() == ["learner", "learner", "staff", "accompanying",
                                        "learner", "staff"]
    assert str(details["organisational_rank"].tolist()) == "[1, 1, 1, 0, 2, 1]"  # whole ranks
    assert str(details["funded_days"].tolist()) == "[30, 106, 6, 34, 12, 5]"
    assert details["distance_km"].tolist() == [597, 1600, 2345, 50, 99.9, 8000]
    assert details["green_travel"].tolist() == [False, True, True, True, False, False]
    assert details["fewer_opportunities"].tolist() == [False, True, False, False, False, False]
    assert str(details.loc["L2", "start"])[:10] == "2026-04-07"
    assert str(details.loc["L2", "end"])[:10] == "2026-07-15"  # 7 April + 99 days
    assert b.totals == {"travel": 2551, "individual_support": 10409,
                        "organisational_support": 1650, "inclusion_support": 100,
                        "total": 14710}
    assert b.warnings == [] and b.illustrative == () and b.illustrative_note() is None
    data = b.to_json_dict()
    assert (data["call_year"], data["currency"]) == (2021, "EUR")
    assert data["mobilities"][1] == {
        "participant_id": "L2", "distance_km": 1600.0, "travel": 320.0, "funded_days": 106,
        "individual_support": 3800.0, "organisational_support": 500.0,
        "inclusion_support": 100.0, "total": 4720.0}
    assert data["totals"] == b.totals


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_the_same_project_under_call_2025(engine):
    # 2025 pays 70 % computed to the cent and the HE travel table (597 km: 309 standard,
    # 1600 km green: 417, 2345 km green: 535, 50 km green: 56, 99.9 km: 28, 8000 km: 1735)
    b = engine(MIXED, load_rates(2025))
    details = b.details.set_index("participant_id")
    assert details["travel"].tolist() == [309, 417, 535, 56, 28, 1735]
    # under the HE table's first band (10 km) there is no travel grant at all
    near = engine([mob("N1", distance=9.9), mob("N2", distance=0, green_travel=True)],
                  load_rates(2025))
    assert near.lines["travel"].tolist() == [0, 0]
    # L1: 14 x 57 + 16 x 39.90 = 798 + 638.40; L2: 14 x 48 + 92 x 33.60 = 672 + 3091.20;
    # A1: 14 x 117 + 20 x 81.90 = 1638 + 1638
    assert details["individual_support"].tolist() == [1436.40, 3763.20, 624, 3276, 684, 585]
    assert b.illustrative == ("travel", "country_groups", "individual_support",
                              "organisational_support", "inclusion_support_per_participant")
    assert b.illustrative_note() == (
        "figures marked illustrative are not verified for VET (travel, country_groups, "
        "individual_support, organisational_support, inclusion_support_per_participant of "
        "the call-2025 table): load your national agency's table with --rates")


# -- eligibility warnings, word for word, both engines ------------------------------------


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_duration_and_rate_warnings_word_for_word(engine):
    items = [mob("W1", days=9), mob("W2", days=1, fewer_opportunities=True),
             mob("W3", days=2, fewer_opportunities=True), mob("W4", days=366),
             mob("W5", role="staff", days=61), mob("W6", days=31, activity="group"),
             mob("W7", role="staff", days=1, activity="teaching"),
             mob("W8", role="accompanying", days=400), mob("W9", days=89),
             mob("W10", days=90), mob("W11", role="staff", days=2, activity="course")]
    assert engine(items).warnings == [
        "short-term learning mobility of VET learners lasts 10-89 days, 2 at least for "
        "learners with fewer opportunities in justified cases (Turkiye NA KA122-VET page "
        "[S16]; OeAD [S17]): W1 has 9 days, W2 has 1 days",
        "long-term learning mobility of VET learners (ErasmusPro) lasts 90-365 days "
        "(Turkiye NA [S16]; OeAD [S17]): W4 has 366 days",
        "group mobility of VET learners lasts 2-30 days (Turkiye NA [S16]): W6 has 31 days",
        "staff job shadowing lasts 2-60 days (IKY [S15]): W5 has 61 days",
        "staff teaching or training assignments lasts 2-365 days (IKY [S15]): W7 has 1 days",
        "the call-2021 table has no organisational support for activity type 'group': "
        "0 counted for it",
    ]


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_the_ka122_limit_counts_learners_and_staff_only(engine):
    items = [mob(f"L{i:02d}", days=9) for i in range(1, 11)]
    items += [mob(f"S{i:02d}", role="staff", days=5) for i in range(1, 22)]
    items += [mob("A1", role="accompanying")]
    warnings = engine(items).warnings
    assert warnings == [
        "short-term learning mobility of VET learners lasts 10-89 days, 2 at least for "
        "learners with fewer opportunities in justified cases (Turkiye NA KA122-VET page "
        "[S16]; OeAD [S17]): L01 has 9 days, L02 has 9 days, L03 has 9 days, L04 has 9 days, "
        "L05 has 9 days, L06 has 9 days, L07 has 9 days, L08 has 9 days and 2 more",
        "31 participants: a KA122 short-term project has at most 30 (accompanying persons not "
        "counted; Access Europe [S19]); an accredited organisation (KA121) has no such limit",
    ]
    assert engine(items, action="KA121").warnings == warnings[:1]
    assert engine(items, action=None).warnings == warnings[:1]
    assert engine(items[1:]).warnings == [warnings[0].replace(
        "L01 has 9 days, ", "").replace("L08 has 9 days and 2 more",
                                        "L08 has 9 days, L09 has 9 days and 1 more")]


# -- a CSV saved by Excel in France, read directly ------------------------------------------

FRENCH_HEADER = ("participant_id;role;origin_city;origin_country;destination_city;"
                 "destination_country;distance_km;start;end;travel_days;green_travel;"
                 "fewer_opportunities;activity;name")


def excel_csv(tmp_path, *rows, header=FRENCH_HEADER, encoding="cp1252"):
    path = tmp_path / "export.csv"
    path.write_bytes("\r\n".join([header, *rows, ""]).encode(encoding))
    return path


def test_a_french_excel_csv_is_read_value_by_value(tmp_path):
    path = excel_csv(
        tmp_path,
        "P2;learner;Valence;fr;Málaga;es;1 188,5;01/03/2027;21/03/2027;4;OUI;Non;Short_Term;Léa",
        ";;;;;;;;;;;;;",
        "P8;Staff;;;;el;1.188,5;1.3.2027;21-03-2027;;vrai;faux;;",
        "P9;LEARNER;;;;IE;1,188.5;2027-03-01;2027-03-21;0;n;o;;",
    )
    assert read_mobilities(path) == [
        Mobility("P2", "learner", "ES", date(2027, 3, 1), date(2027, 3, 21), distance_km=1188.5,
                 origin_city="Valence", origin_country="FR", destination_city="Málaga",
                 travel_days=4, green_travel=True, activity="short_term"),
        Mobility("P8", "staff", "GR", date(2027, 3, 1), date(2027, 3, 21), distance_km=1188.5,
                 green_travel=True),
        Mobility("P9", "learner", "IE", date(2027, 3, 1), date(2027, 3, 21),
                 distance_km=1188.5, travel_days=0, fewer_opportunities=True),
    ]


def test_a_tab_separated_utf8_file_is_read_too(tmp_path):
    path = excel_csv(tmp_path, "T1\tlearner\tES\t2027-03-01\t2027-03-21\t597",
                     header="participant_id\trole\tdestination_country\tstart\tend\tdistance_km",
                     encoding="utf-8-sig")
    assert read_mobilities(path) == [
        Mobility("T1", "learner", "ES", date(2027, 3, 1), date(2027, 3, 21), distance_km=597)]


def test_every_bad_row_of_a_csv_word_for_word_with_its_line(tmp_path):
    path = excel_csv(
        tmp_path,
        "P1;apprenti;;;;ES;1 188,5;01/03/2027;21/03/2027;;oui;non;;Léa",         # line 2
        "P2;learner;;;;es;597;2027-03-01;21/03/2027;2;OUI;Non;short_term;",      # line 3 (good)
        ";;;;;;;;;;;;;",                                                          # line 4 (blank)
        "P3;learner;;;;ES;12,5x;1/3/2027;2027-3-21;1,5;peut-être;non;;",         # line 5
        "P2;learner;;;;FR;-3;01/03/2027;21/03/2027;-1;non;non;;",                # line 6
        "P4;learner;;;;ES;inf;01/03/2027;21/03/2027;;non;non;;",                 # line 7
        "P5;staff;;;;ES;600;01/03/2027;21/03/2027;;non;non;group;;extra",        # line 8
        "P6;staff;;;;ES;600;31/02/2027;21/03/2027;;non;non;;",                   # line 9
        "P7;staff;;;;ES;600;01/03/2027;21/03/2027;;non;non;group;",              # line 10
        ";learner;;;;;600;;;;;;;",                                                # line 11
        "P8;learner;;;;US;600;01/03/2027;21/03/2027;;non;maybe;;",               # line 12
    )
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(path)
    assert err.value.problems == [
        ("line 2", "unknown role 'apprenti' (expected learner, staff, accompanying)"),
        ("line 5", "end: bad date '2027-3-21' (expected 2026-04-07 or 07/04/2026)"),
        ("line 5", "distance_km: '12,5x' is not a number"),
        ("line 5", "travel_days: '1,5' is not a whole number"),
        ("line 5", "green_travel: 'peut-être' is not yes/no or true/false"),
        ("line 6", "distance_km cannot be negative, got -3"),
        ("line 6", "travel_days cannot be negative, got -1"),
        ("line 6", "duplicate participant_id 'P2' (first on line 3)"),
        ("line 7", "distance_km: 'inf' is not a finite number"),
        ("line 8", "1 value(s) more than columns"),
        ("line 9", "start: bad date '31/02/2027' (expected 2026-04-07 or 07/04/2026)"),
        ("line 10", "activity 'group' is for learner participants, not staff"),
        ("line 11", "missing value for participant_id"),
        ("line 11", "missing value for destination_country"),
        ("line 11", "missing value for start"),
        ("line 11", "missing value for end"),
        ("line 12", "fewer_opportunities: 'maybe' is not yes/no or true/false"),
    ]
    assert str(err.value).startswith(f"{path}: bad rows, nothing computed (17 problem(s)):\n"
                                     "  line 2: unknown role 'apprenti'")
    assert err.value.path == str(path)


def test_header_problems_word_for_word(tmp_path):
    path = excel_csv(tmp_path, "L1;learner;ES;2027-03-01;2027-03-21",
                     header="participant_id;Role;begin;end;Pays")
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(path)
    expected = ("participant_id, role, origin_city, origin_country, destination_city, "
                "destination_country, distance_km, start, end, travel_days, green_travel, "
                "fewer_opportunities, activity")
    assert err.value.problems == [
        ("line 1", "missing column 'destination_country'"),
        ("line 1", "missing column 'start'"),
        ("line 1", f"unknown column 'begin' (expected {expected})"),
        ("line 1", f"unknown column 'pays' (expected {expected})"),
    ]


def test_files_that_cannot_be_read_say_why(tmp_path):
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(tmp_path / "missing.csv")
    assert err.value.problems == [("file", "cannot read it (No such file or directory)")]
    image = tmp_path / "photo.csv"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(image)
    assert err.value.problems == [("file", "not a text file: save it as CSV (separator ; or ,) "
                                           "or as an .xlsx workbook")]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(broken)
    assert err.value.problems == [("file", "not a workbook Excel can save as .xlsx "
                                           "(BadZipFile)")]


@pytest.mark.parametrize("engine", [estimate, estimate_loop])
def test_an_activity_without_a_rate_does_not_stop_the_others(engine):
    # group mobility (no organisational rate in 2021) listed first: 0; then 350 and 500
    b = engine([mob("G1", days=10, activity="group"), mob("L1"), mob("P1", days=120)])
    assert b.lines["organisational_support"].tolist() == [0, 350, 500]
    assert b.totals["organisational_support"] == 850
