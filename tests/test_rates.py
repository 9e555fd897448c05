"""Rate tables: the shipped data, the look-ups, and the errors for malformed files."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.erasmus.rates import (
    RATES_DIR,
    RatesError,
    UnknownCountry,
    available_years,
    individual_support,
    load_rates,
    tier_days,
    tier_days_array,
    travel_band,
)
from course_lib.erasmus.rates_schema import read_yaml, validate

R2021 = load_rates(2021)


# -- the shipped tables -------------------------------------------------------------


def test_shipped_years_include_the_verified_2021_table_and_later_calls():
    years = available_years()
    assert years[0] == 2021
    assert {2024, 2025} <= set(years)
    assert load_rates().call_year == 2021  # default: the verified table


def test_2021_table_is_the_spanish_vet_annex():
    assert R2021.currency == "EUR"
    assert "ANEXO IV" in R2021.source and "KA122" in R2021.source
    assert [(b.from_km, b.standard, b.green) for b in R2021.travel] == [
        (0, 23, 23), (100, 180, 210), (500, 275, 320), (2000, 360, 410), (3000, 530, 610),
        (4000, 820, 820), (8000, 1500, 1500),
    ]
    assert R2021.travel_days == {"standard": 2, "green": 6}
    assert R2021.individual_support["learner"] == {1: 66, 2: 57, 3: 48}
    assert R2021.individual_support["staff"] == {1: 117, 2: 104, 3: 91}
    assert R2021.individual_support["accompanying"] == R2021.individual_support["staff"]
    assert [(t.from_day, t.share) for t in R2021.tiers] == [(1, 1.0), (15, 0.7)]
    assert R2021.tiers[0].printed is None
    assert R2021.tiers[1].printed == {"learner": {1: 46, 2: 40, 3: 34},
                                      "staff": {1: 82, 2: 73, 3: 64},
                                      "accompanying": {1: 82, 2: 73, 3: 64}}
    assert R2021.inclusion_support_per_participant == 100
    assert R2021.course_fees == {"per_day": 80, "max_days": 10}
    assert R2021.preparatory_visit == {"per_person": 575, "max_persons": 3}
    assert R2021.linguistic_support["per_participant"] == 150


def test_2021_country_groups_cover_eu_and_associated_countries():
    groups = R2021.country_groups
    assert set(groups[1]) == {"NO", "DK", "LU", "IS", "SE", "IE", "FI", "LI"}
    assert set(groups[2]) == {"NL", "AT", "BE", "FR", "DE", "IT", "ES", "CY", "GR", "MT", "PT"}
    assert set(groups[3]) == {"SI", "EE", "LV", "HR", "SK", "CZ", "LT", "TR", "HU", "PL", "RO",
                              "BG", "MK", "RS"}
    assert sum(len(codes) for codes in groups.values()) == 27 + 6  # EU + associated countries


def test_2021_organisational_support_by_activity_type():
    short = R2021.organisational_tiers("short_term")
    assert [(t.up_to, t.amount) for t in short] == [(100, 350), (None, 200)]
    assert R2021.organisational_tiers("job_shadowing") == short
    assert R2021.organisational_tiers("teaching") == short
    assert R2021.organisational_amount("erasmuspro", 1) == 500
    assert R2021.organisational_amount("course", 1) == 100
    assert R2021.organisational_amount("competition", 7) == 100
    assert R2021.organisational_tiers("accompanying") is None


def test_2021_sections_are_verified_only_its_secondary_deadlines_are_not():
    assert not R2021.is_illustrative("travel")
    assert not R2021.is_illustrative("individual_support")
    assert set(R2021.illustrative) == {"deadlines.ka121_ka122", "deadlines.ka122_round2"}
    assert R2021.deadlines["ka120"].date == dt.date(2021, 10, 19)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_later_calls_flag_every_unverified_section(year):
    rates = load_rates(year)
    for section in ("individual_support", "organisational_support", "country_groups",
                    "inclusion_support_per_participant", "travel"):
        assert rates.is_illustrative(section), section
        assert rates.illustrative_reasons[section]  # says why
    assert not rates.is_illustrative("travel_days")
    assert "2021" in rates.illustrative_reasons["individual_support"]  # says it reuses 2021


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_later_calls_print_no_amounts_and_have_no_assumed_group_rate(year):
    rates = load_rates(year)
    # no call-2024..2026 VET annex printing amounts was read: 70 % is computed
    assert all(tier.printed is None for tier in rates.tiers)
    assert [rate for _, rate in rates.tier_rates("learner", 2)] == [57, 39.90]
    # group mobility has no call-2021 row and no verified later amount: no assumed rate
    assert "group" not in rates.organisational_support
    assert rates.organisational_tiers("group") is None


def test_2025_travel_is_the_he_table_flagged_for_vet():
    rates = load_rates(2025)
    assert [(b.standard, b.green) for b in rates.travel] == [
        (28, 56), (211, 285), (309, 417), (395, 535), (580, 785), (1188, 1188), (1735, 1735),
    ]
    assert rates.travel[0].from_km == 10  # the HE table starts at 10 km


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_he_travel_table_is_labelled_with_the_same_call_years(year):
    rates = load_rates(year)
    label = "higher-education (KA131) travel table of calls 2024 and 2025"
    assert label in " ".join(rates.illustrative_reasons["travel"].split())
    if year != 2024:  # 2024 reuses the call-2021 VET table and only names the HE one
        assert label in rates.sources["travel"] and label in " ".join(rates.source.split())
    for text in (rates.illustrative_reasons["travel"], rates.sources.get("travel", ""),
                 rates.source):
        assert "HE call-2025" not in text and "HE call 2025" not in text


def test_2024_reuses_the_2021_vet_travel_table_from_0_km():
    assert load_rates(2024).travel == R2021.travel
    assert "Call-2021 VET table reused" in load_rates(2024).illustrative_reasons["travel"]


@pytest.mark.parametrize("year", available_years())
def test_every_section_of_every_table_has_a_source_or_is_flagged(year):
    rates = load_rates(year)
    assert rates.source
    for section in ("travel", "travel_days", "country_groups", "individual_support",
                    "organisational_support", "inclusion_support_per_participant"):
        assert section in rates.sources or rates.is_illustrative(section), section
    for deadline in rates.deadlines.values():
        assert deadline.source or not deadline.verified


def test_deadlines_per_call():
    d2026 = load_rates(2026).deadlines
    assert d2026["ka121_ka122"].date == dt.date(2026, 2, 19)
    assert d2026["ka121_ka122"].time == "12:00"
    assert not d2026["ka120"].verified
    assert load_rates(2026).is_illustrative("deadlines.ka120")
    assert load_rates(2025).deadlines["ka122_round2"].date is None
    assert load_rates(2024).deadlines["ka120"].date == dt.date(2024, 10, 8)  # extended


# Deadlines read only on press, consultancy or course-provider pages are unverified.
PRESS_ONLY = [(2021, "ka121_ka122"), (2021, "ka122_round2"), (2024, "ka122_round2"),
              (2024, "ka120"), (2025, "ka121_ka122"), (2025, "ka120"), (2026, "ka121_ka122"),
              (2026, "ka122_round2"), (2026, "ka120")]


@pytest.mark.parametrize(("year", "key"), PRESS_ONLY)
def test_deadlines_from_press_or_consultancy_pages_are_not_verified(year, key):
    rates = load_rates(year)
    assert not rates.deadlines[key].verified
    assert rates.is_illustrative(f"deadlines.{key}")
    assert rates.illustrative_reasons[f"deadlines.{key}"]  # says why


def test_deadlines_from_official_or_call_text_copies_stay_verified():
    # ka120 2021: the Serbian National Agency; ka121_ka122 2024: a university's copy of the call
    for year, key in [(2021, "ka120"), (2024, "ka121_ka122")]:
        assert load_rates(year).deadlines[key].verified, (year, key)
    unverified = {(y, k) for y in available_years() for k, d in load_rates(y).deadlines.items()
                  if not d.verified}
    assert unverified == {*PRESS_ONLY, (2025, "ka122_round2")}  # the last one has no date
    assert load_rates(2025).deadlines["ka122_round2"].date is None


# -- look-ups -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("km", "standard", "green"),
    [(0, 23, 23), (5, 23, 23), (9.99, 23, 23), (10, 23, 23), (99, 23, 23), (99.9, 23, 23),
     (100, 180, 210), (499, 180, 210), (500, 275, 320), (1999, 275, 320), (2000, 360, 410),
     (2999, 360, 410), (3000, 530, 610), (3999, 530, 610), (4000, 820, 820), (7999, 820, 820),
     (8000, 1500, 1500), (19000, 1500, 1500)],
)
def test_travel_band_edges(km, standard, green):
    assert R2021.travel_amount(km) == standard
    assert R2021.travel_amount(km, green=True) == green


def test_travel_band_object_and_labels():
    assert travel_band(5).label == "0-99 km"  # call 2021: "Entre 0 y 99 KM: 23 EUR"
    assert travel_band(9, load_rates(2025)) is None  # the HE table starts at 10 km
    assert load_rates(2025).travel_amount(9.9) == 0
    band = travel_band(597)
    assert (band.from_km, band.to_km, band.label) == (500, 2000, "500-1999 km")
    assert travel_band(8000).label == "8000 km or more"
    assert not travel_band(50).has_green_rate
    with pytest.raises(ValueError, match="negative"):
        travel_band(-1)


def test_travel_day_caps():
    assert R2021.funded_travel_days() == 2
    assert R2021.funded_travel_days(1) == 1
    assert R2021.funded_travel_days(4) == 2  # standard: at most 2
    assert R2021.funded_travel_days(4, green=True) == 4
    assert R2021.funded_travel_days(9, green=True) == 6  # green: at most 6
    assert R2021.funded_travel_days(0, green=True) == 0
    with pytest.raises(ValueError):
        R2021.funded_travel_days(-1)


def test_tier_changes_on_day_15():
    # Group 2 learner: days 1-14 at 57, from day 15 at the printed 40 (not 70 % = 39.90).
    assert individual_support(14, 2) == 14 * 57  # 798.00
    assert individual_support(15, 2) == 798 + 40  # 838.00
    assert individual_support(15, 2) - individual_support(14, 2) == 40
    # Group 1 staff: 14 x 117.00 = 1638.00, + 1 x 82 (printed) = 1720.00
    assert individual_support(15, 1, "staff") == 1720


def test_worked_example_learner_32_funded_days_group_2():
    # 30 activity days + 2 travel days = 32 funded days; group 2 learner, call 2021:
    # 14 x 57 + 18 x 40 (printed day-15 amount) = 798 + 720 = 1518.00
    assert individual_support(32, 2, "learner") == 1518


def test_the_printed_day_15_amounts_are_paid():
    # the call-2021 annex's "Dia 15 - 365" column (facts 8b)
    printed = {"learner": [46, 40, 34], "staff": [82, 73, 64], "accompanying": [82, 73, 64]}
    for role, amounts in printed.items():
        for group, amount in zip((1, 2, 3), amounts, strict=True):
            first = R2021.daily_rate(role, group)
            assert [rate for _, rate in R2021.tier_rates(role, group)] == [first, amount]
    # 23 funded days, group-2 learner: 14 x 57 + 9 x 40 = 798 + 360 = 1158
    assert individual_support(23, 2, "learner") == 14 * 57 + 9 * 40 == 1158
    # 21 funded days, group-2 staff: 14 x 104 + 7 x 73 = 1456 + 511 = 1967 (not 1965.60)
    assert individual_support(21, 2, "staff") == 14 * 104 + 7 * 73 == 1967
    # 25 funded days, group-2 learner: 14 x 57 + 11 x 40 = 1238 (not 1236.90)
    assert individual_support(25, 2, "learner") == 1238
    # 23 funded days, group-1 learner and accompanying person (the Cork exercise)
    assert individual_support(23, 1, "learner") == 14 * 66 + 9 * 46 == 1338
    assert individual_support(23, 1, "accompanying") == 14 * 117 + 9 * 82 == 2376


def test_without_printed_amounts_a_tier_pays_daily_x_share(tmp_path):
    raw = _raw()
    del raw["individual_support"]["tiers"][1]["printed"]
    rates = load_rates(path=_write(tmp_path, raw))
    assert rates.tiers[1].printed is None
    assert [rate for _, rate in rates.tier_rates("learner", 2)] == [57, 39.90]
    assert individual_support(23, 2, "learner", rates) == 798 + 9 * 39.90  # 1157.10
    assert individual_support(21, 2, "staff", rates) == 1456 + 7 * 72.80  # 1965.60


def test_each_tier_is_rounded_to_cents_before_it_is_multiplied(tmp_path):
    raw = _raw()
    raw["individual_support"]["tiers"][1] = {"from_day": 15, "share": 0.333}
    rates = load_rates(path=_write(tmp_path, raw))
    # 57 x 0.333 = 18.981 -> 18.98 a day; 10 days: 189.80 (not 189.81)
    assert [rate for _, rate in rates.tier_rates("learner", 2)] == [57, 18.98]
    assert individual_support(24, 2, "learner", rates) == 987.80
    # a printed amount with sub-cent parts is rounded per day too: 39.905 -> 39.91
    raw = _raw()
    raw["individual_support"]["tiers"][1]["printed"]["learner"][2] = 39.905
    rates = load_rates(path=_write(tmp_path, raw, "printed.yaml"))
    assert [rate for _, rate in rates.tier_rates("learner", 2)] == [57, 39.91]
    assert individual_support(24, 2, "learner", rates) == 798 + 399.10  # not 1197.05


def test_accompanying_persons_get_the_staff_rate():
    for group in (1, 2, 3):
        assert R2021.daily_rate("accompanying", group) == R2021.daily_rate("staff", group)
        assert R2021.tier_rates("accompanying", group) == R2021.tier_rates("staff", group)
    # 20 funded days in group 3: 14 x 91 + 6 x 64 = 1274 + 384 = 1658
    assert individual_support(20, 3, "accompanying") == 1658


def test_daily_rate_errors_are_clear():
    with pytest.raises(ValueError, match="unknown role 'teacher'"):
        R2021.daily_rate("teacher", 1)
    with pytest.raises(ValueError, match="unknown country group 4"):
        R2021.daily_rate("learner", 4)


def test_tier_days_closed_form():
    assert tier_days(0, R2021.tiers) == [0, 0]
    assert tier_days(14, R2021.tiers) == [14, 0]
    assert tier_days(15, R2021.tiers) == [14, 1]
    assert tier_days(365, R2021.tiers) == [14, 351]


@given(st.integers(min_value=0, max_value=500))
def test_tier_days_match_a_day_by_day_count(funded):
    tiers = load_rates(2021).tiers
    by_hand = [0, 0]
    for day in range(1, funded + 1):
        by_hand[0 if day < 15 else 1] += 1
    assert tier_days(funded, tiers) == by_hand
    assert tier_days_array([funded], tiers).tolist() == [by_hand]


def test_country_group_lookup():
    assert R2021.country_group("DE") == 2
    assert R2021.country_group("fr") == 2
    assert R2021.country_group("EL") == 2  # EU code for Greece
    assert R2021.country_group("TR") == 3
    assert R2021.country_group("NO") == 1  # Norway, not YAML's "false"


@pytest.mark.parametrize(
    ("value", "hint"),
    [("US", "US, United States"), ("Spain", "did you mean ES"), ("XX", "ISO 3166 alpha-2")],
)
def test_unknown_country_lists_codes_and_a_hint(value, hint):
    with pytest.raises(UnknownCountry) as err:
        R2021.country_group(value)
    message = str(err.value)
    assert "known codes: AT, BE" in message
    assert hint in message
    assert isinstance(err.value, ValueError)


def test_is_illustrative_checks_the_enclosing_section():
    rates = load_rates(2025)
    assert rates.is_illustrative("organisational_support.short_term")
    assert rates.is_illustrative("individual_support.tiers")
    assert rates.illustrative_among({"travel_days"}) == ()
    assert rates.illustrative_among({"organisational_support.erasmuspro"}) == (
        "organisational_support",)


# -- loading files and their errors ----------------------------------------------------


def _raw():
    return read_yaml(RATES_DIR / "2021.yaml")


def _write(tmp_path, raw, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_a_trainers_own_table_loads_by_path(tmp_path):
    raw = _raw()
    raw["individual_support"]["learner"] = {1: 70, 2: 60, 3: 50}
    raw["individual_support"]["tiers"][1]["printed"]["learner"] = {1: 49, 2: 42, 3: 35}
    rates = load_rates(path=_write(tmp_path, raw))
    assert rates.daily_rate("learner", 2) == 60
    assert [rate for _, rate in rates.tier_rates("learner", 2)] == [60, 42]
    assert rates.path.name == "mine.yaml"


def test_a_daily_amount_changed_without_its_printed_amount_is_rejected(tmp_path):
    raw = _raw()
    raw["individual_support"]["learner"] = {1: 70, 2: 60, 3: 50}  # printed still 46/40/34
    with pytest.raises(RatesError) as err:
        load_rates(path=_write(tmp_path, raw))
    assert ("individual_support.tiers[1].printed.learner.1: printed amount 46 is not about "
            "share x daily amount (0.7 x 70 = 49.00)") in str(err.value)


def test_unquoted_norway_code_is_read_as_a_country(tmp_path):
    path = tmp_path / "no.yaml"
    text = (RATES_DIR / "2021.yaml").read_text(encoding="utf-8").replace('"NO"', "NO")
    path.write_text(text, encoding="utf-8")
    assert load_rates(path=path).country_group("NO") == 1


def test_a_plain_organisational_list_counts_everyone_together(tmp_path):
    raw = _raw()
    raw["organisational_support"] = [{"up_to": 2, "amount": 300}, {"up_to": None, "amount": 10}]
    rates = load_rates(path=_write(tmp_path, raw))
    assert rates.organisational_key("erasmuspro") == rates.organisational_key("course") == "*"
    assert rates.organisational_amount("erasmuspro", 2) == 300
    assert rates.organisational_amount("course", 3) == 10


def _break(raw, change):
    change(raw)
    return raw


BROKEN = [
    (lambda r: r["travel"][2].update(from_km="abc"),
     "travel[2].from_km: must be a number >= 0, got 'abc'"),
    (lambda r: r["travel"][3].update(from_km=400), "travel[3].from_km: bands must be increasing"),
    (lambda r: r["travel"][1].update(green=-5), "travel[1].green: must be a number >= 0"),
    (lambda r: r["travel"][0].pop("standard"), "travel[0]: missing 'standard'"),
    (lambda r: r["individual_support"]["learner"].pop(3),
     "individual_support.learner: missing group 3"),
    (lambda r: r["individual_support"]["staff"].update({4: 80}),
     "individual_support.staff: group 4 is not in country_groups"),
    (lambda r: r["individual_support"]["tiers"][1].update(share=1.5),
     "individual_support.tiers[1].share: must be between 0 and 1"),
    (lambda r: r["individual_support"]["tiers"][0].update(from_day=2),
     "individual_support.tiers[0].from_day: the first tier must start on day 1"),
    (lambda r: r["individual_support"]["tiers"][1].update(from_day=1),
     "individual_support.tiers[1].from_day: tiers must be increasing"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"]["learner"].pop(3),
     "individual_support.tiers[1].printed.learner: missing group 3"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"]["staff"].pop(1),
     "individual_support.tiers[1].printed.staff: missing group 1"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"]["learner"].update({2: "forty"}),
     "individual_support.tiers[1].printed.learner.2: must be a number >= 0, got 'forty'"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"]["staff"].update({3: None}),
     "individual_support.tiers[1].printed.staff.3: must be a number >= 0, got None"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"]["accompanying"].update({1: True}),
     "individual_support.tiers[1].printed.accompanying.1: must be a number >= 0, got True"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"].pop("accompanying"),
     "individual_support.tiers[1].printed: missing 'accompanying'"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"].update(teacher={1: 1}),
     "individual_support.tiers[1].printed: unknown key 'teacher'"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"]["learner"].update({4: 30}),
     "individual_support.tiers[1].printed.learner: group 4 is not in country_groups"),
    (lambda r: r["individual_support"]["tiers"][1].update(printed=[46, 40, 34]),
     "individual_support.tiers[1].printed: must be a mapping"),
    (lambda r: r["individual_support"]["tiers"][1]["printed"]["staff"].update({2: 37}),
     "individual_support.tiers[1].printed.staff.2: printed amount 37 is not about share x "
     "daily amount (0.7 x 104 = 72.80)"),
    (lambda r: r["organisational_support"]["short_term"][1].update(up_to=200),
     "organisational_support.short_term[1].up_to: the last tier must have up_to: null"),
    (lambda r: r["organisational_support"].update(shortterm=[{"up_to": None, "amount": 1}]),
     "organisational_support.shortterm: unknown activity type"),
    (lambda r: r["organisational_support"].update(accompanying=[{"up_to": None, "amount": 1}]),
     "organisational_support.accompanying: accompanying persons get no organisational support"),
    (lambda r: r["country_groups"][3].append("DE"),
     "country_groups.3[14]: DE is already in group 2"),
    (lambda r: r["country_groups"][1].append("QQ"), "country_groups.1[8]: unknown ISO 3166"),
    (lambda r: r.update(travel_day={"standard": 2}), "travel_day: unknown section"),
    (lambda r: r.pop("inclusion_support_per_participant"),
     "inclusion_support_per_participant: missing"),
    (lambda r: r.update(currency="euro"), "currency: must be a 3-letter ISO 4217 code"),
    (lambda r: r.update(travel_days={"standard": 2, "green": 6.5}),
     "travel_days.green: must be a whole number"),
    (lambda r: r.update(illustrative=["organisational_suport"]),
     "illustrative[0]: unknown section 'organisational_suport'"),
    (lambda r: r["deadlines"]["ka120"].update(date="19 Oct 2021"),
     "deadlines.ka120.date: must be a date YYYY-MM-DD or null"),
    (lambda r: r.update(course_fees={"per_day": 80}), "course_fees: missing 'max_days'"),
]


@pytest.mark.parametrize(("change", "expected"), BROKEN)
def test_malformed_tables_name_the_key_and_the_problem(tmp_path, change, expected):
    path = _write(tmp_path, _break(_raw(), change))
    with pytest.raises(RatesError) as err:
        load_rates(path=path)
    assert expected in str(err.value)
    assert str(err.value).startswith(str(path))
    assert isinstance(err.value, ValueError)


def test_not_yaml_and_not_a_mapping(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("travel: [\n  - {from_km: 10", encoding="utf-8")
    with pytest.raises(RatesError, match="not valid YAML at line"):
        load_rates(path=bad)
    bad.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(RatesError, match="must be a YAML mapping"):
        load_rates(path=bad)
    with pytest.raises(RatesError, match="cannot read the file"):
        load_rates(path=tmp_path / "missing.yaml")


def test_year_not_shipped_and_year_with_path():
    with pytest.raises(RatesError, match=r"no rate table shipped for call 1999 \(available: 2021"):
        load_rates(1999)
    with pytest.raises(ValueError, match="not both"):
        load_rates(2021, path=RATES_DIR / "2021.yaml")


def test_shipped_tables_are_read_only():
    with pytest.raises(TypeError):
        R2021.individual_support["learner"][2] = 1  # type: ignore[index]


def _paths(node, prefix=()):
    """Every key path of a parsed YAML tree."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


JUNK = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True),
                 st.text(max_size=5), st.lists(st.integers(), max_size=2),
                 st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
RAW_2021 = read_yaml(RATES_DIR / "2021.yaml")
ALL_PATHS = [p for p in _paths(RAW_2021) if p]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ALL_PATHS), JUNK)
def test_any_damaged_table_gives_a_rates_error_or_loads(path, junk):
    raw = copy.deepcopy(RAW_2021)
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = junk
    try:
        validate(raw, "damaged.yaml")
    except RatesError as err:  # anything else (KeyError, TypeError...) fails the test
        assert str(err).startswith("damaged.yaml: ")
