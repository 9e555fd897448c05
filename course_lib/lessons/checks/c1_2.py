"""Checks of the C1.2 exercises: back-plan the Porto departure, track spending against the
grant, find what is missing in the participant files.

Every expected value is computed from the case (``data/cases/c1-2-implement.yaml``) with the
planning engine, the budget engine and the file rules of :mod:`..cases.c1_2`; a wrong answer
is compared with the usual mistakes so that the message says what to change.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ...erasmus.rates import tier_days
from ...quiz.values import record_value
from ..cases import c1_2 as case
from .common import diagnose, expect_date, expect_number, passed, problem

ANSWER_NAMES = ["latest_start_selection", "critical_path", "slack_ols", "over_category",
                "overspend", "missing_hugo", "missing_ines"]
DATE_EXAMPLE = '"2027-01-14"'


def _unfilled(name: str, example: str) -> None:
    __tracebackhide__ = True
    problem(f"`{name}` still holds `...`: replace the three dots with your answer, for "
            f"example `{name} = {example}`, then run the cell again.")


def _as_list(name: str, value: Any, example: str) -> list[str] | None:
    """A list of texts: a Python list, or text separated by commas (``"ID, AST"``)."""
    __tracebackhide__ = True
    if value is Ellipsis:
        _unfilled(name, example)
        return None
    if isinstance(value, str):
        value = [v for v in re.split(r"[,;\n]+", value) if v.strip()]
    if not isinstance(value, (list, tuple, set)) or not all(isinstance(v, str) for v in value):
        problem(f"`{name}` should be a list in square brackets, each name in quotes, for "
                f"example {example}, not {value!r}.")
        return None
    return [v.strip() for v in value]


# -- exercise 1: back-plan the departure ----------------------------------------------------
def _schedule():
    return case.departure_schedule()


def check_latest_start_selection(latest_start_selection: Any) -> None:
    """Exercise 1a: the latest start of the selection (backward pass from the departure)."""
    __tracebackhide__ = True
    name = "latest_start_selection"
    value = expect_date(name, latest_start_selection, DATE_EXAMPLE)
    if value is None:
        return
    s, plan = _schedule(), case.departure_plan()
    task = s["selection"]
    expected, own = task.latest_start, task.task.duration_days
    days = (case.departure() - expected).days
    if value == expected:
        return passed(f"Right: the selection must start by {case.long_date(expected)}, {days} "
                      "days before the departure. In a real plan, add a safety margin and "
                      "check the date against holidays.")
    followers = [t for t in plan.tasks if "selection" in t.depends_on]
    binding = min(s[t.id].latest_start for t in followers)
    one_chain = {s[t.id].latest_start - timedelta(days=own) for t in followers} - {expected}
    mistakes = {
        binding: f"That is the day the next task must start. Subtract the selection's own "
                 f"{own} days.",
        expected - timedelta(days=1): "One day too early: you counted one day too many. A task "
                                      "ends the day before the next task starts, and the "
                                      "departure is a single day.",
        expected + timedelta(days=1): "One day too late. The final check (1 day) must also fit "
                                      "before the departure.",
        s["call_for_applicants"].latest_start: "That is the latest start of the call for "
                                               "applicants, the task before the selection. Give "
                                               "the selection's own latest start.",
        **{d: f"You followed one chain only. Several tasks wait for the selection: take the "
              f"earliest of their latest starts, then subtract {own} days." for d in one_chain},
    }
    if value in mistakes:
        return problem(mistakes[value])
    if value >= case.departure():
        return problem(f"This date is not before the departure. Count backwards from "
                       f"{case.long_date(case.departure())}.")
    if value < expected:
        return problem("Too early. Add only the durations along one chain (the longest one) "
                       "from the selection to the departure.")
    return problem("Too late. Follow the longest chain from the selection to the departure and "
                   "add every duration on it.")


def _task_ids(value: list[str]) -> tuple[list[str], list[str]]:
    """Task ids for the texts given (ids or names of the table), and the unknown texts."""
    plan = case.departure_plan()
    names = {}
    for t in plan.tasks:
        names[case.fold(t.id)] = t.id
        names[case.fold(t.name)] = t.id
    ids, unknown = [], []
    for text in value:
        (ids if case.fold(text) in names else unknown).append(names.get(case.fold(text), text))
    return ids, unknown


def check_critical_path(critical_path: Any) -> None:
    """Exercise 1b: the tasks without slack, first to last (the departure may be added)."""
    __tracebackhide__ = True
    name, example = "critical_path", '["task_one", "task_two", "task_three"]'
    record_value(name, critical_path)  # the trainer's grade re-runs this check on it
    value = _as_list(name, critical_path, example)
    if value is None:
        return
    ids, unknown = _task_ids(value)
    if unknown:
        return problem(f"{unknown[0]!r} is not a task of the table. Use the ids of the table, "
                       'for example "opco_request".')
    s = _schedule()
    ids = [i for i in ids if not s[i].task.milestone]
    expected = case.critical_tasks()
    every = [t.task.id for t in s.tasks if not t.task.milestone]
    if ids == expected:
        return passed("Right: " + " → ".join(expected) + ". Any day lost on one of these tasks "
                      "moves the departure.")
    if not ids:
        return problem(f"`{name}` is empty: list the tasks with no slack, for example {example}.")
    if set(ids) == set(every):
        return problem("Keep only the tasks with no slack at all.")
    if set(ids) == set(expected):
        return problem("Right tasks, wrong order: list them from the first to the last.")
    extra, missing = set(ids) - set(expected), set(expected) - set(ids)
    if "learning_agreements" in extra:
        return problem(f"The learning agreements have {s['learning_agreements'].slack_days} days "
                       "of slack. The tight branch into the signatures goes through the "
                       "conventions and the OPCO.")
    if extra & {"ols", "preparation"}:
        return problem(f"OLS and the preparation sessions have {s['ols'].slack_days} days of "
                       "slack: they are not on the critical path.")
    if extra:
        least = min(s[i].slack_days for i in extra)
        return problem(f"That task has a lot of slack ({least} days or more): keep only tasks "
                       "with no slack.")
    if missing == {expected[0]}:
        return problem("Start from the first task of the plan: the tight chain begins before "
                       "the selection.")
    return problem("Some tasks with no slack are missing. Follow the chain where every task "
                   "starts on its latest date, from the first task of the plan to the final "
                   "check.")


_ISO_OR_FRENCH = re.compile(r"^\s*(\d{4}-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.]\d{4})\s*$")


def check_slack_ols(slack_ols: Any) -> None:
    """Exercise 1c: the slack of the OLS task, in days."""
    __tracebackhide__ = True
    name = "slack_ols"
    record_value(name, slack_ols)
    if isinstance(slack_ols, date) or (isinstance(slack_ols, str)
                                       and _ISO_OR_FRENCH.match(slack_ols)):
        return problem("Give a number of days, for example 5, not a date.")
    value = expect_number(name, slack_ols, "5")
    if value is None:
        return
    s, plan = _schedule(), case.departure_plan()
    expected = s["ols"].slack_days
    duration = {t.id: t.duration_days for t in plan.tasks}
    tight = sum(duration[t] for t in ("convention_drafts", "opco_request",
                                      "convention_signatures"))
    ols_branch = duration["ols"] + duration["preparation"]
    diagnose(value, expected, f"Right: {expected} days. OLS can start the day after the "
             f"selection ends ({case.long_date(s['ols'].earliest_start)}) and must start by "
             f"{case.long_date(s['ols'].latest_start)}.", [
                 (0, "OLS is not on the critical path. Compare the day it can start (end of "
                     "the selection) with its latest start."),
                 (s["learning_agreements"].slack_days, "That is the slack of the learning "
                  "agreements. Use the OLS and preparation branch."),
                 (expected - 1, "Nearly: you are one day off. Slack = latest start − the day the "
                                "task can start at the earliest, in days."),
                 (expected + 1, "Nearly: you are one day off. Slack = latest start − the day the "
                                "task can start at the earliest, in days."),
                 (ols_branch, "That is the length of one branch. The slack is the difference "
                              "between the longest branch and the OLS branch."),
                 (tight, "That is the length of one branch. The slack is the difference "
                         "between the longest branch and the OLS branch."),
             ], "Not this number. Find the day OLS can start at the earliest (the end of the "
                "selection) and its latest start, then count the days between them.",
             tolerance=0)


# -- exercise 2: spending against the grant -------------------------------------------------
_NOTHING = {"none", "nothing", "no category", "aucun", "aucune", "rien", "pas de", "0"}


def check_over_category(over_category: Any) -> None:
    """Exercise 2a: the category whose actual spending is above its grant."""
    __tracebackhide__ = True
    name = "over_category"
    record_value(name, over_category)
    if over_category is Ellipsis:
        return _unfilled(name, '"travel"')
    if isinstance(over_category, (list, tuple)) and len(over_category) == 1:
        over_category = over_category[0]
    total_hint = ("The total is under the grant, but check each category: one of them is "
                  "over.")
    if over_category is None or (isinstance(over_category, str)
                                 and case.fold(over_category) in {case.fold(n) for n in
                                                                  _NOTHING} | {""}):
        return problem(total_hint)
    if not isinstance(over_category, str):
        return problem(f"`{name}` should be one category name in quotes, for example "
                       f'`{name} = "travel"`, not {over_category!r}.')
    if case.fold(over_category) in ("total", "whole project", "project"):
        return problem("Compare category by category, not the total.")
    given = case.category_named(over_category)
    if given is None:
        return problem("Use one of the four category names of the grant table, in quotes: "
                       '"travel", "individual support", "organisational support" or '
                       '"inclusion support".')
    over = case.overspent_categories()
    if given in over:
        table = case.spending_vs_grant().set_index("category")
        return passed(f"Right: {case.CATEGORY_LABELS[given].lower()} is over its grant, although "
                      f"the project as a whole is {case.euros(-table.loc['total', 'difference'])}"
                      " under.")
    return problem("That category is under its grant. Compute actual − grant for each "
                   "category: only a positive difference is an overspend.")


def _exact_share_support(role: str) -> float:
    """Individual support with the day-15 rate computed as daily x share (not the printed
    amount): the usual slip of a coach who applies 70 % by hand."""
    rates = case.rates()
    group = rates.country_group(case.case()["travel"]["destination"]["country"])
    daily = rates.daily_rate(role, group)
    days = tier_days(case.funded_days(), rates.tiers)
    return round(sum(n * round(daily * t.share, 2) for n, t in zip(days, rates.tiers,
                                                                    strict=True)), 2)


def check_overspend(overspend: Any) -> None:
    """Exercise 2b: by how much the overspent category is over its grant, in euros."""
    __tracebackhide__ = True
    value = expect_number("overspend", overspend, "300")
    if value is None:
        return
    category = case.overspent_categories()[0]
    granted = case.grant_by_category()[category]
    actual = case.spending_by_category()[category]
    expected = case.overspend_amount()
    table = case.spending_vs_grant().set_index("category")
    total_difference = float(table.loc["total", "difference"])
    learners = case.apprentices()
    trainer = next(p["id"] for p in case.case()["participants"] if p["role"] == "accompanying")
    trainer_grant = case.individual_support_of(trainer)
    trainer_spent = sum(case.line_amount(line) for line in case.case()["spending"]["lines"]
                        if line.get("paid_for") == "trainer" and line["category"] == category)
    exact_grant = (len(learners) * _exact_share_support("learner")
                   + _exact_share_support("accompanying"))
    nights = case.nights_abroad()
    dates = (f"{case.long_date(case.departure())[:-5]} and leaves on "
             f"{case.long_date(case.return_date())[:-5]}")
    no_trainer = ("Include the trainer on both sides: his individual support is in the grant "
                  "and his meals are in the spending.")
    recount = f"Recount the nights in the flats: the group arrives on {dates}."
    diagnose(value, expected, f"Right: {case.euros(actual)} spent against a grant of "
             f"{case.euros(granted)}, {case.euros(expected)} over. The CFA covers the "
             "difference from its own resources or from savings in other categories, within "
             "the rules on budget transfers of your grant agreement.", [
                 (-expected, "Give the overspend as a positive amount: actual spending minus "
                             "grant."),
                 (total_difference, "That is the difference of the whole project, which is "
                                    "under its grant. Give the difference of one category."),
                 (-total_difference, "That is the difference of the whole project, which is "
                                     "under its grant. Give the difference of one category."),
                 (actual, "That is the spending (or the grant) of the category. Give the "
                          "difference between them."),
                 (granted, "That is the spending (or the grant) of the category. Give the "
                           "difference between them."),
                 (actual - exact_grant, "The case uses the amounts printed in the annex from "
                                        "day 15: 40 € for learners and 73 € for the "
                                        "accompanying person."),
                 (actual - (granted - trainer_grant), no_trainer),
                 (actual - trainer_spent - granted, no_trainer),
                 (actual - trainer_spent - (granted - trainer_grant), no_trainer),
                 *[(case.spending_by_category(nights=n)[category] - granted, recount)
                   for n in (nights - 2, nights - 1, nights + 1)],
             ], "Not this amount. Add the four individual-support lines of the spending "
                "table, then subtract the individual-support grant.",
             tolerance=case.OVERSPEND_TOLERANCE)


# -- exercise 3: the participant files ------------------------------------------------------
def _document(text: str) -> str | None:
    aliases = case.case()["documents"]["aliases"]
    folded = case.fold(text)
    for doc in case.document_names():
        if folded in {case.fold(n) for n in [doc, *aliases.get(doc, ())]}:
            return doc
    return None


def _employer_document(text: str) -> str | None:
    """The name of a document the employer keeps (the A1 certificate), if the text names one."""
    folded = case.fold(text)
    for doc in case.case()["documents"].get("employer_file", ()):
        if folded in {case.fold(n) for n in [doc["name"], *doc.get("aliases", ())]}:
            return doc["name"]
    return None


def _check_missing(pid: str, name: str, value: Any, example: str) -> None:
    __tracebackhide__ = True
    record_value(name, value)
    items = _as_list(name, value, example)
    if items is None:
        return
    unknown = [v for v in items if _document(v) is None]
    employer = [v for v in unknown if _employer_document(v)]
    if employer:
        return problem(f"The {_employer_document(employer[0])} is in the employer's file, not in "
                       "the participant's file checked here: remove it.")
    if unknown:
        return problem(f"{unknown[0]!r} is not a name of the checklist. Use the names of the "
                       'checklist, for example "identity document".')
    given = {_document(v) for v in items}
    expected = case.missing_documents(pid)
    who, age = case.first_name(pid), case.age_at_departure(pid)
    back = case.long_date(case.return_date())
    if given == set(expected):
        return passed(f"Right: {who}'s file still lacks " + ", ".join(expected) + ". Claire "
                      "obtains them before the final check.")
    if not given:
        return problem(f"Something is missing: check each document against the two rules "
                       f"(complete, valid until {back[:-5]}).")
    facts = case.files()[pid]
    for doc in (d for d in case.document_names() if d in given - set(expected)):
        if case.verdict(pid, doc) == "not required":
            return problem(f"{who} is {age} on departure day: the AST and the parent's ID copy "
                           "are for minors only.")
        rule = next(r for r in case.document_rules() if r["name"] == doc)
        if rule.get("minor_signatories") and not case.is_minor(pid):
            return problem(f"{who} is an adult: the {doc} needs no legal representative, and it "
                           "is complete.")
        note = facts.get(doc, {}).get("note")
        if doc == "AST" and note:
            return problem(f"{who}'s AST is in the file, {note}: it is not missing.")
        return problem(f"{doc!r} is in the file, complete and valid until {back}: remove it.")
    for doc in (d for d in expected if d not in given):
        why = case.verdict(pid, doc)
        if why == "incomplete":
            if case.unsigned_by(pid, doc) == ["legal representative"]:
                return problem(f"Check every signature: {who} is {age}, so one more person "
                               f"must sign the {doc}.")
            return problem(f"Check every signature of the {doc} against the checklist.")
        if why == "expires":
            return problem(f"A document counts only if it is valid until the return date "
                           f"({back}): check the {doc}'s end date.")
        if doc == "parent ID copy":
            return problem("An AST counts only with the copy of the signing parent's identity "
                           "document.")
        return problem("One document was never received: read the 'Received' column again.")
    return problem("Not yet: compare each document with the rules of the checklist.")


def check_missing_hugo(missing_hugo: Any) -> None:
    """Exercise 3a: the documents missing from Hugo's file."""
    __tracebackhide__ = True
    _check_missing("hugo", "missing_hugo", missing_hugo,
                   '["learning agreement", "insurance certificate"]')


def check_missing_ines(missing_ines: Any) -> None:
    """Exercise 3b: the documents missing from Inès's file."""
    __tracebackhide__ = True
    _check_missing("ines", "missing_ines", missing_ines, '["learning agreement"]')

