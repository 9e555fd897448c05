"""The files a French CFA really has give the same budget as the plain CSV, through the real
``mobility-course budget`` command; a file that cannot be read says why, with the line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from course_lib.erasmus.budget.mobility_file import decimal, read_mobilities

EXE = Path(sys.executable).parent / "mobility-course"
HEADER = ["participant_id", "role", "origin_city", "origin_country", "destination_city",
          "destination_country", "distance_km", "start", "end", "travel_days", "green_travel",
          "fewer_opportunities", "activity"]
PLAIN = [
    ["BAK-01", "learner", "Bordeaux", "FR", "Valencia", "ES", "", "2027-02-01", "2027-02-28",
     "4", "yes", "no", "short_term"],
    ["BAK-02", "learner", "Bordeaux", "FR", "Valencia", "ES", "", "2027-02-01", "2027-02-28",
     "4", "yes", "yes", "short_term"],
    ["TRN-01", "accompanying", "Bordeaux", "FR", "Valencia", "ES", "", "2027-02-01",
     "2027-02-28", "4", "yes", "no", ""],
    ["BAK-05", "learner", "Bordeaux", "FR", "", "FI", "2188.5", "2027-03-01", "2027-03-21", "",
     "no", "no", "short_term"],
    ["BAK-06", "learner", "Valence", "FR", "Málaga", "ES", "", "2027-03-01", "2027-03-21", "",
     "no", "no", "short_term"],
]


def french(row: list[str]) -> list[str]:
    """A row as Excel writes it in France: dd/mm/yyyy, decimal comma with a space, oui/non."""
    out = list(row)
    for i in (7, 8):
        out[i] = date.fromisoformat(row[i]).strftime("%d/%m/%Y")
    if row[6]:
        whole, _, cents = f"{float(row[6]):,.1f}".partition(".")
        out[6] = whole.replace(",", " ") + "," + cents
    for i in (10, 11):
        out[i] = {"yes": "oui", "no": "non"}[row[i]]
    return out


def write_csv(path: Path, rows, delimiter=",", encoding="utf-8", newline="\n") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def budget_json(path: Path) -> dict:
    done = subprocess.run([str(EXE), "budget", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> dict:
    return budget_json(write_csv(tmp_path_factory.mktemp("plain") / "plain.csv", PLAIN))


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_a_csv_saved_by_excel_in_france_gives_the_same_budget(tmp_path, plain, encoding):
    path = write_csv(tmp_path / "export.csv", [french(r) for r in PLAIN], delimiter=";",
                     encoding=encoding, newline="\r\n")
    raw = path.read_bytes()
    assert b"\r\n" in raw and b";" in raw and b"2 188,5" in raw
    assert "Málaga".encode(encoding.replace("-sig", "")) in raw
    assert budget_json(path) == plain


def test_a_workbook_gives_the_same_budget(tmp_path, plain):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in PLAIN:
        cells: list = list(row)
        cells[7], cells[8] = date.fromisoformat(row[7]), date.fromisoformat(row[8])
        cells[6] = float(row[6]) if row[6] else None
        cells[9] = int(row[9]) if row[9] else None
        cells[10], cells[11] = row[10] == "yes", "oui" if row[11] == "yes" else "non"
        sheet.append(cells)
    book.save(tmp_path / "mobilities.xlsx")
    assert budget_json(tmp_path / "mobilities.xlsx") == plain


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    (b"participant_id;role;destination_country;start;end\r\nL1;learner;ES;31/02/2027;"
     b"2027-03-01\r\n", "line 2: start: bad date '31/02/2027'"),
    (b"participant_id;role;destination_country;start;end;distance_km\r\n"
     b"L1;learner;ES;01/03/2027;21/03/2027;1 2x8,5\r\n", "line 2: distance_km: '1 2x8,5'"),
])
def test_a_file_that_cannot_be_read_says_why(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    done = subprocess.run([str(EXE), "budget", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_damaged_workbook_says_so(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    done = subprocess.run([str(EXE), "budget", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and "not a workbook" in done.stderr


@pytest.mark.parametrize(("text", "value"), [
    ("1 188,5", 1188.5), ("1\u202f188,5", 1188.5), ("1.188,5", 1188.5), ("1,188.5", 1188.5),
    ("1,234,567.50", 1234567.5), ("1188,5", 1188.5), ("600", 600.0)])
def test_numbers_as_spreadsheets_write_them(text, value):
    assert decimal(text) == value


def test_the_reader_is_the_same_for_csv_and_workbook(tmp_path):
    plain_rows = read_mobilities(write_csv(tmp_path / "a.csv", PLAIN))
    french_rows = read_mobilities(write_csv(tmp_path / "b.csv", [french(r) for r in PLAIN],
                                            delimiter=";", encoding="cp1252"))
    assert plain_rows == french_rows
