"""Checks of the C2 validation exercises: six Porto scenarios against the rules, the longest
stay abroad two contracts allow (L6222-42 I), and the regime each employer's wish leads to.

Expected values come from the case and its rules (:mod:`course_lib.lessons.cases.c2`), never
from a stored key; a wrong answer is compared with the usual mistakes so the message says what
to change, not the answer.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ...quiz.values import record_value
from ..cases import c2 as case
from .common import diagnose, expect_number, passed, problem

ANSWER_NAMES = ["allowed", "rules", "ines_max_months", "karim_max_months", "regimes",
                "who_pays", "social_security"]

_TRUE = ("true", "vrai", "oui", "yes")
_FALSE = ("false", "faux", "non", "no")


def _unfilled(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, for example "
            f"`{name} = {example}`, then run the cell again.")


def _fold(text: Any) -> str:
    """Lower case, no accents, single spaces: ``" Mise À  disposition"`` -> ``"mise a
    disposition"``."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", plain).strip().lower()


def _as_list(name: str, value: Any, count: int, each: str, example: str) -> list | None:
    """The learner's answers as a list of ``count`` items (a tuple or text separated by
    commas is read too), or ``None`` after saying what to change."""
    __tracebackhide__ = True
    if value is Ellipsis or value is None:
        problem(_unfilled(name, example))
        return None
    if isinstance(value, str):
        value = [v.strip() for v in re.split(r"[,;\n]+", value.strip(" []()")) if v.strip()]
    if not isinstance(value, (list, tuple)):
        problem(f"`{name}` should be a list between square brackets, for example "
                f"`{name} = {example}`.")
        return None
    if any(v is Ellipsis for v in value):
        problem(f"`{name}` still holds `...`: give one answer per {each}, for example "
                f"`{name} = {example}`.")
        return None
    if len(value) != count:
        problem(f"Give exactly {count} answers, one per {each}, in the order of the table "
                f"(you gave {len(value)}).")
        return None
    return list(value)


# -- exercise 1: allowed or not, and the deciding rule ---------------------------------------
SCENARIOS_EXAMPLE = "[True, True, True, False, True, False]"
RULES_EXAMPLE = '["R1", "R1", "R2", "R2", "R3", "R3"]'

#: What a wrong "allowed" answer forgets, by the rule that decides the scenario (R1 to R6).
ALLOWED_ADVICE = {
    "R1": "One answer treats a recent graduate as ineligible: check how long after graduation "
          "a former apprentice may still go (section 2, 'Who may go').",
    "R2": "One answer accepts a stay that is too short for its activity type: check the "
          "minimum days and who may go below it (section 2, activity table).",
    "R3": "One answer counts people who do not count towards the 30-participant limit "
          "(section 2, 'Three formats').",
    "R4": "One answer misses a rule on applications: how many KA122 applications may an "
          "organisation send per field in one round? (Section 2, 'Three formats'.)",
    "R5": "One answer misses the start window of round-1 projects (section 2, 'Three "
          "formats').",
    "R6": "One of your 'allowed' answers forgets the other rulebook: an Erasmus+ duration can "
          "be fine while the apprenticeship contract does not allow it. Reread section 3.",
}


def _boolean(item: Any) -> bool | None:
    if isinstance(item, bool):
        return item
    if isinstance(item, str) and _fold(item) in _TRUE + _FALSE:
        return _fold(item) in _TRUE
    return None


def check_allowed(allowed: Any) -> None:
    """Exercise 1, step 1: is each scenario A to F allowed?"""
    __tracebackhide__ = True
    record_value("allowed", allowed)
    values = _as_list("allowed", allowed, 6, "scenario", SCENARIOS_EXAMPLE)
    if values is None:
        return
    answers = [_boolean(v) for v in values]
    if None in answers:
        return problem("Type `True` or `False` (capital first letter, no quotes) for each "
                       "scenario, for example `allowed = " + SCENARIOS_EXAMPLE + "`.")
    expected, rules = case.exercise_1_expected()
    wrong = sorted(rule for given, right, rule in zip(answers, expected, rules, strict=True)
                   if given != right)
    if not wrong:
        ids = [s["id"] for s in case.case()["exercise_1_scenarios"]]
        ok = [i for i, right in zip(ids, expected, strict=True) if right]
        return passed(f"Right: only {' and '.join(ok)} are allowed; each of the others breaks "
                      "one rule, Erasmus+ or Code du travail.")
    advice = " ".join(ALLOWED_ADVICE[r] for r in wrong)
    if len(wrong) == 1:
        return problem(advice)
    return problem(f"{len(wrong)} of your 6 answers are not right yet. {advice}")


#: Usual confusions of the deciding rule: (scenario's right rule, rule given) -> advice.
RULE_ADVICE = {
    ("R6", "R2"): "For the 7-month stay, Erasmus+ durations are not what stops it: look at "
                  "the rule that depends on the contract's dates.",
    ("R1", "R2"): "For Manon, the duration is fine; the question is whether someone who is no "
                  "longer an apprentice may go: which rule covers that?",
    ("R3", "R4"): "For the larger project, the issue is the number of people, not the number "
                  "of applications.",
    ("R5", "R4"): "For the April start, the issue is the date, not the number of "
                  "applications.",
}


def _rule_code(item: Any) -> str | None:
    """``"r6"``, ``"R 6"``, ``6`` and ``"6"`` all mean ``"R6"``; None when it is no code."""
    if isinstance(item, bool):
        return None
    text = re.sub(r"\s+", "", str(item)).upper()
    found = re.fullmatch(r"R?(\d+)", text)
    return f"R{int(found.group(1))}" if found else None


def check_rules(rules: Any) -> None:
    """Exercise 1, step 2: the rule that decides each scenario A to F."""
    __tracebackhide__ = True
    record_value("rules", rules)
    values = _as_list("rules", rules, 6, "scenario", RULES_EXAMPLE)
    if values is None:
        return
    codes = [_rule_code(v) for v in values]
    if any(c not in case.RULES for c in codes):
        return problem("Use the codes R1 to R6 of the rules table, for example `rules = "
                       + RULES_EXAMPLE + "`.")
    _, expected = case.exercise_1_expected()
    wrong = [(right, given) for given, right in zip(codes, expected, strict=True)
             if given != right]
    if not wrong:
        return passed("Right: each scenario is settled by one rule, from the contract "
                      "ceiling (A) to the start window (F).")
    advice = [RULE_ADVICE[w] for w in wrong if w in RULE_ADVICE]
    if len(wrong) == 1 and advice:
        return problem(advice[0])
    general = (f"{len(wrong)} of your 6 rules are not right yet: for each scenario, ask which "
               "single rule settles it, and reread the 'Where in the lesson' column.")
    return problem(" ".join([general, *advice]))


# -- exercise 2: the longest stay abroad (L6222-42 I) ----------------------------------------
def _months_typed(name: str, value: Any, example: str) -> float | None:
    """A number of months as typed: ``6``, ``6.0``, ``"6"``, ``"6 mois"``, ``"6 months"``."""
    __tracebackhide__ = True
    if isinstance(value, str):
        if not re.search(r"\d", value):
            problem(f"Type the number of months with digits, for example `{name} = "
                    f"{example}`.")
            return None
        value = re.sub(r"(?i)\b(months?|mois)\b", "", value).strip()
    return expect_number(name, value, example)


def _in_days(value: float, months: float) -> bool:
    """The answer looks like the right ceiling counted in days instead of months."""
    return 29 * months <= value <= 31 * months


def check_ines_max_months(ines_max_months: Any) -> None:
    """Exercise 2, step 1: the longest mobility Inès's contract allows, in months."""
    __tracebackhide__ = True
    record_value("ines_max_months", ines_max_months)
    value = _months_typed("ines_max_months", ines_max_months, "4")
    if value is None:
        return
    ines = case.participant("ines")
    months = case.contract_of(ines)
    expected = case.ceiling_of(ines)
    if _in_days(value, expected):
        return problem("Give the answer in months, not days.")
    diagnose(value, expected, f"Right: a {months:g}-month contract; half is {expected:g} "
             f"months, lower than 12, so at most {expected:g} months abroad.", [
                 (case.ONE_YEAR_MONTHS, "That is the one-year ceiling. Since 2023 a second "
                  "ceiling applies, linked to the contract's total duration: keep the lower "
                  "of the two."),
                 (ines["asked_for_months"], "That is what Inès asked for, not what her "
                  "contract allows. Compute the ceiling from the contract's dates."),
                 (months / 4, "You halved twice. Take half of the contract's total duration "
                  "once, then compare with 12 months."),
                 (months - 1, "Count the contract's months again: from 1 September of one "
                  "year to 31 August of the next is a whole number of years."),
                 (months + 1, "Count the contract's months again: from 1 September of one "
                  "year to 31 August of the next is a whole number of years."),
                 (0, "No rule forbids a mobility on this contract. Under the current text, "
                  "take half of the contract's duration, then compare with 12 months."),
             ], "Not this figure. Count the contract's months, halve them, and keep the lower "
             "of that and 12 months (section 3).", tolerance=0)


def check_karim_max_months(karim_max_months: Any) -> None:
    """Exercise 2, step 2: the longest mobility Karim's contract allows, in months."""
    __tracebackhide__ = True
    record_value("karim_max_months", karim_max_months)
    value = _months_typed("karim_max_months", karim_max_months, "5")
    if value is None:
        return
    karim = case.participant("karim")
    months = case.contract_of(karim)
    expected = case.ceiling_of(karim)
    if _in_days(value, expected):
        return problem("Give the answer in months, not days.")
    not_a_ceiling = ("That is not a ceiling of L6222-42. Count the contract's months, halve "
                     "them, and keep the lower of that and 12 months.")
    diagnose(value, expected, f"Right: a {months:g}-month contract; half is {months / 2:g} "
             f"months, so the one-year ceiling decides: {expected:g} months.", [
                 (months / 2, "Half of the contract is right, but the article has another "
                  "ceiling that is lower here."),
                 (months - case.FORMER_MONTHS_IN_FRANCE, "That applies the six-months-in-"
                  "France rule of the old text without its one-year ceiling. Use the text in "
                  "force since 29 December 2023."),
                 (months, not_a_ceiling),
                 (months - case.ONE_YEAR_MONTHS, not_a_ceiling),
             ], "Not this figure. Two ceilings apply: one year, and half the contract. Keep "
             "the lower.", tolerance=0)


# -- exercise 3: the regime and what follows ------------------------------------------------
PEOPLE = ("Léa", "Karim", "Inès")


def _regime_of(item: Any) -> str | None:
    text = _fold(item)
    if "disposition" in text or text == "mad":
        return case.MISE_A_DISPOSITION
    if "veille" in text:
        return case.MISE_EN_VEILLE
    return None


def check_regimes(regimes: Any) -> None:
    """Exercise 3, step 1: the regime that fits each employer's wish."""
    __tracebackhide__ = True
    record_value("regimes", regimes)
    values = _as_list("regimes", regimes, 3, "apprentice",
                      '["mise en veille", "mise en veille", "mise à disposition"]')
    if values is None:
        return
    given = [_regime_of(v) for v in values]
    if None in given:
        unknown = [_fold(v) for v, g in zip(values, given, strict=True) if g is None]
        if any(re.search(r"\d|week|semaine|day|jour|month|mois", u) for u in unknown):
            return problem('Write the name of the regime, "mise à disposition" or "mise en '
                           'veille"; since 2023 the duration does not decide it, the employer '
                           "does.")
        return problem('Use "mise à disposition" or "mise en veille" for each apprentice.')
    expected = case.exercise_3_expected()["regimes"]
    if given == expected:
        return passed("Right: Léa's employer keeps paying (mise à disposition); Karim's and "
                      "Inès's employers do not (mise en veille), whatever the duration.")
    advice = []
    if any(g != e and e == case.MISE_A_DISPOSITION for g, e in zip(given, expected,
                                                                   strict=True)):
        advice.append("For the employer who wants to keep paying: under which regime does the "
                      "French contract continue as usual?")
    if any(g != e and e == case.MISE_EN_VEILLE for g, e in zip(given, expected, strict=True)):
        advice.append("For an employer who does not want to pay during the stay: under which "
                      "regime is the contract put on standby?")
    return problem(" ".join(advice))


def _letters(name: str, value: Any, allowed: str, example: str) -> list[str] | None:
    __tracebackhide__ = True
    values = _as_list(name, value, 3, "apprentice", example)
    if values is None:
        return None
    letters = [re.sub(r"\s+", "", str(v)).upper() for v in values]
    if any(v not in allowed for v in letters) or any(len(v) != 1 for v in letters):
        problem(f"Use one of the letters {', '.join(allowed)} for each apprentice, for example "
                f"`{name} = {example}`.")
        return None
    return letters


def check_who_pays(who_pays: Any) -> None:
    """Exercise 3, step 2: who pays each apprentice during the stay (A to D)."""
    __tracebackhide__ = True
    record_value("who_pays", who_pays)
    given = _letters("who_pays", who_pays, "ABCD", '["D", "A", "B"]')
    if given is None:
        return
    expected = case.exercise_3_expected()["who_pays"]
    if given == expected:
        return passed("Right: Léa's employer keeps paying her; the Porto restaurant pays "
                      "Karim under Portuguese rules; the school pays Inès no wage, so she "
                      "earns none during the stay (Erasmus+ and perhaps the OPCO help).")
    lea, karim, ines = given
    advice = []
    if "D" in given:
        advice.append("The CFA does not pay apprentices' wages; reread section 4, 'What each "
                      "regime means'.")
    if lea != expected[0] and lea != "D":
        advice.append("Léa's employer chose to keep paying her: under that regime, who goes "
                      "on paying the salary?")
    if karim == "A":
        advice.append("Under mise en veille the French employer does not pay: who is "
                      "responsible for pay under the host state's rules, and who hired Karim?")
    if ines == "A":
        advice.append("Under mise en veille the French employer does not pay Inès. Does the "
                      "school pay her a wage?")
    if ines == "B":
        advice.append("The host is responsible for pay only as the host state's rules "
                      "require, and the school pays Inès no wage: what does that leave her?")
    if not advice:
        advice.append("Not yet: for each apprentice, start from the regime of step 1 and "
                      "reread section 4, 'What each regime means'.")
    return problem(" ".join(advice))


def check_social_security(social_security: Any) -> None:
    """Exercise 3, step 3: which social security covers each apprentice (A to C)."""
    __tracebackhide__ = True
    record_value("social_security", social_security)
    given = _letters("social_security", social_security, "ABC", '["B", "B", "C"]')
    if given is None:
        return
    expected = case.exercise_3_expected()["social_security"]
    if given == expected:
        return passed("Right: Léa keeps French cover (mise à disposition); Karim, salaried in "
                      "Portugal, comes under Portuguese social security; Inès, not salaried "
                      "there, keeps French cover.")
    lea, karim, ines = given
    advice = []
    if "C" in given:
        advice.append("French law always leaves each apprentice with social security cover "
                      "here; private insurance is an extra, not a replacement (section 5).")
    if lea == "B":
        advice.append("Under mise à disposition, who remains responsible for the apprentice's "
                      "social protection? (Section 5, 'Who covers the apprentice'.)")
    if karim == "A":
        advice.append("Under mise en veille, an apprentice who is salaried in the host state "
                      "comes under that state's social security.")
    if ines == "B":
        advice.append("Under mise en veille, the host state's social security applies only if "
                      "the apprentice is salaried there. Is Inès salaried in Portugal?")
    return problem(" ".join(advice))
