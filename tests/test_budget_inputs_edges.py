"""Edges of the budget's inputs, word for word: the vectorised checks of
``course_lib.erasmus.budget.inputs`` (every problem of a mobility, in the loop engine's
order, empty codes and partial city triples) and the file reader
``course_lib.erasmus.budget.mobility_file`` (distances from the cities, ``.xlsm`` workbooks,
Mac line ends, semicolons inside cells, empty header cells, the file's path in every error)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from course_lib.erasmus.budget import (
    Mobility,
    MobilityError,
    MobilityFileError,
    estimate,
    estimate_loop,
    read_mobilities,
)

from .test_budget_mutants import frame  # two learners to Spain, 28 days, 597 km

S, E = date(2026, 4, 7), date(2026, 5, 4)
ENGINES = [estimate, estimate_loop]
ROLES = "learner, staff, accompanying"
ACTIVITIES = ("short_term, erasmuspro, group, competition, job_shadowing, teaching, course, "
              "invited_expert, hosted_teacher, accompanying")
COLUMNS = ("participant_id, role, origin_city, origin_country, destination_city, "
           "destination_country, distance_km, start, end, travel_days, green_travel, "
           "fewer_opportunities, activity")
NO_DISTANCE = ("distance_km is empty: give it, or origin_city, origin_country and "
               "destination_city")


def problems(engine, items):
    with pytest.raises(MobilityError) as err:
        engine(items)
    return err.value.problems


# -- the checks of a list or DataFrame of mobilities (both engines say the same) -----------


@pytest.mark.parametrize("engine", ENGINES)
def test_an_empty_id_an_unknown_role_and_destination_in_this_order(engine):
    assert problems(engine, [Mobility("", "pupil", "XX", S, E, distance_km=600)]) == [
        ("mobility 1 ()", "participant_id is empty"),
        ("mobility 1 ()", f"unknown role 'pupil' (expected {ROLES})"),
        ("mobility 1 ()", "destination_country: 'XX' is not in a country group of the "
                          "call-2021 table; known codes: AT, BE, BG, CY, CZ, DE, DK, EE, ES, FI, "
                          "FR, GR, HR, HU, IE, IS, IT, LI, LT, LU, LV, MK, MT, NL, NO, PL, PT, RO, "
                          "RS, SE, SI, SK, TR (use ISO 3166 alpha-2 codes, e.g. Greece is GR)"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_an_unknown_origin_country_comes_before_reversed_dates(engine):
    items = [Mobility("A1", "learner", "ES", E, S, distance_km=600, origin_country="zz"),
             Mobility("A2", "learner", "ES", S, E, distance_km=600, origin_country="fr")]
    assert problems(engine, items) == [
        ("mobility 1 (A1)", "origin_country: unknown country 'ZZ': use an ISO 3166 alpha-2 "
                            "code such as FR or ES"),
        ("mobility 1 (A1)", "end 2026-04-07 is before start 2026-05-04"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_distance_needs_all_three_of_origin_city_origin_country_and_destination_city(engine):
    items = [
        Mobility("D1", "learner", "ES", S, E, destination_city="Valencia"),
        Mobility("D2", "learner", "ES", S, E, origin_city="Bordeaux", destination_city="Valencia"),
        Mobility("D3", "learner", "ES", S, E, origin_country="FR", destination_city="Valencia"),
        Mobility("D4", "learner", "ES", S, E, origin_city="Bordeaux", origin_country="FR"),
        Mobility("D5", "accompanying", "ES", S, E, travel_days=-1, fewer_opportunities=True),
    ]
    assert problems(engine, items) == [
        ("mobility 1 (D1)", NO_DISTANCE),
        ("mobility 2 (D2)", NO_DISTANCE),
        ("mobility 3 (D3)", NO_DISTANCE),
        ("mobility 4 (D4)", NO_DISTANCE),
        ("mobility 5 (D5)", NO_DISTANCE),
        ("mobility 5 (D5)", "travel_days cannot be negative, got -1"),
        ("mobility 5 (D5)", "an accompanying person cannot also be flagged with fewer "
                            "opportunities"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_an_unknown_activity_comes_before_the_duplicate_id(engine):
    items = [Mobility("A1", "learner", "ES", S, E, distance_km=600, activity="xyz"),
             Mobility("A1", "learner", "ES", S, E, distance_km=600, activity="Xyz",
                      travel_days=-2),
             Mobility("A3", "staff", "ES", S, E, distance_km=-600, activity="group")]
    assert problems(engine, items) == [
        ("mobility 1 (A1)", f"unknown activity 'xyz' (expected {ACTIVITIES})"),
        ("mobility 2 (A1)", "travel_days cannot be negative, got -2"),
        ("mobility 2 (A1)", f"unknown activity 'xyz' (expected {ACTIVITIES})"),
        ("mobility 2 (A1)", "duplicate participant_id 'A1' (also mobility 1)"),
        ("mobility 3 (A3)", "distance_km cannot be negative, got -600"),
        ("mobility 3 (A3)", "activity 'group' is for learner participants, not staff"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_origin_country_cells_of_a_dataframe_mean_no_origin(engine):
    data = pd.DataFrame({
        "participant_id": ["L1", "L2"], "role": ["learner", "learner"],
        "destination_country": ["ES", "ES"], "start": ["2026-04-07"] * 2,
        "end": ["2026-05-04"] * 2, "distance_km": [597, 597], "origin_country": ["", "  "]})
    b = engine(data)
    # 28 activity days + 2 travel days = 30 funded: 14 x 57 + 16 x 40 = 798 + 640 = 1438;
    # travel 597 km: 275; organisational support 350 each: 2063 each, 4126 in all
    assert b.lines["total"].tolist() == [2063, 2063]
    assert b.totals["total"] == 4126


# -- the file reader -------------------------------------------------------------------------


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_a_distance_from_the_cities_is_rounded_to_a_tenth_of_a_km(tmp_path):
    # no distance_km column at all: Bordeaux-Madrid great circle 554.2497... km -> 554.2
    path = write(tmp_path / "m.csv",
                 "participant_id,role,origin_city,origin_country,destination_city,"
                 "destination_country,start,end\n"
                 "B1,learner,Bordeaux,FR,Madrid,ES,2027-03-01,2027-03-21\n")
    assert read_mobilities(path) == [
        Mobility("B1", "learner", "ES", date(2027, 3, 1), date(2027, 3, 21), distance_km=554.2,
                 origin_city="Bordeaux", origin_country="FR", destination_city="Madrid")]


def test_an_xlsm_workbook_is_read_as_a_workbook(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["participant_id", "role", "destination_country", "start", "end",
                  "distance_km"])
    sheet.append(["W1", "learner", "ES", date(2027, 3, 1), date(2027, 3, 21), 597])
    path = tmp_path / "macros.xlsm"
    book.save(path)
    assert read_mobilities(path) == [
        Mobility("W1", "learner", "ES", date(2027, 3, 1), date(2027, 3, 21), distance_km=597)]


def test_a_mac_csv_with_carriage_returns_only_is_read_line_by_line(tmp_path):
    # Excel's "CSV (Macintosh)" ends lines with a lone CR
    path = write(tmp_path / "mac.csv",
                 "participant_id;role;destination_country;start;end;distance_km\r"
                 "M1;learner;ES;01/03/2027;21/03/2027;597\r"
                 "M2;learner;ES;01/03/2027;21/03/2027;loin\r", encoding="cp1252")
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(path)
    assert err.value.problems == [("line 3", "distance_km: 'loin' is not a number")]
    path.write_bytes(path.read_bytes().replace(b"loin", b"597"))
    assert [m.participant_id for m in read_mobilities(path)] == ["M1", "M2"]


def test_a_line_break_inside_a_quoted_cell_is_kept_as_written(tmp_path):
    path = write(tmp_path / "m.csv",
                 "participant_id;role;destination_city;destination_country;start;end;"
                 "distance_km\r\n"
                 'Q1;learner;"Valencia\r\n(port)";ES;01/03/2027;21/03/2027;597\r\n'
                 "Q2;learner;;ES;01/03/2027;21/03/2027;-1\r\n")
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(path)
    assert err.value.problems == [("line 4", "distance_km cannot be negative, got -1")]
    path.write_bytes(path.read_bytes().replace(b";-1", b";597"))
    first, _ = read_mobilities(path)
    assert first.destination_city == "Valencia\r\n(port)"


def test_the_separator_is_the_headers_even_with_semicolons_in_later_cells(tmp_path):
    path = write(tmp_path / "m.csv",
                 "participant_id,role,destination_country,start,end,distance_km,notes\n"
                 'N1,learner,ES,2027-03-01,2027-03-21,597,"' + "; ".join(["bus", "train"] * 8)
                 + '"\n')  # 15 semicolons in the notes, 12 commas in the whole file
    assert read_mobilities(path) == [
        Mobility("N1", "learner", "ES", date(2027, 3, 1), date(2027, 3, 21), distance_km=597)]


def test_columns_with_an_empty_header_cell_are_ignored_like_notes(tmp_path):
    """Excel writes an empty header cell for each trailing ';' of a row it saved."""
    path = write(tmp_path / "m.csv",
                 "participant_id;role;;destination_country;start;end;distance_km;;\n"
                 "E1;learner;x;ES;2027-03-01;2027-03-21;597;;\n")
    assert read_mobilities(path) == [
        Mobility("E1", "learner", "ES", date(2027, 3, 1), date(2027, 3, 21), distance_km=597)]
    path = write(tmp_path / "bad.csv", "participant_id;role;;colour\nE1;learner;;red\n")
    assert error_of(path).problems == [
        ("line 1", f"missing column {c!r}") for c in ("destination_country", "start", "end")
    ] + [("line 1", f"unknown column 'colour' (expected {COLUMNS})")]


def error_of(path):
    with pytest.raises(MobilityFileError) as err:
        read_mobilities(path)
    return err.value


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("missing.csv", None, "file: cannot read it (No such file or directory)"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip",
     "file: not a workbook Excel can save as .xlsx (BadZipFile)"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "file: not a text file: save it as CSV (separator ; or ,) or as an .xlsx workbook"),
    ("header.csv", b"participant_id,role,start,end\n",
     "line 1: missing column 'destination_country'"),
    ("row.csv", b"participant_id,role,destination_country,start,end,distance_km\n"
                b"R1,learner,ES,2027-03-01,2027-03-21,far\n",
     "line 2: distance_km: 'far' is not a number"),
])
def test_every_file_error_names_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    err = error_of(path)
    assert err.path == str(path)
    assert str(err) == f"{path}: bad rows, nothing computed (1 problem(s)):\n  {problem}"


# -- DataFrames: cells as pandas holds them ------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_participant_ids_are_text_without_surrounding_spaces(engine):
    b = engine(frame(participant_id=pd.Series([" L1 ", 101], dtype=object)))
    assert b.lines["participant_id"].tolist() == ["L1", "101"]
    assert problems(engine, frame(participant_id=pd.Series(["L1", None], dtype=object))) == [
        ("mobility 2 ()", "participant_id is empty")]


@pytest.mark.parametrize("engine", ENGINES)
def test_dataframe_dates_must_be_written_yyyy_mm_dd(engine):
    assert problems(engine, frame(start=["2026/04/07", "07/04/2026"])) == [
        ("mobility 1 (L1)", "start: bad date '2026/04/07' (expected YYYY-MM-DD)"),
        ("mobility 2 (L2)", "start: bad date '07/04/2026' (expected YYYY-MM-DD)"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_time_zone_aware_datetimes_keep_their_local_date(engine):
    # midnight in Paris is 22:00 UTC the day before: the mobility still starts on 7 April
    paris = [pd.Timestamp("2026-04-07", tz="Europe/Paris")] * 2
    b = engine(frame(start=paris, end=[pd.Timestamp("2026-05-04", tz="Europe/Paris")] * 2))
    assert b.explain("L1").split("\n")[1] == "Activity days: 2026-04-07 to 2026-05-04 = 28 days"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_blank_number_cell_is_missing_and_a_word_is_not_a_number(engine):
    assert problems(engine, frame(distance_km=["far", " "])) == [
        ("mobility 1 (L1)", "distance_km: 'far' is not a number")]
    assert problems(engine, frame(distance_km=["", 597])) == [("mobility 1 (L1)", NO_DISTANCE)]
    # a blank distance with the cities: Bordeaux-Valencia, 597.05 km -> 597.0 (band 500-1999)
    b = engine(frame(distance_km=["", 597], origin_city=["Bordeaux", None],
                     origin_country=["FR", None], destination_city=["Valencia", None]))
    assert b.lines["distance_km"].tolist() == [597.0, 597.0]
    assert b.lines["travel"].tolist() == [275, 275]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_dataframe_without_a_required_column(engine):
    assert problems(engine, frame().drop(columns=["start", "role"])) == [
        ("columns", "missing column 'role'"), ("columns", "missing column 'start'")]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_dataframe_indexed_by_participant_id_is_read_in_row_order(engine):
    indexed = frame(participant_id=["L2", "L1"], green_travel=[True, False]).set_index(
        "participant_id", drop=False)
    b = engine(indexed)
    assert b.lines["participant_id"].tolist() == ["L2", "L1"]
    assert b.lines["travel"].tolist() == [320, 275]  # 597 km: green 320, standard 275


@pytest.mark.parametrize("engine", ENGINES)
def test_missing_yes_no_cells_mean_no(engine):
    b = engine(frame(green_travel=pd.Series([None, "oui"], dtype=object),
                     fewer_opportunities=pd.Series(["yes", np.nan], dtype=object)))
    assert b.lines["travel"].tolist() == [275, 320]
    assert b.lines["inclusion_support"].tolist() == [100, 0]


@pytest.mark.parametrize("engine", ENGINES)
def test_partly_filled_text_columns_are_missing_where_empty(engine):
    b = engine(frame(activity=["erasmuspro", None], origin_country=["fr", None]))
    # 28 activity days: L2 gets the default activity, short term (350; ErasmusPro: 500)
    assert b.lines["activity"].tolist() == ["erasmuspro", "short_term"]
    assert b.lines["organisational_support"].tolist() == [500, 350]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_city_missing_in_a_partly_filled_column_means_no_distance(engine):
    rows = pd.DataFrame({
        "participant_id": ["C1", "C2", "C3"], "role": ["learner"] * 3,
        "destination_country": ["ES"] * 3, "start": ["2026-04-07"] * 3,
        "end": ["2026-05-04"] * 3, "distance_km": [None] * 3,
        "origin_city": ["Bordeaux", None, "Bordeaux"], "origin_country": ["FR"] * 3,
        "destination_city": ["Valencia", "Valencia", None]})
    assert problems(engine, rows) == [("mobility 2 (C2)", NO_DISTANCE),
                                      ("mobility 3 (C3)", NO_DISTANCE)]


@pytest.mark.parametrize("engine", ENGINES)
def test_an_accompanying_person_flagged_yes_in_a_text_column(engine):
    assert problems(engine, frame(role=["learner", "accompanying"],
                                  fewer_opportunities=["non", "oui"])) == [
        ("mobility 2 (L2)", "an accompanying person cannot also be flagged with fewer "
                            "opportunities")]


@pytest.mark.parametrize("engine", ENGINES)
def test_dates_and_time_zone_aware_datetimes_mixed_in_objects(engine):
    paris = ZoneInfo("Europe/Paris")
    items = [Mobility("T1", "learner", "ES", S, E, distance_km=597),
             Mobility("T2", "learner", "ES", datetime(2026, 4, 7, 0, 30, tzinfo=paris),
                      datetime(2026, 5, 4, 0, 30, tzinfo=paris), distance_km=597)]
    b = engine(items)
    assert b.explain("T2").split("\n")[1] == "Activity days: 2026-04-07 to 2026-05-04 = 28 days"
    assert b.lines["total"].tolist() == [2063, 2063]  # as in the DataFrame test above
