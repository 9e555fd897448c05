"""C2 exercise checks, message by message: what a learner reads for the right answer and for
each usual mistake (the whole sentence, not a fragment), the edges of each rule (one month or
one day off, exactly at a limit), how answers are read, and the value each check records for
the trainer's grade.

The expected figures come from the case by hand: exercise 1 allows only B and D (deciding rules
R6, R1, R4, R3, R2, R5); Inès's contract runs 1 Sept 2026-31 Aug 2027 (12 months, ceiling 6),
Karim's 1 Sept 2024-31 Aug 2027 (36 months, ceiling 12); Léa is "mise à disposition", Karim
and Inès "mise en veille"; who pays A, B, C; social security A, B, A.
"""

from __future__ import annotations

import pytest

from course_lib.lessons.checks import c2

from .checking import fails, grading, hidden_frames, recorded, says, unfilled  # noqa: F401

# -- exercise 1, step 1: allowed or not ------------------------------------------------------
RIGHT_ALLOWED = [False, True, False, True, False, False]
ALLOWED_EXAMPLE = "[True, True, True, False, True, False]"

ADVICE_R1 = ("One answer treats a recent graduate as ineligible: check how long after "
             "graduation a former apprentice may still go (section 2, 'Who may go').")
ADVICE_R2 = ("One answer accepts a stay that is too short for its activity type: check the "
             "minimum days and who may go below it (section 2, activity table).")
ADVICE_R3 = ("One answer counts people who do not count towards the 30-participant limit "
             "(section 2, 'Three formats').")
ADVICE_R4 = ("One answer misses a rule on applications: how many KA122 applications may an "
             "organisation send per field in one round? (Section 2, 'Three formats'.)")
ADVICE_R5 = ("One answer misses the start window of round-1 projects (section 2, 'Three "
             "formats').")
ADVICE_R6 = ("One of your 'allowed' answers forgets the other rulebook: an Erasmus+ duration "
             "can be fine while the apprenticeship contract does not allow it. Reread "
             "section 3.")


def test_allowed_right_answer_names_the_allowed_scenarios(capsys):
    right = ("Right: only B and D are allowed; each of the others breaks one rule, Erasmus+ "
             "or Code du travail.")
    assert says(c2.check_allowed, RIGHT_ALLOWED, capsys) == right
    assert says(c2.check_allowed, "[False, True, False, True, False, False]", capsys) == right
    assert says(c2.check_allowed, "(faux, vrai, non, oui, no, false)", capsys) == right
    assert says(c2.check_allowed, [" false ", "  TRUE", "Faux\t", " vrai", "non ", " no"],
                capsys) == right


@pytest.mark.parametrize(("index", "advice"), [
    (0, ADVICE_R6), (1, ADVICE_R1), (2, ADVICE_R4), (3, ADVICE_R3), (4, ADVICE_R2),
    (5, ADVICE_R5)])
def test_allowed_one_wrong_answer_gets_only_the_advice_of_its_rule(index, advice):
    wrong = list(RIGHT_ALLOWED)
    wrong[index] = not wrong[index]
    assert fails(c2.check_allowed, wrong) == advice


def test_allowed_several_wrong_answers_are_counted_and_advised_in_rule_order():
    # A (R6) and B (R1) wrong: the advice follows the rule codes, R1 first
    assert fails(c2.check_allowed, [True, False, False, True, False, False]) == (
        "2 of your 6 answers are not right yet. " + ADVICE_R1 + " " + ADVICE_R6)
    everything_wrong = [not a for a in RIGHT_ALLOWED]
    assert fails(c2.check_allowed, everything_wrong) == (
        "6 of your 6 answers are not right yet. " + " ".join(
            [ADVICE_R1, ADVICE_R2, ADVICE_R3, ADVICE_R4, ADVICE_R5, ADVICE_R6]))


def test_allowed_text_that_is_no_true_or_false_is_named():
    message = ("Type `True` or `False` (capital first letter, no quotes) for each scenario, "
               "for example `allowed = " + ALLOWED_EXAMPLE + "`.")
    # a word that is neither true nor false is not read as False (F would then be right)
    assert fails(c2.check_allowed, [False, True, False, True, False, "maybe"]) == message
    assert fails(c2.check_allowed, [False, True, False, True, False, 0]) == message


def test_allowed_list_shape_messages():
    assert fails(c2.check_allowed, ...) == unfilled("allowed", ALLOWED_EXAMPLE)
    assert fails(c2.check_allowed, None) == unfilled("allowed", ALLOWED_EXAMPLE)
    assert fails(c2.check_allowed, [False, ..., False, True, False, False]) == (
        "`allowed` still holds `...`: give one answer per scenario, for example "
        "`allowed = " + ALLOWED_EXAMPLE + "`.")
    assert fails(c2.check_allowed, RIGHT_ALLOWED[:5]) == (
        "Give exactly 6 answers, one per scenario, in the order of the table (you gave 5).")
    assert fails(c2.check_allowed, [*RIGHT_ALLOWED, False]) == (
        "Give exactly 6 answers, one per scenario, in the order of the table (you gave 7).")
    assert fails(c2.check_allowed, 1) == (
        "`allowed` should be a list between square brackets, for example "
        "`allowed = " + ALLOWED_EXAMPLE + "`.")


# -- exercise 1, step 2: the deciding rule ---------------------------------------------------
RIGHT_RULES = ["R6", "R1", "R4", "R3", "R2", "R5"]
RULES_EXAMPLE = '["R1", "R1", "R2", "R2", "R3", "R3"]'
RULE_R6_NOT_R2 = ("For the 7-month stay, Erasmus+ durations are not what stops it: look at the "
                  "rule that depends on the contract's dates.")
RULE_R1_NOT_R2 = ("For Manon, the duration is fine; the question is whether someone who is no "
                  "longer an apprentice may go: which rule covers that?")
RULE_R3_NOT_R4 = ("For the larger project, the issue is the number of people, not the number "
                  "of applications.")
RULE_R5_NOT_R4 = "For the April start, the issue is the date, not the number of applications."


def general_rules(count: int) -> str:
    return (f"{count} of your 6 rules are not right yet: for each scenario, ask which single "
            "rule settles it, and reread the 'Where in the lesson' column.")


def test_rules_right_answer(capsys):
    right = ("Right: each scenario is settled by one rule, from the contract ceiling (A) to "
             "the start window (F).")
    assert says(c2.check_rules, RIGHT_RULES, capsys) == right
    assert says(c2.check_rules, "[R6, R1, R4, R3, R2, R5]", capsys) == right
    assert says(c2.check_rules, [6, "r 1", "R04", " 3 ", "r2", "R5"], capsys) == right


@pytest.mark.parametrize(("index", "given", "advice"), [
    (0, "R2", RULE_R6_NOT_R2), (1, "R2", RULE_R1_NOT_R2), (3, "R4", RULE_R3_NOT_R4),
    (5, "R4", RULE_R5_NOT_R4)])
def test_rules_one_usual_confusion_gets_its_own_advice(index, given, advice):
    rules = list(RIGHT_RULES)
    rules[index] = given
    assert fails(c2.check_rules, rules) == advice


def test_rules_other_mistakes_get_the_general_advice_then_the_known_ones():
    assert fails(c2.check_rules, ["R6", "R1", "R4", "R3", "R2", "R6"]) == general_rules(1)
    assert fails(c2.check_rules, ["R2", "R2", "R4", "R3", "R2", "R5"]) == (
        general_rules(2) + " " + RULE_R6_NOT_R2 + " " + RULE_R1_NOT_R2)
    assert fails(c2.check_rules, ["R6", "R1", "R3", "R4", "R2", "R5"]) == (
        general_rules(2) + " " + RULE_R3_NOT_R4)


def test_rules_codes_outside_r1_to_r6_are_refused():
    message = ("Use the codes R1 to R6 of the rules table, for example `rules = "
               + RULES_EXAMPLE + "`.")
    for odd in ("R7", "R0", "seven", "RR1", True):
        rules = list(RIGHT_RULES)
        rules[2] = odd
        assert fails(c2.check_rules, rules) == message, odd


def test_rules_list_shape_messages():
    assert fails(c2.check_rules, ...) == unfilled("rules", RULES_EXAMPLE)
    assert fails(c2.check_rules, ["R6", ..., "R4", "R3", "R2", "R5"]) == (
        "`rules` still holds `...`: give one answer per scenario, for example "
        "`rules = " + RULES_EXAMPLE + "`.")
    assert fails(c2.check_rules, RIGHT_RULES[:5]) == (
        "Give exactly 6 answers, one per scenario, in the order of the table (you gave 5).")
    assert fails(c2.check_rules, 6) == (
        "`rules` should be a list between square brackets, for example "
        "`rules = " + RULES_EXAMPLE + "`.")


# -- exercise 2: the longest stay abroad -----------------------------------------------------
IN_DAYS = "Give the answer in months, not days."
COUNT_AGAIN = ("Count the contract's months again: from 1 September of one year to 31 August "
               "of the next is a whole number of years.")
INES_OTHER = ("Not this figure. Count the contract's months, halve them, and keep the lower of "
              "that and 12 months (section 3).")


def test_ines_right_answer_explains_the_half_contract_ceiling(capsys):
    right = ("Right: a 12-month contract; half is 6 months, lower than 12, so at most 6 months "
             "abroad.")
    for typed in (6, 6.0, "6", "6 mois", "6 months", "6,0"):
        assert says(c2.check_ines_max_months, typed, capsys) == right


def test_months_typed_in_words_are_recorded_as_the_number(tmp_path, capsys):
    """What the trainer's re-check reads back: the number, without the unit's space."""
    says(c2.check_ines_max_months, "6 mois", capsys)
    assert recorded(tmp_path)["ines_max_months"] == "6"


@pytest.mark.parametrize(("value", "message"), [
    (12, "That is the one-year ceiling. Since 2023 a second ceiling applies, linked to the "
         "contract's total duration: keep the lower of the two."),
    (7, "That is what Inès asked for, not what her contract allows. Compute the ceiling from "
        "the contract's dates."),
    (3, "You halved twice. Take half of the contract's total duration once, then compare with "
        "12 months."),
    (11, COUNT_AGAIN),
    (13, COUNT_AGAIN),
    (0, "No rule forbids a mobility on this contract. Under the current text, take half of "
        "the contract's duration, then compare with 12 months."),
    (5, INES_OTHER), (6.5, INES_OTHER), (8, INES_OTHER)])
def test_ines_usual_mistakes(value, message):
    assert fails(c2.check_ines_max_months, value) == message


def test_ines_days_are_recognised_between_29_and_31_days_a_month():
    for days in (174, 180, 186):  # 6 x 29 to 6 x 31
        assert fails(c2.check_ines_max_months, days) == IN_DAYS, days
    for not_days in (173, 187):
        assert fails(c2.check_ines_max_months, not_days) == INES_OTHER, not_days


def test_ines_typing_messages():
    assert fails(c2.check_ines_max_months, ...) == unfilled("ines_max_months", "4")
    assert fails(c2.check_ines_max_months, "six") == (
        "Type the number of months with digits, for example `ines_max_months = 4`.")
    assert fails(c2.check_ines_max_months, "6 x") == (
        "`ines_max_months` should be a number such as 4, not '6 x'.")


KARIM_OTHER = ("Not this figure. Two ceilings apply: one year, and half the contract. Keep the "
               "lower.")
NOT_A_CEILING = ("That is not a ceiling of L6222-42. Count the contract's months, halve them, "
                 "and keep the lower of that and 12 months.")


def test_karim_right_answer_explains_the_one_year_ceiling(capsys):
    right = ("Right: a 36-month contract; half is 18 months, so the one-year ceiling decides: "
             "12 months.")
    for typed in (12, "12", "12 mois", "12 months", 12.0):
        assert says(c2.check_karim_max_months, typed, capsys) == right


@pytest.mark.parametrize(("value", "message"), [
    (18, "Half of the contract is right, but the article has another ceiling that is lower "
         "here."),
    (30, "That applies the six-months-in-France rule of the old text without its one-year "
         "ceiling. Use the text in force since 29 December 2023."),
    (36, NOT_A_CEILING),
    (24, NOT_A_CEILING),
    (11, KARIM_OTHER),  # one month off is not accepted: the ceiling is exact
    (13, KARIM_OTHER),
    (6, KARIM_OTHER)])
def test_karim_usual_mistakes(value, message):
    assert fails(c2.check_karim_max_months, value) == message


def test_karim_days_are_recognised_between_29_and_31_days_a_month():
    for days in (348, 365, 372, "360 days"):  # 12 x 29 to 12 x 31
        assert fails(c2.check_karim_max_months, days) == IN_DAYS, days
    for not_days in (347, 373):
        assert fails(c2.check_karim_max_months, not_days) == KARIM_OTHER, not_days


def test_karim_typing_messages():
    assert fails(c2.check_karim_max_months, ...) == unfilled("karim_max_months", "5")
    assert fails(c2.check_karim_max_months, "douze") == (
        "Type the number of months with digits, for example `karim_max_months = 5`.")
    assert fails(c2.check_karim_max_months, "12 x") == (
        "`karim_max_months` should be a number such as 5, not '12 x'.")


# -- exercise 3, step 1: the regime ----------------------------------------------------------
MAD, VEILLE = "mise à disposition", "mise en veille"
REGIMES_EXAMPLE = '["mise en veille", "mise en veille", "mise à disposition"]'
KEEP_PAYING = ("For the employer who wants to keep paying: under which regime does the French "
               "contract continue as usual?")
STANDBY = ("For an employer who does not want to pay during the stay: under which regime is "
           "the contract put on standby?")
BY_DURATION = ('Write the name of the regime, "mise à disposition" or "mise en veille"; since '
               "2023 the duration does not decide it, the employer does.")


def test_regimes_right_answer(capsys):
    right = ("Right: Léa's employer keeps paying (mise à disposition); Karim's and Inès's "
             "employers do not (mise en veille), whatever the duration.")
    assert says(c2.check_regimes, [MAD, VEILLE, VEILLE], capsys) == right
    assert says(c2.check_regimes, ["MAD", " Mise   en  VEILLE ", "veille"], capsys) == right
    assert says(c2.check_regimes, "[mise a disposition, mise en veille, veille]",
                capsys) == right


def test_regimes_advice_names_only_the_regime_that_was_missed():
    assert fails(c2.check_regimes, [VEILLE, VEILLE, VEILLE]) == KEEP_PAYING
    assert fails(c2.check_regimes, [MAD, MAD, VEILLE]) == STANDBY
    assert fails(c2.check_regimes, [MAD, VEILLE, MAD]) == STANDBY
    assert fails(c2.check_regimes, [VEILLE, MAD, VEILLE]) == KEEP_PAYING + " " + STANDBY


def test_regimes_a_duration_instead_of_a_regime():
    for duration in ("4", "4 weeks", "une semaine", "deux mois", "28 jours", "one month"):
        assert fails(c2.check_regimes, [duration, VEILLE, VEILLE]) == BY_DURATION, duration
    assert fails(c2.check_regimes, ["détachement", VEILLE, VEILLE]) == (
        'Use "mise à disposition" or "mise en veille" for each apprentice.')


def test_regimes_list_shape_messages():
    assert fails(c2.check_regimes, ...) == unfilled("regimes", REGIMES_EXAMPLE)
    assert fails(c2.check_regimes, [MAD, VEILLE]) == (
        "Give exactly 3 answers, one per apprentice, in the order of the table (you gave 2).")
    assert fails(c2.check_regimes, [MAD, VEILLE, VEILLE, VEILLE]) == (
        "Give exactly 3 answers, one per apprentice, in the order of the table (you gave 4).")
    assert fails(c2.check_regimes, [MAD, ..., VEILLE]) == (
        "`regimes` still holds `...`: give one answer per apprentice, for example "
        "`regimes = " + REGIMES_EXAMPLE + "`.")


# -- exercise 3, step 2: who pays ------------------------------------------------------------
PAYS_EXAMPLE = '["D", "A", "B"]'
CFA = "The CFA does not pay apprentices' wages; reread section 4, 'What each regime means'."
LEA_PAID = ("Léa's employer chose to keep paying her: under that regime, who goes on paying "
            "the salary?")
KARIM_A = ("Under mise en veille the French employer does not pay: who is responsible for pay "
           "under the host state's rules, and who hired Karim?")
INES_A = ("Under mise en veille the French employer does not pay Inès. Does the school pay her "
          "a wage?")
INES_B = ("The host is responsible for pay only as the host state's rules require, and the "
          "school pays Inès no wage: what does that leave her?")
NOT_YET = ("Not yet: for each apprentice, start from the regime of step 1 and reread section "
           "4, 'What each regime means'.")


def test_who_pays_right_answer(capsys):
    right = ("Right: Léa's employer keeps paying her; the Porto restaurant pays Karim under "
             "Portuguese rules; the school pays Inès no wage, so she earns none during the "
             "stay (Erasmus+ and perhaps the OPCO help).")
    for typed in (["A", "B", "C"], ["a", " b", "c "], "A, B, C", "[A; B; C]", ("A", "B", "C")):
        assert says(c2.check_who_pays, typed, capsys) == right


@pytest.mark.parametrize(("given", "message"), [
    (["D", "B", "C"], CFA),  # the CFA advice alone, not the one on Léa's employer too
    (["B", "B", "C"], LEA_PAID),
    (["C", "B", "C"], LEA_PAID),
    (["A", "A", "C"], KARIM_A),
    (["A", "B", "A"], INES_A),
    (["A", "B", "B"], INES_B),
    (["A", "C", "C"], NOT_YET),
    (["A", "D", "C"], CFA),
    (["D", "A", "A"], " ".join([CFA, KARIM_A, INES_A])),
    (["C", "A", "B"], " ".join([LEA_PAID, KARIM_A, INES_B]))])
def test_who_pays_usual_mistakes(given, message):
    assert fails(c2.check_who_pays, given) == message


def test_who_pays_letters_and_shape():
    letters = ("Use one of the letters A, B, C, D for each apprentice, for example "
               "`who_pays = " + PAYS_EXAMPLE + "`.")
    for odd in (["A", "B", "E"], ["AB", "B", "C"], ["A", "", "C"], "X, B, C", "A, B, X"):
        assert fails(c2.check_who_pays, odd) == letters, odd
    assert fails(c2.check_who_pays, ...) == unfilled("who_pays", PAYS_EXAMPLE)
    assert fails(c2.check_who_pays, ["A", "B"]) == (
        "Give exactly 3 answers, one per apprentice, in the order of the table (you gave 2).")
    assert fails(c2.check_who_pays, ["A", ..., "C"]) == (
        "`who_pays` still holds `...`: give one answer per apprentice, for example "
        "`who_pays = " + PAYS_EXAMPLE + "`.")


# -- exercise 3, step 3: social security -----------------------------------------------------
COVER_EXAMPLE = '["B", "B", "C"]'
PRIVATE = ("French law always leaves each apprentice with social security cover here; private "
           "insurance is an extra, not a replacement (section 5).")
LEA_B = ("Under mise à disposition, who remains responsible for the apprentice's social "
         "protection? (Section 5, 'Who covers the apprentice'.)")
KARIM_FRENCH = ("Under mise en veille, an apprentice who is salaried in the host state comes "
                "under that state's social security.")
INES_PORTUGUESE = ("Under mise en veille, the host state's social security applies only if the "
                   "apprentice is salaried there. Is Inès salaried in Portugal?")


def test_social_security_right_answer(capsys):
    right = ("Right: Léa keeps French cover (mise à disposition); Karim, salaried in Portugal, "
             "comes under Portuguese social security; Inès, not salaried there, keeps French "
             "cover.")
    for typed in (["A", "B", "A"], "a, b, a", ["a ", " B", "a"]):
        assert says(c2.check_social_security, typed, capsys) == right


@pytest.mark.parametrize(("given", "message"), [
    (["B", "B", "A"], LEA_B),
    (["A", "A", "A"], KARIM_FRENCH),
    (["A", "B", "B"], INES_PORTUGUESE),
    (["A", "C", "A"], PRIVATE),
    (["C", "B", "A"], PRIVATE),
    (["B", "A", "B"], " ".join([LEA_B, KARIM_FRENCH, INES_PORTUGUESE])),
    (["B", "C", "B"], " ".join([PRIVATE, LEA_B, INES_PORTUGUESE]))])
def test_social_security_usual_mistakes(given, message):
    assert fails(c2.check_social_security, given) == message


def test_social_security_letters_and_shape():
    assert fails(c2.check_social_security, ["A", "B", "D"]) == (
        "Use one of the letters A, B, C for each apprentice, for example "
        "`social_security = " + COVER_EXAMPLE + "`.")
    assert fails(c2.check_social_security, ...) == unfilled("social_security", COVER_EXAMPLE)
    assert fails(c2.check_social_security, ["A", "B", "A", "A"]) == (
        "Give exactly 3 answers, one per apprentice, in the order of the table (you gave 4).")


# -- the values recorded for the trainer's grade ---------------------------------------------
@pytest.mark.parametrize(("check", "name", "value", "stored"), [
    (c2.check_allowed, "allowed", tuple(RIGHT_ALLOWED), RIGHT_ALLOWED),
    (c2.check_allowed, "allowed", [True, True], [True, True]),
    (c2.check_rules, "rules", "R6, R1", "R6, R1"),
    (c2.check_ines_max_months, "ines_max_months", 6, 6),
    (c2.check_ines_max_months, "ines_max_months", "six", "six"),
    (c2.check_karim_max_months, "karim_max_months", 12.0, 12.0),
    (c2.check_karim_max_months, "karim_max_months", "douze", "douze"),
    (c2.check_regimes, "regimes", [MAD, VEILLE, VEILLE], [MAD, VEILLE, VEILLE]),
    (c2.check_who_pays, "who_pays", ["A", "B", "E"], ["A", "B", "E"]),
    (c2.check_social_security, "social_security", ("A", "B", "A"), ["A", "B", "A"])])
def test_each_check_records_exactly_the_value_it_was_given(tmp_path, check, name, value, stored):
    try:
        check(value)
    except AssertionError:
        pass
    assert recorded(tmp_path) == {name: stored}


def test_nothing_is_recorded_outside_autograde(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    c2.check_allowed(RIGHT_ALLOWED)
    assert not (tmp_path / ".course-values.json").exists()


# -- the learner reads the message, not the checks' own frames -------------------------------
@pytest.mark.parametrize(("check", "value"), [
    (c2.check_allowed, ...), (c2.check_rules, ...), (c2.check_rules, ["R6"]),
    (c2.check_ines_max_months, "six"), (c2.check_karim_max_months, "douze"),
    (c2.check_regimes, ...), (c2.check_who_pays, ["E", "B", "C"]),
    (c2.check_social_security, ["D", "B", "A"])])
def test_the_checks_frames_are_hidden_from_the_traceback(check, value):
    hide = hidden_frames(check, value, "lessons/checks/c2.py")
    assert len(hide) >= 2 and all(h is True for h in hide), hide  # the check and its helper
