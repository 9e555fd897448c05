"""C4.1 (educational and pedagogical methods of a mobility): the exercise checks and the Malta
case.

For each check: the right answer passes, what people naturally type is read, a blank ``...``
says what to type, and each usual mistake gets its own sentence; for the learning outcomes,
the message names the rule each outcome breaks. For the case: the expected answers are
computed from the statements and the qualifications, and the figures and dates the lesson
states are those computed from the case.
"""

from __future__ import annotations

import json
import re
from datetime import date

import nbformat
import pytest

from course_lib.grading import answer_cells, graded_keys
from course_lib.lessons.cases import c4_1 as case
from course_lib.lessons.checks import c4_1
from course_lib.quiz.questions import load_bank

from .conftest import REPO

MID = "c4-1-pedagogy"
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
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown"
                       and not c.metadata.get("nbgrader", {}).get("solution"))


# -- exercise 1: K, S or A --------------------------------------------------------------------
RIGHT_KSA = ["S", "K", "A", "S", "A", "K", "S", "A", "K"]
KSA_CHECKS = (c4_1.check_ksa_types, c4_1.check_ksa_types_all)


def test_the_ksa_answer_is_computed_from_the_statements():
    assert case.expected_types() == RIGHT_KSA
    # the lesson's quick test finds the same dimension from the words of each statement
    assert [case.quick_test(s["text"]) for s in case.statements()] == RIGHT_KSA
    assert [case.quick_test(lo["outcome"]) for lo in case.learning_outcomes()] == [
        lo["type"] for lo in case.learning_outcomes()]
    assert {k: RIGHT_KSA.count(k) for k in "KSA"} == {"K": 3, "S": 3, "A": 3}


@pytest.mark.parametrize("typed", [
    RIGHT_KSA, tuple(RIGHT_KSA), "S, K, A, S, A, K, S, A, K", "s k a s a k s a k", "SKASAKSAK",
    "[“S”, “K”, “A”, “S”, “A”, “K”, “S”, “A”, “K”]", [" s", "k ", "R", "skill", "R&A",
                                                       "knowledge", "skills", "C", "Savoirs"],
])
def test_ksa_right_and_natural_inputs(typed):
    for check in KSA_CHECKS:
        check(typed)


def test_ksa_blank_and_wrong_form():
    for check in KSA_CHECKS:
        assert "still holds `...`" in fails(check, ...)
        assert 'ksa_types = ["K", "S"' in fails(check, ...)
        assert "should be a list in square brackets" in fails(check, 1)
        assert "Type 9 letters, one per statement, in the order E1 to E9" in fails(
            check, RIGHT_KSA[:8])
        assert "'B' is not one of the three letters: use K (knowledge)" in fails(
            check, ["B", *RIGHT_KSA[1:]])


def test_seven_right_earn_the_two_points_and_not_the_third():
    seven = ["S", "K", "A", "S", "S", "K", "S", "S", "K"]  # E5 and E8 typed S
    c4_1.check_ksa_types(seven)
    message = fails(c4_1.check_ksa_types_all, seven)
    assert message.startswith("7 of 9 are right. Look again at E5 and E8.")
    assert "their point is responsibility and autonomy" in message
    assert "remove the words 'own' and 'responsibility'" in message
    assert "quick test in section 2" in message
    assert "6 of 9 are right" in fails(c4_1.check_ksa_types,
                                       ["S", "K", "S", "S", "S", "K", "S", "S", "K"])


@pytest.mark.parametrize(("typed", "message"), [
    (["S", "K", "S", "S", "A", "K", "S", "A", "K"],
     "E3 describes an action, but its point is responsibility and autonomy: remove the words "
     "'own' and 'without being reminded'"),
    (["S", "K", "A", "K", "A", "K", "S", "A", "K"],
     "E4 uses a method, a tool or a procedure: it is something the apprentice does"),
    (["S", "S", "A", "S", "A", "K", "S", "A", "K"],
     "Statements that start with 'Knows' describe facts the apprentice holds"),
    (["A", "K", "A", "S", "A", "K", "A", "A", "K"],
     "E1 and E7 say nothing about supervision or responsibility"),
    (["S"] * 9, "Each letter is used 3 times: 3 K, 3 S, 3 A."),
])
def test_ksa_usual_mistakes(typed, message):
    assert message in fails(c4_1.check_ksa_types_all, typed)


def test_the_french_reader_note_only_when_every_knows_is_s():
    all_s = ["S", "S", "A", "S", "A", "S", "S", "A", "S"]
    assert "Here S means skills (savoir-faire), not savoirs: knowledge is K." in fails(
        c4_1.check_ksa_types_all, all_s)
    one_s = ["S", "S", "A", "S", "A", "K", "S", "A", "K"]
    assert "savoir-faire" not in fails(c4_1.check_ksa_types_all, one_s)


# -- exercise 2: EQF levels -------------------------------------------------------------------
RIGHT_LEVELS = [3, 4, 5, 6, 7, 3, 5]
LEVEL_CHECKS = (c4_1.check_eqf_levels, c4_1.check_old_levels)


def test_the_levels_are_computed_from_the_qualifications():
    assert case.expected_levels() == RIGHT_LEVELS
    assert case.roman_reading() == [3, 4, 5, 6, 7, 5, 3]
    assert case.levels_of_former("V") == [3] and case.levels_of_former("III") == [5]
    assert [case.level_of_kind(k) for k in ("cap", "bac pro", "bts")] == [3, 4, 5]
    assert case.diploma_level() == 4
    # the practice on objective 2 asks for an outcome at the diploma's level, not a level number
    assert case.diploma_level() == 4 and load_bank(MID)["p-level-outcome"].answer == "b"
    assert [case.roman_value(n) for n in ("I", "II", "III", "IV", "V")] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("typed", [
    RIGHT_LEVELS, tuple(RIGHT_LEVELS), "3, 4, 5, 6, 7, 3, 5", "3 4 5 6 7 3 5",
    ["3", "4", "5", "6", "7", "3", "5"], ["niveau 3", "level 4", "EQF 5", "6.0", "7,0", 3.0, 5],
])
def test_levels_right_and_natural_inputs(typed):
    for check in LEVEL_CHECKS:
        check(typed)


def test_levels_blank_and_wrong_form():
    for check in LEVEL_CHECKS:
        assert "still holds `...`" in fails(check, ...)
        assert "eqf_levels = [3, 3, 3" in fails(check, ...)
        assert "should be a list in square brackets" in fails(check, 1)
        assert "Type 7 numbers, one per qualification, in the order Q1 to Q7" in fails(
            check, RIGHT_LEVELS[:6])
    assert "EQF levels go from 1 to 8." in fails(c4_1.check_eqf_levels, [3, 4, 5, 6, 9, 3, 5])
    assert "'four' is not a level" in fails(c4_1.check_eqf_levels, [3, "four", 5, 6, 7, 3, 5])


def test_a_roman_numeral_on_q6_costs_only_the_old_documents_point():
    typed = [3, 4, 5, 6, 7, "V", "III"]
    c4_1.check_eqf_levels(typed)
    assert ("Type today's level as a number from 1 to 8. 'V' is the old 1969 numbering: "
            "convert it first (section 3).") in fails(c4_1.check_old_levels, typed)


@pytest.mark.parametrize(("check", "typed", "message"), [
    (c4_1.check_old_levels, [3, 4, 5, 6, 7, 5, 3],
     "Q6 and Q7 use the 1969 numbering, which counted the other way round"),
    (c4_1.check_old_levels, [3, 4, 5, 6, 7, 3, 3],
     "One of the two old documents is not converted right. Which diploma was 'niveau V' and "
     "which was 'niveau III' in 1969?"),
    (c4_1.check_old_levels, [3, 4, 5, 6, 7, 4, 4], "Q6 and Q7 are not converted right yet"),
    (c4_1.check_eqf_levels, [3, 4, 2, 6, 7, 3, 5],
     "A BTS is prepared in two years after the bac, but its level is not 2"),
    (c4_1.check_eqf_levels, [3, 4, 5, 6, 8, 3, 5], "Levels are not years of study"),
    (c4_1.check_eqf_levels, [3, 4, 5, 3, 5, 3, 5], "3 of 5 are right (Q1 to Q5). Levels are "
                                                   "not years of study"),
    (c4_1.check_eqf_levels, [3, 5, 5, 6, 7, 3, 5],
     "Q2 is the apprentices' own diploma: the baccalauréat, including the bac pro, has one "
     "level"),
    (c4_1.check_eqf_levels, [4, 4, 5, 6, 7, 3, 5],
     "4 of 5 are right (Q1 to Q5). Use the table of French levels in section 3"),
])
def test_levels_usual_mistakes(check, typed, message):
    assert message in fails(check, typed)


def test_today_s_levels_pass_when_only_the_old_ones_are_wrong():
    c4_1.check_eqf_levels([3, 4, 5, 6, 7, 5, 3])
    c4_1.check_old_levels([3, 3, 3, 3, 3, 3, 5])


# -- exercise 3: three outcomes, six rules ----------------------------------------------------
MODEL = list(case.rules()["model_answer"])
OUTCOME_CHECKS = (c4_1.check_outcome_1, c4_1.check_outcome_2, c4_1.check_outcome_3,
                  c4_1.check_outcomes_table)


@pytest.mark.parametrize("typed", [
    MODEL, tuple(MODEL), "\n".join(MODEL), "; ".join(MODEL),
    ["1. The apprentice can greet customers in English at the door, on their own (bloc n° 1)",
     "- Processes card payments at the till following the shop procedure (U31)",
     "LO3: Registers new customers in the loyalty programme on the tablet (Block 3)"],
    ["Accueillir les clients en anglais à l'entrée du magasin (bloc 1)",
     "L’apprenti est capable d’encaisser les paiements par carte sous la supervision du "
     "tuteur (U31)",
     "Inscrit les nouveaux clients au programme de fidélité sur la tablette (bloc n°3)"],
    ["Be able to organize own tasks of the afternoon independently (bloc 1)",
     "Presenter les produits de la boutique aux clients (bloc 1)",
     "Report the number of sign-ups of the members evening to the tutor (bloc 3)"],
])
def test_outcomes_right_and_natural_inputs(typed):
    for check in OUTCOME_CHECKS:
        check(typed)


def test_outcomes_typed_without_quotes_are_read():
    """The answer cell's lines are read as text when they are not Python (plain answers)."""
    from course_lib.lessons.plain_answers import quote_plain_answers

    cell = ("outcome_1 = Greet customers at the shop's door in English, on their own (bloc 1)\n"
            f'outcome_2 = "{MODEL[1]}"\n'
            "outcome_3 = Inscrire les nouveaux clients au programme de fidélité (bloc 3)\n"
            "my_outcomes = [outcome_1, outcome_2, outcome_3]  # keep this line as it is")
    namespace: dict = {}
    exec(quote_plain_answers(cell), namespace)  # noqa: S102 - the transformer's output
    for check in OUTCOME_CHECKS:
        check(namespace["my_outcomes"])


def test_the_model_answer_is_what_the_case_says():
    readings = [case.read_outcome(t) for t in MODEL]
    assert [r.words for r in readings] == [19, 14, 13]
    assert [r.verb for r in readings] == ["greet", "process", "register"]
    assert [r.blocs for r in readings] == [("1",), ("1",), ("3",)]
    assert readings[0].autonomy == "on their own"
    assert case.table_broken(MODEL) == []


def test_outcomes_blank_and_wrong_form():
    for check in OUTCOME_CHECKS:
        assert "`outcome_1` still holds `...`" in fails(check, [..., ..., ...])
        assert "`outcome_2` still holds `...`" in fails(check, [MODEL[0], ..., MODEL[2]])
        assert "still holds `...`" in fails(check, ...)
        assert "should be the list of your three outcomes" in fails(check, 1)
        assert "Type exactly 3 outcomes, each in its own quotes; you gave 2" in fails(
            check, MODEL[:2])
        assert "Type exactly 3 outcomes" in fails(check, "Greet customers, advise them, pack")
        assert "Outcome 2 should be a sentence in quotes" in fails(check, [MODEL[0], 2,
                                                                           MODEL[2]])
    example = ["Explain ... (bloc 1)", "Compare ... (bloc 3)", "Welcome ... (bloc 1)"]
    assert "Outcome 1: replace each '...' with the rest of your outcome" in fails(
        c4_1.check_outcome_1, example)
    assert "Outcome 3: replace each '...'" in fails(c4_1.check_outcome_3, example)
    assert "replace each '...'" in fails(c4_1.check_outcomes_table, example)


def one(n: int, text: str) -> list[str]:
    """The model answer with outcome ``n`` replaced."""
    outcomes = list(MODEL)
    outcomes[n - 1] = text
    return outcomes


@pytest.mark.parametrize(("n", "text", "message"), [
    (2, "Understand what Maltese customers expect from a shop (bloc 1)",
     "Outcome 2 breaks rule 1. Rule 1: it starts with 'understand': nobody can observe that. "
     "Start with an action verb of the list"),
    (1, "Know the shop's three member benefits of the loyalty programme (bloc 3)",
     "it starts with 'know': nobody can observe that"),
    (1, "Découvrir le commerce de détail à Malte pendant trois semaines (bloc 1)",
     "it starts with 'découvrir': nobody can observe that"),
    (3, "Be aware of the loyalty programme and its benefits (bloc 3)",
     "it starts with 'be aware'"),
    (1, "Selling two product lines to customers in English (bloc 1)",
     "it starts with 'selling': start with the base form of the verb ('sell'), or with the "
     "-s form ('sells')."),
    (1, "Manage the till on their own during the afternoon (bloc 1)",
     "it starts with 'manage', which is not in the list. Choose a verb from the list (English "
     "or French)."),
    (1, "Lina will greet customers at the door in English (bloc 1)",
     "it should start with the verb, or with 'The apprentice can' followed by the verb"),
    (3, "Register new customers in the loyalty programme on the store tablet",
     "Outcome 3 breaks rule 2. Rule 2: it does not name its bloc: add '(bloc 1)' or "
     "'(bloc 3)' at the end."),
    (2, "Ask customers the shop's satisfaction survey at the till (bloc 2)",
     "it names bloc 2 (this placement does not target it: the shops cannot train most of its "
     "competences). Use bloc 1 or bloc 3."),
    (2, "Set up a seasonal display in the shop window (U32)", "it names bloc 2"),
    (2, "Set up a seasonal display in the shop window (bloc 4A)",
     "it names bloc 4A (this placement does not target it; it is practised at the French "
     "employers)"),
    (1, "Greet customers (bloc 1)",
     "Outcome 1 breaks rule 3. Rule 3: it has 4 words (at least 6): add the object and the "
     "context"),
    (2, "Process " + "cash and card payments " * 6 + "(bloc 1)",
     "it has 27 words (at most 25): keep one outcome per sentence and cut the rest."),
    (1, "Understand customers (bloc 2)", "Outcome 1 breaks rules 1, 2 and 3."),
])
def test_each_outcome_says_which_rule_it_breaks(n, text, message):
    checks = {1: c4_1.check_outcome_1, 2: c4_1.check_outcome_2, 3: c4_1.check_outcome_3}
    assert message in fails(checks[n], one(n, text))
    for other in {1, 2, 3} - {n}:  # the other outcomes still earn their point
        checks[other](one(n, text))


@pytest.mark.parametrize(("typed", "message"), [
    (["Greet customers in English on their own by week 3 (bloc 1)", MODEL[1],
      "Compare the prices of three competing shops in a table (bloc 1)"],
     "The table breaks rule 4. Rule 4: all 3 outcomes are for bloc 1: the placement also "
     "targets bloc 3. Write at least one outcome for it."),
    ([MODEL[0], MODEL[1], "Register new customers in the loyalty programme on the tablet"],
     "Rule 4: no outcome names bloc 3; the placement targets bloc 1 and bloc 3"),
    ([MODEL[0].replace(", on their own by week 3", ""), MODEL[1], MODEL[2]],
     "The table breaks rule 5. Rule 5: none of your outcomes says how independently the "
     "apprentice works"),
    ([MODEL[0], "Greets customers at the door of the shop every morning (bloc 1)", MODEL[2]],
     "The table breaks rule 6. Rule 6: outcomes 1 and 2 both start with 'greet': use a "
     "different verb for one of them."),
])
def test_the_table_says_which_rule_it_breaks(typed, message):
    assert message in fails(c4_1.check_outcomes_table, typed)


def test_every_check_fails_on_what_a_wrong_learner_types():
    """The simulated all-wrong learner types ``name = 1`` in each answer cell."""
    for check in (*KSA_CHECKS, *LEVEL_CHECKS, *OUTCOME_CHECKS):
        fails(check, 1)


def test_the_release_scaffold_passes_no_check():
    """A learner who runs the cells untouched: ``...`` everywhere, and three ``...``."""
    for check in (*KSA_CHECKS, *LEVEL_CHECKS):
        assert "still holds `...`" in fails(check, ...)
    for check in OUTCOME_CHECKS:
        assert "`outcome_1` still holds `...`" in fails(check, [..., ..., ...])


# -- the notebook and the trainer's grading ---------------------------------------------------
def solutions() -> dict:
    namespace: dict = {}
    for cell in answer_cells(SOURCE):
        if not cell.quiz_answers:
            exec(cell.solution, namespace)  # noqa: S102 - the course's own solution code
    return namespace


def test_answer_names_are_the_exercise_answers():
    names = []
    for cell in answer_cells(SOURCE):
        if not cell.quiz_answers:
            names += re.findall(r"^(\w+) =", cell.solution, re.M)
    assert c4_1.ANSWER_NAMES == names
    assert solutions()["my_outcomes"] == MODEL


def test_the_trainers_grading_rechecks_the_recorded_values(tmp_path, monkeypatch):
    """Each check records the value it was given; the grade re-checks that plain data
    outside the learner's kernel: the solutions earn the points, `name = 1` earns none."""
    from course_lib.grading.verdicts import _exercise, cell_rules
    from course_lib.quiz.values import VALUES_FILE, read_values

    monkeypatch.chdir(tmp_path)
    namespace = solutions()
    rules = [r for r in cell_rules(SOURCE) if r.kind == "exercise"]
    assert [r.argument for r in rules] == ["ksa_types"] * 2 + ["eqf_levels"] * 2 + [
        "my_outcomes"] * 4
    assert sum(r.points for r in rules) == 9
    for rule in rules:
        module, function = rule.function.split(":")
        getattr(c4_1, function)(namespace[rule.argument])
    values = read_values(tmp_path)
    assert set(values) == {"ksa_types", "eqf_levels", "my_outcomes"}
    assert all(_exercise(r, values).passed for r in rules)
    typed = {"ksa_types": "s, k, a, s, a, k, s, a, k", "eqf_levels": ("3", "4", "5", "6", "7",
                                                                      "niveau 3", "level 5"),
             "my_outcomes": tuple(MODEL)}
    for rule in rules:
        getattr(c4_1, rule.function.split(":")[1])(typed[rule.argument])
    assert all(_exercise(r, read_values(tmp_path)).passed for r in rules)
    (tmp_path / VALUES_FILE).write_text(json.dumps({n: 1 for n in values}))
    assert not any(_exercise(r, read_values(tmp_path)).passed for r in rules)


def test_the_exercise_cells_name_their_objective_and_points():
    nb = nbformat.read(SOURCE, as_version=4)
    tests = {c.metadata["nbgrader"]["grade_id"]: (c.metadata["course"]["objective"],
                                                  c.metadata["nbgrader"]["points"])
             for c in nb.cells if "course" in c.metadata
             and c.metadata["nbgrader"]["grade_id"].startswith("test-ex")}
    by_objective: dict = {}
    for objective, points in tests.values():
        by_objective[objective] = by_objective.get(objective, 0) + points
    assert by_objective == {1: 3, 2: 2, 3: 4}


# -- the case's derived figures are those the lesson states -----------------------------------
def test_ages_days_and_follow_up_match_the_lesson(lesson):
    assert case.ages_at_departure() == {"Lina": 18, "Théo": 17, "Maëlys": 18, "Hugo": 17}
    assert case.minors_at_departure() == ["Théo", "Hugo"]
    assert "Lina (18) and Maëlys (18)" in lesson and "Théo (17) and Hugo (17)" in lesson
    assert "Two apprentices are minors" in lesson
    assert case.activity_days() == 19 and "19 days of activity" in lesson
    assert "for a stay of 19 days" in lesson
    assert case.midpoint_day() == 10 and "on day 10 (14 October)" in lesson
    assert case.final_assessment_day() == 18 and "on day 18 (22 October)" in lesson
    assert case.day_of_stay(case.case()["activity"]["activity_end"]) == 19
    assert case.debrief_delay() == 14 and "on 6 November 2026, 14 days later" in lesson
    assert case.debrief_delay() <= case.case()["timeline"]["debrief_within_days"]


def test_the_blocs_to_target_are_computed_from_the_host_s_tasks(lesson):
    assert case.coverage() == {"1": (3, 3), "2": (1, 3), "3": (3, 3), "4A": (0, 0)}
    assert case.targeted_blocs() == ["1", "3"]
    assert ("both Maltese shops can train all three competences of bloc n° 1 and all three of "
            "bloc n° 3") in lesson
    assert "So the CFA targets blocs n° 1 and n° 3, keeps the survey as a task" in lesson
    table = case.coverage_table()
    assert list(table["Covered"]) == ["3 of 3", "1 of 3", "3 of 3", "not mapped"]
    assert list(table["Decision"])[:3] == ["target", "keep T8 as a task, do not target",
                                           "target"]
    # every outcome of the table names a targeted bloc and a task of that bloc
    tasks = {t["id"]: t["bloc"] for t in case.case()["host"]["tasks"]}
    for lo in case.learning_outcomes():
        assert lo["bloc"] in case.targeted_blocs()
        assert all(tasks[t] == lo["bloc"] for t in lo["tasks"])


def test_the_debriefing_of_the_lesson_is_the_case_s(lesson):
    d = case.case()["debrief_example"]
    ids = {lo["id"] for lo in case.learning_outcomes()}
    assert set(d["acquired"]) | set(d["partly_acquired"]) | set(d["not_yet"]) == ids
    assert ("Hugo has acquired LO1, LO2 (at the level set for him, with the tutor's help), "
            "LO3, LO5 and LO6. LO7 is partly acquired") in lesson
    assert "LO4 is not yet acquired" in lesson
    lo2 = case.outcome("LO2")["outcome"]
    assert "on their own" in lo2 and "with the tutor's help" in lo2  # key of v12


def test_the_project_fits_the_call(lesson):
    c = case.case()
    window, project = c["call"]["start_window"], c["project"]
    assert window["from"] <= project["start"] <= window["to"]
    low, high = project["length_range_months"].values()
    assert case.project_months() == 12 and low <= case.project_months() <= high
    assert project["start"] <= c["activity"]["activity_start"] <= project["end"]
    low, high = c["activity"]["range_days"].values()
    assert low <= case.activity_days() <= high
    assert "runs from 1 September 2026 to 31 August 2027" in lesson
    assert "19 February 2026 at 12:00 Brussels time" in lesson


def _month(name: str) -> int:
    return ["january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"].index(name.lower()) + 1


def test_the_weekdays_the_lesson_states_are_right(lesson):
    stated = re.findall(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) "
                        r"(\d{1,2})(?: to \w+ \d{1,2})? (\w+) (20\d\d)\b", lesson)
    assert stated
    for weekday, day, month, year in stated:
        assert f"{date(int(year), _month(month), int(day)):%A}" == weekday, (day, month, year)
    assert case.long_date("2026-10-23", True) == "Friday 23 October 2026"
    assert "from Monday 5 to Friday 23 October 2026" in lesson
    assert f"{date.fromisoformat(case.case()['activity']['activity_start']):%A}" == "Monday"


def test_every_date_of_the_lesson_timeline_is_a_step_of_the_case(lesson):
    steps = {date.fromisoformat(s["date"]) for s in case.case()["timeline"]["steps"]}
    for day in (14, 16, 18, 25, 28):
        assert date(2026, 9, day) in steps
    assert {date(2026, 10, d) for d in (5, 9, 14, 16, 22)} <= steps
    assert {date(2026, 11, 6), date(2026, 11, 20)} <= steps
    keys = graded_keys(SOURCE)
    assert "14, 16, 18, 25 and 28 September 2026" in keys["v10"].why


# -- the toolkit and the displays agree with the case -----------------------------------------
def test_the_toolkit_holds_the_case_s_outcomes_and_dates():
    from course_lib.grading.toolkit import load_toolkit

    tools = {t.file: t for t in load_toolkit(MID)}
    rows = tools["learning-outcomes-table.xlsx"].rows
    assert [(r[0], r[3], r[4]) for r in rows] == [
        (lo["id"], lo["outcome"], lo["type"]) for lo in case.learning_outcomes()]
    steps = {s["date"] for s in case.case()["timeline"]["steps"]}
    for row in tools["pedagogical-cycle-checklist.xlsx"].rows:
        found = re.match(r"\d{4}-\d\d-\d\d", row[3])
        assert found is None or found.group(0) in steps, row
    # the toolkit gives away no more than the lesson shows: a statement of exercise 1 is in it
    # only as an outcome of the worked case's table (E4 is LO4); no qualification of exercise 2
    text = " ".join(" ".join(r) for t in tools.values() for r in t.rows)
    outcomes = {lo["outcome"] for lo in case.learning_outcomes()}
    in_toolkit = [s["text"].rstrip(".") for s in case.statements() if s["text"].rstrip(".") in text]
    assert set(in_toolkit) <= outcomes and len(in_toolkit) <= 1
    assert not any(q["text"] in text for q in case.qualifications())


def test_every_display_of_the_case_runs(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a))
    for name in dir(case):
        if name.startswith("show_"):
            getattr(case, name)()
    assert len(shown) >= 12
    assert list(case.french_levels_table().iloc[:, 2]) == ["V", "IV", "III", "II", "I", "I"]
    assert "Describes the shop's loyalty programme" in case.dimensions_table().to_string()
    assert list(case.statements_table().columns) == ["Id", "Statement"]  # never the type
    assert list(case.qualifications_table().columns) == ["Id", "Qualification"]
