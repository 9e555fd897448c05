"""C3 (communicate in a foreign language and an intercultural context): the exercise checks
and the Galway case.

For each check: the right answer passes, what people naturally type is read, a blank ``...``
says what to type, and each usual mistake gets its own sentence. For the case: the figures
and dates the lesson states are those computed from the case, and the email rules find what
the lesson says they find.
"""

from __future__ import annotations

import re
from datetime import date

import nbformat
import pytest

from course_lib.grading import answer_cells, graded_keys
from course_lib.lessons.cases import c3 as case
from course_lib.lessons.checks import c3
from course_lib.quiz.questions import load_bank

from .conftest import REPO

MID = "c3-intercultural"
SOURCE = REPO / "source" / MID / f"{MID}.ipynb"


@pytest.fixture(autouse=True)
def grading(monkeypatch):
    """As under nbgrader autograde: a failed check raises with its message."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")


def fails(check, value) -> str:
    with pytest.raises(AssertionError) as info:
        check(value)
    return str(info.value)


@pytest.fixture(scope="module")
def lesson() -> str:
    nb = nbformat.read(SOURCE, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


# -- exercise 1, step 1 -----------------------------------------------------------------------
RIGHT_LEVELS = ["B1", "A1", "C1", "A2", "C2", "B2"]


def test_cefr_levels_right_and_natural_inputs():
    assert case.descriptor_levels() == RIGHT_LEVELS  # the `level` of D1..D6 in the case
    for typed in (RIGHT_LEVELS, tuple(RIGHT_LEVELS), "B1, A1, C1, A2, C2, B2",
                  "b1 a1 c1 a2 c2 b2", "b 1, a 1, c 1, a 2, c 2, b 2",
                  "[“B1”, “A1”, “C1”, “A2”, “C2”, “B2”]",
                  [" b1 ", "a1", "C1", "a2", "c2", "B2"]):
        c3.check_cefr_levels(typed)


def test_cefr_levels_blank_and_wrong_form():
    assert "still holds `...`" in fails(c3.check_cefr_levels, ...)
    assert "cefr_levels = [" in fails(c3.check_cefr_levels, ...)
    assert "should be a list" in fails(c3.check_cefr_levels, 1)  # what a wrong cell holds
    assert "Type 6 level codes" in fails(c3.check_cefr_levels, RIGHT_LEVELS[:5])
    assert "'B3' is not a CEFR level" in fails(c3.check_cefr_levels, ["B3", *RIGHT_LEVELS[1:]])
    assert "not group names" in fails(c3.check_cefr_levels, ["independent user"] * 6)


@pytest.mark.parametrize(("typed", "message"), [
    (["A1", "A2", "B1", "B2", "C1", "C2"], "The descriptors are shuffled"),
    (["B1", "A2", "C1", "A1", "C2", "B2"], "D2 and D4 are swapped. The lower of the two needs"),
    (["B1", "A1", "B2", "A2", "C2", "C1"], "D3 and D6 are swapped. 'Recognise implicit"),
    (["B1", "A1", "C2", "A2", "C1", "B2"], "D3 and D5 are swapped. 'Virtually everything"),
    (["B2", "A1", "C1", "A2", "C2", "B1"], "D1 and D6 are swapped. 'Familiar matters'"),
    (["B1", "B1", "C1", "A2", "C2", "B2"], "Each level is used exactly once: you typed 'B1'"),
    (["A2", "B1", "C1", "B2", "C2", "A1"], "2 of 6 are right (D1 is too low; D2 is too high"),
])
def test_cefr_levels_usual_mistakes(typed, message):
    assert message in fails(c3.check_cefr_levels, typed)


# -- exercise 1, step 2 -----------------------------------------------------------------------
def test_front_desk_right_and_natural_inputs():
    assert case.front_desk_ok() == ["Noah", "Yanis"]  # SI of B1 or more
    for typed in (["Noah", "Yanis"], ["Yanis", "Noah"], "Noah, Yanis", "Noah and Yanis",
                  "noah et yanis", ["NOAH", "Yanis Benali"], "[“Noah”, “Yanis”]"):
        c3.check_front_desk(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (["Noah", "Léa"], "You used the reading column"),
    (["Noah", "Lea"], "You used the reading column"),  # accents are optional
    (["Noah"], "You used the spoken production column"),
    ([], "'At least B1' includes B1 itself"),
    (["Noah", "Yanis", "Inès"], "one of them is below B1"),
    (["Yanis", "Inès", "Léa", "Noah"], "some of them are below B1"),
    (["Yanis"], "One more apprentice meets the requirement"),
    (["Lucas"], "'Lucas' is not one of the 4 apprentices: Inès, Noah, Yanis and Léa"),
    (..., "still holds `...`"),
    (1, "should be a list"),
])
def test_front_desk_usual_mistakes(typed, message):
    assert message in fails(c3.check_front_desk, typed)


def test_the_usual_wrong_lists_come_from_the_other_columns():
    assert case.at_least("R", "B1") == ["Noah", "Léa"]
    assert case.at_least("SP", "B1") == ["Noah"]
    assert case.at_least("SI", "B2") == []


# -- exercise 2, step 1 -----------------------------------------------------------------------
def test_missing_elements_right_and_natural_inputs():
    assert case.missing_elements(case.draft_email()) == ["language_level", "tutor", "next_step"]
    for typed in (["language_level", "tutor", "next_step"],
                  ["next_step", "tutor", "language_level"], "language level, tutor, next step",
                  ["Language-Level", " tutor", "NEXT_STEP"],
                  "[“tutor”, “next_step”, “language_level”]"):
        c3.check_missing_elements(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (["dates", "language_level", "tutor", "next_step"], "'dates' is in the draft: read "
                                                        "paragraph P3 again"),
    (["erasmus_frame"], "'erasmus_frame' is in the draft: read paragraph P2 again"),
    (["signature", "tutor"], "'signature' is in the draft: read paragraph P6 again"),
    (["language_level", "tutor"], "Still missing: 1 element. Read the last paragraph (P6)"),
    (["tutor", "next_step"], "Still missing: 1 element. Check each line of the checklist"),
    ([], "Still missing: 3 elements"),
    (["personal_data"], "'personal_data' is not a name of the checklist"),
    (["tuteur"], "'tuteur' is not a name of the checklist"),
    (..., "still holds `...`"),
    (1, "should be a list"),
])
def test_missing_elements_usual_mistakes(typed, message):
    assert message in fails(c3.check_missing_elements, typed)


def test_missing_elements_whole_checklist():
    assert "not the whole checklist" in fails(c3.check_missing_elements, case.element_ids())


# -- exercise 2, step 2 -----------------------------------------------------------------------
def test_paragraph_to_fix_right_and_natural_inputs():
    assert case.paragraphs_to_fix(case.draft_email()) == ["P4"]
    for typed in ("P4", "p4", "4", 4, "P 4", ["P4"], "paragraph 4", " P4 "):
        c3.check_paragraph_to_fix(typed)


@pytest.mark.parametrize(("typed", "message"), [
    ("P2", "one apprentice is under 18: the host needs to know that"),
    ("P5", "P5 holds what the host needs (Erasmus+ frame, Costs and pay, Paperwork)"),
    ("P6", "P6 is the signature"),
    ("P1", "Look for personal information about the apprentices"),
    ("P3", "Look for personal information about the apprentices"),
    (["P2", "P4"], "Type one paragraph label only"),
    ("P7", "The draft has paragraphs P1 to P6"),
    ("four", "Type a paragraph label such as \"P2\""),
    (..., "still holds `...`"),
    (True, "should be a paragraph label"),
])
def test_paragraph_to_fix_usual_mistakes(typed, message):
    assert message in fails(c3.check_paragraph_to_fix, typed)


def test_every_check_fails_on_what_a_wrong_learner_types():
    """The simulated all-wrong learner types ``name = 1`` in each answer cell."""
    for check in (c3.check_cefr_levels, c3.check_front_desk, c3.check_missing_elements,
                  c3.check_paragraph_to_fix):
        fails(check, 1)


def test_answer_names_are_the_exercise_answers():
    names = []
    for cell in answer_cells(SOURCE):
        if not cell.quiz_answers:
            names += re.findall(r"^(\w+) =", cell.solution, re.M)
    assert c3.ANSWER_NAMES == names


# -- the email rules --------------------------------------------------------------------------
def test_the_rules_find_every_element_in_camilles_email(lesson):
    email = case.first_email()
    assert case.missing_elements(email) == []
    assert case.paragraphs_to_fix(email) == []
    where = case.where_found(email)
    assert where == {"sender": "P1", "erasmus_frame": "P2", "dates": "P2", "participants": "P3",
                     "language_level": "P3", "tasks": "P4", "tutor": "P4",
                     "costs_and_pay": "P5", "paperwork": "P6", "next_step": "P7",
                     "signature": "signature"}
    assert ("Paragraph 1 gives the sender; paragraph 2 the Erasmus+ frame and the dates; "
            "paragraph 3 the participants and their language level; paragraph 4 the tasks and "
            "the tutor; paragraph 5 costs and pay; paragraph 6 the paperwork; paragraph 7 the "
            "next step; then the signature.") in lesson
    assert abs(case.word_count(email) - 340) <= 10 and "about 340 words" in lesson
    assert f"{len(case.checklist())} elements" in lesson.replace("eleven", "11")


def test_the_draft_breaks_the_rules_where_the_lesson_says():
    draft = case.draft_email()
    assert case.breaks_rules(draft["paragraphs"]["P4"]) == ["personal_data"]
    assert case.where_found(draft)["dates"] == "P3"
    # a rule-free paragraph that names no apprentice passes; a date of birth does not
    assert case.breaks_rules("We are looking for a hotel in Galway.") == []
    assert case.breaks_rules("Born 02/10/2009.") == ["personal_data"]


# -- the case's derived figures are those the lesson states -----------------------------------
def test_ages_days_and_hours_match_the_lesson(lesson):
    assert case.ages_at_departure() == {"Inès": 17, "Noah": 19, "Yanis": 18, "Léa": 17}
    assert case.minors_at_departure() == ["Inès", "Léa"]
    assert "Inès and Léa will be 17 at departure; Noah is 19 and Yanis 18." in lesson
    assert case.activity_days() == 21 and "21 days of activity" in lesson
    assert len(case.workshop_dates()) == 6 and case.workshop_hours() == 12
    assert "six workshops of two hours, 12 hours in all" in lesson
    assert case.day_of_stay("2027-03-09") == 9 and case.day_of_stay("2027-03-10") == 10
    back = date.fromisoformat(case.case()["mobility"]["return_travel"])
    assert (date.fromisoformat(case.case()["return_phase"]["date"]) - back).days == 16


def test_the_linguistic_support_matches_the_lesson_and_the_keys(lesson):
    from course_lib.erasmus.rates import load_rates

    amounts = load_rates(2021).linguistic_support
    assert amounts["per_participant"] == 150 and amounts["erasmuspro_extra"] == 150
    assert "150 € per participant who is eligible for OLS" in lesson
    assert f"shorter than {case.case()['linguistic_support']['staff_min_days']} days" in lesson
    assert case.linguistic_support("galway") == 0
    assert "The project therefore requests no linguistic support grant: 0 €." in lesson
    v5 = [  # the project of graded question v5, as its prompt states it
        {"count": 3, "role": "learner", "days": 21, "language_in_ols": False},
        {"count": 2, "role": "staff", "days": 10, "language_in_ols": False},
        {"count": 1, "role": "accompanying", "days": 10, "language_in_ols": False}]
    assert "3 apprentices" in load_bank(MID)["v5"].prompt
    assert graded_keys(SOURCE)["v5"].key == sum(
        p["count"] * case.linguistic_support_of(p) for p in v5) == 450
    staff_45_days = {"role": "staff", "days": 45, "language_in_ols": False}  # v4, option e
    assert case.linguistic_support_of(staff_45_days) == 150
    erasmuspro = {"role": "learner", "days": 120, "language_in_ols": False, "erasmuspro": True}
    assert case.linguistic_support_of(erasmuspro) == 300
    assert load_bank(MID)["p-ling-staff"].answer == case.linguistic_support(
        "variant_for_practice") == 0


def test_the_project_fits_the_call(lesson):
    c = case.case()
    project, window = c["project"], c["project"]["start_window"]
    start, end = date.fromisoformat(project["start"]), date.fromisoformat(project["end"])
    assert window["from"] <= project["start"] <= window["to"]
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    assert months == project["duration_months"] and 6 <= months <= 18
    low, high = c["mobility"]["activity_range_days"].values()
    assert low <= case.activity_days() <= high
    assert "runs from 1 September 2026 to 31 August 2027" in lesson


def test_hosts_hear_about_apprentices_only_after_selection(lesson):
    """Selection and OLS fall inside the project and before any email names, ages or levels
    the apprentices; the back-up hotel is approached only after Salthill's reply date."""
    c = case.case()
    steps = [date.fromisoformat(s["date"]) for s in c["language_plan"]["steps"]]
    selection, ols, first_test = steps[:3]
    start = date.fromisoformat(c["project"]["start"])
    first, draft = case.first_email(), case.draft_email()
    assert start <= selection < ols < first_test < date.fromisoformat(first["date"])
    assert date.fromisoformat(first["reply_by"]) < date.fromisoformat(draft["date"])
    assert "At selection, on 14 September 2026" in lesson
    assert "did not answer by 23 October. On Monday 26 October 2026" in lesson
    assert case.word_count(first) < 350 and "(a \"convention\")" in first["paragraphs"]["P6"]


def test_the_weekdays_the_lesson_states_are_right(lesson):
    stated = re.findall(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) "
                        r"(\d{1,2}) (\w+) (20\d\d)\b", lesson)
    assert len(stated) >= 4
    for weekday, day, month, year in stated:
        assert f"{date(int(year), _month(month), int(day)):%A}" == weekday, (day, month, year)


def _month(name: str) -> int:
    return ["january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"].index(name.lower()) + 1


def test_every_display_of_the_case_runs(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a))
    for name in dir(case):
        if name.startswith("show_"):
            getattr(case, name)()
    assert len(shown) >= 12
    assert list(case.self_assessment_table().columns) == [
        "Apprentice", "Listening", "Reading", "Spoken interaction", "Spoken production",
        "Writing"]
    assert "150 € per eligible participant" in case.lesson_table("ols_or_grant").to_string()


def test_the_trainers_grading_rechecks_the_recorded_values(tmp_path, monkeypatch):
    """Each check records the value it was given; the grade re-checks that plain data
    outside the learner's kernel: the solutions earn the points, `name = 1` earns none."""
    import json

    from course_lib.grading.verdicts import _exercise, cell_rules
    from course_lib.quiz.values import VALUES_FILE, read_values

    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for cell in answer_cells(SOURCE):
        if not cell.quiz_answers:
            exec(cell.solution, namespace)  # noqa: S102 - the course's own solution code
    rules = [r for r in cell_rules(SOURCE) if r.kind == "exercise"]
    assert [r.argument for r in rules] == c3.ANSWER_NAMES
    checks = {"cefr_levels": c3.check_cefr_levels, "front_desk_ok": c3.check_front_desk,
              "missing_elements": c3.check_missing_elements,
              "paragraph_to_fix": c3.check_paragraph_to_fix}
    for name, check in checks.items():
        check(namespace[name])
    values = read_values(tmp_path)
    assert set(values) == set(c3.ANSWER_NAMES)
    assert all(_exercise(r, values).passed for r in rules)
    typed = {"cefr_levels": "b1, a1, c1, a2, c2, b2", "front_desk_ok": {"Noah", "Yanis"},
             "missing_elements": ("tutor", "next step", "language level"),
             "paragraph_to_fix": 4}
    for name, value in typed.items():
        checks[name](value)
    assert all(_exercise(r, read_values(tmp_path)).passed for r in rules)
    (tmp_path / VALUES_FILE).write_text(json.dumps({n: 1 for n in c3.ANSWER_NAMES}))
    assert not any(_exercise(r, read_values(tmp_path)).passed for r in rules)
