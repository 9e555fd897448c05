"""The content standard (shared/content-standard.md), checked on every module that has a
notebook: honest time, objectives taught and tested, glossary, sources without noise, one
case, practice with hints, a graded test that teaches, a written task, a toolkit."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course_lib.catalogue import known_names, module
from course_lib.grading import graded_keys, source_modules
from course_lib.grading.toolkit import load_toolkit, read_xlsx
from course_lib.quiz.questions import load_bank

from .conftest import REPO

MODULES = source_modules(REPO)
STANDARD = [m for m in MODULES if module(m).skills]  # modules written to the raised standard
WORDS_PER_MINUTE = 150
MINUTES_PER_QUESTION = 1.5
MINUTES_PER_EXERCISE_STEP = 4
MINUTES_PER_WRITTEN_TASK = 12


def notebook(mid: str) -> nbformat.NotebookNode:
    return nbformat.read(REPO / "source" / mid / f"{mid}.ipynb", as_version=4)


def meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def prose(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells
                       if c.cell_type == "markdown" and not meta(c).get("solution"))


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9'’€%-]+", text))


def exercise_cells(nb) -> list:
    """Graded code cells that are not quiz questions: the exercise steps."""
    return [c for c in nb.cells if c.cell_type == "code" and meta(c).get("grade")
            and "test.recorded(" not in c.source]


def manual_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "markdown" and meta(c).get("grade")]


def estimated_minutes(mid: str) -> float:
    """Reading (lesson and questions) + questions + exercise steps + the written task."""
    nb = notebook(mid)
    bank = load_bank(mid)
    question_words = sum(words(q.prompt) + sum(words(t) for t in (
        *q.options.values(), *q.items.values(), *q.terms.values(), *q.definitions.values()))
        for q in bank.questions.values())
    reading = (words(prose(nb)) + question_words) / WORDS_PER_MINUTE
    return (reading + MINUTES_PER_QUESTION * len(bank.questions)
            + MINUTES_PER_EXERCISE_STEP * len(exercise_cells(nb))
            + MINUTES_PER_WRITTEN_TASK * len(manual_cells(nb)))


@pytest.mark.parametrize("mid", STANDARD)
def test_the_declared_time_is_honest(mid):
    declared, estimate = module(mid).minutes, estimated_minutes(mid)
    assert abs(declared - estimate) <= 0.2 * estimate, (
        f"{mid}: declared {declared} min, the content takes about {estimate:.0f} min")
    if declared > 90:
        assert module(mid).pause, f"{mid} is over 90 minutes: say where to pause"


def test_the_time_estimate_counts_what_is_there():
    mid = STANDARD[0] if STANDARD else MODULES[0]
    assert estimated_minutes(mid) > words(prose(notebook(mid))) / WORDS_PER_MINUTE


def graded_items(mid: str) -> dict[str, tuple[int | None, float]]:
    """grade_id -> (objective, points) for every graded cell of the module."""
    nb, bank = notebook(mid), load_bank(mid)
    items = {}
    for cell in nb.cells:
        m = meta(cell)
        if not m.get("grade"):
            continue
        found = re.search(r'test\.recorded\("([^"]+)"\)', cell.source)
        if found:
            objective = bank[found.group(1)].objective
        else:
            objective = cell.metadata.get("course", {}).get("objective")
        items[m["grade_id"]] = (objective, float(m.get("points", 0)))
    return items


@pytest.mark.parametrize("mid", STANDARD)
def test_every_objective_is_taught_and_tested(mid):
    m = module(mid)
    items = graded_items(mid)
    unnamed = [gid for gid, (objective, _) in items.items() if not objective]
    assert unnamed == [], f"graded items that name no objective: {unnamed}"
    out_of_range = [gid for gid, (o, _) in items.items() if not 1 <= o <= len(m.objectives)]
    assert out_of_range == []
    weight = {o: 0.0 for o in range(1, len(m.objectives) + 1)}
    for objective, points in items.values():
        weight[objective] += points
    assert all(weight.values()), f"objectives with no graded item: {weight}"
    assert max(weight.values()) <= 0.4 * sum(weight.values()), f"points lean on one: {weight}"


@pytest.mark.parametrize("mid", STANDARD)
def test_points_pass_mark_and_written_task(mid):
    m, nb = module(mid), notebook(mid)
    points = sum(float(meta(c).get("points", 0)) for c in nb.cells if meta(c).get("grade"))
    manual = sum(float(meta(c).get("points", 0)) for c in manual_cells(nb))
    assert points == m.points and manual == m.manual_points > 0
    assert m.pass_mark <= m.points - m.manual_points, "the pass mark needs no manual grading"
    assert "rubric" in prose(nb).lower(), "the written task shows its rubric"
    assert len(exercise_cells(nb)) >= 2, "at least one exercise on the coach's real work"


@pytest.mark.parametrize("mid", STANDARD)
def test_practice_and_graded_questions(mid):
    bank = load_bank(mid)
    practice, graded = bank.practice(), bank.graded()
    assert len(practice) >= 6 and len({q.type for q in practice}) >= 3
    assert len(graded) >= 8 and len({q.type for q in graded}) >= 3
    assert all(q.hint for q in practice), "a first wrong try gets a hint"
    keys = graded_keys(REPO / "source" / mid / f"{mid}.ipynb")
    assert set(keys) == {q.id for q in graded}
    assert all(len(k.why) >= 40 for k in keys.values()), "every graded answer is explained"
    code = "\n".join(c.source for c in notebook(mid).cells if c.cell_type == "code")
    asked = re.findall(r'practice\.ask\("([^"]+)"\)', code)
    assert sorted(asked) == sorted(q.id for q in practice)


ACRONYM = re.compile(r"(?<![\w/.#-])([A-Z][A-Z0-9]{1,}[+]?)(?![\w/-])")
NOT_TERMS = {"EUR", "PDF", "XLSX", "CSV", "OK", "URL", "FAQ", "NB", "ID", "II", "III", "IV",
             "CV", "AM", "PM", "UK", "USA", "CET", "HTML", "YYYY", "MM", "DD"}


def terms_used(text: str) -> set[str]:
    text = re.sub(r"\]\([^)]*\)|https?://\S+|`[^`]*`", " ", text)  # links and code aside
    return {a for a in ACRONYM.findall(text) if a not in NOT_TERMS and not a.isdigit()
            and not re.fullmatch(r"[A-Z]\d+|[SRVF]\d+[a-z]?|C\d(\.\d)?|L\d+|R\d+|D\d+", a)}


@pytest.mark.parametrize("mid", STANDARD)
def test_every_acronym_is_in_the_glossary(mid):
    names = {n.upper() for n in known_names()}
    missing = sorted(t for t in terms_used(prose(notebook(mid))) if t.upper() not in names)
    assert missing == [], f"acronyms used in {mid} but not in data/glossary.yaml"


def test_the_glossary_holds_the_standard_terms():
    names = {n.lower() for n in known_names()}
    for name in ("VET", "call", "National Agency", "fewer opportunities", "grant agreement",
                 "unit cost", "EQF", "CEFR", "ECVET", "critical path", "slack"):
        assert name.lower() in names, name


def test_the_acronym_scan_finds_terms():
    assert terms_used("The CFA and its OPCO; see [L6222-42](https://x.fr/OPCO).") == {
        "CFA", "OPCO"}


TAG = re.compile(r"\[(?:\d+|[A-Z]{1,2}\d+[a-z]?)\]")


@pytest.mark.parametrize("mid", STANDARD)
def test_sources_without_noise(mid):
    text = prose(notebook(mid))
    body, _, sources = text.partition("## Sources")
    assert sources.strip(), "a numbered source list at the end"
    noisy = [p[:80] for p in re.split(r"\n\s*\n", body) if len(TAG.findall(p)) > 1
             and not p.lstrip().startswith("|")]
    assert noisy == [], "at most one bracketed source tag per paragraph"
    for heading in ("## Summary", "## Further resources"):
        assert heading in text


@pytest.mark.parametrize("mid", STANDARD)
def test_one_case_drives_the_dates(mid):
    """Every full date the lesson states inside the case's time span is a date of the case."""
    from datetime import date

    from course_lib.lessons.cases import load_case

    case_text = (REPO / "course_lib" / "data" / "cases" / f"{mid}.yaml").read_text("utf-8")
    assert load_case(mid)
    case_dates = {date.fromisoformat(d) for d in re.findall(r"\d{4}-\d\d-\d\d", case_text)}
    assert case_dates, "the case has its dates"
    first, last = min(case_dates), max(case_dates)
    months = {m: i for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(), start=1)}
    stated = set()
    for day, month, year in re.findall(r"\b(\d{1,2}) (\w+) (20\d\d)\b", prose(notebook(mid))):
        if month.lower() in months:
            stated.add(date(int(year), months[month.lower()], int(day)))
    stray = sorted(d for d in stated if first <= d <= last and d not in case_dates)
    assert stray == [], f"dates in the lesson that the case does not hold: {stray}"


@pytest.mark.parametrize("mid", STANDARD)
def test_the_toolkit_is_built_and_linked(mid, course):
    tools = load_toolkit(mid)
    assert tools, f"{mid} has no toolkit"
    text = prose(notebook(mid))
    for tool in tools:
        path = course / "release" / mid / "toolkit" / tool.file
        title, header, rows = read_xlsx(path)
        assert (title, header) == (tool.title, list(tool.columns))
        assert [r[: len(header)] for r in rows] == [list(r) for r in tool.rows]
        assert f"(toolkit/{tool.file})" in text, f"{tool.file} is linked from the module"
        assert (REPO / "release" / mid / "toolkit" / tool.file).is_file(), "committed"


@pytest.mark.parametrize("mid", STANDARD)
def test_objectives_point_into_the_skills(mid):
    m = module(mid)
    assert len(m.objectives) >= 3 and m.skills
    assert Path(REPO / "course_lib" / "data" / "quizzes" / f"{mid}.yaml").is_file()
