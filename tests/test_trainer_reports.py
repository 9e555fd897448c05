"""The trainer's results: report (table, CSV, XLSX with a chart), who validated what and when,
certificates read back as text, manual grades never overwritten by a new grading."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from course_lib.catalogue import module, skills_of
from course_lib.grading.records import current_validations, record_validations, validations

pytestmark = pytest.mark.slow
MID = "c1-1-develop"
EXE = Path(sys.executable).parent / "mobility-course"


def cli(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), *args], cwd=course, capture_output=True, text=True,
                          timeout=600, env={"PATH": str(EXE.parent), "COLUMNS": "160",
                                            "HOME": str(course)})


@pytest.fixture(scope="module")
def validated(graded):
    course, _ = graded
    record_validations(course, grader="trainer-test", today="2026-11-30")
    return course


def test_validations_record_who_and_when(validated):
    held = current_validations(validated)
    v = held[("coach-01", MID)]
    assert (v.event, v.grader, v.date) == ("validated", "trainer-test", "2026-11-30")
    assert v.score >= module(MID).pass_mark
    assert ("coach-03", MID) not in held
    assert record_validations(validated, grader="again") == [], "recorded once only"


def test_a_lower_grade_withdraws_a_validation(tmp_path):
    (tmp_path / "validations.jsonl").write_text(json.dumps(
        {"learner": "x", "module": MID, "event": "validated", "score": 20, "max_score": 24,
         "date": "2026-01-01", "grader": "t"}) + "\n{broken line\n", encoding="utf-8")
    assert [e.learner for e in validations(tmp_path)] == ["x"]
    assert ("x", MID) in current_validations(tmp_path)
    with (tmp_path / "validations.jsonl").open("a") as out:
        out.write(json.dumps({"learner": "x", "module": MID, "event": "withdrawn", "score": 3,
                              "max_score": 24, "date": "2026-02-01", "grader": "t"}) + "\n")
    assert current_validations(tmp_path) == {}


def test_report_as_csv_and_xlsx(validated, tmp_path):
    done = cli(validated, "report", "--format", "csv", "--output", str(tmp_path / "r.csv"),
               "--chart", str(tmp_path / "c.png"))
    assert done.returncode == 0, done.stderr
    rows = {r["learner"]: r for r in csv.DictReader((tmp_path / "r.csv").open())}
    code = module(MID).code
    assert rows["coach-01"][f"{code} passed"] == "yes"
    assert rows["coach-03"][f"{code} passed"] == "no"
    assert rows["coach-01"]["course validated"] == "yes"  # perfect in all seven modules
    assert rows["coach-02"]["course validated"] == "no"
    assert (tmp_path / "c.png").stat().st_size > 5000
    done = cli(validated, "report", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"))
    assert done.returncode == 0, done.stderr
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["Results", "Distribution"]
    assert len(book["Distribution"]._images) == 1
    header = [c.value for c in book["Results"][1]]
    assert header[0] == "learner" and code in header


def test_report_errors_are_one_line(validated, tmp_path):
    done = cli(validated, "report", "--format", "csv")
    assert done.returncode == 2 and "needs --output" in done.stderr
    done = cli(validated, "report", "--format", "csv", "--output", "/proc/forbidden/r.csv")
    assert done.returncode == 1 and done.stderr.startswith("mobility-course: error: cannot write")
    assert "Traceback" not in done.stderr


def test_a_certificate_reads_back(validated, tmp_path):
    done = cli(validated, "certificate", "coach-01", "--output", str(tmp_path),
               "--organisation", "CFA Réseau Sud")
    assert done.returncode == 0, done.stderr
    reader = PdfReader(tmp_path / "coach-01.pdf")
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "CFA Réseau Sud certifies that the learner coach-01" in text
    assert f"{module(MID).code} {module(MID).title}" in text.replace("\n", " ")
    assert "validated on 2026-11-30" in text and "graded by trainer-test" in text
    assert skills_of(MID)[0].name.split()[0] in text
    done = cli(validated, "certificate", "nobody-here", "--output", str(tmp_path))
    assert done.returncode == 1 and "no results for nobody-here" in done.stderr
    done = cli(validated, "certificate", "coach-01", "--output", "/proc/forbidden")
    assert done.returncode == 1
    assert done.stderr.startswith("mobility-course: error: cannot write to /proc/forbidden")


def test_grading_again_keeps_a_manual_grade(validated):
    from nbgrader.api import Gradebook

    from course_lib.grading import grade

    with Gradebook(f"sqlite:///{validated / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(MID, MID, "coach-02")
        manual = [g for g in nb.grades if g.cell.cell_type == "markdown"]
        assert manual, "the module has a written task graded by hand"
        manual[0].manual_score = 3
        gb.db.commit()
    before = grade(validated, force=True, workers=1, timeout=20,
                   learners=["coach-02"]).scores[("coach-02", MID)]
    with Gradebook(f"sqlite:///{validated / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(MID, MID, "coach-02")
        kept = [g for g in nb.grades if g.cell.cell_type == "markdown"][0]
        assert kept.manual_score == 3 and not kept.needs_manual_grade
    again = grade(validated, force=True, workers=1, timeout=20,
                  learners=["coach-02"]).scores[("coach-02", MID)]
    assert before == again, "grading is idempotent"
