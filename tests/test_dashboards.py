"""The dashboards' logic without a browser: the engine's figures, exports, uploads, the
iCalendar writer, the skills framework, the cohort from a real nbgrader gradebook."""

from __future__ import annotations

import html
import io
import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from course_lib.app import budget as bud
from course_lib.app import cohort as coh
from course_lib.app import ical, site, ui
from course_lib.app import planner as pln
from course_lib.app import skills as sk
from course_lib.data import DATA_DIR
from course_lib.erasmus import estimate, load_rates, read_mobilities
from course_lib.erasmus.rates import RATES_DIR, RatesError

EXAMPLE = DATA_DIR / "examples" / "valencia-bakery.csv"


# -- iCalendar (RFC 5545) ---------------------------------------------------------------------
def parse_ics(text: str) -> list[dict[str, tuple[dict[str, str], str]]]:
    """A strict little reader: CRLF only, lines of at most 75 octets, unfolded, events."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw), "a line is not folded"
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    events, current = [], None
    for line in lines[1:-1]:
        name_params, value = line.split(":", 1)
        name, *params = name_params.split(";")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = (dict(p.split("=", 1) for p in params), value)
    return events


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_ical_escapes_folds_and_parses_back():
    summary = "Départ; Valencia, Spain \\ train" + " é" * 60
    stamp = datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)
    text = ical.calendar([ical.Event("departure", date(2027, 1, 30), summary, "line 1\nline 2"),
                          ical.Event("end", date(2027, 12, 31), "Project end")],
                         name="Plan, 2026", stamp=stamp)
    events = parse_ics(text)
    assert [e["DTSTART"] for e in events] == [({"VALUE": "DATE"}, "20270130"),
                                              ({"VALUE": "DATE"}, "20271231")]
    assert events[1]["DTEND"] == ({"VALUE": "DATE"}, "20280101")  # the end date is excluded
    assert unescape(events[0]["SUMMARY"][1]) == summary
    assert unescape(events[0]["DESCRIPTION"][1]) == "line 1\nline 2"
    assert all(e["DTSTAMP"][1] == "20260105T093000Z" and e["UID"][1].endswith(
        "@mobility-coach-course") for e in events)
    assert len({e["UID"][1] for e in events}) == 2
    assert "VERSION:2.0\r\n" in text and "PRODID:" in text


def test_ical_reads_back_in_a_calendar_library():
    icalendar = pytest.importorskip("icalendar")
    text = ical.calendar([ical.Event("d", date(2027, 1, 30), "Départ, train; 4 days" * 4)])
    cal = icalendar.Calendar.from_ical(text)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == date(2027, 1, 30)
    assert event.decoded("DTEND") == date(2027, 1, 31)
    assert str(event["SUMMARY"]) == "Départ, train; 4 days" * 4


# -- budget simulator ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rates():
    return load_rates(2021)


def cli_budget(path: Path, *extra: str) -> str:
    from course_lib.cli.budget import budget

    result = CliRunner().invoke(budget, [str(path), "--format", "csv", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_simulator_gives_the_budget_commands_figures(tmp_path, rates):
    groups = bud.example_project()
    result = bud.compute(groups, rates)
    project = tmp_path / "project.csv"
    project.write_text(bud.project_csv(groups), encoding="utf-8")
    assert bud.budget_csv(result) == cli_budget(project)
    assert result.totals == estimate(read_mobilities(project, rates), rates).totals
    assert result.lines["participant_id"].tolist() == ["BAK-01", "BAK-02", "BAK-03", "BAK-04",
                                                       "TRN-01"]
    assert result.details["fewer_opportunities"].tolist() == [True, False, False, False, False]


def test_another_destination_and_call_year(tmp_path, rates):
    groups = [replace(g, destination_city="Dublin", destination_country="IE")
              for g in bud.example_project()]
    for year in (2021, 2026):
        table = load_rates(year)
        result = bud.compute(groups, table)
        project = tmp_path / f"p{year}.csv"
        project.write_text(bud.project_csv(groups), encoding="utf-8")
        assert bud.budget_csv(result) == cli_budget(project, "--year", str(year))
    assert bud.compute(groups, rates).totals["total"] != bud.compute(
        bud.example_project(), rates).totals["total"]


def test_bad_rows_are_named_under_their_row(rates):
    good, other = bud.example_project()
    with pytest.raises(bud.ProjectError) as caught:
        bud.compute([replace(good, destination_city="Atlantis"),
                     replace(other, end=other.start - timedelta(days=3))], rates)
    problems = caught.value.problems
    assert "city 'Atlantis' not found in ES" in problems[0][0]
    assert problems[1] == ["end 2027-01-29 is before start 2027-02-01"]
    with pytest.raises(bud.ProjectError) as caught:
        bud.compute([good, replace(other, id="BAK-02"), replace(other, id="X", fewer=2)], rates)
    assert "duplicate participant_id 'BAK-02'" in caught.value.problems[1][0]
    assert "fewer_opportunities: between 0 and 1" in caught.value.problems[2][0]
    with pytest.raises(bud.ProjectError) as caught:
        bud.compute([], rates)
    assert caught.value.problems[None] == ["the project has no participant: add a row"]


def test_an_uploaded_project_keeps_its_rows(rates):
    groups = bud.load_csv(EXAMPLE.read_bytes(), rates, "valencia-bakery.csv")
    assert [g.id for g in groups] == [m.participant_id for m in read_mobilities(EXAMPLE, rates)]
    assert bud.compute(groups, rates).totals == estimate(read_mobilities(EXAMPLE, rates),
                                                         rates).totals
    text = EXAMPLE.read_text(encoding="utf-8").replace("2027-02-28", "2027-13-45", 1)
    with pytest.raises(bud.MobilityFileError) as caught:
        bud.load_csv(text.encode() + b"X,pilot,,,,,,,,,,,\n", rates, "bad.csv")
    where = dict(caught.value.problems)
    assert "bad date '2027-13-45'" in where["line 2"]
    assert caught.value.path == "bad.csv"
    with pytest.raises(bud.MobilityFileError):
        bud.load_csv(b"\xff\xfe not a csv at all", rates)


def test_a_national_agency_table_is_loaded_or_refused():
    table = bud.load_rate_table((RATES_DIR / "2021.yaml").read_bytes(), "na.yaml")
    assert table.call_year == 2021 and table.path is None
    for data in (b"call_year: 2021\n", b"- just\n- a list\n", b"\x00\x01\x02binary",
                 b"key: [unclosed"):
        with pytest.raises(RatesError):
            bud.load_rate_table(data, "bad.yaml")


def test_budget_workbook_reads_back(rates):
    groups = bud.example_project()
    result = bud.compute(groups, rates)
    book = load_workbook(io.BytesIO(bud.budget_xlsx(result, groups)))
    assert book.sheetnames == ["Totals", "Participants", "Project"]
    rows = list(book["Totals"].iter_rows(values_only=True))
    assert rows[-1] == ("Total", result.totals["total"])
    participants = list(book["Participants"].iter_rows(values_only=True))
    header = participants.index(tuple(result.lines.columns))
    assert sum(r[-1] for r in participants[header + 1:]) == result.totals["total"]
    project = list(book["Project"].iter_rows(values_only=True))
    assert len(project) == 1 + len(result.lines)


def test_downloads_carry_their_data():
    link = ui.download_link("a,b\n1,2\n", "x.csv", ui.CSV_MIME, "Get <it>")
    assert 'download="x.csv"' in link and "Get &lt;it&gt;" in link
    import base64

    data = re.search(r"base64,([^\"]+)", link).group(1)
    assert base64.b64decode(data) == b"a,b\n1,2\n"


# -- the budget widgets (no browser) -------------------------------------------------------------
def upload(name: str, data: bytes) -> tuple[dict, ...]:
    """What a FileUpload widget holds once the browser sent a file."""
    return ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
             "last_modified": datetime(2026, 1, 5, tzinfo=timezone.utc)},)


def test_the_simulator_keeps_the_last_valid_result_beside_a_message(rates):
    app = bud.BudgetSimulator()
    total = app.budget.totals["total"]
    row = app.rows[0]
    row.widgets["destination_city"].value = "Atlantis"
    assert "not found in ES" in row.message.value
    assert "mc-bad" in row.widgets["destination_city"]._dom_classes
    assert "last valid result" in app.status.value
    assert app.budget.totals["total"] == total
    row.widgets["destination_city"].value = "Dublin"
    row.widgets["destination_country"].value = "IE"
    dublin = [replace(g, destination_city="Dublin", destination_country="IE")
              for g in bud.example_project()[:1]] + bud.example_project()[1:]
    assert app.budget.totals == bud.compute(dublin, rates).totals != {}
    assert app.budget.totals["total"] != total
    assert row.message.value == "" and app.status.value == ""
    app.rows[0].widgets["distance_km"].value = "far"
    assert "is not a number" in app.rows[0].message.value


def test_the_simulators_uploads_show_messages():
    app = bud.BudgetSimulator()
    before = app.budget.totals
    app.csv_upload.value = upload("bad.csv", b"who,what\n1,2\n")
    assert "bad.csv was not loaded" in app.csv_msg.value and "missing column" in app.csv_msg.value
    app.rates_upload.value = upload("na.yaml", b"call_year: x\n")
    assert "na.yaml is not a usable rate table" in app.rates_msg.value
    assert "mc-upload" not in app.rates_msg.value  # no server path shown
    assert app.budget.totals == before
    app.csv_upload.value = upload("ok.csv", EXAMPLE.read_bytes())
    assert "Loaded ok.csv: 5 participant(s)" in app.csv_msg.value
    app.rates_upload.value = upload("na.yaml", (RATES_DIR / "2026.yaml").read_bytes())
    assert app.rates_choice.value == "upload" and app.budget.call_year == 2026


# -- project planner -----------------------------------------------------------------------------
TODAY = date(2025, 9, 1)


def test_the_planner_schedules_a_template_as_the_engine_does():
    from course_lib.erasmus import load_template, schedule

    sched, warnings = pln.plan_schedule("ka122-short-term", {}, {}, TODAY)
    engine = schedule(load_template("ka122-short-term"), today=TODAY)
    assert sched.table().equals(engine.table())
    assert warnings == engine.warnings == []


def test_the_planner_warns_and_refuses_bad_durations():
    _, warnings = pln.plan_schedule("ka122-short-term", {},
                                    {"project_start": date(2026, 5, 4)}, TODAY)
    assert any("before the call's start window" in w for w in warnings)
    with pytest.raises(pln.PlanInputError) as caught:
        pln.plan_schedule("ka122-short-term", {"needs_analysis": -5, "mobility": 0}, {}, TODAY)
    assert caught.value.problems == {"needs_analysis": "a task lasts at least 1 day, got -5",
                                     "mobility": "a task lasts at least 1 day, got 0"}
    _, late = pln.plan_schedule("ka122-short-term", {}, {}, date(2026, 1, 5))
    assert any("days before today" in w for w in late)


def test_moving_one_fixed_date_moves_the_others():
    fixed = {"a": date(2026, 2, 19), "b": date(2026, 9, 1), "c": None}
    moved = pln.shift_fixed(fixed, "a", date(2026, 2, 19), date(2027, 2, 18))
    assert moved == {"a": date(2027, 2, 18), "b": date(2027, 8, 31), "c": None}


def test_the_milestones_calendar_parses_back():
    sched, _ = pln.plan_schedule("erasmuspro-long", {}, {"departure": date(2027, 1, 11)}, TODAY)
    events = parse_ics(pln.milestones_ics(sched))
    expected = {t.task.name: t.earliest_start for t in sched.tasks if t.task.milestone}
    got = {unescape(e["SUMMARY"][1]): datetime.strptime(e["DTSTART"][1], "%Y%m%d").date()
           for e in events}
    assert got == expected and got["Departure"] == date(2027, 1, 11)
    frame = pd.read_csv(io.StringIO(pln.schedule_csv(sched)))
    assert frame["id"].tolist() == [t.task.id for t in sched.tasks]


def test_the_planner_widgets_show_a_bad_duration_beside_it():
    app = pln.Planner(today=TODAY)
    first = app.schedule
    app.duration_widgets["needs_analysis"].value = -5
    assert "at least 1 day" in app.duration_msgs["needs_analysis"].value
    assert app.schedule is first and "last valid" in app.status.value
    app.duration_widgets["needs_analysis"].value = 21
    app.date_widgets["call_deadline"].value = date(2027, 2, 18)
    assert app.date_widgets["departure"].value == date(2028, 1, 29)  # moved along
    assert app.schedule["call_deadline"].earliest_start == date(2027, 2, 18)


# -- skills -----------------------------------------------------------------------------------
def test_the_framework_reads_and_maps_skills_to_modules():
    import yaml

    raw = yaml.safe_load((DATA_DIR / "skills.yaml").read_text(encoding="utf-8"))
    fw = sk.framework()
    assert [s.id for s in fw.skills] == [s["id"] for s in raw["skills"]]
    coverage = sk.coverage_frame(fw)
    for s in raw["skills"]:
        assert {m for m in coverage.columns if coverage.loc[s["id"], m]} == set(s["modules"])
    page = sk.framework_html(fw)
    assert all(m.name in page for m in fw.missions) and 'class="mc-end"' in page


def test_module_priorities_follow_the_gaps():
    ratings = {"recognition-tools": 1, "grant-budget": 2, "promotion-plan": 4}
    ranked = sk.module_priorities(ratings)
    assert ranked["module"].tolist()[0] == "c4-2-recognition"  # gap 2 on its only skill
    assert ranked.set_index("module").loc["c4-2-recognition", "gap_points"] == 2
    assert "c5-promotion" not in ranked["module"].tolist()  # above the target
    assert sk.module_priorities({}).empty


def test_a_self_assessment_round_trips_and_bad_files_are_named():
    ratings = {s.id: (i % 5) for i, s in enumerate(sk.framework().skills)}
    assert sk.read_ratings(sk.ratings_csv(ratings).encode()) == ratings
    with pytest.raises(sk.RatingsError) as caught:
        sk.read_ratings(b"skill_id,your_level\ngrant-budget,7\nflying,2\n")
    assert caught.value.problems == [("line 2", "your_level 7 is not a level 0-4"),
                                     ("line 3", "unknown skill 'flying'")]
    with pytest.raises(sk.RatingsError, match="missing column 'skill_id'"):
        sk.read_ratings(b"name,score\n")
    app = sk.SelfAssessment()
    app.upload.value = upload("x.csv", b"name\n")
    assert "x.csv was not loaded" in app.upload_msg.value
    app.pickers["grant-budget"].value = 3
    assert "<b>1</b> of 20 skills rated" in app.summary.value


# -- cohort -----------------------------------------------------------------------------------
def test_the_demo_cohort_is_synthetic_fast_and_consistent():
    cohort = coh.demo_cohort()
    assert cohort.synthetic and len(cohort.learners()) == 12
    assert coh.demo_cohort().scores.equals(cohort.scores)  # seeded
    sums = cohort.items.groupby(["learner", "module"])[["score", "max_score"]].sum()
    merged = cohort.scores.set_index(["learner", "module"])
    assert (sums["score"] == merged["score"]).all() and (
        sums["max_score"] == merged["max_score"]).all()
    from course_lib.catalogue import module

    for mid in cohort.modules():
        assert set(merged.xs(mid, level="module")["max_score"]) == {module(mid).points}
    failed = coh.failed_questions(cohort)
    assert failed["failed_percent"].is_monotonic_decreasing
    assert not failed["item"].eq("written-task").any()


def test_status_follows_the_pass_mark():
    assert coh.status("c1-1-develop", 14, False) == "validated"
    assert coh.status("c1-1-develop", 13.5, True) == "manual"
    assert coh.status("c1-1-develop", 13.5, False) == "not-validated"


def test_a_missing_or_bad_gradebook_falls_back_to_the_demo(tmp_path):
    cohort = coh.load_cohort({coh.ENV: str(tmp_path / "nope.db")})
    assert cohort.synthetic and "does not exist" in cohort.notes[0]
    (tmp_path / "bad.db").write_bytes(b"not sqlite at all" * 100)
    assert "not an nbgrader gradebook" in coh.load_cohort({coh.ENV: str(tmp_path / "bad.db")}
                                                         ).notes[0]
    assert coh.load_cohort({}).synthetic
    assert site.kernel_environment(tmp_path / "g.db", {})[coh.ENV] == str(tmp_path / "g.db")


@pytest.mark.slow
def test_the_cohort_reads_a_graded_nbgrader_gradebook(graded):
    """A gradebook written by nbgrader's own autograde (demo-cohort then grade)."""
    course, report = graded
    db = course / "gradebook.db"
    before = db.read_bytes()
    cohort = coh.read_gradebook(db)
    assert db.read_bytes() == before, "the dashboard never writes to the gradebook"
    got = {(r.learner, r.module): (r.score, r.max_score)
           for r in cohort.scores.itertuples(index=False)}
    assert {k: got[k] for k in report.scores} == report.scores
    assert not cohort.synthetic and cohort.source == "gradebook.db"
    wrong = cohort.items[cohort.items["learner"] == "coach-wrong"]
    assert (wrong[wrong["auto"]]["score"] == 0).all()
    failed = coh.failed_questions(cohort)
    assert not failed.empty and "written-task" not in set(failed["item"])
    manual = set(cohort.items[~cohort.items["auto"]]["item"])  # written tasks, by hand
    assert "written-task" in manual and not any(i.startswith("test-") for i in manual)
    assert not manual & set(failed["item"])
    assert coh.question_text("c1-1-develop", "test-v1") != "test-v1"
    wide = coh.matrix(cohort)
    assert set(wide["learner"]) == {k[0] for k in got}
    app = coh.CohortDashboard(cohort)
    app.find.value = "zzz"
    assert "No learner's id contains 'zzz'" in html.unescape(app.find_msg.value)
    assert "coach-01" in app.grid.value


def test_site_settings_lock_the_template_and_serve_pictures_only():
    config = site.voila_config(preheat=True)["VoilaConfiguration"]
    assert config["template"] == "course" and config["allow_template_override"] == "NO"
    allow = [re.compile(p) for p in config["file_allowlist"]]
    deny = [re.compile(p) for p in config["file_denylist"]]

    def served(path: str) -> bool:
        return any(p.fullmatch(path) for p in allow) and not any(p.fullmatch(path) for p in deny)

    assert served("logo.png") and served("modules/c1-1-develop/img/map.svg")
    for path in ("../x.png", "modules/../../x.png", ".hidden.png", "gradebook.db", "a.ipynb",
                 "nbgrader_config.py", "voila.json", "x.png/../../etc/passwd"):
        assert not served(path), path
    assert (site.TEMPLATES_ROOT / "voila" / "templates" / "course" / "index.html.j2").is_file()
    assert {page for _, page in site.NAV} >= {"budget.ipynb", "planner.ipynb", "skills.ipynb",
                                              "cohort.ipynb", "glossary.ipynb",
                                              "skills-framework.ipynb"}
