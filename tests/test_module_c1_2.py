"""C1.2, "Atelier bois à Porto": the case's derived figures are those the lesson states, and
each exercise check passes the right answer, names the usual mistakes, reads what people
naturally type and says what to type when a cell still holds ``...``."""

from __future__ import annotations

import re
from datetime import date

import pytest

from course_lib.erasmus.planning import days_before
from course_lib.erasmus.rates import load_rates
from course_lib.lessons.cases import c1_2 as case
from course_lib.lessons.checks import c1_2
from course_lib.quiz.questions import load_bank

from .conftest import REPO

MID = "c1-2-implement"
NOTEBOOK = REPO / "source" / MID / f"{MID}.ipynb"
CASE_FILE = REPO / "course_lib" / "data" / "cases" / f"{MID}.yaml"


from .checking import fails, grading  # noqa: E402, F401 - run as under nbgrader autograde


def lesson_text() -> str:
    return NOTEBOOK.read_text(encoding="utf-8")


# -- the case and the engines ---------------------------------------------------------------
def test_the_grant_is_the_engines_with_printed_day_15_amounts():
    assert case.distance_km() == pytest.approx(951, abs=0.5)
    assert case.funded_days() == 23 and case.tier_split() == (14, 9)
    assert case.grant_by_category() == {"travel": 1375, "individual_support": 6745,
                                        "organisational_support": 1400, "inclusion_support": 100}
    assert case.individual_support_of("lea") == 14 * 57 + 9 * 40 == 1158
    assert case.individual_support_of("marc") == 14 * 104 + 9 * 73 == 2113


def test_the_rates_the_case_prints_are_the_table_the_engine_uses():
    printed, rates = case.case()["rates"], load_rates(2021)
    group = rates.country_group("PT")
    assert group == 2
    assert rates.travel_amount(case.distance_km()) == printed["travel_500_1999_standard"]
    learner = [r for _, r in rates.tier_rates("learner", group)]
    staff = [r for _, r in rates.tier_rates("accompanying", group)]
    assert learner == [printed["learner_group2_day1_14"], printed["learner_group2_day15_plus"]]
    assert staff == [printed["staff_group2_day1_14"], printed["staff_group2_day15_plus"]]
    assert rates.organisational_amount("short_term", 1) == printed[
        "organisational_support_short_term"]


def test_the_grant_lines_the_lesson_writes_add_up():
    how, granted = case.case()["grant_computation"], case.grant_by_category()
    for key, text in how.items():
        formula = text.split("(band")[0].split("(the trainer")[0].split("=")[0]
        numbers = re.sub(r"[^\d×+() ]", "", formula).replace("×", "*")
        assert eval(numbers) == granted[key], (key, text)  # noqa: S307 - our own yaml
    assert "4 × 1 158 + 2 113" in how["individual_support"]


def test_the_people_and_the_stay():
    ages = {p: case.age_at_departure(p) for p in case.apprentices()}
    assert ages == {"lea": 17, "hugo": 17, "ines": 18, "yanis": 19}
    assert [p for p in ages if case.is_minor(p)] == ["lea", "hugo"]
    assert case.activity_days() == 21 and case.nights_abroad() == 22
    assert case.departure() == date(2027, 3, 7) and case.return_date() == date(2027, 3, 29)


def test_spending_is_computed_from_the_lines():
    table = case.spending_vs_grant().set_index("category")
    assert table["actual"].to_dict() == {"travel": 1270, "individual_support": 6995,
                                         "organisational_support": 930,
                                         "inclusion_support": 70, "total": 9265}
    assert table["difference"].to_dict() == {"travel": -105, "individual_support": 250,
                                             "organisational_support": -470,
                                             "inclusion_support": -30, "total": -355}
    assert case.overspent_categories() == ["individual_support"]
    flats = next(line for line in case.case()["spending"]["lines"] if "nights" in line["count"])
    assert flats["count"]["nights"] == case.nights_abroad()


def test_the_plan_is_scheduled_by_the_engine():
    s = case.departure_schedule()
    assert s.warnings == []
    assert s["selection"].latest_start == date(2026, 12, 21)
    assert case.critical_tasks() == ["call_for_applicants", "selection", "convention_drafts",
                                     "opco_request", "convention_signatures", "final_check"]
    assert {t: s[t].slack_days for t in ("ols", "preparation", "learning_agreements",
                                         "personal_documents", "travel_booking")} == {
        "ols": 12, "preparation": 12, "learning_agreements": 19, "personal_documents": 40,
        "travel_booking": 47}
    for task, day in case.case()["plan"]["worked_in_the_lesson"].items():
        assert s[task].latest_start == day, task


def test_the_files_are_judged_by_the_rules():
    assert {p: case.missing_documents(p) for p in case.apprentices()} == {
        "lea": [], "hugo": ["convention de mobilité", "CEAM", "parent ID copy"],
        "ines": ["CEAM", "emergency contacts"], "yanis": []}
    assert case.verdict("hugo", "convention de mobilité") == "incomplete"
    assert case.unsigned_by("hugo", "convention de mobilité") == ["legal representative"]
    assert case.verdict("ines", "CEAM") == "expires"
    assert case.verdict("ines", "AST") == "not required"


def test_worked_case_in_the_lesson_matches_the_engines():
    """What the lesson writes is what the engines compute from the case."""
    text = lesson_text()
    s = case.departure_schedule()
    for task in ("final_check", "convention_signatures", "opco_request"):
        assert case.long_date(s[task].latest_start) in text, task
    assert f"{s['travel_booking'].latest_start.day} February" in text
    table = case.spending_vs_grant().set_index("category")
    travel = table.loc["travel"]
    assert f"Actual travel spending is {case.euros(travel.actual)}" in text
    assert f"a grant of {travel.grant:,.0f} €".replace(",", " ") in text
    assert f"the difference is −{-travel.difference:.2f} €" in text
    assert "(57 € and 104 €)" in text and "40 € a day for learners and 73 €" in text
    assert f"= {case.funded_days()} [7]" in text
    assert "two of them aged 17" in text and "Yanis, who is 19" in text
    assert "5 × 189.00 = 945.00 €" in text
    opco = (case.departure() - s["opco_request"].latest_start).days
    assert load_bank(MID)["p-days-before"].answer == opco
    assert days_before("2027-03-07", opco) == s["opco_request"].latest_start


def test_the_case_file_stores_no_exercise_answer():
    text = CASE_FILE.read_text(encoding="utf-8")
    assert "2026-12-21" not in text and "critical_path" not in text
    assert "derived_missing" not in text and "status: missing" not in text
    assert "overspend" not in text and "totals:" not in text and "slack_days" not in text


def test_the_exercise_displays_give_no_answer_away():
    assert "Counts?" not in case.file_facts("hugo").columns
    assert "total" not in " ".join(case.spending_table()["Item"]).lower()
    plan = case.plan_table().to_string()
    assert "2026" not in plan and "slack" not in plan.lower()


def test_tables_and_charts_are_built():
    import matplotlib

    matplotlib.use("Agg")
    assert len(case.checklist_table()) == 8
    note = case.employer_file_note()
    assert "A1 certificate" in note and "Urssaf" in note and "cleiss.fr" in note
    assert "not in the participant's file checked in exercise 3" in note
    assert len(case.overview_table()) == 7
    assert case.grant_table()["Grant (€)"].iloc[-1] == "9 620.00"
    for make in (case.backplan_chart, case.spending_chart):
        fig = make()
        assert fig.axes[0].get_title()
        matplotlib.pyplot.close(fig)


LOCKED = "Answer steps 2a and 2b first; the chart then shows your result next to the grant."


@pytest.mark.parametrize(("category", "amount"), [
    (..., ...), ("individual support", ...), (..., 250), ("travel", 250),
    ("individual support", 100), ("individual support", -250), ("total", 355),
    ("individual support", "deux cents"), ("individual support", date(2027, 3, 7))])
def test_the_spending_chart_waits_for_right_answers(category, amount, capsys, monkeypatch):
    """The chart labels the overspend (+250 €): it is drawn only once 2a and 2b are right."""
    import matplotlib

    matplotlib.use("Agg")
    drawn = []
    monkeypatch.setattr(matplotlib.pyplot, "show", lambda: drawn.append(1))
    case.show_spending_chart(category, amount)
    assert capsys.readouterr().out.strip() == LOCKED
    assert drawn == []


@pytest.mark.parametrize(("category", "amount"), [
    ("individual support", 250), (["Soutien individuel"], "250 €"),
    ("Individual_Support", "250,00"), ("individual", 249.6)])
def test_the_spending_chart_shows_the_result_once_answered(category, amount, capsys,
                                                            monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    titles = []
    monkeypatch.setattr(matplotlib.pyplot, "show",
                        lambda: titles.append(matplotlib.pyplot.gcf().axes[0].get_title()))
    case.show_spending_chart(category, amount)
    assert capsys.readouterr().out == ""
    assert titles and "grant and actual spending" in titles[0]


def test_the_released_notebook_gives_no_key_as_an_example():
    """No example or comment shown to the learner carries a graded key (21/12/2026, 250)."""
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    shown = "\n".join(re.sub(r"### BEGIN (SOLUTION|HIDDEN TESTS).*?### END \1", "", c.source,
                             flags=re.S) for c in nb.cells)
    for key in ("21/12/2026", "2026-12-21", "21 December 2026", '["CEAM"', "CEAM, AST"):
        assert key not in shown, key
    assert not re.search(r"(?<![\d ])250(?! to 400)", shown)  # the overspend, not the word count
    assert "show_spending_chart(over_category, overspend)" in shown


# -- exercise 1 -----------------------------------------------------------------------------
def test_latest_start_selection():
    check = c1_2.check_latest_start_selection
    check("2026-12-21")
    check(date(2026, 12, 21))
    check(days_before("2027-03-07", 76))
    check("21/12/2026")  # the French way of writing it is read
    assert "Subtract the selection's own 14 days" in fails(check, "2027-01-04")
    for one_chain in ("2027-01-02", "2027-01-09", "2027-01-30", "2027-02-06"):
        assert "followed one chain only" in fails(check, one_chain)
    assert "one day too many" in fails(check, "2026-12-20")
    assert "final check (1 day)" in fails(check, "2026-12-22")
    assert "call for applicants" in fails(check, "2026-12-07")
    assert "not before the departure" in fails(check, "2027-04-01")
    assert "Too early" in fails(check, "2026-11-01")
    assert "Too late" in fails(check, "2026-12-28")
    assert "not a date of the calendar" in fails(check, "31/02/2026")
    assert "should be a date" in fails(check, 21 / 12 / 2026)
    assert "still holds `...`" in fails(check, ...)


CRITICAL = ["call_for_applicants", "selection", "convention_drafts", "opco_request",
            "convention_signatures", "final_check"]


def test_critical_path():
    check = c1_2.check_critical_path
    check(CRITICAL)
    check([*CRITICAL, "departure"])
    check(", ".join(CRITICAL))  # a list typed as text
    check(["Call for applicants", "selection", "Conventions de mobilité drafted", "OPCO request",
           "convention signatures", "Final check"])  # names and spacing of the table
    assert "tight chain begins before the selection" in fails(check, CRITICAL[1:])
    assert "learning agreements have 19 days" in fails(
        check, ["call_for_applicants", "selection", "learning_agreements",
                "convention_signatures", "final_check"])
    assert "12 days of slack" in fails(check, [*CRITICAL, "ols"])
    assert "12 days of slack" in fails(check, [*CRITICAL, "preparation"])
    assert "a lot of slack" in fails(check, [*CRITICAL, "personal_documents"])
    assert "wrong order" in fails(check, CRITICAL[::-1])
    every = [t.id for t in case.departure_plan().tasks]
    assert "no slack at all" in fails(check, every)
    assert "is not a task of the table" in fails(check, ["OPCO", "signature day"])
    assert "are missing" in fails(check, CRITICAL[:3])
    assert "should be a list" in fails(check, 1)
    assert "is empty" in fails(check, [])
    assert "still holds `...`" in fails(check, ...)


def test_slack_ols():
    check = c1_2.check_slack_ols
    check(12)
    check("12 jours")
    check("12,0")
    assert "not on the critical path" in fails(check, 0)
    assert "slack of the learning agreements" in fails(check, 19)
    assert "one day off" in fails(check, 11)
    assert "one day off" in fails(check, 13)
    assert "length of one branch" in fails(check, 49)
    assert "length of one branch" in fails(check, 61)
    assert "not a date" in fails(check, "2027-01-16")
    assert "not a date" in fails(check, date(2027, 1, 16))
    assert "Not this number" in fails(check, 30)
    assert "should be a number" in fails(check, "douze")
    assert "still holds `...`" in fails(check, ...)


# -- exercise 2 -----------------------------------------------------------------------------
def test_over_category():
    check = c1_2.check_over_category
    for right in ("individual support", "Individual_Support", "soutien individuel",
                  ["individual support"]):
        check(right)
    for under in ("travel", "organisational support", "organizational support",
                  "inclusion support"):
        assert "under its grant" in fails(check, under)
    for nothing in ("none", "", None, "aucune"):
        assert "check each category" in fails(check, nothing)
    assert "not the total" in fails(check, "total")
    assert "one of the four category names" in fails(check, "food")
    assert "one category name in quotes" in fails(check, 1)
    assert "still holds `...`" in fails(check, ...)


def test_overspend():
    check = c1_2.check_overspend
    check(250)
    check("250 €")
    check("250,00")
    check((2 * 22 * 110 + 4 * 23 * 15 + 23 * 25 + 5 * 40)
          - (4 * (14 * 57 + 9 * 40) + 14 * 104 + 9 * 73))
    assert "positive amount" in fails(check, -250)
    assert "whole project" in fails(check, 355)
    assert "whole project" in fails(check, -355)
    assert "Give the difference between them" in fails(check, 6995)
    assert "Give the difference between them" in fails(check, "6 745")
    grant_70 = 4 * (14 * 57 + 9 * 39.90) + 14 * 104 + 9 * 72.80  # 70 % computed by hand
    assert "printed in the annex" in fails(check, 6995 - grant_70)  # 255.40
    for trainer_missing in (6995 - 4632, 6420 - 6745, 6420 - 4632):  # 2 363, -325, 1 788
        assert "Include the trainer on both sides" in fails(check, trainer_missing)
    for nights in (20, 21):
        spent = 2 * nights * 110 + 1380 + 575 + 200
        assert "Recount the nights" in fails(check, spent - 6745)  # -190, 30
    assert "Not this amount" in fails(check, 100)
    assert "should be a number" in fails(check, "deux cents")
    assert "still holds `...`" in fails(check, ...)


# -- exercise 3 -----------------------------------------------------------------------------
def test_missing_hugo():
    check = c1_2.check_missing_hugo
    check(["convention de mobilité", "CEAM", "parent ID copy"])
    check(["parent ID copy", "ceam", "Convention de mobilite"])  # order, case and accents
    check("convention, EHIC, parent's ID copy")  # text with commas, aliases
    assert "one more person must sign" in fails(check, ["CEAM", "parent ID copy"])
    assert "copy of the signing parent" in fails(check, ["convention de mobilité", "CEAM"])
    assert "never received" in fails(check, ["convention de mobilité", "parent ID copy"])
    assert "signed by his father: it is not missing" in fails(
        check, ["convention de mobilité", "CEAM", "parent ID copy", "AST"])
    assert "remove it" in fails(check, ["convention de mobilité", "CEAM", "parent ID copy",
                                        "insurance"])
    assert "not a name of the checklist" in fails(check, ["passport photo"])
    assert "Something is missing" in fails(check, [])
    assert "should be a list" in fails(check, 1)
    assert "still holds `...`" in fails(check, ...)


def test_missing_ines():
    check = c1_2.check_missing_ines
    check(["CEAM", "emergency contacts"])
    check("ceam, emergency contact")
    assert "for minors only" in fails(check, ["CEAM", "emergency contacts", "AST"])
    assert "for minors only" in fails(check, ["CEAM", "emergency contacts", "parent ID copy"])
    assert "valid until the return date" in fails(check, ["emergency contacts"])
    assert "never received" in fails(check, ["CEAM"])
    assert "needs no legal representative" in fails(check, ["CEAM", "emergency contacts",
                                                            "convention"])
    assert "Something is missing" in fails(check, [])
    assert "still holds `...`" in fails(check, ...)


RIGHT = {
    "latest_start_selection": ("check_latest_start_selection", date(2026, 12, 21)),
    "critical_path": ("check_critical_path", tuple(CRITICAL)),
    "slack_ols": ("check_slack_ols", 12),
    "over_category": ("check_over_category", "individual support"),
    "overspend": ("check_overspend", 250.0),
    "missing_hugo": ("check_missing_hugo", ["convention de mobilité", "CEAM", "parent ID copy"]),
    "missing_ines": ("check_missing_ines", ["CEAM", "emergency contacts"]),
}


def test_each_check_records_its_value_for_the_trainers_verdict(tmp_path):
    """The trainer's grade re-runs each check on the value recorded while autograding."""
    from course_lib.quiz.values import read_values

    assert set(RIGHT) == set(c1_2.ANSWER_NAMES)
    for function, value in RIGHT.values():
        getattr(c1_2, function)(value)
    recorded = read_values(tmp_path)
    assert set(recorded) == set(RIGHT)
    for name, (function, _) in RIGHT.items():
        getattr(c1_2, function)(recorded[name])  # the plain data passes too
    assert "should be a list" in fails(c1_2.check_critical_path, 1)
    assert read_values(tmp_path)["critical_path"] == 1


def test_answer_names_are_the_exercise_variables():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    assigned = set()
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            assigned |= set(re.findall(r"^(\w+) = \.\.\.$", cell.source, re.M))
    assert assigned == set(c1_2.ANSWER_NAMES)
