"""C5 exercise checks, message by message: what a learner reads for the right answer and for
each usual mistake (the whole sentence, not a fragment), the edges of each tolerance, how
answers are read, and the value each check records for the trainer's grade.

The figures, by hand from the "Retour d'Europe" case: 25 survey answers; q5_overall adds up to
110 (mean 4.4), the example column q1_preparation has mean 4.0; the satisfied shares (4 or 5)
are q1 76 %, q2 88 % (22 of 25), q3 60 %, q4 64 %, q5 92 %, so q3 and q4 are below 70 %.
25 apprentices went (26 selected, one cancelled; 30 people abroad with the trainers; 31 rows;
5 groups) to 5 cities in 4 countries; 1 040 enrolled in 2025-2026 (1 010 in 2024-2025), so
the rate is 25 / 1 040 x 100 = 2.4038 %: above 2.1 %, far from 12 %.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from course_lib.lessons.cases import c5 as case
from course_lib.lessons.checks import c5

from .checking import fails, grading, hidden_frames, recorded, says, unfilled  # noqa: F401

SURVEY = case.survey()
RATE = 25 / 1040 * 100


# -- exercise 1, step 1a: the mean of q5_overall ------------------------------------------------
MEAN_RIGHT = "Right: the 25 answers to q5_overall add up to 110, and 110 / 25 = 4.40."
MEAN_OTHER = ("That is the mean of another question. Use the column named in the comment of the "
              "cell.")
MEAN_NOT = ("Not this value. Copy the example line and change only the column name to "
            "q5_overall: the mean score is between 1 and 5.")
SHARE_NOT_MEAN = ("That is a share of satisfied respondents. This step asks for the mean score: "
                  ".mean() of the column, without >= 4.")


@pytest.mark.parametrize("typed", [4.4, 4.41, 4.39, "4,4", "«4.4»", " 4.4 ", np.float64(4.4),
                                   SURVEY[["q5_overall"]].mean(), pd.Series([4.4])])
def test_mean_overall_right_within_a_hundredth(typed, capsys):
    assert says(c5.check_mean_overall, typed, capsys) == MEAN_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (4.4101, MEAN_NOT), (4.3899, MEAN_NOT), (2.5, MEAN_NOT),
    (4.0, "That is the mean of q1_preparation, the column of the example. Change the column "
          "name to the one this step asks for."),
    (4.01, "That is the mean of q1_preparation, the column of the example. Change the column "
           "name to the one this step asks for."),
    (4.0101, MEAN_NOT),
    (4.2, MEAN_OTHER), (3.56, MEAN_OTHER), (3.72, MEAN_OTHER), (3.55, MEAN_OTHER),
    (110, "That is the total of the answers. Use .mean() instead of .sum()."),
    (92, SHARE_NOT_MEAN), (0.92, SHARE_NOT_MEAN), (0.93, SHARE_NOT_MEAN),
    (3.976, "That is the mean of all five questions together. Take one column only."),
    (3.986, "That is the mean of all five questions together. Take one column only."),
])
def test_mean_overall_each_mistake_has_its_sentence(typed, message):
    assert fails(c5.check_mean_overall, typed) == message


@pytest.mark.parametrize(("typed", "message"), [
    (..., unfilled("mean_overall", "3.5")), (None, unfilled("mean_overall", "3.5")),
    (SURVEY.mean(numeric_only=True), "You gave a table of several means. Select one column, as "
                                     "in the example, then .mean()."),
    ([4.4, 4.0], "You gave a table of several means. Select one column, as in the example, "
                 "then .mean()."),
    ({"q5_overall": 4.4}, "You gave a table of several means. Select one column, as in the "
                          "example, then .mean()."),
    ("4,4 points", "Type the number only, for example 3.5."),
    ("-", "Type the number only, for example 3.5."),
    (True, "`mean_overall` should be a number such as 3.5, not True."),
    (date(2026, 1, 1), "`mean_overall` should be a number such as 3.5, not "
                       "datetime.date(2026, 1, 1)."),
    (np.bool_(False), "`mean_overall` should be a number such as 3.5, not False."),
    (SURVEY["q5_overall"].mean, "`mean_overall` holds a method, not a number: add the round "
                                "brackets at the end, as in the example: .mean()"),
])
def test_mean_overall_what_is_not_one_number(typed, message):
    assert fails(c5.check_mean_overall, typed) == message


def test_a_method_is_recorded_as_its_short_text(tmp_path):
    method = SURVEY["q5_overall"].mean
    with pytest.raises(AssertionError):
        c5.check_mean_overall(method)
    assert recorded(tmp_path) == {"mean_overall": repr(method)[:60]}
    assert len(repr(method)) > 60


# -- exercise 1, step 1b: the share of satisfied respondents of q2_work_tasks -------------------
SHARE_RIGHT = "Right: 22 of the 25 answers to q2_work_tasks are 4 or 5: 22 / 25 = 88 %."
SHARE_NOT = ("Not this share. Copy the example line and change only the column name: "
             "(column >= 4).mean() * 100.")
SHARE_OTHER = ("That is the share of another question. Use the column named in the comment of "
               "the cell.")


@pytest.mark.parametrize("typed", [88, 88.5, 87.5, "88 %", "88%", "'88'", "88,0", np.int64(88),
                                   (SURVEY["q2_work_tasks"] >= 4).mean() * 100])
def test_share_right_within_half_a_point(typed, capsys):
    assert says(c5.check_share_satisfied_tasks, typed, capsys) == SHARE_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (88.51, SHARE_NOT), (87.49, SHARE_NOT), (50, SHARE_NOT), (1, SHARE_NOT), (0.5, SHARE_NOT),
    (0.88, "You gave a share between 0 and 1. Multiply by 100 to get a percentage (for example "
           "0.5 becomes 50)."),
    (0.885, "You gave a share between 0 and 1. Multiply by 100 to get a percentage (for example "
            "0.5 becomes 50)."),
    (0.8851, SHARE_NOT),
    (76, "That is the share for q1_preparation, the column of the example. Change the column "
         "name."),
    (76.5, "That is the share for q1_preparation, the column of the example. Change the column "
           "name."),
    (92, SHARE_OTHER), (60, SHARE_OTHER), (64, SHARE_OTHER),
    (36, "You counted only the answers 5. Satisfied means 4 or 5: use >= 4."),
    (96, "You also counted the answers 3. Satisfied means 4 or 5: use >= 4."),
    (22, "That is the number of satisfied respondents. Divide by the number of respondents: use "
         ".mean(), not .sum(), then multiply by 100."),
    (12, "That is the share of respondents who are not satisfied. Count the answers 4 or 5."),
    (4.2, "That is the mean score. This step asks for the share of answers 4 or 5, in "
          "percent."),
    (..., unfilled("share_satisfied_tasks", "50")),
    ((SURVEY[case.questions()] >= 4).mean() * 100,
     'You gave a table of several values. Select one column, as in the example: '
     '(survey["q1_preparation"] >= 4).mean() * 100.'),
])
def test_share_each_mistake_has_its_sentence(typed, message):
    assert fails(c5.check_share_satisfied_tasks, typed) == message


# -- exercise 1, step 1c: the weak questions -----------------------------------------------------
WEAK_RIGHT = (
    "Right: q3_tutor (60 %) and q4_language (64 %) are the weak points. The answers 1 or 2 on "
    "q3_tutor all come from the Wrocław group (survey.groupby(\"destination\")[\"q3_tutor\"]"
    ".mean() gives 2.14 for Wrocław and 4.0 or more elsewhere): before the next departure the "
    "CFA agrees a named tutor and a weekly call with that host, and tells the apprentices and "
    "trainers what it changed. For the language, OLS (Online Language Support) and the "
    "preparation sessions are the levers (modules C1.2 and C3).")
LONG_BAR = ("You listed a question with a long bar. Keep only the bars that stop before the 70 % "
            "line.")
KEEP_ONLY = "Keep only the questions whose bar stops before the 70 % line."
ONE_MISSING = ("One question is missing: look again at every bar to the left of the dashed 70 % "
               "line.")


@pytest.mark.parametrize("typed", [
    ["q4_language", "q3_tutor"], ("3", "4"), "[q3; q4]", "(Q3 Tutor, q-4)", {"q3", "q4"},
    np.array(["q3_tutor", "q4_language"]), pd.Index(["q3_tutor", "q4_language"]),
    case.satisfied_shares() < 70, SURVEY[["q3_tutor", "q4_language"]],
    pd.Series({"q3_tutor": 60.0, "q4_language": 64.0}),
    pd.Series({"q3_tutor": 0, "q4_language": 64}), ["q3", "", "q4", "''"]])
def test_weak_questions_right(typed, capsys):
    assert says(c5.check_weak_questions, typed, capsys) == WEAK_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (["q3_tutor"], ONE_MISSING), ("q4", ONE_MISSING),
    (["q1", "q3", "q4"], "q1_preparation has more than 70 % of satisfied respondents: remove it "
                         "from the list."),
    (["q5", "q2", "q1", "q3"], "q1_preparation has more than 70 % of satisfied respondents: "
                               "remove it from the list."),
    (["q2", "q3", "q4"], LONG_BAR), (["q5"], LONG_BAR),
    (["q1", "q2", "q3", "q4", "q5"], KEEP_ONLY), ([], KEEP_ONLY), ("", KEEP_ONLY),
    (["6"], "'6' is not a column name. Use the names of the chart, for example "
            '"q1_preparation".'),
    (["q0"], "'q0' is not a column name. Use the names of the chart, for example "
             '"q1_preparation".'),
    (1, 'Give a list in square brackets, each name in quotes: ["q1_preparation", '
        '"q5_overall"].'),
    (..., unfilled("weak_questions", '["q1_preparation", "q5_overall"]')),
])
def test_weak_questions_each_mistake_has_its_sentence(typed, message):
    assert fails(c5.check_weak_questions, typed) == message


def test_weak_questions_the_fifth_question_is_the_last_short_name(capsys):
    assert fails(c5.check_weak_questions, ["5", "3", "4"]) == LONG_BAR
    assert fails(c5.check_weak_questions, ["1", "3", "4"]) == (
        "q1_preparation has more than 70 % of satisfied respondents: remove it from the list.")


# -- exercise 2, step 2a: the apprentices who went ----------------------------------------------
@pytest.mark.parametrize(("typed", "message"), [
    (26, "One apprentice cancelled before departure: look at the column status and count only "
         "those who went."),
    (30, "You counted the accompanying trainers too. Count apprentices only."),
    (31, "You counted every row. Keep only the apprentices who went."),
    (5, "That is the number of groups. Count the apprentices."),
    ("1 040", "That is the number of apprentices enrolled. Count those who went abroad."),
    (24, "Not this number. Count the rows where role is apprentice and status is went."),
    (25.5, "Not this number. Count the rows where role is apprentice and status is went."),
    (26.5, "Not this number. Count the rows where role is apprentice and status is went."),
    (True, "`mobile_apprentices` should be a number such as 12, not True."),
    ([25, 1], "You gave a table of several values. Give one number, for example "
              "`mobile_apprentices = 12`."),
    (..., unfilled("mobile_apprentices", "12")),
])
def test_mobile_apprentices_each_mistake_has_its_sentence(typed, message):
    assert fails(c5.check_mobile_apprentices, typed) == message


def test_mobile_apprentices_right_only_exactly(capsys):
    assert says(c5.check_mobile_apprentices, np.int64(25), capsys) == (
        "Right: 25 apprentices went abroad; the apprentice who cancelled before departure and "
        "the accompanying trainers are not counted.")


# -- exercise 2, step 2b: the destinations ------------------------------------------------------
PEOPLE = "You counted people. Count each different city once."


@pytest.mark.parametrize(("typed", "message"), [
    (4, "You counted countries. This step asks for cities: count each different city once."),
    (25, PEOPLE), (26, PEOPLE), (30, PEOPLE), (31, PEOPLE),
    (6, "Too many: count each different city once."),
    (5.5, "Too many: count each different city once."),
    (3, "Not this number. Look at the column city of the mobilities that took place and count "
        "each different city once."),
    (4.5, "Not this number. Look at the column city of the mobilities that took place and count "
          "each different city once."),
    (["Bologna", "Cork"], "Count the different cities and give the number, for example "
                          "`destinations = 3`."),
    (..., unfilled("destinations", "3")),
])
def test_destinations_each_mistake_has_its_sentence(typed, message):
    assert fails(c5.check_destinations, typed) == message


def test_destinations_right_only_exactly(capsys):
    assert says(c5.check_destinations, "5", capsys) == (
        "Right: 5 cities in 4 countries; a city that hosts two groups would count once.")


# -- exercise 2, step 2c: the mobility rate -----------------------------------------------------
RATE_RIGHT = "Right: 25 / 1 040 x 100 = 2.40 %, about 2.4 %."
RATE_NOT = ("Not this rate. Divide the apprentices who went (step 2a) by enrolled, then multiply "
            "by 100.")
TRAINERS = "Your numerator includes the accompanying trainers. Use apprentices only."


@pytest.mark.parametrize("typed", [RATE, RATE + 0.05, RATE - 0.05, 2.4, "2,4 %", "2.40"])
def test_mobility_rate_right_within_five_hundredths(typed, capsys):
    assert says(c5.check_mobility_rate, typed, capsys) == RATE_RIGHT


@pytest.mark.parametrize(("typed", "message"), [
    (RATE + 0.051, RATE_NOT), (RATE - 0.051, RATE_NOT), (1.5, RATE_NOT), (0.5, RATE_NOT),
    (RATE / 100, "You gave a share between 0 and 1. Multiply by 100 to get a percentage."),
    (0.0245, "You gave a share between 0 and 1. Multiply by 100 to get a percentage."),
    (0.0246, RATE_NOT),
    (2.5, "Your numerator includes the apprentice who cancelled. Use only the apprentices who "
          "went."),
    (26 / 1040 * 100 + 0.01, "Your numerator includes the apprentice who cancelled. Use only "
                             "the apprentices who went."),
    (2.88, TRAINERS), (2.9, TRAINERS), (30 / 1040 * 100 - 0.01, TRAINERS), (2.87, RATE_NOT),
    (2.98, TRAINERS), (3.0, TRAINERS),
    (2.48, "You divided by the 2024–2025 enrolment. Use the 2025–2026 figure, enrolled."),
    (0.9, "That is the 2024–2025 rate of the lesson. Compute the 2025–2026 rate."),
    (0.89, "That is the 2024–2025 rate of the lesson. Compute the 2025–2026 rate."),
    (41.6, "You divided the enrolment by the number of mobile apprentices. Divide the other way "
           "round."),
    (2, "Give one decimal, for example 1.8."), ("2", "Give one decimal, for example 1.8."),
    (1, RATE_NOT), (2.0001, RATE_NOT),
    ([2.4, 0.9], "You gave a table of several values. Give one number, for example "
                 "`mobility_rate = 12 / 800 * 100`."),
    (..., unfilled("mobility_rate", "1.8")),
])
def test_mobility_rate_each_mistake_has_its_sentence(typed, message):
    assert fails(c5.check_mobility_rate, typed) == message


# -- exercise 2, steps 2d and 2e: the comparisons -----------------------------------------------
ABOVE_RIGHT = ("Right: 2.4 % in 2025–2026 is above the last national figure found (2.1 % in "
               "2018–2019, secondary source). Write both years in any sentence that compares "
               "them.")
EU_RIGHT = ("Right: 25 apprentices went to 5 cities in 4 countries; 2.4 % is far from the EU "
            "target of 12 % of VET learners by 2030, which is an EU-level horizon, not a rule for "
            "one CFA.")


@pytest.mark.parametrize("typed", [True, np.bool_(True), "«Vrai»", " yes "])
def test_above_national_right(typed, capsys):
    assert says(c5.check_above_national, typed, capsys) == ABOVE_RIGHT


@pytest.mark.parametrize("typed", [False, np.bool_(False), "'faux'", " NO "])
def test_reaches_eu_target_right(typed, capsys):
    assert says(c5.check_reaches_eu_target, typed, capsys) == EU_RIGHT


@pytest.mark.parametrize(("check", "typed", "message"), [
    (c5.check_above_national, False, "Compare your 2025–2026 rate from step 2c with 2.1 %."),
    (c5.check_above_national, "non", "Compare your 2025–2026 rate from step 2c with 2.1 %."),
    (c5.check_reaches_eu_target, True, "Compare your rate from step 2c with 12 %, not with "
                                       "2.1 %."),
    (c5.check_reaches_eu_target, "oui", "Compare your rate from step 2c with 12 %, not with "
                                        "2.1 %."),
    (c5.check_above_national, 2.4, "Answer True or False, capital first letter, no quotes."),
    (c5.check_reaches_eu_target, "maybe", "Answer True or False, capital first letter, no "
                                          "quotes."),
    (c5.check_above_national, ..., "`above_national` still holds `...`: replace the three dots "
     "with True or False (capital first letter, no quotes), then run the cell again."),
    (c5.check_reaches_eu_target, None, "`reaches_eu_target` still holds `...`: replace the "
     "three dots with True or False (capital first letter, no quotes), then run the cell "
     "again."),
])
def test_comparisons_each_mistake_has_its_sentence(check, typed, message):
    assert fails(check, typed) == message


# -- what is recorded, what is hidden ------------------------------------------------------------
def test_each_check_records_plain_data(tmp_path, capsys):
    c5.check_mean_overall(np.float64(4.4))
    c5.check_share_satisfied_tasks(pd.Series([88.0]))
    c5.check_weak_questions(case.satisfied_shares() < 70)
    c5.check_mobile_apprentices(np.int64(25))
    c5.check_above_national(np.bool_(True))
    for check, value in ((c5.check_destinations, ("5", "4")),
                         (c5.check_reaches_eu_target, "yes")):
        with pytest.raises(AssertionError):
            check(value)
    assert recorded(tmp_path) == {
        "mean_overall": 4.4, "share_satisfied_tasks": 88.0,
        "weak_questions": ["q3_tutor", "q4_language"], "mobile_apprentices": 25,
        "above_national": True, "destinations": ["5", "4"], "reaches_eu_target": "yes"}


def test_plain_turns_pandas_and_numpy_into_python():
    assert c5.plain(pd.DataFrame({"a": [1]})) == 1
    assert c5.plain(pd.DataFrame({"a": [1, 2], "b": [3, 4]})) == [1, 3, 2, 4]
    assert c5.plain(np.array([np.float64(1.5), np.float64(2.5)])) == [1.5, 2.5]
    assert type(c5.plain(np.int64(3))) is int
    assert c5.plain(("a", ("b",))) == ["a", ["b"]]
    assert c5.plain({"a"}) == {"a"}


@pytest.mark.parametrize(("check", "value"), [
    (c5.check_mean_overall, ...), (c5.check_mean_overall, 2.5), (c5.check_mean_overall, "x"),
    (c5.check_share_satisfied_tasks, 50), (c5.check_weak_questions, ["q1"]),
    (c5.check_weak_questions, 1), (c5.check_weak_questions, ["zz"]),
    (c5.check_mobile_apprentices, 24), (c5.check_mobile_apprentices, [1, 2]),
    (c5.check_destinations, 3), (c5.check_mobility_rate, 1.5),
    (c5.check_above_national, False), (c5.check_above_national, 3),
    (c5.check_reaches_eu_target, True), (c5.check_reaches_eu_target, ...),
])
def test_c5_frames_are_hidden_from_the_traceback(check, value):
    hide = hidden_frames(check, value, "lessons/checks/c5/")
    assert hide and all(h is True for h in hide), hide


# -- the comparisons' boundaries: 'above' is strict, 'reaches' includes the target ---------------
@pytest.mark.parametrize(("rate", "above", "text"), [
    (2.1, False, "2.1 % in 2025–2026 is not above"), (2.2, True, "2.2 % in 2025–2026 is above")])
def test_a_rate_equal_to_the_national_figure_is_not_above_it(monkeypatch, capsys, rate, above,
                                                            text):
    monkeypatch.setattr(case, "mobility_rate", lambda *year: rate)
    assert says(c5.check_above_national, above, capsys) == (
        f"Right: {text} the last national figure found (2.1 % in 2018–2019, secondary source). "
        "Write both years in any sentence that compares them.")
    assert fails(c5.check_above_national, not above) == (
        "Compare your 2025–2026 rate from step 2c with 2.1 %.")


@pytest.mark.parametrize(("rate", "reaches", "text"), [
    (12.0, True, "12.0 % reaches"), (11.9, False, "11.9 % is far from")])
def test_a_rate_equal_to_the_eu_target_reaches_it(monkeypatch, capsys, rate, reaches, text):
    monkeypatch.setattr(case, "mobility_rate", lambda *year: rate)
    assert says(c5.check_reaches_eu_target, reaches, capsys) == (
        f"Right: 25 apprentices went to 5 cities in 4 countries; {text} the EU target of 12 % of "
        "VET learners by 2030, which is an EU-level horizon, not a rule for one CFA.")
    assert fails(c5.check_reaches_eu_target, not reaches) == (
        "Compare your rate from step 2c with 12 %, not with 2.1 %.")
