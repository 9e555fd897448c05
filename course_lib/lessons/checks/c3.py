"""Checks of the C3 validation exercises: CEFR levels, the front desk, and a first email.

Expected values are computed from the Galway case (``cases/c3.py``): the levels of the
descriptors, who meets the front desk's level, and, for the email, what the case's detection
rules find in Julien's draft. A wrong answer is compared with the usual mistakes, so the
message says what to change; text typed the way people type it (``"b1, a1"``,
``"Noah and Yanis"``, ``"Lea"``, ``"language level"``, ``"p4"``) is read. Each check
records the value it was given, so that the trainer's grading re-checks it outside the
learner's kernel (:mod:`course_lib.grading.verdicts`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ...quiz.values import record_value
from ..cases import c3
from .common import passed, problem

ANSWER_NAMES = ["cefr_levels", "front_desk_ok", "missing_elements", "paragraph_to_fix"]

_QUOTES = "\"'“”‘’«»[](){}"


def _blank(name: str, example: str) -> str:
    return (f"`{name}` still holds `...`: replace the three dots with your answer, "
            f"for example `{name} = {example}`, then run the cell again.")


def _plain(text: str) -> str:
    """Lower case, accents and quotes removed, spaces squeezed: ``"Léa "`` -> ``lea``."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.strip(_QUOTES + " ").strip().lower())


def _record(name: str, value: Any) -> None:
    record_value(name, sorted(map(str, value)) if isinstance(value, (set, frozenset)) else value)


def _items(name: str, value: Any, example: str, split: str = r"[,;\n/]+") -> list[str] | None:
    """A list typed as a list, a tuple or one text (split on ``split``), or ``None`` after
    saying what to type."""
    __tracebackhide__ = True
    if value is Ellipsis or value is None:
        problem(_blank(name, example))
        return None
    if isinstance(value, str):
        text = value.strip().translate({ord(c): " " for c in _QUOTES})
        return [t.strip() for t in re.split(split, text) if t.strip()]
    if isinstance(value, (list, tuple, set)):
        return [str(v).strip(_QUOTES + " ") for v in value if str(v).strip(_QUOTES + " ")]
    problem(f"`{name}` should be a list in square brackets, for example `{name} = {example}`, "
            f"not {value!r}.")
    return None


# -- exercise 1, step 1: six descriptors on the CEFR -----------------------------------------
_SWAP_HINTS = {
    ("A1", "A2"): "The lower of the two needs the other person to talk slowly and to help.",
    ("B1", "B2"): "'Familiar matters' and 'travelling' belong to the lower of the two "
                  "independent levels.",
    ("B2", "C1"): "'Recognise implicit meaning' and speaking 'without much obvious searching' "
                  "describe the higher of the two.",
    ("C1", "C2"): "'Virtually everything heard or read' is the top of the scale.",
}
_GROUP_WORDS = ("basic", "independent", "proficient", "user", "elementaire", "independant",
                "experimente")


def check_cefr_levels(cefr_levels: Any) -> None:
    """Exercise 1, step 1: the level of each descriptor, in the order D1 to D6."""
    __tracebackhide__ = True
    example = '["A1", "A1", "A1", "A1", "A1", "A1"]'
    _record("cefr_levels", cefr_levels)
    if isinstance(cefr_levels, str):  # "b 1, a 1": join each letter and its digit first
        cefr_levels = re.sub(r"(?i)\b([abc])\s+([12])\b", r"\1\2", cefr_levels)
    items = _items("cefr_levels", cefr_levels, example, split=r"[,;\s/]+")
    if items is None:
        return
    given = [re.sub(r"\s+", "", i).upper() for i in items]
    levels, expected = c3.levels(), c3.descriptor_levels()
    ids = [d["id"] for d in c3.case()["cefr_descriptors"]["items"]]
    unknown = [g for g in given if g not in levels]
    if unknown:
        if any(w in _plain(u) for u in unknown for w in _GROUP_WORDS):
            return problem('Type level codes such as "B1", not group names.')
        return problem(f"{unknown[0]!r} is not a CEFR level: use "
                       f"{', '.join(levels[:-1])} or {levels[-1]}.")
    if len(given) != len(expected):
        return problem(f"Type {len(expected)} level codes, one per descriptor, in the order "
                       f"{ids[0]} to {ids[-1]}, for example [\"A2\", \"B1\", ...]; you typed "
                       f"{len(given)}.")
    if given == expected:
        pairs = zip(ids, expected, strict=True)
        return passed(f"Right: {', '.join(f'{i} {lv}' for i, lv in pairs)}.")
    if given == list(levels) and expected != list(levels):
        return problem(f"You typed the levels from {levels[0]} to {levels[-1]}. The descriptors "
                       f"are shuffled: give the level of {ids[0]}, then of {ids[1]}, and so on.")
    twice = [lv for lv in levels if given.count(lv) > 1]
    if twice:
        return problem(f"Each level is used exactly once: you typed {twice[0]!r} "
                       f"{given.count(twice[0])} times.")
    wrong = [n for n, (g, e) in enumerate(zip(given, expected, strict=True)) if g != e]
    if len(wrong) == 2 and given[wrong[0]] == expected[wrong[1]]:
        pair = tuple(sorted((expected[wrong[0]], expected[wrong[1]]), key=c3.rank))
        hint = _SWAP_HINTS.get(pair, "Compare what the person can do in each one.")
        return problem(f"{ids[wrong[0]]} and {ids[wrong[1]]} are swapped. {hint}")
    detail = "; ".join(
        f"{ids[n]} is too {'high' if c3.rank(given[n]) > c3.rank(expected[n]) else 'low'}"
        for n in wrong)
    problem(f"{len(expected) - len(wrong)} of {len(expected)} are right ({detail}). Compare "
            "each descriptor with the table of levels in section 1: what can the person do, "
            "and with how much help?")


# -- exercise 1, step 2: who meets the front desk's level? -----------------------------------
def _apprentice(text: str) -> str | None:
    wanted = _plain(text)
    for a in c3.case()["apprentices"]:
        if wanted in {_plain(a["name"]), _plain(a["surname"]),
                      _plain(f"{a['name']} {a['surname']}")}:
            return a["name"]
    return None


def check_front_desk(front_desk_ok: Any) -> None:
    """Exercise 1, step 2: the apprentices with at least B1 in spoken interaction."""
    __tracebackhide__ = True
    _record("front_desk_ok", front_desk_ok)
    items = _items("front_desk_ok", front_desk_ok, '["Inès", "Léa"]',
                   split=r"[,;\n/&+]+|\s+(?:and|et)\s+")
    if items is None:
        return
    everyone = [a["name"] for a in c3.case()["apprentices"]]
    chosen = []
    for item in items:
        name = _apprentice(item)
        if name is None:
            return problem(f"{item!r} is not one of the {len(everyone)} apprentices: "
                           f"{c3.names(everyone)}. Type their first names in quotes.")
        chosen.append(name)
    given = set(chosen)
    rule = c3.front_desk_rule()
    skill, level = rule["skill"], rule["at_least"]
    skill_name = c3.case()["skills"][skill].lower()
    expected = set(c3.front_desk_ok())
    if given == expected:
        return passed(f"Right: {c3.names(sorted(expected, key=everyone.index))} have at least "
                      f"{level} in {skill_name}; \"at least {level}\" includes {level}.")
    for other, label in c3.case()["skills"].items():
        if other != skill and given == set(c3.at_least(other, level)) and given:
            if other == "SP":
                return problem("You used the spoken production column. Talking with guests "
                               "is spoken *interaction*: use that column.")
            return problem(f"You used the {label.lower()} column. The front desk needs "
                           f"{skill_name}: use that column.")
    above = {a["name"] for a in c3.case()["apprentices"]
             if c3.rank(a["self_assessment"][skill]) > c3.rank(level)}
    if given == above:
        return problem(f"'At least {level}' includes {level} itself.")
    below = given - expected
    if below:
        return problem(f"Check the {skill_name} level of each name you typed: "
                       f"{'one of them is' if len(below) == 1 else 'some of them are'} "
                       f"below {level}.")
    missing = len(expected - given)
    problem(f"{'One more apprentice meets' if missing == 1 else f'{missing} more apprentices meet'}"
            f" the requirement: read the {skill_name} column again.")


# -- exercise 2, step 1: what is missing from Julien's draft? --------------------------------
def _element(text: str) -> str | None:
    wanted = re.sub(r"[\s_\-]+", "_", _plain(text))
    return next((e for e in c3.element_ids() if e == wanted), None)


def _place(part: str) -> str:
    return {"subject": "the subject line", "greeting": "the greeting",
            "signature": "the signature"}.get(part, f"paragraph {part}")


def check_missing_elements(missing_elements: Any) -> None:
    """Exercise 2, step 1: the checklist elements that the rules do not find in the draft."""
    __tracebackhide__ = True
    _record("missing_elements", missing_elements)
    items = _items("missing_elements", missing_elements, '["dates", "signature"]')
    if items is None:
        return
    given = []
    for item in items:
        element = _element(item)
        if element is None:
            return problem(f"{item!r} is not a name of the checklist: type names from the "
                           "'Name to type' column, for example \"dates\".")
        given.append(element)
    draft = c3.draft_email()
    expected = c3.missing_elements(draft)
    all_ids = c3.element_ids()
    if set(given) == set(expected):
        labels = [next(e["label"] for e in c3.checklist() if e["id"] == i) for i in expected]
        return passed("Right: the draft lacks " + c3.names([lb[0].lower() + lb[1:]
                                                             for lb in labels]) + ".")
    if set(given) == set(all_ids):
        return problem("List only the elements that are missing from the draft, not the whole "
                       "checklist.")
    present = [e for e in given if e not in expected]
    if present:
        where = c3.where_found(draft)[present[0]]
        return problem(f"{present[0]!r} is in the draft: read {_place(where)} again.")
    left_out = [e for e in expected if e not in given]
    last = list(draft["paragraphs"])[-1]
    if left_out == ["next_step"]:
        return problem(f"Still missing: 1 element. Read the last paragraph ({last}) again: does "
                       "it say what happens next, and by when?")
    problem(f"Still missing: {len(left_out)} element{'s' if len(left_out) > 1 else ''}. Check "
            "each line of the checklist against the draft.")


# -- exercise 2, step 2: the paragraph that must not be sent ---------------------------------
def check_paragraph_to_fix(paragraph_to_fix: Any) -> None:
    """Exercise 2, step 2: the paragraph that holds what a first email must leave out."""
    __tracebackhide__ = True
    _record("paragraph_to_fix", paragraph_to_fix)
    if paragraph_to_fix is Ellipsis or paragraph_to_fix is None:
        return problem(_blank("paragraph_to_fix", '"P2"'))
    value = paragraph_to_fix
    if isinstance(value, (list, tuple, set)):
        if len(value) != 1:
            return problem("Type one paragraph label only, for example \"P2\".")
        value = next(iter(value))
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return problem(f"`paragraph_to_fix` should be a paragraph label in quotes, for example "
                       f"\"P2\", not {value!r}.")
    text = _plain(value) if isinstance(value, str) else f"{value:g}"
    found = re.fullmatch(r"(?:p|paragraph|paragraphe)?\s*(\d+)", text)
    draft = c3.draft_email()
    labels = list(draft["paragraphs"])
    if not found:
        return problem(f"Type a paragraph label such as \"P2\", not {paragraph_to_fix!r}.")
    label = f"P{int(found.group(1))}"
    if label not in labels:
        return problem(f"The draft has paragraphs {labels[0]} to {labels[-1]}.")
    expected = c3.paragraphs_to_fix(draft)
    if len(expected) != 1:
        raise LookupError(f"the case's draft should have one paragraph to fix, has {expected}")
    if label == expected[0]:
        rules = {r["id"]: r for r in c3.case()["email_must_not_contain"]}
        rule = rules[c3.breaks_rules(draft["paragraphs"][label])[0]]
        return passed(f"Right: {label} holds {rule['label'][0].lower()}{rule['label'][1:]}. "
                      "The host does not need them to say yes "
                      f"({rule['why'].split(' [')[0]}); send them later, only to the person who "
                      "needs them.")
    holds = c3.elements_in(draft["paragraphs"][label])
    if label == labels[-1] and "signature" in holds:
        return problem(f"{label} is the signature: the host needs the contact details. Look "
                       "for personal information about the apprentices.")
    if "participants" in holds:
        return problem(f"{label} tells the host who would come, including that one apprentice "
                       "is under 18: the host needs to know that. Look for information the host "
                       "does not need before saying yes.")
    if holds:
        names = [next(e["name"] for e in c3.checklist() if e["id"] == h) for h in holds]
        return problem(f"{label} holds what the host needs ({', '.join(names)}). Look for "
                       "personal information about the apprentices.")
    problem(f"{label} is not the one. Look for personal information about the apprentices.")
