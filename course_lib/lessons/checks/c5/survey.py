"""Exercise 1 of C5: the satisfaction survey."""

from __future__ import annotations

from typing import Any

from ...cases import c5 as case
from ..common import passed, problem
from .reading import _blank, _first, _names, _near, _number, _question_name, plain  # noqa: F401


def _ex1() -> Any:
    return case.case()["exercise_1"]


def check_mean_overall(mean_overall: Any) -> None:
    """Exercise 1, step 1a: the mean score of the question named in the cell (q5_overall)."""
    __tracebackhide__ = True
    question, example = _ex1()["mean_of"], _ex1()["example_question"]
    value = _number("mean_overall", mean_overall, "3.5",
                    "You gave a table of several means. Select one column, as in the example, "
                    "then .mean().")
    if value is None:
        return
    expected = case.mean_score(question)
    tolerance = 0.01
    if _near(value, expected, tolerance):
        return passed(f"Right: the {len(case.survey())} answers to {question} add up to "
                      f"{case.survey()[question].sum()}, and "
                      f"{case.survey()[question].sum()} / {len(case.survey())} = "
                      f"{expected:.2f}.")
    frame = case.survey()
    all_five = float(frame[case.questions()].stack().mean())
    mistakes = [(case.mean_score(example), f"That is the mean of {example}, the column of the "
                 "example. Change the column name to the one this step asks for.")]
    mistakes += [(case.mean_score(q), "That is the mean of another question. Use the column "
                  "named in the comment of the cell.")
                 for q in case.questions() if q not in (question, example)]
    mistakes += [
        (float(frame[question].sum()), "That is the total of the answers. Use .mean() "
         "instead of .sum()."),
        (case.satisfied_share(question), "That is a share of satisfied respondents. This step "
         "asks for the mean score: .mean() of the column, without >= 4."),
        (case.satisfied_share(question) / 100, "That is a share of satisfied respondents. "
         "This step asks for the mean score: .mean() of the column, without >= 4."),
        (all_five, "That is the mean of all five questions together. Take one column only."),
    ]
    advice = _first(value, mistakes, tolerance)
    problem(advice or f"Not this value. Copy the example line and change only the column "
            f"name to {question}: the mean score is between 1 and 5.")


def check_share_satisfied_tasks(share_satisfied_tasks: Any) -> None:
    """Exercise 1, step 1b: the share of satisfied respondents of q2_work_tasks, in percent."""
    __tracebackhide__ = True
    question, example = _ex1()["share_of"], _ex1()["example_question"]
    value = _number("share_satisfied_tasks", share_satisfied_tasks, "50",
                    "You gave a table of several values. Select one column, as in the example: "
                    f'(survey["{example}"] >= 4).mean() * 100.')
    if value is None:
        return
    expected = case.satisfied_share(question)
    tolerance = 0.5
    frame = case.survey()
    answers = frame[question]
    good = int((answers >= case.satisfied_from()).sum())
    if _near(value, expected, tolerance):
        return passed(f"Right: {good} of the {len(answers)} answers to {question} are "
                      f"{case.satisfied_from()} or 5: {good} / {len(answers)} = "
                      f"{expected:g} %.")
    if 0 < value <= 1 and _near(value * 100, expected, tolerance):
        return problem("You gave a share between 0 and 1. Multiply by 100 to get a percentage "
                       "(for example 0.5 becomes 50).")
    mistakes = [(case.satisfied_share(example), f"That is the share for {example}, the column "
                 "of the example. Change the column name.")]
    mistakes += [(case.satisfied_share(q), "That is the share of another question. Use the "
                  "column named in the comment of the cell.")
                 for q in case.questions() if q not in (question, example)]
    mistakes += [
        (case.satisfied_share(question, at_least=case.satisfied_from() + 1),
         "You counted only the answers 5. Satisfied means 4 or 5: use >= 4."),
        (case.satisfied_share(question, at_least=case.satisfied_from() - 1),
         "You also counted the answers 3. Satisfied means 4 or 5: use >= 4."),
        (float(good), "That is the number of satisfied respondents. Divide by the number of "
         "respondents: use .mean(), not .sum(), then multiply by 100."),
        (100 - expected, "That is the share of respondents who are not satisfied. Count the "
         "answers 4 or 5."),
        (case.mean_score(question), "That is the mean score. This step asks for the share of "
         "answers 4 or 5, in percent."),
    ]
    advice = _first(value, mistakes, tolerance)
    problem(advice or "Not this share. Copy the example line and change only the column name: "
            "(column >= 4).mean() * 100.")


def check_weak_questions(weak_questions: Any) -> None:
    """Exercise 1, step 1c: the questions with fewer than 70 % of satisfied respondents."""
    __tracebackhide__ = True
    example = '["q1_preparation", "q5_overall"]'
    items = _names("weak_questions", weak_questions, example)
    if items is None:
        return
    chosen = []
    for item in items:
        found = _question_name(item)
        if found is None:
            return problem(f"{item!r} is not a column name. Use the names of the chart, for "
                           f'example "{case.questions()[0]}".')
        chosen.append(found)
    given, expected = set(chosen), set(case.weak_questions())
    line = _ex1()["weak_below_percent"]
    shares = case.satisfied_shares()
    if given == expected:
        weak = sorted(expected, key=case.questions().index)
        weakest = min(weak, key=lambda q: shares[q])
        means = case.group_mean(weakest)
        low = means.idxmin()
        return passed(
            "Right: " + " and ".join(f"{q} ({shares[q]:g} %)" for q in weak) + " are the weak "
            f"points. The answers 1 or 2 on {weakest} all come from the {low} group "
            f"(survey.groupby(\"destination\")[\"{weakest}\"].mean() gives {means[low]:.2f} "
            f"for {low} and {means.drop(low).min():.1f} or more elsewhere): before the next "
            "departure the CFA agrees a named tutor and a weekly call with that host, and "
            "tells the apprentices and trainers what it changed. For the language, OLS (Online "
            "Language Support) and the preparation sessions are the levers (modules C1.2 and "
            "C3).")
    if not given or given == set(case.questions()):
        return problem(f"Keep only the questions whose bar stops before the {line} % line.")
    extra = [q for q in case.questions() if q in given - expected]
    if extra:
        close = [q for q in extra if shares[q] < line + 10]
        if close:
            return problem(f"{close[0]} has more than {line} % of satisfied respondents: "
                           "remove it from the list.")
        return problem(f"You listed a question with a long bar. Keep only the bars that stop "
                       f"before the {line} % line.")
    missing = len(expected - given)
    problem(f"{'One question is' if missing == 1 else f'{missing} questions are'} missing: "
            f"look again at every bar to the left of the dashed {line} % line.")


# -- exercise 2: the indicators of the mobility action -----------------------------------------
