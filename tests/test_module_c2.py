"""C2 (c2-regulations): the case computes what the lesson states, and each exercise check
passes the right answer, names each usual mistake, reads natural inputs and says what to type
when the answer is still ``...``."""

from __future__ import annotations

from datetime import date

import nbformat
import pytest

from course_lib.lessons.cases import c2 as case
from course_lib.lessons.cases import load_case
from course_lib.lessons.checks import c2

from .conftest import REPO

MID = "c2-regulations"


@pytest.fixture(autouse=True)
def grading(monkeypatch):
    """As under nbgrader autograde: a failed check raises with its message."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")


def fails(check, value) -> str:
    with pytest.raises(AssertionError) as info:
        check(value)
    return str(info.value)


def day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


# -- the case and the lesson ------------------------------------------------------------------
def test_the_contract_ceiling_is_computed_from_the_dates():
    assert case.contract_months("2026-09-01", "2027-08-31") == 12
    assert case.contract_months("2024-09-01", "2027-08-31") == 36
    assert case.contract_months(date(2025, 9, 1), date(2027, 8, 31)) == 24
    assert case.longest_mobility_months("2026-09-01", "2027-08-31") == 6  # half decides
    assert case.longest_mobility_months("2024-09-01", "2027-08-31") == 12  # one year decides
    assert case.longest_mobility_months("2026-09-01", "2028-02-29") == 9  # 18 months
    assert case.longest_mobility_now(6) == 3 and case.longest_mobility_before(6) == 0
    assert case.longest_mobility_before(18) == 12 and case.longest_mobility_now(18) == 9
    with pytest.raises(ValueError, match="before it starts"):
        case.contract_months("2027-08-31", "2026-09-01")


def test_the_derived_figures_of_the_case_file_are_what_the_rules_give():
    raw = load_case(MID)
    for row in raw["duration_table"]:
        assert case.longest_mobility_before(row["contract_months"]) == row["before_2023"]
        assert case.longest_mobility_now(row["contract_months"]) == row["now"]
    for p in raw["participants"]:
        assert case.stay_days(p) == p["activity_days"], p["id"]
        assert case.age_on(p["born"], p["mobility_start"]) == p["age_at_departure"], p["id"]
        assert case.is_minor(p) == p["minor"], p["id"]
        if case.is_apprentice(p):
            assert case.contract_of(p) == p["contract_months"], p["id"]
            assert case.ceiling_of(p) == p["longest_mobility_months_now"], p["id"]
    manon = case.participant("manon")
    assert str(case.recent_graduate_window_end(manon["graduation_date"])) == manon[
        "recent_graduate_window_end"]
    elapsed = manon["time_after_graduation_at_start"]
    assert case.time_after_graduation(manon) == (elapsed["months"], elapsed["days"])
    ceam = raw["ceam_request_latest"]
    assert str(case.ceam_request_latest(case.participant("ines")["mobility_start"])) == ceam[
        "ines"]
    assert str(case.ceam_request_latest("2027-03-01")) == ceam["lea_noah_manon_julien"]
    project = raw["erasmus_project"]
    assert case.contract_months(project["project_start"], project["project_end"]) == project[
        "project_months"]
    assert len(raw["participants"]) == project["participants_counted"]


def test_the_exercise_answers_follow_from_the_case_facts():
    raw = load_case(MID)
    allowed, rules = case.exercise_1_expected()
    assert allowed == list(raw["exercise_1_expected"]["allowed"])
    assert rules == list(raw["exercise_1_expected"]["rules"])
    assert rules == [s["rule"] for s in raw["exercise_1_scenarios"]]
    expected_2 = raw["exercise_2_expected"]
    assert case.exercise_2_expected() == {"ines": expected_2["ines_longest_months"],
                                          "karim": expected_2["karim_longest_months"]}
    expected_3 = raw["exercise_3_expected"]
    assert case.exercise_3_expected() == {k: list(v) for k, v in expected_3.items()}


def test_the_rules_decide_other_facts_differently():
    """The expected answers are computed, not stored: other facts give other answers."""
    eight = {"id": "X", "kind": "contract_ceiling", "participant": "karim", "stay_months": 8}
    assert case.assess(eight) == (True, "R6")
    may = {"id": "X", "kind": "project_start", "project_start": "2026-06-01"}
    assert case.assess(may) == (True, "R5")
    big = {"id": "X", "kind": "participant_limit", "participants": 31}
    assert case.assess(big) == (False, "R3")
    assert case.regime_for(True) == "mise à disposition"
    assert case.regime_for(False) == "mise en veille"


def lesson_text() -> str:
    nb = nbformat.read(REPO / "source" / MID / f"{MID}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_the_worked_case_in_the_lesson_matches_the_case():
    text = lesson_text()
    ines, karim = case.participant("ines"), case.participant("karim")
    lea, manon = case.participant("lea"), case.participant("manon")
    i_months, i_max = case.contract_of(ines), case.ceiling_of(ines)
    k_months, k_max = case.contract_of(karim), case.ceiling_of(karim)
    i_days, k_days = case.stay_days(ines), case.stay_days(karim)
    window_end = case.recent_graduate_window_end(manon["graduation_date"])
    after_m, after_d = case.time_after_graduation(manon)
    end = day(case.as_date(ines["contract_end"]))
    stated = [
        f"her contract runs from {day(case.as_date(ines['contract_start']))} to {end}, "
        f"{i_months:g} months",
        f"Half of it is {i_months / 2:g} months, lower than 12, so she may stay abroad at most "
        f"{i_max:g} months",
        f"Her first request, {ines['asked_for_months']} months, is not possible",
        f"the team agrees on {i_days} days",
        f"has a {k_months:g}-month contract ({day(case.as_date(karim['contract_start']))} to "
        f"{day(case.as_date(karim['contract_end']))})",
        f"his {k_days}-day ErasmusPro stay",
        f"starts almost {after_m + 1} months after graduation ({after_m} months and {after_d} "
        f"days), inside the 12-month window that ends on {day(window_end)}",
        f"so she asks by {day(case.ceam_request_latest(ines['mobility_start']))}",
        f"so they ask by {day(case.ceam_request_latest(lea['mobility_start']))}",
        f"a 6-month contract allowed no mobility before and allows "
        f"{case.longest_mobility_now(6):g} months now",
        f"an 18-month contract allowed {case.longest_mobility_before(18):g} months before and "
        f"allows {case.longest_mobility_now(18):g} months now",
        f"Léa and Noah have {case.contract_of(lea):g}-month contracts: up to "
        f"{case.ceiling_of(lea):g} months abroad",
        f"Karim has {k_months:g} months: up to {k_max:g} months, he uses {k_days} days",
        f"Inès has {i_months:g} months: up to {i_max:g} months, she uses {i_days} days",
        f"Léa, Noah and Manon: {case.stay_days(lea)} days of short-term learning mobility",
        f"It counts {len(case.participants())} participants",
    ]
    missing = [s for s in stated if s not in text]
    assert missing == []


def test_the_tables_and_charts_come_from_the_case():
    import matplotlib

    matplotlib.use("Agg")
    table = case.duration_table()
    assert list(table.iloc[:, 0]) == [6, 12, 18, 24, 36]
    assert list(table.iloc[:, 2]) == [3, 6, 9, 12, 12]
    file = case.coach_file_table().set_index("Participant")
    assert file.loc["Inès", "Longest mobility allowed"] == "6 months"
    assert file.loc["Inès", "CEAM request by"] == "27 December 2026"
    assert file.loc["Karim", "Social security"] == "Portuguese social security"
    assert file.loc["Manon", "Contract months"] == "no contract"
    assert len(case.participants_table()) == 6  # five learners and the trainer
    for chart in (case.duration_chart(), case.timeline_chart()):
        ax = chart.axes[0]
        assert ax.get_title() and ax.get_yticklabels()
        matplotlib.pyplot.close(chart)


# -- exercise 1 -------------------------------------------------------------------------------
RIGHT_ALLOWED = [False, True, False, True, False, False]
RIGHT_RULES = ["R6", "R1", "R4", "R3", "R2", "R5"]


def test_allowed():
    c2.check_allowed(RIGHT_ALLOWED)
    c2.check_allowed(tuple(RIGHT_ALLOWED))  # typed without brackets
    c2.check_allowed(["faux", "vrai", "False", "true", "FAUX", "false"])
    c2.check_allowed("False, True, False, True, False, False")
    cases = {0: "forgets the other rulebook", 1: "recent graduate as ineligible",
             2: "misses a rule on applications", 3: "do not count towards the 30",
             4: "too short for its activity type", 5: "start window of round-1"}
    for index, sentence in cases.items():
        wrong = list(RIGHT_ALLOWED)
        wrong[index] = not wrong[index]
        message = fails(c2.check_allowed, wrong)
        assert sentence in message and "of your 6" not in message
    several = fails(c2.check_allowed, [True, False, False, True, False, False])
    assert several.startswith("2 of your 6 answers are not right yet.")
    assert several.index("recent graduate") < several.index("other rulebook")  # R1 before R6
    assert "capital first letter" in fails(c2.check_allowed, ["yes", "no", "maybe", 1, 0, 1])
    assert "exactly 6 answers" in fails(c2.check_allowed, [True, False])
    assert "still holds `...`" in fails(c2.check_allowed, ...)
    assert "list between square brackets" in fails(c2.check_allowed, 1)


def test_rules():
    c2.check_rules(RIGHT_RULES)
    c2.check_rules(["r6", "R 1", 4, "3", "r2", " R5 "])
    c2.check_rules("R6, R1, R4, R3, R2, R5")
    assert "contract's dates" in fails(c2.check_rules, ["R2", "R1", "R4", "R3", "R2", "R5"])
    assert "no longer an apprentice" in fails(c2.check_rules,
                                              ["R6", "R2", "R4", "R3", "R2", "R5"])
    assert "number of people" in fails(c2.check_rules, ["R6", "R1", "R4", "R4", "R2", "R5"])
    assert "the issue is the date" in fails(c2.check_rules,
                                            ["R6", "R1", "R4", "R3", "R2", "R4"])
    assert "codes R1 to R6" in fails(c2.check_rules, ["R7", "R1", "R4", "R3", "R2", "R5"])
    other = fails(c2.check_rules, ["R6", "R1", "R3", "R4", "R2", "R5"])
    assert other.startswith("2 of your 6 rules are not right yet")
    assert "number of people" in other
    assert "still holds `...`" in fails(c2.check_rules, ...)
    assert "exactly 6 answers" in fails(c2.check_rules, ["R6"])


# -- exercise 2 -------------------------------------------------------------------------------
def test_ines_max_months():
    for right in (6, 6.0, "6", "6 mois", "6 months", "6,0"):
        c2.check_ines_max_months(right)
    assert "one-year ceiling" in fails(c2.check_ines_max_months, 12)
    assert "what Inès asked for" in fails(c2.check_ines_max_months, 7)
    assert "halved twice" in fails(c2.check_ines_max_months, 3)
    assert "Count the contract's months again" in fails(c2.check_ines_max_months, 11)
    assert "Count the contract's months again" in fails(c2.check_ines_max_months, 13)
    assert "in months, not days" in fails(c2.check_ines_max_months, 182)
    assert "No rule forbids" in fails(c2.check_ines_max_months, 0)
    assert "Not this figure" in fails(c2.check_ines_max_months, 8)
    assert "with digits" in fails(c2.check_ines_max_months, "six")
    assert "still holds `...`" in fails(c2.check_ines_max_months, ...)


def test_karim_max_months():
    for right in (12, "12", "12 mois", "12 months"):
        c2.check_karim_max_months(right)
    assert "another ceiling" in fails(c2.check_karim_max_months, 18)
    assert "six-months-in-France rule" in fails(c2.check_karim_max_months, 30)
    assert "not a ceiling of L6222-42" in fails(c2.check_karim_max_months, 36)
    assert "not a ceiling of L6222-42" in fails(c2.check_karim_max_months, 24)
    assert "in months, not days" in fails(c2.check_karim_max_months, 365)
    assert "in months, not days" in fails(c2.check_karim_max_months, "360 days")
    assert "Two ceilings apply" in fails(c2.check_karim_max_months, 6)
    assert "with digits" in fails(c2.check_karim_max_months, "douze")
    assert "still holds `...`" in fails(c2.check_karim_max_months, ...)


# -- exercise 3 -------------------------------------------------------------------------------
def test_regimes():
    c2.check_regimes(["mise à disposition", "mise en veille", "mise en veille"])
    c2.check_regimes(["Mise a disposition", "veille", "mise en veille du contrat"])
    c2.check_regimes(["MAD", "MISE EN VEILLE", "Veille"])
    c2.check_regimes("mise à disposition, mise en veille, mise en veille")
    assert "keep paying" in fails(c2.check_regimes,
                                  ["mise en veille", "mise en veille", "mise en veille"])
    message = fails(c2.check_regimes,
                    ["mise à disposition", "mise à disposition", "mise en veille"])
    assert "put on standby" in message and "keep paying" not in message
    assert "the duration does not decide it" in fails(c2.check_regimes,
                                                      ["4 weeks", "mise en veille", "veille"])
    assert 'Use "mise à disposition" or "mise en veille"' in fails(
        c2.check_regimes, ["détachement", "mise en veille", "veille"])
    assert "exactly 3 answers" in fails(c2.check_regimes, ["veille"])
    assert "still holds `...`" in fails(c2.check_regimes, ...)


def test_who_pays():
    c2.check_who_pays(["A", "B", "C"])
    c2.check_who_pays(["a", " b", "c "])
    c2.check_who_pays("A, B, C")
    assert "keep paying her" in fails(c2.check_who_pays, ["B", "B", "C"])
    assert "who hired Karim" in fails(c2.check_who_pays, ["A", "A", "C"])
    assert "Does the school pay her a wage" in fails(c2.check_who_pays, ["A", "B", "A"])
    assert "what does that leave her" in fails(c2.check_who_pays, ["A", "B", "B"])
    assert "The CFA does not pay" in fails(c2.check_who_pays, ["D", "B", "C"])
    assert "start from the regime of step 1" in fails(c2.check_who_pays, ["A", "C", "C"])
    assert "letters A, B, C, D" in fails(c2.check_who_pays, ["A", "B", "E"])
    assert "letters A, B, C, D" in fails(c2.check_who_pays, ["AB", "B", "C"])
    assert "still holds `...`" in fails(c2.check_who_pays, ...)


def test_social_security():
    c2.check_social_security(["A", "B", "A"])
    c2.check_social_security("a, b, a")
    assert "who remains responsible" in fails(c2.check_social_security, ["B", "B", "A"])
    assert "salaried in the host state comes under" in fails(c2.check_social_security,
                                                             ["A", "A", "A"])
    assert "Is Inès salaried in Portugal" in fails(c2.check_social_security, ["A", "B", "B"])
    assert "private insurance is an extra" in fails(c2.check_social_security, ["A", "B", "C"])
    assert "letters A, B, C" in fails(c2.check_social_security, ["A", "B", "D"])
    assert "exactly 3 answers" in fails(c2.check_social_security, ["A", "B"])
    assert "still holds `...`" in fails(c2.check_social_security, ...)


def test_answer_names_are_the_exercise_variables():
    nb = nbformat.read(REPO / "source" / MID / f"{MID}.ipynb", as_version=4)
    checked = [c.source.rsplit("(", 1)[1].rstrip(")") for c in nb.cells
               if c.cell_type == "code" and "from course_lib.lessons.checks.c2 import check_"
               in c.source]
    assert checked == c2.ANSWER_NAMES


def test_plain_answers_are_read_as_learners_type_them():
    """What the answer cells turn a learner's typing into, then what the checks make of it."""
    from course_lib.lessons.plain_answers import quote_plain_answers

    namespace: dict = {}
    exec(quote_plain_answers("ines_max_months = 6 mois"), namespace)
    c2.check_ines_max_months(namespace["ines_max_months"])
    exec(quote_plain_answers(
        "regimes = mise à disposition, mise en veille, mise en veille"), namespace)
    c2.check_regimes(namespace["regimes"])
    exec(quote_plain_answers("allowed = False, True, False, True, False, False"),
         namespace)
    c2.check_allowed(namespace["allowed"])
