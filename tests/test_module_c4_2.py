"""C4.2 (description, valuation and recognition of learning outcomes): the exercise checks and
the Turin case.

For each check: the right answer passes, what people naturally type is read (``12,07``,
``"12.07/20"``, the numpy number of the pandas line, ``vrai``, ``"unit 3"``, ``"host mentor,
assessment"``), a blank ``...`` says what to type, and each usual mistake gets its own sentence.
For the case: the figures the lesson works out are those computed from the case with pandas, the
graded keys agree with the case, and no graded answer is printed in the lesson.
"""

from __future__ import annotations

from datetime import date

import matplotlib
import nbformat
import numpy as np
import pytest

from course_lib.grading import graded_keys
from course_lib.lessons.cases import c4_2 as case
from course_lib.lessons.checks import c4_2
from course_lib.lessons.notebook import _friendly_message
from course_lib.lessons.plain_answers import quote_plain_answers
from course_lib.quiz.questions import load_bank
from course_lib.quiz.values import plain

from .conftest import REPO

MID = "c4-2-recognition"
SOURCE = REPO / "source" / MID / f"{MID}.ipynb"


from .checking import fails, grading  # noqa: E402, F401 - run as under nbgrader autograde


@pytest.fixture(scope="module")
def lesson() -> str:
    nb = nbformat.read(SOURCE, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown"
                       and not c.metadata.get("nbgrader", {}).get("solution"))


# -- the case ---------------------------------------------------------------------------------
def test_the_case_figures():
    assert [case.age_at_departure(n) for n in ("Lucas", "Inès", "Sarah")] == [19, 18, 17]
    assert [case.is_minor(n) for n in ("Lucas", "Inès", "Sarah")] == [False, False, True]
    assert case.activity_days() == 26 and case.project_months() == 12
    assert case.total_weight("Lucas") == case.total_weight("Inès") == 100
    assert case.weighted_points("Lucas") == 1240 and case.weighted_score("Lucas") == 12.4
    assert round(case.plain_average("Lucas"), 2) == 11.67
    assert {u: round(s, 2) for u, s in case.unit_scores("Lucas").items()} == {
        "U1": 12.33, "U2": 14.25, "U3": 10.0}
    assert case.unit_plain_averages("Lucas")["U1"] == 11.5
    assert case.validated("Lucas") and case.units_recognised("Lucas") == ["U1", "U2"]
    assert case.weighted_points("Inès") == 1295 and case.weighted_score("Inès") == 12.95
    assert {u: round(s, 2) for u, s in case.unit_scores("Inès").items()} == {
        "U1": 12.67, "U2": 11.38, "U3": 15.33}
    assert case.units_recognised("Inès") == ["U1", "U3"]
    # Sarah (CAP): U2 and U3 only, so her weights add up to 70
    assert list(case.turin_grid("Sarah")["unit"].unique()) == ["U2", "U3"]
    assert case.total_weight("Sarah") == 70 and case.weighted_points("Sarah") == 845
    assert round(case.weighted_score("Sarah"), 2) == 12.07 and case.validated("Sarah")
    assert case.units_recognised("Sarah") == ["U3"]
    assert case.units_by_plain_average("Sarah") == ["U2"]  # the usual mistake differs
    assert case.plain_average("Sarah") < case.threshold() <= case.weighted_score("Sarah")


def test_the_dates_of_the_case():
    c = case.case()
    latest = case.ufm_part_2_latest("Inès")
    assert latest == date(2027, 6, 27) == date.fromisoformat(c["after_return"]["ufm_part_2_latest"])
    assert date.fromisoformat(c["after_return"]["ufm_part_2_date_ines"]) <= latest
    assert date.fromisoformat(c["question_dates"]["v10_proposed_part_2"]) > latest
    p = c["erasmus_project"]
    assert p["start_window"]["from"] <= p["project_start"] <= p["start_window"]["to"]
    low, high = c["mobility"]["activity_range_days"].values()
    assert low <= case.activity_days() <= high
    steps = [t["date"] for t in c["timeline"]]
    assert steps == sorted(steps)


def test_the_drafts_are_checked_by_the_case_rules():
    assert case.missing_items("Sarah") == ["legal representative", "host mentor", "assessment"]
    assert case.missing_items("Inès") == ["recognition", "signatures"]
    assert case.not_applicable_items("Inès") == ["legal representative"]
    assert case.not_applicable_items("Sarah") == []
    items = {i["item"]: i for i in case.checklist()}
    # the corrected lines of the toolkit's example meet the rules
    assert case.meets(items["signatures"], "Inès, the CFA and Autofficina Dora", "Inès")
    assert case.meets(items["recognition"], "Units reaching 12/20 recorded in her livret; "
                      "Europass Mobility by 30 April 2027", "Inès")
    assert not case.meets(items["legal representative"], "Not applicable (adult)", "Sarah")
    assert case.meets(items["legal representative"], "Mrs P., mother, 06 00 00 00 00", "Sarah")
    assert not case.meets(items["assessment"], "To be decided with the garage", "Sarah")


def test_the_toolkit_example_meets_the_checklist():
    """The toolkit's checklist is the case's, and its example (Lucas's signed agreement) meets
    every item that applies to him."""
    from course_lib.grading.toolkit import load_toolkit

    tool = next(t for t in load_toolkit(MID) if "checklist" in t.file)
    rows = {r[0]: r for r in tool.rows}
    items = {i["item"]: i for i in case.checklist()}
    for name, item in items.items():
        assert rows[name][1].lower() in item["what"].lower(), name  # the case adds "For a minor"
        if case.applies(item, "Lucas"):
            assert case.meets(item, rows[name][4], "Lucas"), name
        else:
            assert rows[name][4].startswith("Not applicable")


def test_the_lesson_states_what_the_case_computes(lesson):
    lucas = case.unit_scores("Lucas")
    for text in ("= 1 240", "Lucas's weighted score is **12.4 / 20**",
                 f"70 / 6 = {case.plain_average('Lucas'):.2f}",
                 f"(280 + 90) / 30 = {lucas['U1']:.2f}", f"(375 + 195) / 40 = {lucas['U2']:.2f}",
                 f"(80 + 220) / 30 = {lucas['U3']:.1f}",
                 f"would give {case.unit_plain_averages('Lucas')['U1']:g}",
                 f"25 + 15 + 10 + 20 = {case.total_weight('Sarah')}",
                 f"({case.activity_days()} days)", "Sarah is 17",
                 f"by {case.long_date(case.ufm_part_2_latest())}",
                 "Lucas: weighted score 12.4, stay validated, U1 and U2 recognised"):
        assert text in lesson, text


def test_no_graded_answer_is_printed_where_the_learner_reads(lesson):
    sarah, ines = case.weighted_score("Sarah"), case.weighted_score("Inès")
    for figure in (f"{sarah:.2f}", f"{sarah:.2f}".replace(".", ","), f"{ines:.2f}",
                   f"{ines:.2f}".replace(".", ",")):
        assert figure not in lesson, figure
    assert "U1 and U3" not in lesson and '["U3"]' not in lesson
    bank = load_bank(MID)
    assert "12.95" not in " ".join(q.prompt for q in bank.questions.values())


def test_the_graded_keys_agree_with_the_case():
    keys = graded_keys(SOURCE)
    bank = load_bank(MID)
    assert keys["v6"].key == round(case.weighted_score("Inès"), 2)
    recognised = case.units_recognised("Inès")
    assert bank["v7"].options[keys["v7"].key] == f"{' and '.join(recognised)}."
    latest = case.ufm_part_2_latest("Inès")
    proposed = date.fromisoformat(case.case()["question_dates"]["v10_proposed_part_2"])
    assert keys["v10"].key is (proposed <= latest)
    assert bank["p-ufm-latest"].options[bank["p-ufm-latest"].answer] == (
        f"{latest.day} {latest:%B %Y}")
    ex = case.case()["practice_example"]
    assert bank["p-weighted"].answer == case.score_of(case.example_grid()) == (
        sum(w * m for w, m in zip(ex["weights"], ex["marks"], strict=True)) / sum(ex["weights"]))


def test_the_displays():
    matplotlib.use("Agg")
    fig = case.unit_chart("Lucas")
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert [round(b.get_height(), 2) for b in ax.patches] == [12.33, 14.25, 10.0]
    assert ax.get_legend() is not None
    matplotlib.pyplot.close(fig)
    assert case.grid_table().iloc[-1]["Weight (%)"] == 100
    assert len(case.checklist_table()) == 12
    assert case.case_table()["Minor"].tolist() == ["no", "no", "yes"]
    assert "27 June 2027" in case.timeline_table().iloc[-1]["Date"]


def test_a_mistyped_column_gets_a_sentence():
    grid = case.turin_grid("Sarah")
    assert list(grid.columns) == list(case.COLUMNS)
    with pytest.raises(KeyError) as info:
        grid["weigth"]
    assert 'no column "weigth"' in str(info.value) and '"weight"' in str(info.value)
    message = _friendly_message(type(info.value), info.value)  # what JupyterLab shows
    assert 'no column "weigth"' in message and "Traceback" not in message
    per_unit = grid.assign(points=grid["weight"] * grid["score"]).groupby("unit")[
        ["points", "weight"]].sum()  # the helper cell of exercise 1
    per_unit["score"] = per_unit["points"] / per_unit["weight"]
    assert per_unit.round(2)["score"].to_dict() == {"U2": 11.88, "U3": 12.33}
    with pytest.raises(LookupError, match="use Lucas, Inès and Sarah"):
        case.turin_grid("Sara")


# -- exercise 1, step 1 -------------------------------------------------------------------------
def test_weighted_score_right_and_natural_inputs():
    grid = case.turin_grid("Sarah")
    line = (grid["weight"] * grid["score"]).sum() / grid["weight"].sum()  # the pandas line
    assert isinstance(line, np.floating)
    for typed in (line, float(line), 12.07, "12,07", "12.07/20", "12,07 / 20", "12.07 sur 20",
                  " 12.071 ", 845 / 70, "12,08"):
        c4_2.check_weighted_score(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (11.75, "plain average of the marks"),
    ("11,75", "plain average of the marks"),
    (845, "did not divide by the total of the weights"),
    (8.45, "You divided by 100"),
    (0.6, "not as a fraction"),
    (60.36, "not as a percentage"),
    (13.0, "still uses the `example` table"),
    (12.4, "That is Lucas's score"),
    (12, "do not round the score to a whole number"),
    (12.1, "keep two decimals"),
    (15, "your figure is too high"),
    (9, "your figure is too low"),
    (float("nan"), 'check the column names, "weight" and "score"'),
    ("douze", "should be one number out of 20"),
    (True, "should be one number out of 20"),
    (..., "`weighted_score` still holds `...`"),
])
def test_weighted_score_usual_mistakes(typed, message):
    assert message in fails(c4_2.check_weighted_score, typed)


def test_weighted_score_a_column_instead_of_a_number():
    grid = case.turin_grid("Sarah")
    assert "not one number" in fails(c4_2.check_weighted_score, grid["weight"] * grid["score"])
    # the trainer's verdict re-checks the recorded value: a column is recorded as unsupported
    assert "not one number" in fails(c4_2.check_weighted_score,
                                     plain(grid["weight"] * grid["score"]))


# -- exercise 1, step 2 -------------------------------------------------------------------------
def test_validated_right_and_natural_inputs():
    score = case.weighted_score("Sarah")
    for typed in (True, np.float64(score) >= 12, "True", "true", "vrai", "oui", "yes"):
        c4_2.check_validated(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (False, "'At least 12' means that 12 and anything above pass"),
    ("faux", "'At least 12' means that 12 and anything above pass"),
    (12.07, "The number belongs to step 1"),
    (1, "The number belongs to step 1"),
    ("validated", "Type `True` or `False`"),
    (..., "`validated` still holds `...`"),
])
def test_validated_usual_mistakes(typed, message):
    assert message in fails(c4_2.check_validated, typed)


def test_validated_follows_a_wrong_score(monkeypatch):
    monkeypatch.setattr(c4_2, "_kernel_value", lambda name: np.float64(11.75))
    assert "fix step 1 first" in fails(c4_2.check_validated, False)
    monkeypatch.setattr(c4_2, "_kernel_value", lambda name: 12.07)
    assert "'At least 12'" in fails(c4_2.check_validated, False)


# -- exercise 1, step 3 -------------------------------------------------------------------------
def test_units_recognised_right_and_natural_inputs():
    for typed in (["U3"], ("U3",), "U3", "u3", "U 3", "unit 3", "unité 3", "[U3]", ["u3", "U3"],
                  ["Working safely in a foreign team"], "travailler en sécurité dans une "
                  "équipe à l'étranger", "“U3”"):
        c4_2.check_units_recognised(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (["U2"], "not the plain average of its marks"),
    (["U2", "U3"], "rule 2 decides unit by unit"),
    ("U3, U2", "rule 2 decides unit by unit"),
    (["U1", "U3"], "U1 is not in her grid"),
    ([], "Your list is empty"),
    (["C3"], "not criterion codes"),
    (["U7"], "'U7' is not a unit of the grid"),
    (1, "should be a list"),
    (..., "`units_recognised` still holds `...`"),
    ([...], "`units_recognised` still holds `...`"),
])
def test_units_recognised_usual_mistakes(typed, message):
    assert message in fails(c4_2.check_units_recognised, typed)


# -- exercise 2 ---------------------------------------------------------------------------------
def test_missing_sarah_right_and_natural_inputs():
    for typed in (["legal representative", "host mentor", "assessment"],
                  ["assessment", "host mentor", "legal representative"],
                  "legal representative, host mentor, assessment",
                  ["Legal Representative", "mentor", "Assessment"],
                  "parents, host tutor and evaluation",
                  ("legal_representative", "host-mentor", "assessment", "assessment")):
        c4_2.check_missing_sarah(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (["host mentor", "assessment"], "Check Sarah's date of birth against the departure date"),
    (["legal representative", "assessment"], "One person the checklist asks for is not named"),
    (["legal representative", "host mentor"], "treats 'to be decided' as missing"),
    (["legal representative", "host mentor", "assessment", "recognition"],
     "1 of your items is complete in Sarah's draft"),
    (["recognition", "signatures", "monitoring"], "2 of your items are complete"),
    (["parental authorisation"], "'parental authorisation' is not an item of the checklist"),
    (..., "`missing_sarah` still holds `...`"),
    (3, "should be a list"),
])
def test_missing_sarah_usual_mistakes(typed, message):
    assert message in fails(c4_2.check_missing_sarah, typed)


def test_missing_sarah_a_parent_signature_is_not_a_learning_agreement_item():
    """A coach who knows that a minor's parents are parties to the convention de mobilité adds
    "signatures": the check explains the three parties of the learning agreement, as the
    checklist now says, instead of only counting a complete item."""
    message = fails(c4_2.check_missing_sarah,
                    ["legal representative", "host mentor", "assessment", "signatures"])
    assert "the parents are parties to the convention de mobilité (module C2)" in message
    assert "not the learning agreement" not in message
    assert "complete in Sarah's draft" not in message
    what = {i["item"]: i["what"] for i in case.checklist()}["signatures"]
    assert "three parties of the Erasmus+ rule" in what


def test_missing_sarah_several_mistakes_one_line_each():
    message = fails(c4_2.check_missing_sarah, ["recognition"])
    assert message.count("\n") == 3  # one complete item, three items not listed
    assert "legal representative" not in message  # the check names no expected item
    assert "not the whole checklist" in fails(c4_2.check_missing_sarah,
                                              case.checklist_items())


def test_part_2_is_planned_on_a_working_day_before_the_limit():
    latest = case.ufm_part_2_latest()
    plan_by = date.fromisoformat(case.case()["after_return"]["ufm_part_2_plan_by"])
    assert plan_by <= latest and plan_by.weekday() < 5
    assert (latest - plan_by).days < 3 or latest.weekday() < 5


def test_section_8_gives_no_key_of_exercise_2(lesson):
    """The worked case tells the story of the drafts without naming what they lack."""
    section_8 = lesson.split("## 8.")[1].split("## Validation test")[0]
    agree = next(p for p in section_8.split("\n\n") if p.startswith("**Agree"))
    for item in set(case.missing_items("Sarah")) | set(case.missing_items("Inès")):
        assert item not in agree.lower(), item


def test_missing_ines_right_and_natural_inputs():
    for typed in (["recognition", "signatures"], "signature, recognition",
                  ["Recognition arrangements", "SIGNATURES"], "recognition and signatures"):
        c4_2.check_missing_ines(typed)


@pytest.mark.parametrize(("typed", "message"), [
    (["legal representative", "recognition", "signatures"], "Inès is 18 at departure"),
    (["signatures"], "Inès is a candidate for the mobility unit"),
    (["recognition"], "Count the parties in the signature line"),
    (["recognition", "signatures", "assessment"], "Inès's assessment line names the assessor"),
    (["recognition", "signatures", "monitoring"], "1 of your items is complete in Inès's draft"),
    (["sponsor"], "'sponsor' is not an item of the checklist"),
    (..., "`missing_ines` still holds `...`"),
])
def test_missing_ines_usual_mistakes(typed, message):
    assert message in fails(c4_2.check_missing_ines, typed)


# -- the notebook's cells -----------------------------------------------------------------------
def test_answer_names_are_the_exercise_variables():
    nb = nbformat.read(SOURCE, as_version=4)
    checked = [c.source.rsplit("(", 1)[1].rstrip(")") for c in nb.cells
               if c.cell_type == "code" and f"from {c4_2.__name__} import check_" in c.source]
    assert checked == c4_2.ANSWER_NAMES


def test_the_solutions_pass_their_checks():
    """Each solution cell of the source, run after the exercise's read-only cells, passes."""
    nb = nbformat.read(SOURCE, as_version=4)
    namespace: dict = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("grade_id", "").startswith("ex") and meta.get("locked"):
            exec(cell.source, namespace)  # the tables of exercise 1
        elif meta.get("solution") and "### BEGIN SOLUTION" in cell.source:
            code = cell.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
            if "test.answer(" not in code:
                exec(code, namespace)
    for name in c4_2.ANSWER_NAMES:
        getattr(c4_2, f"check_{name}")(namespace[name])


def test_plain_answers_are_read_as_learners_type_them():
    """What the answer cells turn a learner's typing into, then what the checks make of it."""
    namespace: dict = {}
    exec(quote_plain_answers("weighted_score = 12,07"), namespace)
    c4_2.check_weighted_score(namespace["weighted_score"])
    exec(quote_plain_answers("validated = vrai"), namespace)
    c4_2.check_validated(namespace["validated"])
    exec(quote_plain_answers("missing_sarah = legal representative, host mentor, assessment"),
         namespace)
    c4_2.check_missing_sarah(namespace["missing_sarah"])
    # unquoted names are Python: the friendly error asks for quotes, never a traceback
    for cell in ("units_recognised = U3", "units_recognised = U2, U3"):
        with pytest.raises(NameError) as info:
            exec(quote_plain_answers(cell), {})
        message = _friendly_message(NameError, info.value)
        assert "quotes" in message and "Traceback" not in message


def test_checks_record_plain_values_for_the_trainers_verdict(tmp_path):
    """Under autograde each check records its value as JSON data (numpy values as Python
    ones), and the same check passes on that data."""
    import json

    grid = case.turin_grid("Sarah")
    score = (grid["weight"] * grid["score"]).sum() / grid["weight"].sum()
    c4_2.check_weighted_score(score)
    c4_2.check_validated(score >= 12)
    c4_2.check_units_recognised(["U3"])
    c4_2.check_missing_sarah("legal representative, host mentor, assessment")
    c4_2.check_missing_ines(["recognition", "signatures"])
    values = json.loads((tmp_path / ".course-values.json").read_text(encoding="utf-8"))
    assert set(values) == set(c4_2.ANSWER_NAMES)
    assert values["validated"] is True and isinstance(values["weighted_score"], float)
    for name in c4_2.ANSWER_NAMES:
        getattr(c4_2, f"check_{name}")(values[name])
