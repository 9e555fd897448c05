"""The ``budget`` command: formats, warnings, and every kind of bad input (exit status 2)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from course_lib.cli.budget import EXAMPLE, budget
from course_lib.erasmus.budget import LINE_COLUMNS
from course_lib.erasmus.rates import RATES_DIR
from course_lib.erasmus.rates_schema import read_yaml

HEADER = ("participant_id,role,origin_city,origin_country,destination_city,destination_country,"
          "distance_km,start,end,travel_days,green_travel,fewer_opportunities")
GOOD = "L1,learner,,,,ES,597,2026-04-07,2026-05-04,,no,no"


def run(*args):
    return CliRunner().invoke(budget, [str(a) for a in args])


def write(tmp_path, *rows, name="mobilities.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_example_as_a_table():
    result = run(EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "call-2021 rates" in result.stdout
    assert "BAK-01" in result.stdout and "TRN-01" in result.stdout
    # 1600 + 8842 + 1400 + 100 (worked out in tests/test_budget.py)
    assert "11,942.00" in result.stdout
    assert "11,681.60" not in result.stdout and "11,931.20" not in result.stdout
    assert "*" not in result.stdout  # call 2021: nothing illustrative
    assert result.stderr == ""


def test_json_has_the_issue_shape():
    result = run(EXAMPLE, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["call_year", "currency", "mobilities", "totals"]
    assert data["totals"]["total"] == 11942.0
    assert data["mobilities"][1] == {  # 14 x 57 + 18 x 40 (printed day-15 amount) = 1518
        "participant_id": "BAK-02", "distance_km": pytest.approx(597, abs=2), "travel": 320.0,
        "funded_days": 32, "individual_support": 1518.0, "organisational_support": 350.0,
        "inclusion_support": 100.0, "total": 2288.0}
    assert data["mobilities"][4]["individual_support"] == 2770.0  # 14 x 104 + 18 x 73


def test_csv_output_to_a_file(tmp_path):
    out = tmp_path / "budget.csv"
    result = run(EXAMPLE, "--format", "csv", "--output", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "budget written to" in result.stderr
    table = pd.read_csv(out)
    assert list(table.columns) == list(LINE_COLUMNS)
    assert table["total"].sum() == pytest.approx(11942.0)


def test_an_illustrative_year_is_flagged():
    result = run(EXAMPLE, "--year", "2025")
    assert result.exit_code == 0
    assert "Travel *" in result.stdout
    assert "figures marked illustrative are not verified for VET" in result.stdout
    assert "--rates" in result.stdout
    as_json = run(EXAMPLE, "--year", "2025", "--format", "json")
    assert "note: figures marked illustrative" in as_json.stderr
    assert json.loads(as_json.stdout)["call_year"] == 2025  # stdout stays valid JSON


def test_a_trainers_rate_table(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["individual_support"]["learner"][2] = 60  # 30 funded days: 14x60 + 16x42 = 1512
    raw["individual_support"]["tiers"][1]["printed"]["learner"][2] = 42
    rates = tmp_path / "na.yaml"
    rates.write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = run(write(tmp_path, GOOD.replace(",,no,no", ",2,no,no")), "--rates", rates,
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["mobilities"][0]["individual_support"] == 1512.0


def test_a_trainers_table_without_printed_amounts_pays_the_share(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    del raw["individual_support"]["tiers"][1]["printed"]
    raw["individual_support"]["learner"][2] = 60  # 30 funded days: 14x60 + 16x42 = 1512
    rates = tmp_path / "na.yaml"
    rates.write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = run(write(tmp_path, GOOD), "--rates", rates, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["mobilities"][0]["individual_support"] == 1512.0


def test_printed_amounts_with_a_missing_group_or_not_numbers_are_rejected(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    del raw["individual_support"]["tiers"][1]["printed"]["staff"][2]
    rates = tmp_path / "na.yaml"
    rates.write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = run(EXAMPLE, "--rates", rates)
    assert result.exit_code == 2
    assert "individual_support.tiers[1].printed.staff: missing group 2" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output
    raw["individual_support"]["tiers"][1]["printed"]["staff"][2] = "73 EUR"
    rates.write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = run(EXAMPLE, "--rates", rates)
    assert result.exit_code == 2
    assert ("individual_support.tiers[1].printed.staff.2: must be a number >= 0, got '73 EUR'"
            in result.stderr)


def test_rates_and_year_are_mutually_exclusive():
    result = run(EXAMPLE, "--rates", RATES_DIR / "2021.yaml", "--year", "2021")
    assert result.exit_code == 2
    assert "mutually exclusive" in result.stderr


def test_a_year_without_a_table():
    result = run(EXAMPLE, "--year", "1999")
    assert result.exit_code == 2
    assert "no rate table shipped for call 1999" in result.stderr
    assert "Traceback" not in result.output


def test_a_bad_rates_file_names_the_key(tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["travel"][2]["from_km"] = "abc"
    rates = tmp_path / "broken.yaml"
    rates.write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = run(EXAMPLE, "--rates", rates)
    assert result.exit_code == 2
    assert "travel[2].from_km: must be a number >= 0, got 'abc'" in result.stderr
    assert result.stderr.count("\n") == 1  # one clear message
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("L2,learner,,,,XX,597,2026-04-07,2026-05-04,,no,no", "'XX' is not in a country group"),
        ("L2,teacher,,,,ES,597,2026-04-07,2026-05-04,,no,no", "unknown role 'teacher'"),
        ("L2,learner,,,,ES,597,2026-05-04,2026-04-07,,no,no", "end 2026-04-07 is before start"),
        ("L2,learner,,,,ES,-597,2026-04-07,2026-05-04,,no,no", "distance_km cannot be negative"),
        ("L2,learner,,,,ES,597,2026-04-07,2026-05-04,-2,no,no", "travel_days cannot be negative"),
        ("L1,learner,,,,ES,597,2026-04-07,2026-05-04,,no,no", "duplicate participant_id 'L1'"),
        ("L2,learner,,,,,597,2026-04-07,2026-05-04,,no,no",
         "missing value for destination_country"),
        ("L2,learner,,,,ES,597,2026-04-07,,,no,no", "missing value for end"),
        ("L2,learner,,,,ES,597,April 7,2026-05-04,,no,no", "start: bad date 'April 7'"),
        ("L2,learner,,,,ES,597,2026-04-07,2026-05-04,,sometimes,no", "'sometimes' is not yes/no"),
        ("L2,learner,Bordeuax,FR,Valencia,ES,,2026-04-07,2026-05-04,,no,no",
         "did you mean Bordeaux"),
    ],
)
def test_each_bad_row_is_listed_with_its_line_and_exit_2(tmp_path, row, reason):
    result = run(write(tmp_path, GOOD, row))
    assert result.exit_code == 2
    assert "line 3:" in result.stderr and reason in result.stderr
    assert "nothing computed" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_every_bad_row_is_listed(tmp_path):
    result = run(write(tmp_path, "L1,pupil,,,,ES,1,2026-04-07,2026-05-04,,no,no", GOOD.replace(
        "L1", "L2"), "L3,learner,,,,ES,1,2026-04-07,2026-05-04,,no,perhaps"))
    assert result.exit_code == 2
    assert "2 problem(s)" in result.stderr
    assert "line 2: unknown role 'pupil'" in result.stderr
    assert "line 4: fewer_opportunities: 'perhaps'" in result.stderr


def test_a_missing_column(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("participant_id,role,destination_country,start\nL1,learner,ES,2026-04-07\n",
                    encoding="utf-8")
    result = run(path)
    assert result.exit_code == 2
    assert "line 1: missing column 'end'" in result.stderr


def test_a_missing_file():
    result = run("no-such-file.csv")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_eligibility_warnings_go_to_stderr_and_keep_exit_0(tmp_path):
    short = GOOD.replace("2026-05-04", "2026-04-11")  # 5 days: short-term needs 10
    result = run(write(tmp_path, short), "--format", "json")
    assert result.exit_code == 0
    assert ("warning: short-term learning mobility of VET learners lasts 10-89 days"
            in result.stderr)
    assert "L1 has 5 days" in result.stderr
    assert json.loads(result.stdout)["mobilities"][0]["funded_days"] == 7


def test_action_ka121_has_no_participant_limit(tmp_path):
    rows = [GOOD.replace("L1", f"L{i}") for i in range(31)]
    path = write(tmp_path, *rows)
    assert "at most 30" in run(path, "--format", "csv").stderr
    result = run(path, "--format", "csv", "--action", "KA121")
    assert result.exit_code == 0 and "at most 30" not in result.stderr


def test_table_rendering_fits_a_terminal():
    result = run(EXAMPLE)
    assert max(len(line) for line in result.stdout.splitlines()) <= 140


def test_real_process_exit_status_and_streams(tmp_path):
    code = "from course_lib.cli.budget import budget; budget()"
    bad = write(tmp_path, GOOD, "L2,learner,,,,ES,597,2026-05-04,2026-04-07,,no,no")
    done = subprocess.run([sys.executable, "-c", code, str(bad)], capture_output=True,
                          text=True, cwd=Path(__file__).parents[1], timeout=60)
    assert done.returncode == 2
    assert "line 3: end 2026-04-07 is before start 2026-05-04" in done.stderr
    assert done.stdout == ""
    ok = subprocess.run([sys.executable, "-c", code, str(EXAMPLE), "--format", "csv"],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert pd.read_csv(io.StringIO(ok.stdout))["total"].sum() == pytest.approx(11942.0)
