"""C5 (promote a mobility action): the exercise checks and the "Retour d'Europe" case.

For each check: the right answer passes, what people naturally type is read (``4,4``,
``"88 %"``, a numpy number, a pandas Series of one value, ``faux``, ``"q3, q4"``), a blank
``...`` says what to type, and each usual mistake gets its own sentence. For the case: the
tables are built from the case with pandas, a mistyped column name gives a sentence, and the
figures and dates the lesson states are those computed from the case.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date

import nbformat
import numpy as np
import pandas as pd
import pytest

from course_lib.grading import answer_cells, graded_keys
from course_lib.lessons.cases import c5 as case
from course_lib.lessons.checks import c5
from course_lib.quiz.questions import load_bank

from .conftest import REPO

MID = "c5-promotion"
SOURCE = REPO / "source" / MID / f"{MID}.ipynb"


@pytest.fixture(autouse=True)
def grading(monkeypatch):
    """As under nbgrader autograde: a failed check raises with its message."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")


@pytest.fixture(autouse=True)
def values_elsewhere(tmp_path, monkeypatch):
    """Checks record the values they are given beside the notebook: keep them out of the repo."""
    monkeypatch.chdir(tmp_path)


def fails(check, value) -> str:
    with pytest.raises(AssertionError) as info:
        check(value)
    return str(info.value)


@pytest.fixture(scope="module")
def lesson() -> str:
    nb = nbformat.read(SOURCE, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown"
                       and not c.metadata.get("nbgrader", {}).get("solution"))


SURVEY = case.survey()
MOBILITIES = case.mobilities()
ENROLLED = int(case.enrolled()["2025-2026"])


# -- exercise 1, step 1a: the mean of q5_overall --------------------------------------------
def test_mean_overall_right_and_natural_inputs():
    assert case.mean_score("q5_overall") == 4.4  # 110 / 25
    for typed in (SURVEY["q5_overall"].mean(), 4.4, "4.4", "4,4", 4.40, np.float64(4.4),
                  SURVEY[["q5_overall"]].mean(), "4.4 ", round(110 / 25, 2)):
        c5.check_mean_overall(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (4.0, "That is the mean of q1_preparation, the column of the example"),
    (4, "That is the mean of q1_preparation, the column of the example"),
    (4.2, "That is the mean of another question"),
    (3.56, "That is the mean of another question"),
    (3.72, "That is the mean of another question"),
    (110, "That is the total of the answers. Use .mean() instead of .sum()"),
    (92, "That is a share of satisfied respondents"),
    (0.92, "That is a share of satisfied respondents"),
    (3.976, "That is the mean of all five questions together"),
    (3.98, "That is the mean of all five questions together"),
    (SURVEY.mean(numeric_only=True), "You gave a table of several means"),
    ("4,4 points", "Type the number only, for example 3.5"),
    (SURVEY["q5_overall"].mean, "add the round brackets at the end"),
    (2.5, "Not this value. Copy the example line and change only the column name"),
    (..., "`mean_overall` still holds `...`"),
    (True, "should be a number"),
])
def test_mean_overall_usual_mistakes(typed, message):
    assert message in fails(c5.check_mean_overall, typed)


# -- exercise 1, step 1b: the share of satisfied respondents of q2_work_tasks ---------------
def test_share_satisfied_tasks_right_and_natural_inputs():
    assert case.satisfied_share("q2_work_tasks") == 88  # 22 / 25
    for typed in ((SURVEY["q2_work_tasks"] >= 4).mean() * 100, 88, "88", "88 %", "88%", 88.0,
                  "88,0", 22 / 25 * 100):
        c5.check_share_satisfied_tasks(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (0.88, "You gave a share between 0 and 1. Multiply by 100"),
    (76, "That is the share for q1_preparation, the column of the example"),
    (92, "That is the share of another question"),
    (60, "That is the share of another question"),
    (64, "That is the share of another question"),
    (36, "You counted only the answers 5. Satisfied means 4 or 5: use >= 4"),
    (96, "You also counted the answers 3"),
    (22, "That is the number of satisfied respondents"),
    (12, "That is the share of respondents who are not satisfied"),
    (4.2, "That is the mean score"),
    ((SURVEY[case.questions()] >= 4).mean() * 100, "You gave a table of several values"),
    (50, "Not this share"),
    (..., "`share_satisfied_tasks` still holds `...`"),
])
def test_share_satisfied_tasks_usual_mistakes(typed, message):
    assert message in fails(c5.check_share_satisfied_tasks, typed)


# -- exercise 1, step 1c: the weak questions -------------------------------------------------
def test_weak_questions_right_and_natural_inputs():
    assert case.weak_questions() == ["q3_tutor", "q4_language"]  # 60 % and 64 %, below 70 %
    shares = case.satisfied_shares()
    for typed in (["q3_tutor", "q4_language"], ["q4_language", "q3_tutor"], ("q3", "q4"),
                  "q3_tutor, q4_language", "q3, q4", "Q3_Tutor; q4 language",
                  '["q3_tutor", "q4_language"]', ["“q3_tutor”", " q4_language "],
                  shares[shares < 70], shares < 70, shares[shares < 70].index,
                  SURVEY[["q3_tutor", "q4_language"]]):
        c5.check_weak_questions(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (["q3_tutor"], "One question is missing: look again at every bar"),
    ("q4_language", "One question is missing"),
    (["q1_preparation", "q3_tutor", "q4_language"],
     "q1_preparation has more than 70 % of satisfied respondents: remove it"),
    (["q2_work_tasks", "q3_tutor", "q4_language"], "You listed a question with a long bar"),
    (["q5_overall"], "You listed a question with a long bar"),
    (case.questions(), "Keep only the questions whose bar stops before the 70 % line"),
    ([], "Keep only the questions whose bar stops before the 70 % line"),
    (["tutor", "language"], "'tutor' is not a column name. Use the names of the chart"),
    (1, 'Give a list in square brackets, each name in quotes: ["q1_preparation"'),
    (..., "`weak_questions` still holds `...`"),
])
def test_weak_questions_usual_mistakes(typed, message):
    assert message in fails(c5.check_weak_questions, typed)


def test_the_weak_point_comes_from_one_destination():
    """What the feedback of step 1c and the lesson say about q3_tutor."""
    low = SURVEY[SURVEY["q3_tutor"] <= 2]
    assert len(low) == 5 and set(low["destination"]) == {"Wrocław"}
    means = case.group_mean("q3_tutor")
    assert round(means["Wrocław"], 2) == 2.14 and means.drop("Wrocław").min() >= 4.0


# -- exercise 2: the indicators -----------------------------------------------------------------
def test_mobile_apprentices_right_and_natural_inputs():
    assert case.mobile_apprentices() == 25  # 4 + 5 + 7 + 5 + 4; A26 cancelled
    for typed in (((MOBILITIES["role"] == "apprentice") & (MOBILITIES["status"] == "went")).sum(),
                  25, "25", 25.0, np.int64(25), "25 apprentices".split()[0]):
        c5.check_mobile_apprentices(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (26, "One apprentice cancelled before departure"),
    (30, "You counted the accompanying trainers too"),
    (31, "You counted every row"),
    (5, "That is the number of groups"),
    (1040, "That is the number of apprentices enrolled"),
    ("1 040", "That is the number of apprentices enrolled"),
    (24, "Not this number"),
    (..., "`mobile_apprentices` still holds `...`"),
])
def test_mobile_apprentices_usual_mistakes(typed, message):
    assert message in fails(c5.check_mobile_apprentices, typed)


def test_destinations_right_and_natural_inputs():
    assert case.destination_cities() == 5 and case.destination_countries() == 4
    for typed in (MOBILITIES.loc[MOBILITIES["status"] == "went", "city"].nunique(), 5, "5",
                  5.0):
        c5.check_destinations(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (4, "You counted countries"),
    (25, "You counted people"),
    (30, "You counted people"),
    (31, "You counted people"),
    (6, "Too many: count each different city once"),
    (3, "Not this number"),
    (["Bologna", "Cork"], "Count the different cities and give the number"),
    (..., "`destinations` still holds `...`"),
])
def test_destinations_usual_mistakes(typed, message):
    assert message in fails(c5.check_destinations, typed)


def test_mobility_rate_right_and_natural_inputs():
    assert round(case.mobility_rate(), 4) == 2.4038  # 25 / 1 040 x 100
    for typed in (25 / ENROLLED * 100, 2.4, "2,4", "2.4 %", 2.40, np.float64(2.4038),
                  "2.40"):
        c5.check_mobility_rate(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (0.024, "You gave a share between 0 and 1"),
    (2.5, "Your numerator includes the apprentice who cancelled"),
    (2.9, "Your numerator includes the accompanying trainers"),
    (3.0, "Your numerator includes the accompanying trainers"),
    (2.48, "You divided by the 2024–2025 enrolment"),
    (0.9, "That is the 2024–2025 rate of the lesson"),
    (0.89, "That is the 2024–2025 rate of the lesson"),
    (41.6, "You divided the enrolment by the number of mobile apprentices"),
    (2, "Give one decimal, for example 1.8"),
    (1.5, "Not this rate"),
    (..., "`mobility_rate` still holds `...`"),
])
def test_mobility_rate_usual_mistakes(typed, message):
    assert message in fails(c5.check_mobility_rate, typed)


def test_comparisons_right_and_natural_inputs():
    rate = case.mobility_rate()
    assert rate > case.reference_percent("national_rate_2018_2019")  # 2.4 % > 2.1 %
    assert rate < case.reference_percent("eu_target_2030")  # 2.4 % < 12 %
    for typed in (True, "True", "true", "vrai", "oui", np.bool_(True), rate > 2.1):
        c5.check_above_national(typed)
    for typed in (False, "False", "faux", "non", np.bool_(False), rate >= 12):
        c5.check_reaches_eu_target(typed)


@pytest.mark.parametrize(("check", "typed", "message"), [
    (c5.check_above_national, False, "Compare your 2025–2026 rate from step 2c with 2.1 %"),
    (c5.check_above_national, "faux", "Compare your 2025–2026 rate from step 2c with 2.1 %"),
    (c5.check_above_national, 2.4, "Answer True or False, capital first letter, no quotes"),
    (c5.check_above_national, ..., "replace the three dots with True or False"),
    (c5.check_reaches_eu_target, True, "Compare your rate from step 2c with 12 %, not with 2.1"),
    (c5.check_reaches_eu_target, 12, "Answer True or False, capital first letter, no quotes"),
    (c5.check_reaches_eu_target, ..., "replace the three dots with True or False"),
])
def test_comparisons_usual_mistakes(check, typed, message):
    assert message in fails(check, typed)


CHECKS = [c5.check_mean_overall, c5.check_share_satisfied_tasks, c5.check_weak_questions,
          c5.check_mobile_apprentices, c5.check_destinations, c5.check_mobility_rate,
          c5.check_above_national, c5.check_reaches_eu_target]


def test_every_check_fails_on_what_a_wrong_learner_types():
    """The simulated all-wrong learner types ``name = 1`` in each answer cell."""
    for check in CHECKS:
        assert len(fails(check, 1)) > 20


def test_answer_names_are_the_exercise_answers():
    names = []
    for cell in answer_cells(SOURCE):
        if not cell.quiz_answers:
            names += re.findall(r"^(\w+) =", cell.solution, re.M)
    assert c5.ANSWER_NAMES == names
    assert [f"check_{n}" for n in names] == [c.__name__ for c in CHECKS]


def test_each_check_records_plain_data_that_grades_the_same(tmp_path):
    """The trainer's verdict re-runs the check on the recorded value: pandas and numpy
    answers are recorded as plain numbers, lists and true/false."""
    given = {
        "mean_overall": SURVEY["q5_overall"].mean(),
        "share_satisfied_tasks": (SURVEY["q2_work_tasks"] >= 4).mean() * 100,
        "weak_questions": case.satisfied_shares()[case.satisfied_shares() < 70],
        "mobile_apprentices": ((MOBILITIES["role"] == "apprentice")
                               & (MOBILITIES["status"] == "went")).sum(),
        "destinations": MOBILITIES.loc[MOBILITIES["status"] == "went", "city"].nunique(),
        "mobility_rate": np.float64(25) / ENROLLED * 100,
        "above_national": np.bool_(True),
        "reaches_eu_target": np.bool_(False),
    }
    for check, name in zip(CHECKS, c5.ANSWER_NAMES, strict=True):
        check(given[name])
    recorded = json.loads((tmp_path / ".course-values.json").read_text(encoding="utf-8"))
    assert set(recorded) == set(c5.ANSWER_NAMES)
    assert recorded["weak_questions"] == ["q3_tutor", "q4_language"]
    assert recorded["above_national"] is True and recorded["mobile_apprentices"] == 25
    for check, name in zip(CHECKS, c5.ANSWER_NAMES, strict=True):
        check(recorded[name])


# -- the case's tables, and a mistyped column name ---------------------------------------------
def test_the_tables_are_built_from_the_case():
    assert list(SURVEY.columns) == ["respondent", "destination", "diploma", *case.questions()]
    assert len(SURVEY) == 25 and SURVEY[case.questions()].isin(range(1, 6)).all().all()
    assert list(MOBILITIES.columns) == ["person", "role", "diploma", "group", "city", "country",
                                        "status", "activity_days"]
    assert len(MOBILITIES) == 31 and case.accompanying_persons() == 5
    cancelled = MOBILITIES[MOBILITIES["status"] == "cancelled"]
    assert cancelled["person"].tolist() == ["A26"] and cancelled["activity_days"].tolist() == [0]
    assert case.enrolled().to_dict() == {"2024-2025": 1010, "2025-2026": 1040}
    # the survey's destinations and diplomas are those of the groups that went
    groups = {g["city"]: g["diploma"] for g in case.case()["groups"]}
    assert set(zip(SURVEY["destination"], SURVEY["diploma"], strict=True)) == set(groups.items())
    respondents = SURVEY.groupby("destination").size().to_dict()
    went = MOBILITIES[(MOBILITIES["role"] == "apprentice") & (MOBILITIES["status"] == "went")]
    assert respondents == went.groupby("city").size().to_dict()  # 100 % response rate


@pytest.mark.parametrize(("key", "message"), [
    ("q5_overal", 'There is no column "q5_overal". The columns are: respondent, destination, '
                  "diploma, q1_preparation, q2_work_tasks, q3_tutor, q4_language, q5_overall. "
                  'Did you mean "q5_overall"? Copy the name exactly, in quotes.'),
    ("Q5_overall", 'Did you mean "q5_overall"?'),
    (["q1_preparation", "q3"], 'There is no column "q3".'),
    (3, "Select a column by its name in quotes"),
])
def test_a_mistyped_column_name_gives_a_sentence(key, message):
    with pytest.raises(case.ColumnNameError) as info:
        SURVEY[key]
    assert message in str(info.value)
    assert isinstance(info.value, KeyError)  # what pandas and `.get` expect
    assert SURVEY.get("nothing", "default") == "default"


def test_a_mistyped_attribute_gives_a_sentence():
    with pytest.raises(AttributeError) as info:
        _ = MOBILITIES.stauts
    assert 'no column or method "stauts"' in str(info.value)
    assert 'The columns are: person, role' in str(info.value)
    assert not hasattr(MOBILITIES, "zzz") and hasattr(MOBILITIES, "columns")
    # selections keep the friendly table
    assert isinstance(MOBILITIES[MOBILITIES["status"] == "went"], case.CaseTable)


def test_in_a_kernel_the_sentence_is_shown_not_a_traceback(monkeypatch):
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = new_notebook(cells=[
        new_code_cell("from course_lib.lessons import start\n"
                      f'start("{MID}")\n'
                      "from course_lib.lessons.cases import c5\nsurvey = c5.survey()"),
        new_code_cell('mean_overall = survey["q5_overal"].mean()'),
        new_code_cell("print(travel_per_persn)"),  # the course's friendly errors still work
    ])
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    errors = [o for c in nb.cells for o in c.outputs if o.get("output_type") == "error"]
    assert all(not o.get("traceback") for o in errors), "no traceback is shown"
    shown = ["".join(o.get("data", {}).get("text/html", "") for o in c.outputs)
             for c in nb.cells[1:]]
    assert "There is no column &quot;q5_overal&quot;" in shown[0]
    assert "`travel_per_persn` is not known yet" in shown[1]


# -- the case's derived figures are those the lesson states -------------------------------------
def test_the_survey_worked_example_matches_the_lesson(lesson):
    counts = case.answer_counts("q1_preparation")
    assert counts.to_dict() == {1: 0, 2: 0, 3: 6, 4: 13, 5: 6}
    assert SURVEY["q1_preparation"].sum() == 100 and case.mean_score("q1_preparation") == 4.0
    assert case.satisfied_share("q1_preparation") == 76
    assert ("the 25 answers add up to 100, so the mean is 100 / 25 = 4.0. Nineteen "
            "apprentices answered 4 or 5 (13 answered 4 and 6 answered 5), so the share of "
            "satisfied respondents is 19 / 25 = 76 %. Six answered 3, and nobody answered 1 "
            "or 2.") in lesson
    assert "The CFA received 25 answers." in lesson
    overall = case.satisfied_share("q5_overall")
    assert overall == 92 and f"{overall:g} % of those who answered our survey" in lesson


def test_the_questions_quote_the_case(lesson):
    bank = load_bank(MID)
    cork = case.answers_of("Cork", "q3_tutor")
    assert "are " + ", ".join(map(str, cork[:-1])) + f" and {cork[-1]}" in bank["p-share"].prompt
    assert bank["p-share"].answer == case.share_of(cork) == 80
    valencia = case.answers_of("Valencia", "q4_language")
    assert ("are " + ", ".join(map(str, valencia[:-1])) + f" and {valencia[-1]}"
            in bank["v11"].prompt)
    assert graded_keys(SOURCE)["v11"].key == case.share_of(valencia) == 60
    assert bank["p-rate-target"].answer == case.apprentices_needed(2.1) == 22
    assert f"{case.share_fewer_opportunities():g} %" == "20 %"
    assert "(20 % of the apprentices who went, in the case;" in lesson
    assert bank["v13"].prompt.startswith("True or false? 20 % of the apprentices who went")
    assert "92 % of respondents were satisfied overall" in bank["p-indicator-types"].terms["t2"]


def test_the_mobility_rates_match_the_lesson(lesson):
    assert case.mobile_apprentices("2024-2025") == 9
    rate = case.mobility_rate("2024-2025")
    assert f"{rate:.2f}" == "0.89" and f"{rate:.1f}" == "0.9"
    assert ("sent 9 apprentices to Valencia, and 1 010 apprentices were enrolled. The mobility "
            "rate is 9 / 1 010 × 100 = 0.89 %, about 0.9 %") in lesson
    national = case.reference("national_rate_2018_2019")
    eu = case.reference("eu_target_2030")
    agence = case.reference("agence_figures_2021")
    assert f"{national['mobile_apprentices']:,}".replace(",", " ") == "7 820"
    assert (f"7 820 apprentices went abroad in {case.dash(national['year'])}, "
            f"**{national['percent']:g} %** of all apprentices") in lesson
    assert f"at least **{eu['percent']:g} %** of VET learners" in lesson
    # the Agence's 5 000 a year are apprentices (not all VET learners), in 2021
    assert f"{agence['apprentices_per_year']:,}".replace(",", " ") == "5 000"
    # a yearly count and a seven-year total side by side, not one as a share of the other
    assert ("about 5 000 apprentices a year went abroad with Erasmus+ at that time; over "
            "2014–2020 the Agence funded 164 000 mobilities of VET learners and trainers in all; "
            f"VET mobilities last **{agence['average_days']} days** on average") in lesson
    assert "out of 164 000" not in lesson
    assert "5 000 VET learners" not in lesson
    # the exercise prompts give the same figures, and the enrolment of the case
    assert "`enrolled` = 1 040 apprentices in 2025–2026" in lesson
    assert "national figure of 2.1 % of apprentices (2018–2019)" in lesson
    assert "EU target of 12 % of VET learners by 2030" in lesson
    assert case.average_activity_days() == 25.2  # (10 x 21 + 15 x 28) / 25


def test_the_case_facts_match_the_lesson(lesson):
    c = case.case()
    facts = c["other_facts"]
    assert facts["places_2025_2026"] == case.selected_apprentices() == 26
    assert (f"{facts['applications_2025_2026']} applied for {facts['places_2025_2026']} "
            "places in 2025–2026") in lesson
    days = {g["diploma"].split()[0]: case.activity_days_of(g) for g in c["groups"]}
    assert days == {"CAP": 21, "Bac": 28}
    assert "for 21 days (CAP) or 28 days (bac pro)" in lesson
    assert f"Between January and May 2026, {len(c['groups'])} groups" in lesson.replace(
        "five", "5")
    countries = list(dict.fromkeys(g["country"] for g in c["groups"]))
    assert "went to " + ", ".join(countries[:-1]) + f" and {countries[-1]}" in lesson
    objectives = {o["id"]: o for o in c["plan"]["objectives"]}
    assert ("O1: by Friday 13 November 2026, at least 45 apprentices apply for the 2026–2027 "
            "mobility places (baseline: 38 applications)") in lesson
    assert objectives["O1"]["by"] == "2026-11-13" and objectives["O1"]["target"] == 45
    assert objectives["O2"]["by"] == "2026-12-11" and objectives["O2"]["target"] == 30
    assert "O2: by Friday 11 December 2026, at least 30 employers" in lesson


def test_the_project_fits_the_call(lesson):
    p = case.case()["project"]
    start, end = date.fromisoformat(p["start"]), date.fromisoformat(p["end"])
    assert p["start_window"]["from"] <= p["start"] <= p["start_window"]["to"]
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    assert p["duration_rule_months"]["min"] <= months <= p["duration_rule_months"]["max"]
    low, high = p["activity_range_days"].values()
    for g in case.case()["groups"]:
        assert low <= case.activity_days_of(g) <= high
        assert start <= date.fromisoformat(g["outward"]) < date.fromisoformat(g["return"]) <= end
    assert case.selected_apprentices() <= p["max_participants"]  # trainers are not counted
    assert "ran from 1 September 2025 to 31 August 2026" in lesson
    assert "deadline of 19 February 2025, 12:00 Brussels time" in lesson


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]


def test_the_weekdays_the_lesson_states_are_right(lesson):
    """``Friday 13 November 2026``, and ``Tuesday 6 October`` (year from the case's dates)."""
    case_text = (REPO / "course_lib" / "data" / "cases" / f"{MID}.yaml").read_text("utf-8")
    case_dates = {date.fromisoformat(d) for d in re.findall(r"\d{4}-\d\d-\d\d", case_text)}
    stated = re.findall(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) "
                        r"(\d{1,2}) (\w+)(?: (20\d\d))?", lesson)
    assert len(stated) >= 5
    for weekday, day, month, year in stated:
        month_no = MONTHS.index(month.lower()) + 1
        if year:
            when = date(int(year), month_no, int(day))
        else:
            when = next(d for d in case_dates if (d.month, d.day) == (month_no, int(day)))
        assert f"{when:%A}" == weekday, (weekday, day, month, year)


def test_every_display_of_the_case_runs(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a))
    for name in dir(case):
        if name.startswith("show_"):
            getattr(case, name)()
    assert len(shown) >= 14
    assert case.groups_table()["Apprentices selected"].tolist() == [4, 5, 8, 5, 4]
    assert "1 apprentice cancelled on 26 February 2026" in case.groups_table().to_string()
    table = case.reference_table()
    assert table["Year"].tolist() == ["2018–2019", "by 2030"]
    assert table["Value"].tolist() == ["2.1 %", "12 %"]
    assert all("source" in s.lower() or "Recommendation" in s for s in table["Source"])


def test_the_charts_have_readable_labels():
    import matplotlib

    matplotlib.use("Agg")
    fig = case.satisfaction_chart()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert all(q in " ".join(labels) for q in case.questions())
    assert "Satisfied respondents" in ax.get_xlabel() and ax.get_xlim() == (0, 100)
    assert not ax.texts or all("%" in t.get_text() and "line" in t.get_text()
                               for t in ax.texts)  # no value printed: the learner reads bars
    fig = case.rates_chart()
    ax = fig.axes[0]
    labels = " ".join(t.get_text() for t in ax.get_yticklabels())
    assert "2024–2025" in labels and "2018–2019" in labels and "2030" in labels
    assert "2025–2026" not in labels  # the exercise's rate is not shown
    values = sorted(round(p.get_width(), 1) for p in ax.patches)
    assert values == [round(case.mobility_rate("2024-2025"), 1), 2.1, 12]
    fig = case.answers_chart("q1_preparation")
    assert [p.get_height() for p in fig.axes[0].patches] == [0, 0, 6, 13, 6]
    assert math.isclose(sum(p.get_height() for p in fig.axes[0].patches), len(SURVEY))


def test_the_plan_table_keeps_the_order_of_the_dates():
    dates = [a["when"] for a in case.case()["plan"]["actions"] if "when" in a]
    assert dates == sorted(dates)
    assert isinstance(case.plan_table(), pd.DataFrame) and len(case.plan_table()) == 8
