"""C4.1 and C4.2 exercise checks, message by message: what a learner reads for the right answer
and for each usual mistake (the whole sentence, not a fragment), the edges of each tolerance,
how answers are read, and the value each check records for the trainer's grade.

C4.2 figures, by hand from the Turin case: Sarah's grid has weights 25, 15, 10, 20 (total 70)
and marks 10, 15, 7, 15, so 845 weighted points and 845 / 70 = 12.0714/20 (validated: at least
12); her plain average is 47 / 4 = 11.75; U2 scores 11.875 and U3 12.33, so rule 2 recognises U3
only. Her draft lacks legal representative, host mentor and assessment; Inès's lacks
recognition and signatures.
"""

from __future__ import annotations

import types

import numpy as np
import pytest

from course_lib.lessons.cases import c4_1 as case41
from course_lib.lessons.cases import c4_2 as case42
from course_lib.lessons.checks import c4_1, c4_2

from .checking import fails, grading, hidden_frames, recorded, says, unfilled  # noqa: F401

# == C4.2, exercise 1, step 1: Sarah's weighted score ==========================================
SARAH = 845 / 70  # 12.0714...
RIGHT_SCORE = ("Right: 845 weighted points divided by 70, the total of the weights of Sarah's "
               "four criteria, give 12.07/20.")
COLUMN = ("Your answer is a column of numbers, not one number: end the multiplication with "
          "`.sum()` as in the example, then divide.")
NOT_A_SCORE = ("`weighted_score` should be one number out of 20, such as 13.5 or 13,5, or the "
               "pandas line of the example written for `grid`.")
PLAIN = ("Your figure is the plain average of the marks: each mark must count according to its "
         "weight. Multiply by the weights as in the example line.")
NO_DIVISION = ("You multiplied and added, but did not divide by the total of the weights. "
               'Add `/ grid["weight"].sum()` at the end of the line.')
BY_100 = ("You divided by 100, but Sarah works on two units only: the weights of her grid do "
          'not add up to 100. Divide by the total of her weights, `grid["weight"].sum()`.')
FRACTION = ("Give the score out of 20, on the same scale as the mentor's marks, not as a "
            "fraction.")
PERCENT = ("Give the score out of 20, on the same scale as the mentor's marks, not as a "
           "percentage.")
EXAMPLE_TABLE = ("Your line still uses the `example` table: replace `example` by `grid` "
                 "everywhere in the line.")
LUCAS = ("That is Lucas's score, worked in the lesson. The table `grid` holds Sarah's marks: run "
         "the line on `grid`.")
ROUNDED = "Keep the decimals: do not round the score to a whole number."
NEARLY = ("Nearly: keep two decimals, without rounding further (or type the pandas line, which "
          "keeps them all).")


def not_yet(direction: str) -> str:
    return (f"Not yet: your figure is {direction}. Check each product mark × weight, and divide "
            "by the total of the weights of Sarah's grid (section 5, 'The weighted score').")


@pytest.mark.parametrize("typed", [
    SARAH, SARAH + 0.01, SARAH - 0.01, "12,07", "12.07 SUR 20", "12,07 Out Of 20", "12,071",
    "12.07/20"])
def test_weighted_score_right_within_a_hundredth(typed, capsys):
    assert says(c4_2.check_weighted_score, typed, capsys) == RIGHT_SCORE


@pytest.mark.parametrize(("typed", "message"), [
    (SARAH + 0.0101, NEARLY), (SARAH - 0.0101, NEARLY), (12.1, NEARLY), (12.16, NEARLY),
    (12.0, ROUNDED), ("12", ROUNDED), (12.18, not_yet("too high")), (11.9, not_yet("too low")),
    (11, not_yet("too low")), (13.5, not_yet("too high")),
    (11.75, PLAIN), (11.76, PLAIN), (11.74, PLAIN), (11.7399, not_yet("too low")),
    (845, NO_DIVISION), (845.01, NO_DIVISION), (8.45, BY_100), (8.46, BY_100),
    (SARAH / 20, FRACTION), (0.6, FRACTION), (SARAH * 5, PERCENT), (60.36, PERCENT),
    (13.0, EXAMPLE_TABLE), (13.01, EXAMPLE_TABLE), (12.4, LUCAS), (12.39, LUCAS),
])
def test_weighted_score_each_usual_mistake_has_its_sentence(typed, message):
    assert fails(c4_2.check_weighted_score, typed) == message


@pytest.mark.parametrize(("typed", "message"), [
    (..., unfilled("weighted_score", '(example["weight"] * example["score"]).sum() / '
                   'example["weight"].sum()')),
    (None, unfilled("weighted_score", '(example["weight"] * example["score"]).sum() / '
                    'example["weight"].sum()')),
    (float("nan"), 'The line gives no number: check the column names, "weight" and "score", '
                   "in quotes and in lower case."),
    ("douze", NOT_A_SCORE), (np.mean, NOT_A_SCORE), ("12.07 points", NOT_A_SCORE),
    (np.array([250, 225, 70, 300]), COLUMN), (case42.turin_grid("Sarah"), COLUMN),
    ({"score": 12.07}, COLUMN),
])
def test_weighted_score_what_is_not_a_number(typed, message):
    assert fails(c4_2.check_weighted_score, typed) == message


def test_weighted_score_records_the_plain_number(tmp_path):
    c4_2.check_weighted_score(np.float64(SARAH))
    assert recorded(tmp_path) == {"weighted_score": SARAH}
    assert type(recorded(tmp_path)["weighted_score"]) is float


# == C4.2, exercise 1, step 2: rule 1 ==========================================================
VALIDATED_RIGHT = "Right: 12.07 is at least 12, so the stay is validated."
AT_LEAST = "Compare the weighted score with the threshold of rule 1. 'At least 12' means that " \
           "12 and anything above pass."
FIX_STEP_1 = ("Your decision follows your score, but the score of step 1 is not right yet: fix "
              "step 1 first, then run this cell again.")


@pytest.mark.parametrize("typed", [True, np.bool_(True), "vrai", " Oui ", "«true»"])
def test_validated_right(typed, capsys):
    assert says(c4_2.check_validated, typed, capsys) == VALIDATED_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (False, AT_LEAST), ("non", AT_LEAST),
    (..., unfilled("validated", "False")), (None, unfilled("validated", "False")),
    (12.07, "Type `True` or `False` (capital first letter, no quotes): is the stay validated? "
            "The number belongs to step 1."),
    (1, "Type `True` or `False` (capital first letter, no quotes): is the stay validated? The "
        "number belongs to step 1."),
    ("validated", "Type `True` or `False` (capital first letter, no quotes)."),
])
def test_validated_usual_mistakes(typed, message):
    assert fails(c4_2.check_validated, typed) == message


def fake_kernel(monkeypatch, **user_ns):
    """A running notebook whose namespace holds ``user_ns``."""
    import IPython

    shell = types.SimpleNamespace(user_ns=user_ns)
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)


@pytest.mark.parametrize(("score", "message"), [
    (np.float64(11.75), FIX_STEP_1),  # a wrong score below 12: False follows it
    (11.99, FIX_STEP_1),
    (12.0, AT_LEAST),  # exactly 12 passes rule 1: False does not follow it
    (15.0, AT_LEAST),  # a wrong score above 12: False does not follow it either
    (SARAH, AT_LEAST),
    ("11.75", AT_LEAST),  # text is no score to follow
    (True, AT_LEAST),
])
def test_validated_says_when_the_decision_follows_a_wrong_score(monkeypatch, score, message):
    fake_kernel(monkeypatch, weighted_score=score)
    assert fails(c4_2.check_validated, False) == message


def test_validated_reads_the_score_of_step_1_by_its_name(monkeypatch):
    fake_kernel(monkeypatch, score=11.75)
    assert fails(c4_2.check_validated, False) == AT_LEAST
    fake_kernel(monkeypatch)
    assert fails(c4_2.check_validated, False) == AT_LEAST


def move_threshold(monkeypatch, limit: float) -> None:
    """Rule 1 with another threshold (the case's is 12), to reach the other verdict."""
    from course_lib.lessons.cases.c4_2 import facts

    for module in (case42, facts):
        monkeypatch.setattr(module, "threshold", lambda: limit)


def test_validated_when_the_score_is_below_the_threshold(monkeypatch, capsys):
    move_threshold(monkeypatch, 12.5)
    assert says(c4_2.check_validated, False, capsys) == "Right: 12.07 is below 12.5."
    assert fails(c4_2.check_validated, True) == (
        "Compare the weighted score with the threshold of rule 1. 'At least 12.5' means that "
        "12.5 and anything above pass.")


def test_validated_a_score_within_the_tolerance_is_no_wrong_score(monkeypatch):
    """12.065 is Sarah's 12.0714 within a hundredth: a decision that follows it is no
    consequence of a wrong step 1."""
    move_threshold(monkeypatch, 12.07)
    fake_kernel(monkeypatch, weighted_score=12.065)
    assert fails(c4_2.check_validated, False) == (
        "Compare the weighted score with the threshold of rule 1. 'At least 12.07' means that "
        "12.07 and anything above pass.")
    fake_kernel(monkeypatch, weighted_score=12.06)
    assert fails(c4_2.check_validated, False) == FIX_STEP_1

# == C4.2, exercise 1, step 3: rule 2 ==========================================================
UNITS_RIGHT = ("Right: the stay is validated and rule 2 recognises U3 (U2 11.88; U3 12.33; "
               "threshold 12). U2 is worked on at the CFA.")


@pytest.mark.parametrize("typed", [["U3"], "unit 3", "U3 and U3", "U3, ,", ["U3", ""],
                                   ["Working safely in a foreign team"]])
def test_units_recognised_right(typed, capsys):
    assert says(c4_2.check_units_recognised, typed, capsys) == UNITS_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (["U2"], "Use the weighted score of each unit from the helper table, not the plain average "
             "of its marks."),
    (["U2", "U3"], "The stay is validated, but rule 2 decides unit by unit: check each unit's "
                   "own score."),
    ("U2 et U3", "The stay is validated, but rule 2 decides unit by unit: check each unit's own "
                 "score."),
    (["U1", "U3"], "Sarah prepares the CAP and works on U2 and U3 only: U1 is not in her grid."),
    ([], "Your list is empty: the stay is validated, so check which units reach 12/20 in the "
         "helper table."),
    (["C3"], "Give unit codes (U1, U2, U3), not criterion codes (C1 to C6)."),
    (["U7"], "'U7' is not a unit of the grid: type unit codes such as \"U2\", in quotes."),
    (1, "`units_recognised` should be a list in square brackets, for example "
        '`units_recognised = ["U2", "U3"]`, not 1.'),
    (..., unfilled("units_recognised", '["U2", "U3"]')),
    (["U3", ...], unfilled("units_recognised", '["U2", "U3"]')),
])
def test_units_recognised_usual_mistakes(typed, message):
    assert fails(c4_2.check_units_recognised, typed) == message


@pytest.mark.parametrize(("limit", "typed", "message"), [
    (11.5, ["U2", "U3"], "Right: the stay is validated and rule 2 recognises U2 and U3 (U2 11.88; "
                         "U3 12.33; threshold 11.5)."),
    (11.5, ["U3"], "One unit that reaches the threshold is missing: apply rule 2 to each line of "
                   "the helper table."),
    (12.4, ["U3"], "One unit in your list is below the threshold: under rule 2, a unit is "
                   "recognised only if its own weighted score is at least 12.4/20. Look at the "
                   "helper table."),
])
def test_units_recognised_with_another_threshold(monkeypatch, capsys, limit, typed, message):
    """Rule 2 with another threshold (the case's is 12): every unit passes, or none does."""
    move_threshold(monkeypatch, limit)
    if message.startswith("Right"):
        assert says(c4_2.check_units_recognised, typed, capsys) == message
    else:
        assert fails(c4_2.check_units_recognised, typed) == message

# == C4.2, exercise 2: the learning agreements =================================================
SARAH_RIGHT = ("Right: Sarah's draft lacks legal representative, host mentor and assessment. "
               "Send it back before the signature deadline of 29 January 2027.")
INES_RIGHT = ("Right: Inès's draft lacks recognition and signatures. Send it back before the "
              "signature deadline of 29 January 2027.")
HINT_MINOR = ("Check Sarah's date of birth against the departure date: one item of the checklist "
              "applies only to some apprentices.")
HINT_MENTOR = ("One person the checklist asks for is not named in the draft: compare the people "
               "named in the draft with the checklist.")
HINT_ASSESSMENT = ("One item is filled in but says nothing usable yet: the checklist treats "
                   "'to be decided' as missing.")
HINT_RECOGNITION = ("One line of the draft is empty although Inès is a candidate for the "
                    "mobility unit: reread the draft line by line.")
HINT_SIGNATURES = "Count the parties in the signature line and compare with the checklist."
INES_ADULT = ("Inès is 18 at departure: the item for minors does not apply to her, and "
              "'Not applicable (adult)' is the right entry.")


def test_missing_items_right(capsys):
    assert says(c4_2.check_missing_sarah, "parents, mentor, evaluation", capsys) == SARAH_RIGHT
    assert says(c4_2.check_missing_sarah, ["«parents»", "“host mentor”", "assessment", "''"],
                capsys) == SARAH_RIGHT
    assert says(c4_2.check_missing_ines, ["signature", "recognition"], capsys) == INES_RIGHT


@pytest.mark.parametrize(("check", "typed", "message"), [
    (c4_2.check_missing_sarah, ["recognition"], "\n".join([
        "1 of your items is complete in Sarah's draft: read that line again against the "
        "checklist.", HINT_MINOR, HINT_MENTOR, HINT_ASSESSMENT])),
    (c4_2.check_missing_sarah, ["host mentor", "assessment"], HINT_MINOR),
    (c4_2.check_missing_sarah, ["legal representative", "host mentor", "assessment", "tasks",
                                "dates"],
     "2 of your items are complete in Sarah's draft: read those lines again against the "
     "checklist."),
    (c4_2.check_missing_sarah, ["tasks", "task", "host mentor", "assessment",
                                "legal representative"],
     "1 of your items is complete in Sarah's draft: read that line again against the "
     "checklist."),
    (c4_2.check_missing_sarah, case42.checklist_items(),
     "List only the items that are missing from the draft, not the whole checklist."),
    (c4_2.check_missing_ines, ["legal representative", "recognition", "signatures"],
     INES_ADULT),
    (c4_2.check_missing_ines, ["legal representative", "signatures", "monitoring", "tasks"],
     "\n".join([INES_ADULT, "2 of your items are complete in Inès's draft: read those lines "
                "again against the checklist.", HINT_RECOGNITION])),
    (c4_2.check_missing_ines, ["recognition", "signatures", "assessment"],
     "Inès's assessment line names the assessor, the grid, the dates and the rule: it is "
     "complete."),
    (c4_2.check_missing_ines, ["recognition"], HINT_SIGNATURES),
])
def test_missing_items_each_mistake_one_line(check, typed, message):
    assert fails(check, typed) == message


@pytest.mark.parametrize(("check", "name", "example"), [
    (c4_2.check_missing_sarah, "missing_sarah", '["dates", "tasks"]'),
    (c4_2.check_missing_ines, "missing_ines", '["monitoring"]'),
])
def test_missing_items_blank_or_not_a_list(check, name, example):
    assert fails(check, ...) == unfilled(name, example)
    assert fails(check, ["recognition", ...]) == unfilled(name, example)
    assert fails(check, 3) == (f"`{name}` should be a list in square brackets, for example "
                               f"`{name} = {example}`, not 3.")


@pytest.mark.parametrize(("typed", "shown"), [
    (["«sponsor»"], "sponsor"), ([" 'insurance' "], "insurance"), (["FAX"], "FAX"),
    ("dates, XX", "XX")])
def test_missing_items_not_on_the_checklist(typed, shown):
    assert fails(c4_2.check_missing_sarah, typed) == (
        f"'{shown}' is not an item of the checklist: copy the item names from the checklist "
        "table.")


def test_c4_2_checks_record_what_they_were_given(tmp_path):
    for check, value in ((c4_2.check_validated, np.bool_(False)),
                         (c4_2.check_units_recognised, ("U2",)),
                         (c4_2.check_missing_ines, "recognition")):
        with pytest.raises(AssertionError):
            check(value)
    assert recorded(tmp_path) == {"validated": False, "units_recognised": ["U2"],
                                  "missing_ines": "recognition"}


@pytest.mark.parametrize(("check", "value"), [
    (c4_2.check_weighted_score, ...), (c4_2.check_weighted_score, 15),
    (c4_2.check_validated, ...), (c4_2.check_validated, False),
    (c4_2.check_units_recognised, ["U2"]), (c4_2.check_units_recognised, ...),
    (c4_2.check_missing_sarah, ...), (c4_2.check_missing_sarah, ["sponsor"]),
    (c4_2.check_missing_sarah, ["recognition"]), (c4_2.check_missing_ines, ["sponsor"]),
])
def test_c4_2_frames_are_hidden_from_the_traceback(check, value):
    hide = hidden_frames(check, value, "lessons/checks/c4_2.py")
    assert hide and all(h is True for h in hide), hide


# == C4.1, exercise 1: K, S or A ================================================================
# E1 S, E2 K, E3 A, E4 S, E5 A, E6 K, E7 S, E8 A, E9 K; seven right earn the first 2 points.
KSA = ["S", "K", "A", "S", "A", "K", "S", "A", "K"]
KSA_EXAMPLE = '["K", "S", "A", "K", "S", "A", "K", "S", "A"]'
KSA_BLANK = ("`ksa_types` still holds `...`: replace the three dots with your answer, in the form "
             f"shown in the example (`ksa_types = {KSA_EXAMPLE}`), then run the cell again.")
ENOUGH = ("{} of 9 are right: enough for these 2 points. The check below says which statements "
          "to look at again.")
QUICK_TEST = "see what is left. Read the quick test in section 2."


def ksa(**changes: str) -> list[str]:
    """The right letters with some statements changed: ``ksa(E5="S")``."""
    letters = list(KSA)
    for sid, letter in changes.items():
        letters[int(sid[1:]) - 1] = letter
    return letters


def test_ksa_right(capsys):
    for typed in (KSA, "SKASAKSAK", "skasaksak", "s, k, a, s, a, k, s, a, k",
                  ["S", "K", "responsibility  and\tautonomy", "savoir faire", "A", "K", "S",
                   "A", "K"], [" s.", "Knowledge", "R&A",
                                                                  "savoir-faire", "Compétence",
                                                                  "Savoirs", "skill", "R/A",
                                                                  "knowledge"]):
        assert says(c4_1.check_ksa_types, typed, capsys) == "Right: all 9 statements are sorted."
        assert says(c4_1.check_ksa_types_all, typed, capsys) == (
            "Right: 3 statements of knowledge, 3 of skills and 3 of responsibility and autonomy. "
            "E2, E6 and E9 start with 'Knows', a verb nobody can observe: in a learning "
            "agreement, rewrite them with 'describes' or 'lists' (section 2).")


@pytest.mark.parametrize(("typed", "right"), [(ksa(E5="S", E8="S"), 7), (ksa(E3="S"), 8),
                                              (ksa(E1="A", E7="A"), 7)])
def test_ksa_seven_or_eight_right_earn_the_first_points(typed, right, capsys):
    assert says(c4_1.check_ksa_types, typed, capsys) == ENOUGH.format(right)


@pytest.mark.parametrize(("typed", "message"), [
    (ksa(E3="S", E5="S", E8="S"),
     "6 of 9 are right. Look again at E3, E5 and E8. E3, E5 and E8 describe actions, but their "
     "point is responsibility and autonomy: remove the words 'own', 'without being reminded' "
     f"and 'responsibility' and {QUICK_TEST}"),
    (["S"] * 9, "3 of 9 are right. Look again at E2, E3, E5, E6, E8 and E9. Each letter is used 3 "
                "times: 3 K, 3 S, 3 A."),
    (["K"] * 9, "3 of 9 are right. Look again at E1, E3, E4, E5, E7 and E8. Each letter is used 3 "
                "times: 3 K, 3 S, 3 A."),
    (ksa(E1="K", E4="K", E7="K"),
     "6 of 9 are right. Look again at E1, E4 and E7. E1, E4 and E7 use a method, a tool or a "
     "procedure: it is something the apprentice does, not something they know."),
    (ksa(E2="S", E6="S", E9="S"),
     "6 of 9 are right. Look again at E2, E6 and E9. Statements that start with 'Knows' describe "
     "facts the apprentice holds: which letter is that? Here S means skills (savoir-faire), not "
     "savoirs: knowledge is K."),
    (ksa(E2="A", E6="S", E9="S", E5="K"),
     "5 of 9 are right. Look again at E2, E5, E6 and E9. E5 describes an action, but its point is "
     f"responsibility and autonomy: remove the words 'own' and 'responsibility' and {QUICK_TEST}"
     " Statements that start with 'Knows' describe facts the apprentice holds: which letter is "
     "that?"),
])
def test_ksa_too_few_right_say_what_to_look_at(typed, message):
    assert fails(c4_1.check_ksa_types, typed) == message
    assert fails(c4_1.check_ksa_types_all, typed) == message


@pytest.mark.parametrize(("typed", "message"), [
    (ksa(E3="S"), "8 of 9 are right. Look again at E3. E3 describes an action, but its point is "
                  f"responsibility and autonomy: remove the words 'own' and 'without being "
                  f"reminded' and {QUICK_TEST}"),
    (ksa(E3="K"), "8 of 9 are right. Look again at E3. E3 describes an action, but its point is "
                  f"responsibility and autonomy: remove the words 'own' and 'without being "
                  f"reminded' and {QUICK_TEST}"),
    (ksa(E4="K"), "8 of 9 are right. Look again at E4. E4 uses a method, a tool or a procedure: "
                  "it is something the apprentice does, not something they know."),
    (ksa(E2="S"), "8 of 9 are right. Look again at E2. Statements that start with 'Knows' "
                  "describe facts the apprentice holds: which letter is that?"),
    (ksa(E9="A"), "8 of 9 are right. Look again at E9. Statements that start with 'Knows' "
                  "describe facts the apprentice holds: which letter is that?"),
    (ksa(E1="A"), "8 of 9 are right. Look again at E1. E1 says nothing about supervision or "
                  "responsibility: it describes using a tool or a procedure."),
    (ksa(E1="A", E7="A"), "7 of 9 are right. Look again at E1 and E7. E1 and E7 say nothing "
                          "about supervision or responsibility: they describe using a tool or a "
                          "procedure."),
    (ksa(E4="A", E7="K"), "7 of 9 are right. Look again at E4 and E7. E7 uses a method, a tool or "
                          "a procedure: it is something the apprentice does, not something they "
                          "know. E4 says nothing about supervision or responsibility: it "
                          "describes using a tool or a procedure."),
])
def test_ksa_all_says_what_is_left_to_fix(typed, message):
    assert fails(c4_1.check_ksa_types_all, typed) == message


@pytest.mark.parametrize(("typed", "message"), [
    (..., KSA_BLANK), (None, KSA_BLANK), (["S", ..., *KSA[2:]], KSA_BLANK),
    (1, f"`ksa_types` should be a list in square brackets, for example `ksa_types = "
        f"{KSA_EXAMPLE}`, not 1."),
    ("SKASAKSA", 'Type 9 letters, one per statement, in the order E1 to E9, for example ["S", '
                 '"K", ...]; you typed 8.'),
    ([*KSA, "K"], 'Type 9 letters, one per statement, in the order E1 to E9, for example ["S", '
                  '"K", ...]; you typed 10.'),
    (["B", *KSA[1:]], "'B' is not one of the three letters: use K (knowledge), S (skills) or A "
                      "(responsibility and autonomy)."),
    (["«Q»", *KSA[1:]], "'Q' is not one of the three letters: use K (knowledge), S (skills) or A "
                        "(responsibility and autonomy)."),
    ("S K A, S, A, K, S, A, K", "'S K A' is not one of the three letters: use K (knowledge), "
                                "S (skills) or A (responsibility and autonomy)."),
    ("SKX", "'SKX' is not one of the three letters: use K (knowledge), S (skills) or A "
            "(responsibility and autonomy)."),
])
def test_ksa_what_cannot_be_read(typed, message):
    assert fails(c4_1.check_ksa_types, typed) == message


def test_ksa_records_what_was_typed(tmp_path):
    with pytest.raises(AssertionError):
        c4_1.check_ksa_types("SKA")
    assert recorded(tmp_path) == {"ksa_types": "SKA"}


# == C4.1, exercise 2: EQF levels ===============================================================
# Q1 CAP 3, Q2 bac pro 4, Q3 BTS 5, Q4 licence pro 6, Q5 master 7; Q6 former V = 3, Q7 former
# III = 5 (read the 1969 way round: 5 and 3).
LEVELS = [3, 4, 5, 6, 7, 3, 5]
LEVELS_BLANK = ("`eqf_levels` still holds `...`: replace the three dots with your answer, in the "
                "form shown in the example (`eqf_levels = [3, 3, 3, 3, 3, 3, 3]`), then run the "
                "cell again.")
EQF_RIGHT = "Right: Q1 to Q5 are at levels 3, 4, 5, 6, 7."
OLD_RIGHT = "Right: former niveau V = level 3, former niveau III = level 5 (décret n° 2019-14)."
TABLE = ("Use the table of French levels in section 3: the French level and the EQF level carry "
         "the same number.")
YEARS = "Levels are not years of study: read the table of French levels in section 3."


def levels(**changes) -> list:
    typed = list(LEVELS)
    for qid, level in changes.items():
        typed[int(qid[1:]) - 1] = level
    return typed


@pytest.mark.parametrize("typed", [LEVELS, "3, 4, 5, 6, 7, 3, 5", "3 4 5 6 7 3 5",
                                   "niveau 3, niveau 4, niveau 5, level 6, level 7, EQF 3, EQF 5",
                                   ["3.00", "lvl 4", "CEC: 5", "EQF 6", "niveau 7", "'3'", "«5»"],
                                   [3.0, 4, 5, 6, 7, 3, 5]])
def test_levels_right(typed, capsys):
    assert says(c4_1.check_eqf_levels, typed, capsys) == EQF_RIGHT
    assert says(c4_1.check_old_levels, typed, capsys) == OLD_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (levels(Q3=2), "4 of 5 are right (Q1 to Q5). A BTS is prepared in two years after the bac, "
                   "but its level is not 2: find it in the table of section 3."),
    (levels(Q3=6), f"4 of 5 are right (Q1 to Q5). {TABLE}"),
    (levels(Q4=3), f"4 of 5 are right (Q1 to Q5). {YEARS}"),
    (levels(Q4=7), f"4 of 5 are right (Q1 to Q5). {YEARS}"),
    (levels(Q4=5), f"4 of 5 are right (Q1 to Q5). {TABLE}"),
    (levels(Q5=8), f"4 of 5 are right (Q1 to Q5). {YEARS}"),
    (levels(Q5=5), f"4 of 5 are right (Q1 to Q5). {YEARS}"),
    (levels(Q5=6), f"4 of 5 are right (Q1 to Q5). {TABLE}"),
    (levels(Q2=5), "4 of 5 are right (Q1 to Q5). Q2 is the apprentices' own diploma: the "
                   "baccalauréat, including the bac pro, has one level in INSEE's table."),
    (levels(Q2=5, Q3=2, Q4=3), "2 of 5 are right (Q1 to Q5). Q2 is the apprentices' own "
     "diploma: the baccalauréat, including the bac pro, has one level in INSEE's table. A BTS is "
     f"prepared in two years after the bac, but its level is not 2: find it in the table of "
     f"section 3. {YEARS}"),
    (levels(Q1=4), f"4 of 5 are right (Q1 to Q5). {TABLE}"),
    (levels(Q1=1), f"4 of 5 are right (Q1 to Q5). {TABLE}"),
    (levels(Q1=8), f"4 of 5 are right (Q1 to Q5). {TABLE}"),
    (levels(Q5=9), "EQF levels go from 1 to 8."), (levels(Q1=0), "EQF levels go from 1 to 8."),
    (levels(Q2="four"), "'four' is not a level: type a number from 1 to 8, for example 4."),
    (levels(Q1=3.5), "3.5 is not a level: type a number from 1 to 8, for example 4."),
    (levels(Q1=True), "True is not a level: type a number from 1 to 8, for example 4."),
    (levels(Q1="3,5"), "'3,5' is not a level: type a number from 1 to 8, for example 4."),
    (levels(Q1="X"), "Type today's level as a number from 1 to 8. 'X' is the old 1969 "
                     "numbering: convert it first (section 3)."),
    (levels(Q1="«iv»"), "Type today's level as a number from 1 to 8. 'iv' is the old 1969 "
                        "numbering: convert it first (section 3)."),
])
def test_eqf_levels_each_mistake_has_its_sentence(typed, message, capsys):
    assert fails(c4_1.check_eqf_levels, typed) == message
    assert says(c4_1.check_old_levels, typed, capsys) == OLD_RIGHT  # Q6 and Q7 still earn it


@pytest.mark.parametrize(("typed", "message"), [
    (levels(Q6=5, Q7=3), "Q6 and Q7 use the 1969 numbering, which counted the other way round: "
                         "read 'The trap of the old Roman numerals' in section 3."),
    (levels(Q7=3), "One of the two old documents is not converted right. Which diploma was "
                   "'niveau V' and which was 'niveau III' in 1969?"),
    (levels(Q6=5), "One of the two old documents is not converted right. Which diploma was "
                   "'niveau V' and which was 'niveau III' in 1969?"),
    (levels(Q6=4, Q7=4), "Q6 and Q7 are not converted right yet: use the column 'Former level "
                         "(1969 nomenclature)' of the table of French levels in section 3."),
    (levels(Q6="V", Q7="III"), "Type today's level as a number from 1 to 8. 'V' is the old 1969 "
                               "numbering: convert it first (section 3)."),
    (levels(Q7=8.5), "8.5 is not a level: type a number from 1 to 8, for example 4."),
])
def test_old_levels_each_mistake_has_its_sentence(typed, message, capsys):
    assert fails(c4_1.check_old_levels, typed) == message
    assert says(c4_1.check_eqf_levels, typed, capsys) == EQF_RIGHT  # Q1 to Q5 still earn it


@pytest.mark.parametrize("check", [c4_1.check_eqf_levels, c4_1.check_old_levels])
@pytest.mark.parametrize(("typed", "message"), [
    (..., LEVELS_BLANK), (None, LEVELS_BLANK), (levels(Q2=...), LEVELS_BLANK),
    (1, "`eqf_levels` should be a list in square brackets, for example `eqf_levels = [3, 3, 3, "
        "3, 3, 3, 3]`, not 1."),
    (LEVELS[:6], "Type 7 numbers, one per qualification, in the order Q1 to Q7, for example [3, "
                 "3, ...]; you typed 6."),
    ("3 4 5 6 7 3 5 5", "Type 7 numbers, one per qualification, in the order Q1 to Q7, for "
                        "example [3, 3, ...]; you typed 8."),
])
def test_levels_what_cannot_be_read(check, typed, message):
    assert fails(check, typed) == message


# == C4.1, exercise 3: three learning outcomes ==================================================
MODEL = list(case41.rules()["model_answer"])
OUTCOME_CHECKS = {1: c4_1.check_outcome_1, 2: c4_1.check_outcome_2, 3: c4_1.check_outcome_3}
NOT_IN_LIST = "which is not in the list. Choose a verb from the list (English or French)."
TAKE_ADVICE = ("Start with an action verb of the list, for example the verb of the task that "
               "leads to it.")


def one(n: int, text: str) -> list[str]:
    outcomes = list(MODEL)
    outcomes[n - 1] = text
    return outcomes


def test_outcomes_right(capsys):
    assert says(c4_1.check_outcome_1, MODEL, capsys) == (
        "Outcome 1 meets rules 1 to 3: it starts with 'greet', names bloc 1 and has 19 words.")
    assert says(c4_1.check_outcome_2, "\n".join(MODEL), capsys) == (
        "Outcome 2 meets rules 1 to 3: it starts with 'process', names bloc 1 and has 14 words.")
    assert says(c4_1.check_outcome_3, "; ".join(MODEL), capsys) == (
        "Outcome 3 meets rules 1 to 3: it starts with 'register', names bloc 3 and has 13 words.")
    assert says(c4_1.check_outcomes_table, tuple(MODEL), capsys) == (
        "The table meets rules 4 to 6: bloc 1 and bloc 3 both appear, outcome 1 states a degree "
        "of autonomy ('on their own'), and no two outcomes start with the same verb.")


@pytest.mark.parametrize(("words", "passes"), [(5, False), (6, True), (25, True), (26, False)])
def test_outcome_length_limits_are_inclusive(words, passes, capsys):
    if words < 10:
        text = "Greet the new customers (bloc 1)" if words == 6 else "Greet the customers (bloc 1)"
    else:
        text = "Process " + "payments " * (words - 6) + "at the till (bloc 1)"
    if passes:
        assert says(c4_1.check_outcome_1, one(1, text), capsys).endswith(f"has {words} words.")
    elif words < 10:
        assert fails(c4_1.check_outcome_1, one(1, text)) == (
            "Outcome 1 breaks rule 3. Rule 3: it has 5 words (at least 6): add the object and the "
            "context, for example where, with what, or to which standard.")
    else:
        assert fails(c4_1.check_outcome_1, one(1, text)) == (
            "Outcome 1 breaks rule 3. Rule 3: it has 26 words (at most 25): keep one outcome per "
            "sentence and cut the rest.")


@pytest.mark.parametrize(("n", "text", "message"), [
    (2, "Understand what Maltese customers expect from a shop (bloc 1)",
     "Outcome 2 breaks rule 1. Rule 1: it starts with 'understand': nobody can observe that. "
     "Start with an action verb of the list, for example the verb of the task that leads to it."),
    (1, "Selling two product lines to customers in English (bloc 1)",
     "Outcome 1 breaks rule 1. Rule 1: it starts with 'selling': start with the base form of the "
     "verb ('sell'), or with the -s form ('sells')."),
    (2, "Processing cash and card payments at the till following the shop procedure (bloc 1)",
     "Outcome 2 breaks rule 1. Rule 1: it starts with 'processing': start with the base form of "
     "the verb ('process'), or with the -s form ('processes')."),
    (1, "Pushing two product lines to customers in English (bloc 1)",
     f"Outcome 1 breaks rule 1. Rule 1: it starts with 'pushing', {NOT_IN_LIST}"),
    (1, "Lina will greet customers at the door in English (bloc 1)",
     "Outcome 1 breaks rule 1. Rule 1: it should start with the verb, or with 'The apprentice "
     "can' followed by the verb ('greet')."),
    (1, "Manage the till on their own during the afternoon (bloc 1)",
     f"Outcome 1 breaks rule 1. Rule 1: it starts with 'manage', {NOT_IN_LIST}"),
    (3, "Register new customers in the loyalty programme on the store tablet",
     "Outcome 3 breaks rule 2. Rule 2: it does not name its bloc: add '(bloc 1)' or '(bloc 3)' "
     "at the end."),
    (2, "Set up a seasonal display in the shop window (bloc 4A)",
     f"Outcome 2 breaks rules 1 and 2. Rule 1: it starts with 'set', {NOT_IN_LIST} Rule 2: it "
     "names bloc 4A (this placement does not target it; it is practised at the French "
     "employers). Use bloc 1 or bloc 3."),
    (2, "Set up a seasonal display in the shop window (bloc 9)",
     f"Outcome 2 breaks rules 1 and 2. Rule 1: it starts with 'set', {NOT_IN_LIST} Rule 2: it "
     "names bloc 9 (the bac pro MCV has no such bloc). Use bloc 1 or bloc 3."),
    (1, "Understand customers (bloc 2)",
     "Outcome 1 breaks rules 1, 2 and 3. Rule 1: it starts with 'understand': nobody can observe "
     "that. Start with an action verb of the list, for example the verb of the task that leads "
     "to it. Rule 2: it names bloc 2 (this placement does not target it: the shops cannot train "
     "most of its competences). Use bloc 1 or bloc 3. Rule 3: it has 4 words (at least 6): add "
     "the object and the context, for example where, with what, or to which standard."),
    (1, "Explain ... (bloc 1)", "Outcome 1: replace each '...' with the rest of your outcome: "
                                "what the apprentice does, with what, in which context."),
    # 'take' and 'prendre' pass only in the phrases the lesson teaches: "takes part in" is the
    # toolkit's vague form, "prend connaissance / conscience de" mean know / be aware of.
    (3, "Takes part in the monthly members evening (bloc 3)",
     "Outcome 3 breaks rule 1. Rule 1: it starts with 'takes part': the list accepts 'take' only "
     f"in 'take charge of' and 'take responsibility for'. {TAKE_ADVICE}"),
    (3, "Prend connaissance du programme de fidélité (bloc 3)",
     "Outcome 3 breaks rule 1. Rule 1: it starts with 'prend connaissance': the list accepts "
     f"'prendre' only in 'prendre en charge'. {TAKE_ADVICE}"),
    (1, "Prend conscience des attentes des clients maltais (bloc 1)",
     "Outcome 1 breaks rule 1. Rule 1: it starts with 'prend conscience': the list accepts "
     f"'prendre' only in 'prendre en charge'. {TAKE_ADVICE}"),
])
def test_each_outcome_names_the_rules_it_breaks(n, text, message, capsys):
    assert fails(OUTCOME_CHECKS[n], one(n, text)) == message
    for other in {1, 2, 3} - {n}:
        OUTCOME_CHECKS[other](one(n, text))


RULE_5 = ("Rule 5: none of your outcomes says how independently the apprentice works: add a "
          "phrase of the list to one of them, for example 'on their own by week 3'.")


@pytest.mark.parametrize(("typed", "message"), [
    (["Greet customers in English on their own by week 3 (bloc 1)", MODEL[1],
      "Compare the prices of three competing shops in a table (bloc 1)"],
     "The table breaks rule 4. Rule 4: all 3 outcomes are for bloc 1: the placement also "
     "targets bloc 3. Write at least one outcome for it."),
    (one(3, "Register new customers in the loyalty programme on the tablet"),
     "The table breaks rule 4. Rule 4: no outcome names bloc 3; the placement targets bloc 1 and "
     "bloc 3: write at least one outcome for each."),
    (one(1, MODEL[0].replace(", on their own by week 3", "")),
     f"The table breaks rule 5. {RULE_5}"),
    (one(2, "Greets customers at the door of the shop every morning (bloc 1)"),
     "The table breaks rule 6. Rule 6: outcomes 1 and 2 both start with 'greet': use a "
     "different verb for one of them."),
    ([MODEL[0], "Greets customers at the door of the shop every morning (bloc 1)",
      "Greet customers at the till of the shop in English (bloc 3)"],
     "The table breaks rule 6. Rule 6: outcomes 1, 2 and 3 all start with 'greet': use a "
     "different verb for two of them."),
    (["Greet customers at the door of the shop in English (bloc 3)",
      "Greets customers at the till of the shop (bloc 3)", MODEL[2]],
     "The table breaks rules 4, 5 and 6. Rule 4: all 3 outcomes are for bloc 3: the placement "
     f"also targets bloc 1. Write at least one outcome for it. {RULE_5} Rule 6: outcomes 1 and 2 "
     "both start with 'greet': use a different verb for one of them."),
    (one(3, MODEL[1].replace("Process", "Processes")),
     "The table breaks rules 4 and 6. Rule 4: all 3 outcomes are for bloc 1: the placement also "
     "targets bloc 3. Write at least one outcome for it. Rule 6: outcomes 2 and 3 both start "
     "with 'process': use a different verb for one of them."),
    # "accompagne" (walks the customer to the shelf) is the verb, not "accompagné(e) par"
    (["Oriente les clients et les accompagne jusqu'au rayon (bloc 1)",
      "Encaisse les paiements à la caisse selon la procédure (bloc 1)",
      "Inscrit les nouveaux clients au programme de fidélité (bloc 3)"],
     f"The table breaks rule 5. {RULE_5}"),
    ([MODEL[0], "Compare ... (bloc 3)", "Welcome ... (bloc 1)"],
     "Outcome 2: replace each '...' with the rest of your outcome: what the apprentice does, "
     "with what, in which context."),
])
def test_the_table_names_the_rules_it_breaks(typed, message):
    assert fails(c4_1.check_outcomes_table, typed) == message


# What the lesson and the toolkit teach passes the program: the model outcome LO7 ("Takes
# charge of..."), its French form, the verbs of the tasks the exercise lists, a lead-in such as
# "The apprentice", and the usual phrases of autonomy ("autonomously", "under the supervision
# of the tutor"), which the quick test of exercise 1 also counts.
@pytest.mark.parametrize(("n", "text", "message"), [
    (3, case41.outcome("LO7")["outcome"] + " (bloc 3)",
     "Outcome 3 meets rules 1 to 3: it starts with 'take', names bloc 3 and has 20 words."),
    (3, "Prend en charge l'accueil de la soirée des membres sous la supervision du tuteur (bloc 3)",
     "Outcome 3 meets rules 1 to 3: it starts with 'prendre', names bloc 3 and has 16 words."),
    (3, "Takes responsibility for the welcome desk of the members evening (bloc 3)",
     "Outcome 3 meets rules 1 to 3: it starts with 'take', names bloc 3 and has 12 words."),
    (3, "Count the sign-ups of the members evening and report them to the tutor (bloc 3)",
     "Outcome 3 meets rules 1 to 3: it starts with 'count', names bloc 3 and has 15 words."),
    (1, "The apprentice greets customers in English on their own (bloc 1)",
     "Outcome 1 meets rules 1 to 3: it starts with 'greet', names bloc 1 and has 11 words."),
    (1, "L'apprentie accueille les clients en anglais et les oriente (bloc 1)",
     "Outcome 1 meets rules 1 to 3: it starts with 'accueillir', names bloc 1 and has 11 words."),
    (1, "L'apprentie sait accueillir les clients en anglais (bloc 1)",
     "Outcome 1 meets rules 1 to 3: it starts with 'accueillir', names bloc 1 and has 9 words."),
    (3, "The apprentice can take charge of the welcome desk of the members evening (bloc 3)",
     "Outcome 3 meets rules 1 to 3: it starts with 'take', names bloc 3 and has 15 words."),
    # The typical verbs of the section 2 table and the drafts of exercise 1 (E7, E8).
    (3, "Names the three member benefits of the loyalty programme (bloc 3)",
     "Outcome 3 meets rules 1 to 3: it starts with 'name', names bloc 3 and has 11 words."),
    (3, "Nomme les trois avantages du programme de fidélité (bloc 3)",
     "Outcome 3 meets rules 1 to 3: it starts with 'nommer', names bloc 3 and has 10 words."),
    (1, "Adapts own behaviour when a customer is unhappy, and calls the tutor (bloc 1)",
     "Outcome 1 meets rules 1 to 3: it starts with 'adapt', names bloc 1 and has 14 words."),
    (1, "Uses the loyalty app on the store tablet to register a new customer (bloc 1)",
     "Outcome 1 meets rules 1 to 3: it starts with 'use', names bloc 1 and has 15 words."),
])
def test_what_the_lesson_teaches_meets_rules_1_to_3(n, text, message, capsys):
    assert says(OUTCOME_CHECKS[n], one(n, text), capsys) == message


def test_the_verb_of_each_targeted_task_is_accepted(capsys):
    """Rule 1 advises 'the verb of the task that leads to it': each such verb must pass."""
    for task in case41.case()["host"]["tasks"]:
        if task["bloc"] in case41.targeted_blocs():
            text = f"{task['task']} (bloc {task['bloc']})"
            assert says(c4_1.check_outcome_1, one(1, text), capsys).startswith(
                "Outcome 1 meets rules 1 to 3"), text


@pytest.mark.parametrize(("outcome_1", "phrase"), [
    ("Advise customers on two product lines in English autonomously by week 3 (bloc 1)",
     "autonomously"),
    ("Advise customers on two product lines in English under the supervision of the tutor "
     "(bloc 1)", "under the supervision"),
    ("Advise customers on two product lines in English on his/her own by week 3 (bloc 1)",
     "on his/her own"),
    ("Conseiller les clients sur deux gammes de produits, de façon autonome dès la semaine 3 "
     "(bloc 1)", "de façon autonome"),
    # the toolkit's A example and exercise 1's E3
    ("Checks own shelf labels against the price list before opening, without being asked "
     "(bloc 1)", "without being asked"),
    ("Organises own work during a shift from the daily task list, without being reminded. "
     "(bloc 1)", "without being reminded"),
    ("Conseille les clients sur deux gammes de produits, accompagnée par la tutrice (bloc 1)",
     "accompagnée par"),
])
def test_the_usual_phrases_of_autonomy_meet_rule_5(outcome_1, phrase, capsys):
    assert says(c4_1.check_outcomes_table, [outcome_1, MODEL[1], MODEL[2]], capsys) == (
        "The table meets rules 4 to 6: bloc 1 and bloc 3 both appear, outcome 1 states a degree "
        f"of autonomy ('{phrase}'), and no two outcomes start with the same verb.")


@pytest.mark.parametrize("check", [c4_1.check_outcome_1, c4_1.check_outcomes_table])
@pytest.mark.parametrize(("typed", "message"), [
    (..., "`my_outcomes` still holds `...`: write your outcomes in `outcome_1`, `outcome_2` and "
          "`outcome_3`, and keep the line `my_outcomes = [outcome_1, outcome_2, outcome_3]`."),
    ("a; b", "Type exactly 3 outcomes, each in its own quotes, one per line (`outcome_1`, "
             "`outcome_2`, `outcome_3`)."),
    ("a\nb\nc\nd", "Type exactly 3 outcomes, each in its own quotes, one per line (`outcome_1`, "
                   "`outcome_2`, `outcome_3`)."),
    (MODEL[:1], "Type exactly 3 outcomes, each in its own quotes; you gave 1."),
    ([*MODEL, MODEL[0]], "Type exactly 3 outcomes, each in its own quotes; you gave 4."),
    (1, "`my_outcomes` should be the list of your three outcomes: keep the line `my_outcomes = "
        "[outcome_1, outcome_2, outcome_3]`."),
    ([MODEL[0], 2, MODEL[2]], "Outcome 2 should be a sentence in quotes, not 2."),
    ([MODEL[0], MODEL[1], "  "], "`outcome_3` still holds `...`: replace the three dots with "
     'your outcome in quotes, in the form `outcome_3 = "Compare the prices of ... (bloc 1)"`, '
     "then run the cell again."),
    ([MODEL[0], None, MODEL[2]], "`outcome_2` still holds `...`: replace the three dots with "
     'your outcome in quotes, in the form `outcome_2 = "Compare the prices of ... (bloc 1)"`, '
     "then run the cell again."),
])
def test_outcomes_what_cannot_be_read(check, typed, message):
    assert fails(check, typed) == message


def test_c4_1_checks_record_what_they_were_given(tmp_path):
    for check, value in ((c4_1.check_eqf_levels, "3 4"), (c4_1.check_outcome_1, ("a", "b"))):
        with pytest.raises(AssertionError):
            check(value)
    assert recorded(tmp_path) == {"eqf_levels": "3 4", "my_outcomes": ["a", "b"]}


@pytest.mark.parametrize(("check", "value"), [
    (c4_1.check_ksa_types, ...), (c4_1.check_ksa_types, ["S"] * 9),
    (c4_1.check_ksa_types_all, ksa(E1="A")), (c4_1.check_ksa_types_all, 1),
    (c4_1.check_eqf_levels, levels(Q1="V")), (c4_1.check_eqf_levels, 1),
    (c4_1.check_old_levels, levels(Q6=4)), (c4_1.check_old_levels, ...),
    (c4_1.check_outcome_1, ...), (c4_1.check_outcome_2, one(2, "Understand it (bloc 1)")),
    (c4_1.check_outcome_3, 1), (c4_1.check_outcomes_table, 1),
    (c4_1.check_outcomes_table, one(2, "Greets customers at the door every morning (bloc 1)")),
])
def test_c4_1_frames_are_hidden_from_the_traceback(check, value):
    hide = hidden_frames(check, value, "lessons/checks/c4_1/")
    assert hide and all(h is True for h in hide), hide
