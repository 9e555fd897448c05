"""The `mobility-course` command run in this process: each error is one exact line and status.

tests/test_cli.py runs the installed command in a subprocess (what a trainer sees, end to
end); here :func:`course_lib.cli.main` is called directly, so that mutation testing, which
switches mutants inside the test process, checks the command group, ``budget`` and the
trainer's commands too. No grading runs here: the paths before and around it do.
"""

from __future__ import annotations

import json
import shutil
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from course_lib.cli import group as cli_group
from course_lib.cli import main
from course_lib.cli.budget import EXAMPLE, render
from course_lib.erasmus.budget import estimate
from course_lib.erasmus.budget.mobility_file import read_mobilities
from course_lib.erasmus.rates import RATES_DIR, load_rates
from course_lib.erasmus.rates_schema import read_yaml
from course_lib.grading.records import Result

REPO = Path(__file__).resolve().parents[1]
ERROR = "mobility-course: error: "
MODULE = "c2-regulations"
HEADER = ("participant_id,role,origin_city,origin_country,destination_city,destination_country,"
          "distance_km,start,end,travel_days,green_travel,fewer_opportunities")
GOOD = "L1,learner,,,,ES,597,2026-04-07,2026-05-04,,no,no"


def run(capsys, *args) -> tuple[int, str, str]:
    """``mobility-course ARGS`` in this process: exit status, stdout, stderr."""
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def small_course(target: Path, released: bool = False) -> Path:
    """A course folder with one module's source (and its released notebook if asked)."""
    (target / "source" / MODULE).mkdir(parents=True)
    (target / "release").mkdir()
    shutil.copy2(REPO / "nbgrader_config.py", target)
    shutil.copy2(REPO / "source" / MODULE / f"{MODULE}.ipynb", target / "source" / MODULE)
    if released:
        shutil.copytree(REPO / "release" / MODULE, target / "release" / MODULE,
                        ignore=shutil.ignore_patterns("answers*.json", ".ipynb_checkpoints"))
    return target


@pytest.fixture
def folder(tmp_path) -> Path:
    return small_course(tmp_path / "course")


def submit(root: Path, learner: str = "ana") -> None:
    target = root / "submitted" / learner / MODULE
    target.mkdir(parents=True)
    shutil.copy2(root / "source" / MODULE / f"{MODULE}.ipynb", target)


def fake_results(monkeypatch, *rows: Result) -> None:
    """What the gradebook would hold after grading (grading itself is slow)."""
    import course_lib.grading.records as records
    import course_lib.grading.report as report

    monkeypatch.setattr(records, "results", lambda root: list(rows))
    monkeypatch.setattr(report, "results", lambda root: list(rows))


# --- the command group: help, version, usage errors -------------------------------------

def test_help_and_version(capsys):
    status, out, err = run(capsys, "--help")
    assert (status, err) == (0, "")
    assert out.startswith("Usage: mobility-course [OPTIONS] COMMAND [ARGS]...\n")
    for name in ("budget", "build", "certificate", "demo-cohort", "feedback", "grade", "report"):
        assert f"\n  {name} " in out
    status, out, err = run(capsys, "-h")
    assert (status, err) == (0, "") and out.startswith("Usage: mobility-course [OPTIONS]")
    status, out, err = run(capsys, "budget", "--help")
    assert (status, err) == (0, "")
    assert out.startswith("Usage: mobility-course budget [OPTIONS] MOBILITIES\n")
    status, out, err = run(capsys, "--version")
    assert (status, out, err) == (0, f"mobility-course, version "
                                     f"{version('mobility-coach-course')}\n", "")


def test_no_command_is_a_usage_error_with_the_help(capsys):
    status, out, err = run(capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"{ERROR}Usage: mobility-course [OPTIONS] COMMAND [ARGS]...\n")
    assert err.endswith(" (see: mobility-course --help)\n")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["no-such-command"], "No such command 'no-such-command'. (see: mobility-course --help)"),
        (["--bogus"], "No such option '--bogus'. Did you mean '--course'? "
                      "(see: mobility-course --help)"),
        (["demo-cohort"], "Missing option '--learners'. (see: mobility-course demo-cohort --help)"),
        (["demo-cohort", "--learners", "0"], "Invalid value for '--learners': 0 is not in the "
         "range 1<=x<=500. (see: mobility-course demo-cohort --help)"),
        (["demo-cohort", "--learners", "501"], "Invalid value for '--learners': 501 is not in "
         "the range 1<=x<=500. (see: mobility-course demo-cohort --help)"),
        (["demo-cohort", "--learners", "two"], "Invalid value for '--learners': 'two' is not a "
         "valid integer range. (see: mobility-course demo-cohort --help)"),
        (["demo-cohort", "--learners", "1", "--seed", "x"], "Invalid value for '--seed': 'x' is "
         "not a valid integer. (see: mobility-course demo-cohort --help)"),
        (["grade", "--workers", "0"], "Invalid value for '--workers': 0 is not in the range "
         "1<=x<=64. (see: mobility-course grade --help)"),
        (["grade", "--workers", "65"], "Invalid value for '--workers': 65 is not in the range "
         "1<=x<=64. (see: mobility-course grade --help)"),
        (["grade", "--timeout", "0"], "Invalid value for '--timeout': 0 is not in the range "
         "1<=x<=3600. (see: mobility-course grade --help)"),
        (["grade", "--timeout", "3601"], "Invalid value for '--timeout': 3601 is not in the "
         "range 1<=x<=3600. (see: mobility-course grade --help)"),
        # click gives no context for a missing option value: the command is read from argv
        (["grade", "--learner"], "Option '--learner' requires an argument. "
         "(see: mobility-course grade --help)"),
        (["--course", ".", "demo-cohort", "--learners"], "Option '--learners' requires an "
         "argument. (see: mobility-course demo-cohort --help)"),
        (["report", "--format", "pdf"], "Invalid value for '--format': 'pdf' is not one of "
         "'table', 'csv', 'xlsx'. (see: mobility-course report --help)"),
        (["budget"], "Missing argument 'MOBILITIES'. (see: mobility-course budget --help)"),
        (["budget", "no-such-file.csv"], "Invalid value for 'MOBILITIES': File "
         "'no-such-file.csv' does not exist. (see: mobility-course budget --help)"),
        (["budget", str(EXAMPLE), "--format", "xml"], "Invalid value for '--format': 'xml' is "
         "not one of 'table', 'csv', 'json'. (see: mobility-course budget --help)"),
        (["budget", str(EXAMPLE), "--action", "KA2"], "Invalid value for '--action': 'KA2' is "
         "not one of 'KA122', 'KA121'. (see: mobility-course budget --help)"),
        (["budget", str(EXAMPLE), "--rates", "no-such.yaml"], "Invalid value for '--rates': "
         "File 'no-such.yaml' does not exist. (see: mobility-course budget --help)"),
        (["budget", str(EXAMPLE), "--year", "2021", "--rates", str(RATES_DIR / "2021.yaml")],
         "--rates and --year are mutually exclusive: give your national agency's table with "
         "--rates, or a shipped call year with --year (see: mobility-course budget --help)"),
    ],
)
def test_usage_errors_are_one_line_with_a_help_hint_and_status_2(capsys, args, line):
    assert run(capsys, *args) == (2, "", f"{ERROR}{line}\n")


def test_a_directory_given_as_the_mobilities_file(capsys, tmp_path):
    assert run(capsys, "budget", tmp_path) == (
        2, "", f"{ERROR}Invalid value for 'MOBILITIES': File '{tmp_path}' is a directory. "
        "(see: mobility-course budget --help)\n")


# --- finding the course folder ----------------------------------------------------------

def no_course_here(path: Path) -> str:
    return (f"{ERROR}no course here: {path.resolve()} has no nbgrader_config.py and source/ "
            "folder above it; run the command from the course folder or pass --course PATH\n")


@pytest.mark.parametrize("command", [["grade"], ["feedback"], ["report"], ["certificate"],
                                     ["build"], ["demo-cohort", "--learners", "1"]])
def test_outside_a_course_folder(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, *command) == (2, "", no_course_here(tmp_path))


@pytest.mark.parametrize("missing", ["nbgrader_config.py", "source"])
def test_course_option_to_a_folder_that_is_not_a_course(capsys, folder, missing):
    target = folder / missing
    target.unlink() if target.is_file() else shutil.rmtree(target)
    assert run(capsys, "--course", folder, "grade") == (2, "", no_course_here(folder))


def test_course_option_to_a_file(capsys, folder):
    config = folder / "nbgrader_config.py"
    assert run(capsys, "--course", config, "grade") == (
        2, "", f"{ERROR}Invalid value for '--course': Directory '{config}' is a file. "
        "(see: mobility-course --help)\n")


def test_course_option_wins_over_the_current_folder(capsys, folder, tmp_path, monkeypatch):
    elsewhere = small_course(tmp_path / "elsewhere")
    monkeypatch.chdir(elsewhere)
    status, out, err = run(capsys, "--course", folder / "source", "grade")
    assert status == 2
    assert err.endswith(f"{ERROR}nothing to grade: {folder.resolve() / 'submitted'} holds no "
                        "submission\n")
    monkeypatch.chdir(folder / "source" / MODULE)  # found upwards from a subfolder
    status, out, err = run(capsys, "grade")
    assert status == 2
    assert err.endswith(f"{ERROR}nothing to grade: {folder.resolve() / 'submitted'} holds no "
                        "submission\n")


# --- the trainer's commands before anything is graded ------------------------------------

def last_line(err: str) -> str:
    return err.rstrip("\n").splitlines()[-1]


def test_grade_with_nothing_submitted(capsys, folder):
    status, out, err = run(capsys, "--course", folder, "grade")
    assert status == 2
    assert last_line(err) == f"{ERROR}nothing to grade: {folder / 'submitted'} holds no submission"
    assert err.strip() == last_line(err) and out.strip() == ""
    assert not (folder / "gradebook.db").exists()


def test_grade_a_module_not_built(capsys, folder):
    submit(folder)
    status, out, err = run(capsys, "--course", folder, "grade")
    assert status == 2
    assert err.strip() == (f"{ERROR}{MODULE} not built: run `mobility-course build` first")
    assert out.strip() == ""
    assert not (folder / "gradebook.db").exists()


def test_grade_a_learner_without_submission(capsys, folder):
    submit(folder)
    status, out, err = run(capsys, "--course", folder, "grade", "--learner", "nobody",
                           "--learner", "zoe")
    assert status == 2
    assert err.strip() == f"{ERROR}no submission from nobody, zoe in {folder / 'submitted'}"
    assert out.strip() == ""


def test_feedback_before_grading(capsys, folder):
    submit(folder)
    assert run(capsys, "--course", folder, "feedback") == (
        2, "", f"{ERROR}nothing graded yet: run `mobility-course grade` first\n")
    assert not (folder / "feedback").exists()


@pytest.mark.parametrize("command", [["report"], ["report", "--format", "csv", "--output", "r.csv"],
                                     ["certificate"], ["certificate", "ana"]])
def test_report_and_certificate_before_grading(capsys, folder, command):
    assert run(capsys, "--course", folder, *command) == (
        1, "", f"{ERROR}no graded submission yet: run `mobility-course grade` first\n")
    assert not (folder / "certificates").exists() and not (folder / "r.csv").exists()


def test_report_format_needs_an_output(capsys, folder):
    for fmt in ("csv", "xlsx"):
        assert run(capsys, "--course", folder, "report", "--format", fmt) == (
            2, "", f"{ERROR}--format {fmt} needs --output FILE "
            "(see: mobility-course report --help)\n")


ANA = Result("ana", MODULE, 18.0, 28.0, False)  # the pass mark of C2 is 18
BEN = Result("ben", MODULE, 17.5, 28.0, True)


def test_report_to_an_unwritable_path(capsys, folder, monkeypatch):
    fake_results(monkeypatch, ANA)
    blocker = folder / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    assert run(capsys, "--course", folder, "report", "--format", "csv", "--output",
               blocker / "report.csv") == (1, "", f"{ERROR}cannot write {blocker}: File exists\n")
    assert run(capsys, "--course", folder, "report", "--chart", blocker / "chart.png") == (
        1, "", f"{ERROR}cannot write {blocker / 'chart.png'}: Not a directory\n")


def test_report_csv_written(capsys, folder, monkeypatch):
    fake_results(monkeypatch, ANA, BEN)
    out_file = folder / "out" / "report.csv"
    status, out, err = run(capsys, "--course", folder, "report", "--format", "csv",
                           "--output", out_file)
    assert (status, out, err) == (0, f"report written to {out_file}\n", "")
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("learner,") and len(lines) == 3
    assert lines[1].startswith("ana,") and lines[2].startswith("ben,")


def test_report_table(capsys, folder, monkeypatch):
    fake_results(monkeypatch, ANA, BEN)
    monkeypatch.setattr(cli_group.console, "_width", 300)
    status, out, err = run(capsys, "--course", folder, "report")
    assert (status, err) == (0, "")
    assert "Results (score / maximum, ✔ = validated)" in out
    assert "report written" not in out and "chart written" not in out
    ana = next(line for line in out.splitlines() if " ana " in line)
    ben = next(line for line in out.splitlines() if " ben " in line)
    assert "│ 18 / 28 ✔ │" in ana and "│ 17.5 / 28 │" in ben and "✔" not in ben
    header = next(line for line in out.splitlines() if " learner " in line)
    assert "course" in header and "to grade by hand" in header and "passed" not in header
    assert ben.split("│")[-2].strip() == "C2"  # awaiting manual grading


def test_certificate_for_a_learner_without_results(capsys, folder, monkeypatch):
    fake_results(monkeypatch, ANA, BEN)
    assert run(capsys, "--course", folder, "certificate", "nobody", "ana", "zed") == (
        1, "", f"{ERROR}no results for nobody, zed; learners with results: ana, ben\n")
    assert not (folder / "certificates").exists()


def test_build_an_unknown_module(capsys, folder):
    status, out, err = run(capsys, "--course", folder, "build", "c9-unknown")
    assert (status, out) == (2, "")
    assert err.startswith(f"{ERROR}unknown module 'c9-unknown'; known modules: c1-1-develop, ")
    assert err.count("\n") == 1


def test_build_a_declared_module_without_its_source(capsys, folder):
    status, out, err = run(capsys, "--course", folder, "build", "c3-intercultural")
    nb = folder / "source" / "c3-intercultural" / "c3-intercultural.ipynb"
    assert (status, out, err) == (1, "", f"✘ c3-intercultural: no source notebook {nb}\n")


def test_demo_cohort_before_build(capsys, folder):
    assert run(capsys, "--course", folder, "demo-cohort", "--learners", "1") == (
        2, "", f"{ERROR}no released module: run `mobility-course build` first\n")
    assert not (folder / "submitted").exists()


def test_demo_cohort_writes_submissions(capsys, tmp_path):
    root = small_course(tmp_path / "course", released=True)
    status, out, err = run(capsys, "--course", root, "demo-cohort", "--learners", "3",
                           "--seed", "1")
    assert (status, err) == (0, "")
    assert out == (f"3 learner(s) × 1 module(s) written to {root / 'submitted'}\n"
                   "  coach-01: perfect\n  coach-02: partial\n  coach-03: blank\n")
    assert sorted(p.name for p in (root / "submitted").iterdir()) == [
        "coach-01", "coach-02", "coach-03"]
    # grading only someone who did not submit names them, and grades no one
    status, out, err = run(capsys, "--course", root, "grade", "--learner", "nobody")
    assert status == 2
    assert err.strip() == f"{ERROR}no submission from nobody in {root / 'submitted'}"
    assert not (root / "autograded").exists()


def test_interrupted_command(capsys, folder, monkeypatch):
    import course_lib.grading as grading

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(grading, "demo_cohort", interrupted)
    assert run(capsys, "--course", folder, "demo-cohort", "--learners", "1") == (
        130, "", "\nmobility-course: aborted\n")


@pytest.mark.parametrize(("code", "status"), [(3, 3), (0, 0), ("stopped", 1), (None, 1)])
def test_a_command_that_exits(capsys, folder, monkeypatch, code, status):
    import course_lib.grading as grading

    def exits(*args, **kwargs):
        raise SystemExit(code)

    monkeypatch.setattr(grading, "demo_cohort", exits)
    assert run(capsys, "--course", folder, "demo-cohort", "--learners", "1")[0] == status


@pytest.mark.parametrize("code", [4, 0])
def test_a_command_that_ends_with_ctx_exit_keeps_its_status(capsys, folder, monkeypatch, code):
    """click hands back ``ctx.exit(n)`` as a return value when not standalone."""
    import click

    import course_lib.grading as grading

    monkeypatch.setattr(grading, "demo_cohort",
                        lambda *a, **k: click.get_current_context().exit(code))
    assert run(capsys, "--course", folder, "demo-cohort", "--learners", "1")[0] == code


# --- budget ----------------------------------------------------------------------------

def write(tmp_path: Path, *rows: str, name: str = "mobilities.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def engine_total(path: Path, year: int | None = None) -> float:
    rates = load_rates(year=year)
    return estimate(read_mobilities(path, rates), rates).totals["total"]


def test_budget_total_is_the_engines(capsys):
    status, out, err = run(capsys, "budget", EXAMPLE, "--format", "json")
    assert (status, err) == (0, "")
    assert json.loads(out)["totals"]["total"] == engine_total(EXAMPLE) == 11942.0
    status, out, err = run(capsys, "budget", EXAMPLE)
    assert (status, err) == (0, "")
    assert "Erasmus+ KA1 VET budget, call-2021 rates (EUR)" in out
    footer = next(line for line in out.splitlines() if "Total" in line and "11,942.00" in line)
    assert footer.rstrip().endswith("11,942.00 │") or footer.rstrip().endswith("11,942.00")
    assert "*" not in out


def test_budget_csv_to_a_file(capsys, tmp_path):
    target = tmp_path / "budget.csv"
    assert run(capsys, "budget", EXAMPLE, "--format", "csv", "--output", target) == (
        0, "", f"budget written to {target}\n")
    rates = load_rates()
    assert target.read_text(encoding="utf-8") == render(
        estimate(read_mobilities(EXAMPLE, rates), rates), "csv")


def test_budget_an_illustrative_year(capsys):
    status, out, err = run(capsys, "budget", EXAMPLE, "--year", "2025", "--format", "json")
    assert status == 0
    assert err.startswith("note: figures marked illustrative are not verified for VET (")
    assert err.endswith("of the call-2025 table): load your national agency's table with "
                        "--rates\n") and err.count("\n") == 1
    assert json.loads(out)["totals"]["total"] == engine_total(EXAMPLE, 2025)
    status, out, err = run(capsys, "budget", EXAMPLE, "--year", "2025")
    assert (status, err) == (0, "")
    assert "Travel *" in out and "* figures marked illustrative" in out


def test_budget_to_an_unwritable_path(capsys, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    assert run(capsys, "budget", EXAMPLE, "--output", blocker / "budget.txt") == (
        2, "", f"{ERROR}cannot write {blocker / 'budget.txt'}: Not a directory\n")


def test_budget_year_without_a_table(capsys):
    assert run(capsys, "budget", EXAMPLE, "--year", "1999") == (
        2, "", f"{ERROR}rate table: no rate table shipped for call 1999 (available: 2021, 2024, "
        "2025, 2026); load your national agency's table with a file path instead\n")


def test_budget_bad_rate_table(capsys, tmp_path):
    rates = tmp_path / "na.yaml"
    rates.write_text("travel: nonsense\n", encoding="utf-8")
    status, out, err = run(capsys, "budget", EXAMPLE, "--rates", rates)
    assert (status, out) == (2, "")
    assert err.startswith(f"{ERROR}rate table: ") and err.count("\n") == 1


def test_budget_unknown_country(capsys, tmp_path):
    path = write(tmp_path, GOOD, "L2,learner,,,,XX,597,2026-04-07,2026-05-04,,no,no")
    status, out, err = run(capsys, "budget", path)
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == f"{ERROR}{path}: 1 problem(s), nothing computed"
    assert len(lines) == 2 and lines[1].startswith("  line 3: ")
    assert "'XX' is not in a country group" in lines[1]


def test_budget_every_bad_row(capsys, tmp_path):
    path = write(tmp_path, "L1,pupil,,,,ES,1,2026-04-07,2026-05-04,,no,no",
                 "L3,learner,,,,ES,1,2026-04-07,2026-05-04,,no,perhaps")
    status, out, err = run(capsys, "budget", path)
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == f"{ERROR}{path}: 2 problem(s), nothing computed"
    assert lines[1] == "  line 2: unknown role 'pupil' (expected learner, staff, accompanying)"
    assert lines[2].startswith("  line 3: fewer_opportunities: 'perhaps'") and len(lines) == 3


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("mobilities.xlsx", b"not a zip", "not a workbook Excel can save as .xlsx (BadZipFile)"),
    ("mobilities.csv", b"a\x00b\n", "not a text file: save it as CSV (separator ; or ,) or as "
                                    "an .xlsx workbook"),
])
def test_budget_unreadable_file(capsys, tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    assert run(capsys, "budget", path) == (
        2, "", f"{ERROR}{path}: 1 problem(s), nothing computed\n  file: {reason}\n")


def test_budget_warnings_keep_status_0(capsys, tmp_path):
    path = write(tmp_path, GOOD.replace("2026-05-04", "2026-04-11"))
    status, out, err = run(capsys, "budget", path, "--format", "json")
    assert status == 0
    assert err.startswith("warning: short-term learning mobility of VET learners lasts 10-89 days")
    assert json.loads(out)["totals"]["total"] == engine_total(path)


def test_budget_action(capsys, tmp_path):
    path = write(tmp_path, *[GOOD.replace("L1", f"L{i}") for i in range(31)])
    status, out, err = run(capsys, "budget", path, "--format", "csv")
    assert status == 0 and "at most 30" in err and err.startswith("warning: ")
    status, out, err = run(capsys, "budget", path, "--format", "csv", "--action", "KA121")
    assert (status, err) == (0, "")
    assert out.count("\n") == 32


# --- grade's report, the grading engine stubbed (real grading is in tests/test_cli.py) ----

def fake_grading(monkeypatch, report, events=()) -> dict:
    """``grade`` prints what this report and these validation events say."""
    import course_lib.grading as grading
    import course_lib.grading.records as records

    calls: dict = {}

    def autograde(root, progress=None, **options):
        calls.update(options, root=root)
        progress("ana", MODULE, 1, 1)
        return report

    def record(root, grader=None):
        calls["grader"] = grader
        return list(events)

    monkeypatch.setattr(grading, "grade", autograde)
    monkeypatch.setattr(records, "record_validations", record)
    monkeypatch.setattr(cli_group.console, "_width", 200)
    return calls


def test_grade_prints_the_scores(capsys, folder, monkeypatch):
    from course_lib.grading.autograde import GradeReport
    from course_lib.grading.records import Validation

    scores = {("ana", "c1-1-develop"): (14.0, 24.0), ("ana", MODULE): (17.5, 28.0),
              ("ben", MODULE): (28.0, 28.0)}
    report = GradeReport(scores=scores, failures={}, graded=3, seconds=2.04)
    event = Validation("ana", "c1-1-develop", "validated", 14.0, 24.0, "2026-11-30", "marie")
    calls = fake_grading(monkeypatch, report, [event])
    status, out, err = run(capsys, "--course", folder, "grade")
    assert (status, err) == (0, "")
    assert out.lstrip("\n") == (
        "nbgrader's own messages: nbgrader.log\n"
        "Scores (points / maximum)\n"
        "┏━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━┓\n"
        "┃ learner ┃      C1.1 ┃        C2 ┃\n"
        "┡━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━┩\n"
        "│ ana     │ 14 / 24 ✔ │ 17.5 / 28 │\n"
        "│ ben     │         — │ 28 / 28 ✔ │\n"
        "└─────────┴───────────┴───────────┘\n"
        "✔ = pass mark reached (see each module's validation modalities)\n"
        "validated: ana / c1-1-develop (14 / 24) on 2026-11-30\n"
        "Summary: 3 graded, 0 not graded, 0 flagged, in 2.0 s\n")
    assert calls == {"root": folder.resolve(), "force": False, "workers": None, "timeout": None,
                     "learners": None, "grader": None}
    assert (folder / "nbgrader.log").is_file()


def test_grade_options_reach_the_grader(capsys, folder, monkeypatch):
    from course_lib.grading.autograde import GradeReport

    calls = fake_grading(monkeypatch, GradeReport(scores={("ana", MODULE): (1.0, 28.0)},
                                                  failures={}, graded=1))
    status, out, err = run(capsys, "--course", folder, "grade", "--force", "--workers", "2",
                           "--timeout", "30", "--learner", "ana", "--learner", "ben",
                           "--grader", "Marie")
    assert (status, err) == (0, "")
    assert calls == {"root": folder.resolve(), "force": True, "workers": 2, "timeout": 30,
                     "learners": ["ana", "ben"], "grader": "Marie"}
    assert "│ ana     │ 1 / 28 │" in out and "Summary: 1 graded, 0 not graded, 0 flagged" in out


def test_grade_names_what_was_not_graded_flagged_or_restored(capsys, folder, monkeypatch):
    from course_lib.grading.autograde import GradeReport

    report = GradeReport(
        scores={("ana", MODULE): (18.0, 28.0)},
        failures={("ben", MODULE): "c2-regulations.ipynb is not a readable notebook (NotJSONError)",
                  ("ben", "c1-1-develop"): "timeout"},
        flags={("ana", MODULE): ["answers.json edited by hand", "cell removed"]},
        graded=1, seconds=0.5, restored=["submitted/ana/c2-regulations/data.csv"])
    fake_grading(monkeypatch, report)
    status, out, err = run(capsys, "--course", folder, "grade")
    assert status == 1
    assert err == (
        "not graded ben / c1-1-develop: timeout\n"
        "not graded ben / c2-regulations: c2-regulations.ipynb is not a readable notebook "
        "(NotJSONError)\n"
        "flagged ana / c2-regulations: answers.json edited by hand\n"
        "flagged ana / c2-regulations: cell removed\n"
        "restored submitted/ana/c2-regulations/data.csv: changed while grading (a submission "
        "wrote outside its folder?)\n")
    assert "│ ana     │          — │  18 / 28 ✔ │\n" in out
    assert "│ ben     │ not graded │ not graded │\n" in out
    assert out.endswith("Summary: 1 graded, 2 not graded, 1 flagged, in 0.5 s\n")


# --- budget: what the table, the JSON and the CSV look like --------------------------------

EXAMPLE_TABLE = """\
                                          Erasmus+ KA1 VET budget, call-2021 rates (EUR)
┏━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━┓
┃             ┃              ┃              ┃ Distance ┃ Funded ┃          ┃ Individual ┃ Organisational ┃ Inclusion ┃           ┃
┃ Participant ┃ Role         ┃ Activity     ┃       km ┃   days ┃   Travel ┃    support ┃        support ┃   support ┃     Total ┃
┡━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━┩
│ BAK-01      │ learner      │ short_term   │    597.0 │     32 │   320.00 │   1,518.00 │         350.00 │      0.00 │  2,188.00 │
│ BAK-02      │ learner      │ short_term   │    597.0 │     32 │   320.00 │   1,518.00 │         350.00 │    100.00 │  2,288.00 │
│ BAK-03      │ learner      │ short_term   │    597.0 │     32 │   320.00 │   1,518.00 │         350.00 │      0.00 │  2,188.00 │
│ BAK-04      │ learner      │ short_term   │    597.0 │     32 │   320.00 │   1,518.00 │         350.00 │      0.00 │  2,188.00 │
│ TRN-01      │ accompanying │ accompanying │    597.0 │     32 │   320.00 │   2,770.00 │           0.00 │      0.00 │  3,090.00 │
├─────────────┼──────────────┼──────────────┼──────────┼────────┼──────────┼────────────┼────────────────┼───────────┼───────────┤
│ Total       │              │              │          │        │ 1,600.00 │   8,842.00 │       1,400.00 │    100.00 │ 11,942.00 │
└─────────────┴──────────────┴──────────────┴──────────┴────────┴──────────┴────────────┴────────────────┴───────────┴───────────┘
"""  # noqa: E501


def test_budget_table_of_the_example(capsys):
    status, out, err = run(capsys, "budget", EXAMPLE)
    assert (status, err) == (0, "")
    assert "\n".join(line.rstrip() for line in out.splitlines()) + "\n" == EXAMPLE_TABLE


def test_budget_table_marks_only_the_illustrative_columns(capsys, tmp_path):
    raw = read_yaml(RATES_DIR / "2021.yaml")
    raw["illustrative"] = {"travel": "not checked against the national agency's annex"}
    rates = tmp_path / "na.yaml"
    rates.write_text(yaml.safe_dump(raw), encoding="utf-8")
    status, out, err = run(capsys, "budget", EXAMPLE, "--rates", rates)
    assert (status, err) == (0, "")
    header = next(line for line in out.splitlines() if "Participant" in line)
    assert header.count("*") == 1 and "┃ Travel * ┃" in header
    under = out.split("┘\n", 1)[1]
    assert " ".join(under.split()) == (
        "* figures marked illustrative are not verified for VET (travel of the call-2021 table): "
        "load your national agency's table with --rates")


def test_budget_table_caption_is_left_aligned_under_the_table(capsys):
    status, out, err = run(capsys, "budget", EXAMPLE, "--year", "2025")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[-2].startswith("* figures marked illustrative are not verified for VET (travel, ")
    assert lines[-1].startswith("inclusion_support_per_participant of the call-2025 table): ")
    assert len(lines[-1]) == len(lines[-3])  # padded to the table's width


def test_budget_table_is_at_most_140_columns(capsys, tmp_path):
    long_id = "L-" + "x" * 60
    path = write(tmp_path, GOOD.replace("L1", long_id))
    status, out, err = run(capsys, "budget", path)
    assert (status, err) == (0, "")
    assert max(len(line) for line in out.splitlines()) == 140


def test_budget_table_has_no_colour_codes_even_when_forced(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("FORCE_COLOR", "1")
    status, out, err = run(capsys, "budget", EXAMPLE)
    assert (status, err) == (0, "") and "\x1b[" not in out
    target = tmp_path / "budget.txt"
    assert run(capsys, "budget", EXAMPLE, "--output", target)[0] == 0
    assert "\x1b[" not in target.read_text(encoding="utf-8")


def test_budget_json_is_indented_and_keeps_accents(capsys, tmp_path):
    path = write(tmp_path, GOOD.replace("L1", "Zoé-01"))
    status, out, err = run(capsys, "budget", path, "--format", "json")
    assert (status, err) == (0, "")
    assert out.startswith('{\n  "call_year": 2021,\n  "currency": "EUR",\n  "mobilities": [\n'
                          '    {\n')
    assert '\n      "participant_id": "Zoé-01",\n' in out and out.endswith("\n}\n")
    assert json.loads(out)["totals"]["total"] == engine_total(path)


def test_budget_csv_has_no_index_and_two_decimals(capsys):
    status, out, err = run(capsys, "budget", EXAMPLE, "--format", "csv")
    assert (status, err) == (0, "")
    lines = out.split("\n")
    assert lines[0].startswith("participant_id,") and lines[1].startswith("BAK-01,learner,")
    assert lines[1].endswith(",2188.00") and lines[-1] == "" and "\r" not in out
