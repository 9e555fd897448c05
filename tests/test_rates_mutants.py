"""Rate-table look-ups pinned exactly: where a figure comes from (``source_of``), read from
the texts of data/rates/2021.yaml."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from course_lib.erasmus.rates import (
    RATES_DIR,
    RatesError,
    UnknownCountry,
    available_years,
    individual_support,
    load_rates,
    tier_days,
    tier_days_array,
)
from course_lib.erasmus.rates_schema import read_yaml

R2021 = load_rates(2021)
TABLE_SOURCE = (
    'SEPIE (Spanish NA), "2021 - ANEXO IV - MONO - MULTI - KA121 - KA122 - VET", Tarifas '
    "aplicables para contribuciones por unidad, Accion clave 1, Formacion profesional; PDF "
    "kept in GitHub IESJarosoErasmus/ErasmusJaroso, "
    "static/docs/cuantias/CuantiasEconomicasKA121.pdf (commit 2cb5893, 2021-12-14).")
INDIVIDUAL = ("[V1] 'Apoyo individual' tables, learners and staff; staff rates also apply to "
              "accompanying persons (rates sheet 1.2)")
TIERS = ("[V1] columns 'Dia 1 - 14' and 'Dia 15 - 365' (printed amounts) and the note "
         "'70 % del importe' (rates sheet 1.2; facts 8b)")


def test_a_section_with_its_own_source():
    assert R2021.source_of("travel") == (
        "[V1] table 'Viaje' (rates sheet 1.1); distance = one way, amount covers the return "
        "trip")
    assert R2021.source_of("individual_support") == INDIVIDUAL


def test_the_most_precise_source_wins():
    assert R2021.source_of("individual_support.tiers") == TIERS


def test_a_subsection_falls_back_to_its_section_then_to_the_table():
    assert R2021.source_of("individual_support.learner") == INDIVIDUAL
    assert R2021.source_of("individual_support.tiers.printed") == TIERS
    assert R2021.source_of("organisational_support.short_term").startswith(
        "[V1] 'Apoyo organizativo' (rates sheet 1.3)")
    assert R2021.source_of("deadlines.ka120") == TABLE_SOURCE  # no "deadlines" source
    assert R2021.source_of("notes") == TABLE_SOURCE


# -- errors, word for word -------------------------------------------------------------


def test_negative_inputs_are_refused_with_the_value():
    with pytest.raises(ValueError) as err:
        R2021.travel_band(-0.5)
    assert str(err.value) == "a distance cannot be negative, got -0.5"
    with pytest.raises(ValueError) as err:
        R2021.funded_travel_days(-1, green=True)
    assert str(err.value) == "travel days cannot be negative, got -1"
    with pytest.raises(ValueError) as err:
        individual_support(-3, 2)
    assert str(err.value) == "funded days cannot be negative, got -3"


def test_daily_rate_errors_word_for_word():
    with pytest.raises(ValueError) as err:
        R2021.daily_rate("teacher", 1)
    assert str(err.value) == "unknown role 'teacher': expected one of learner, staff, accompanying"
    with pytest.raises(ValueError) as err:
        R2021.daily_rate("staff", 4)
    assert str(err.value) == "unknown country group 4: the call-2021 table has groups 1, 2, 3"


KNOWN = ", ".join(sorted(c for codes in read_yaml(RATES_DIR / "2021.yaml")["country_groups"]
                         .values() for c in codes))


@pytest.mark.parametrize(("value", "hint"), [
    ("XX", " (use ISO 3166 alpha-2 codes, e.g. Greece is GR)"),
    ("Spain", " (did you mean ES, Spain?)"),
    ("US", " (US, United States, is not a programme country here)"),
    ("United States", " (United States is US, which has no group in this table)"),
])
def test_an_unknown_country_lists_every_code_and_one_hint(value, hint):
    with pytest.raises(UnknownCountry) as err:
        R2021.country_group(value)
    assert str(err.value) == (f"{value!r} is not in a country group of the call-2021 table; "
                              f"known codes: {KNOWN}{hint}")


def test_load_rates_errors_word_for_word():
    with pytest.raises(ValueError) as err:
        load_rates(2021, path=RATES_DIR / "2021.yaml")
    assert str(err.value) == "give either a call year or a rate-table file, not both"
    with pytest.raises(RatesError) as err:
        load_rates(1999)
    assert str(err.value).endswith(
        "no rate table shipped for call 1999 (available: 2021, 2024, 2025, 2026); load your "
        "national agency's table with a file path instead")


def test_shipped_years_and_default():
    assert available_years() == [2021, 2024, 2025, 2026]
    assert load_rates() is load_rates(2021)
    assert load_rates(path=RATES_DIR / "2025.yaml").call_year == 2025


# -- look-ups ------------------------------------------------------------------------------


def test_country_codes_are_tidied_before_the_look_up():
    assert R2021.country_group(" de ") == 2
    assert R2021.country_group("el") == 2  # EU code for Greece
    assert R2021.country_group("mk") == 3
    assert R2021.country_group("Li") == 1


def test_requested_travel_days_capped_by_mode():
    assert R2021.funded_travel_days(None) == 2
    assert R2021.funded_travel_days(None, green=True) == 2
    assert R2021.funded_travel_days(2) == 2
    assert R2021.funded_travel_days(3) == 2
    assert R2021.funded_travel_days(6, green=True) == 6
    assert R2021.funded_travel_days(7, green=True) == 6


def test_travel_amounts_at_every_band_start():
    starts = [(0, 23, 23), (100, 180, 210), (500, 275, 320), (2000, 360, 410),
              (3000, 530, 610), (4000, 820, 820), (8000, 1500, 1500)]
    for km, standard, green in starts:
        assert (R2021.travel_amount(km), R2021.travel_amount(km, True)) == (standard, green)
        assert R2021.travel_band(km).from_km == km
    r2025 = load_rates(2025)
    assert r2025.travel_band(9.99) is None and r2025.travel_amount(9.99, True) == 0
    assert (r2025.travel_amount(10), r2025.travel_amount(10, True)) == (28, 56)


def test_organisational_look_ups():
    assert R2021.organisational_tiers("accompanying") is None
    assert R2021.organisational_tiers("group") is None  # no rate in the 2021 annex
    assert R2021.organisational_key("short_term") == "short_term"
    assert [R2021.organisational_amount("short_term", r) for r in (1, 100, 101, 500)] == [
        350, 350, 200, 200]
    assert R2021.organisational_amount("erasmuspro", 1000) == 500
    assert R2021.organisational_amount("course", 1) == 100
    assert R2021.organisational_amount("group", 1) == 0
    assert R2021.organisational_amount("accompanying", 1) == 0


def test_a_plain_organisational_list_is_one_group(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["organisational_support"] = [{"up_to": 2, "amount": 300}, {"up_to": None, "amount": 100}]
    path = tmp_path / "plain.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    rates = load_rates(path=path)
    assert rates.organisational_key("job_shadowing") == "*"
    assert rates.organisational_tiers("group") == rates.organisational_support
    assert rates.organisational_tiers("accompanying") is None
    assert [rates.organisational_amount("group", r) for r in (1, 2, 3)] == [300, 300, 100]


# -- tiers ---------------------------------------------------------------------------------


def three_tiers(tmp_path):
    """Days 1-14 full, days 15-60 at 70 %, from day 61 at half (nothing printed)."""
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["individual_support"]["tiers"] = [
        {"from_day": 1, "share": 1.0}, {"from_day": 15, "share": 0.7},
        {"from_day": 61, "share": 0.5}]
    path = tmp_path / "three.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_rates(path=path)


def test_days_per_tier_with_three_tiers(tmp_path):
    tiers = three_tiers(tmp_path).tiers
    cases = {0: [0, 0, 0], 1: [1, 0, 0], 14: [14, 0, 0], 15: [14, 1, 0], 60: [14, 46, 0],
             61: [14, 46, 1], 100: [14, 46, 40]}
    for funded, expected in cases.items():
        assert tier_days(funded, tiers) == expected
    assert tier_days_array(np.array(list(cases)), tiers).tolist() == list(cases.values())


def test_individual_support_with_three_tiers(tmp_path):
    rates = three_tiers(tmp_path)
    # group-2 learner: 57 a day, 70 % = 39.90, 50 % = 28.50
    assert [rate for _, rate in rates.tier_rates("learner", 2)] == [57, 39.90, 28.50]
    # 100 funded days: 14 x 57 + 46 x 39.90 + 40 x 28.50 = 798 + 1835.40 + 1140 = 3773.40
    assert individual_support(100, 2, rates=rates) == 3773.40
    # group-3 staff, 61 days: 14 x 91 + 46 x 63.70 + 1 x 45.50 = 1274 + 2930.20 + 45.50
    assert individual_support(61, 3, "staff", rates) == 4249.70
    assert individual_support(0, 1, rates=rates) == 0


def test_tier_rates_of_call_2021_are_printed_after_day_14():
    assert [rate for _, rate in R2021.tier_rates("staff", 3)] == [91, 64]
    assert [tier.from_day for tier, _ in R2021.tier_rates("staff", 3)] == [1, 15]
    assert individual_support(14, 3, "staff") == 1274
    assert individual_support(16, 1) == 14 * 66 + 2 * 46  # 1016


# -- provenance ----------------------------------------------------------------------------


def test_illustrative_sections_and_the_ones_a_budget_uses():
    r2025 = load_rates(2025)
    assert not R2021.is_illustrative("travel")
    assert not R2021.is_illustrative("individual_support.tiers")
    assert R2021.is_illustrative("deadlines.ka121_ka122")  # an unverified deadline
    assert not R2021.is_illustrative("deadlines.ka120")
    assert r2025.is_illustrative("travel")
    assert not r2025.is_illustrative("travel_days")
    assert not r2025.is_illustrative("travel_days.green")
    assert not r2025.is_illustrative("organisational")  # a prefix of a name is not its section
    assert r2025.illustrative_among(["travel", "travel_days"]) == ("travel",)
    assert r2025.illustrative_among({"deadlines"}) == (
        "deadlines.ka121_ka122", "deadlines.ka122_round2", "deadlines.ka120")
    assert r2025.illustrative_among(set()) == ()
    assert R2021.illustrative == ("deadlines.ka121_ka122", "deadlines.ka122_round2")
