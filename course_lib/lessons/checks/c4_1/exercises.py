"""The checks of the three C4.1 exercises. Each reads the learner's answer with
:mod:`.reading`, compares it with the value computed from the Malta case and, when it is wrong,
says what to change (the usual mistakes, the rules an outcome breaks), never the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...cases import c4_1 as case
from ..common import passed, problem
from .reading import _current_range, _ksa, _levels, _old_range, _outcomes, _read_range


# -- exercise 1: K, S or A -------------------------------------------------------------------
def _quoted(words: Sequence[str]) -> str:
    return case.names([f"'{w}'" for w in words])


def _ksa_advice(given: list[str]) -> str:
    """How many are right, which statements to look at again, and why."""
    items, expected = case.statements(), case.expected_types()
    wrong = [(s, g, e) for s, g, e in zip(items, given, expected, strict=True) if g != e]
    right = len(items) - len(wrong)
    text = (f"{right} of {len(items)} are right. Look again at "
            f"{case.names([s['id'] for s, _, _ in wrong])}.")
    if len(set(given)) == 1:
        counts = {k: expected.count(k) for k in "KSA"}
        return (f"{text} Each letter is used {counts['K']} times: {counts['K']} K, "
                f"{counts['S']} S, {counts['A']} A.")
    advice = []
    autonomy = [s for s, _, e in wrong if e == "A"]
    if autonomy:
        markers = list(dict.fromkeys(w for s in autonomy
                                     for w in case.autonomy_words_in(s["text"])))
        ids = case.names([s["id"] for s in autonomy])
        verb, its = (("describes an action", "its") if len(autonomy) == 1
                     else ("describe actions", "their"))
        advice.append(f"{ids} {verb}, but {its} point is responsibility and autonomy: remove "
                      f"the words {_quoted(markers)} and see what is left. Read the quick test "
                      "in section 2.")
    skill_as_k = [s for s, g, e in wrong if e == "S" and g == "K"]
    if skill_as_k:
        ids = case.names([s["id"] for s in skill_as_k])
        advice.append(f"{ids} {'uses' if len(skill_as_k) == 1 else 'use'} a method, a tool or a "
                      "procedure: it is something the apprentice does, not something they know.")
    knowledge = [(s, g) for s, g, e in wrong if e == "K"]
    if knowledge:
        firsts = sorted({s["text"].split()[0] for s, _ in knowledge})
        advice.append(f"Statements that start with {_quoted(firsts)} describe facts the "
                      "apprentice holds: which letter is that?")
        k_ids = [s["id"] for s in items if s["type"] == "K"]
        if all(g == "S" for s, g in zip(items, given, strict=True) if s["id"] in k_ids):
            advice.append("Here S means skills (savoir-faire), not savoirs: knowledge is K.")
    skill_as_a = [s for s, g, e in wrong if e == "S" and g == "A"]
    if skill_as_a:
        ids = case.names([s["id"] for s in skill_as_a])
        advice.append(f"{ids} {'says' if len(skill_as_a) == 1 else 'say'} nothing about "
                      "supervision or responsibility: "
                      f"{'it describes' if len(skill_as_a) == 1 else 'they describe'} using a "
                      "tool or a procedure.")
    return " ".join([text, *advice])


def check_ksa_types(ksa_types: Any) -> None:
    """Exercise 1 (2 points): at least 7 of the 9 statements sorted right."""
    __tracebackhide__ = True
    given = _ksa(ksa_types)
    if given is None:
        return
    expected = case.expected_types()
    right = sum(g == e for g, e in zip(given, expected, strict=True))
    enough = case.case()["exercise_ksa"]["pass_first_test"]
    if right == len(expected):
        return passed(f"Right: all {len(expected)} statements are sorted.")
    if right >= enough:
        return passed(f"{right} of {len(expected)} are right: enough for these 2 points. The "
                      "check below says which statements to look at again.")
    problem(_ksa_advice(given))


def check_ksa_types_all(ksa_types: Any) -> None:
    """Exercise 1 (1 more point): all 9 statements sorted right."""
    __tracebackhide__ = True
    given = _ksa(ksa_types)
    if given is None:
        return
    if given == case.expected_types():
        counts = {k: given.count(k) for k in "KSA"}
        drafts = [s for s in case.statements() if case.read_outcome(s["text"]).vague]
        rewrite = ""
        if drafts:
            firsts = sorted({s["text"].split()[0] for s in drafts})
            start = "starts" if len(drafts) == 1 else "start"
            rewrite = (f" {case.names([s['id'] for s in drafts])} {start} with "
                       f"{_quoted(firsts)}, a verb nobody can observe: in a learning agreement, "
                       "rewrite them with 'describes' or 'lists' (section 2).")
        return passed(f"Right: {counts['K']} statements of knowledge, {counts['S']} of skills "
                      f"and {counts['A']} of responsibility and autonomy.{rewrite}")
    problem(_ksa_advice(given))


# -- exercise 2: EQF levels ------------------------------------------------------------------
def check_eqf_levels(eqf_levels: Any) -> None:
    """Exercise 2 (1 point): the levels of today's diplomas, Q1 to Q5."""
    __tracebackhide__ = True
    items = _levels(eqf_levels)
    if items is None:
        return
    indexes = _current_range()
    given = _read_range(items, indexes)
    if given is None:
        return
    quals = [case.qualifications()[i] for i in indexes]
    expected = [case.qualification_level(q) for q in quals]
    span = f"{quals[0]['id']} to {quals[-1]['id']}"
    if given == expected:
        return passed(f"Right: {span} are at levels {', '.join(map(str, expected))}.")
    advice = []
    wrong = [(q, g) for q, g, e in zip(quals, given, expected, strict=True) if g != e]
    own = [q for q, _ in wrong if q.get("own_diploma")]
    if own:
        advice.append(f"{own[0]['id']} is the apprentices' own diploma: the baccalauréat, "
                      "including the bac pro, has one level in INSEE's table.")
    bts = [q for q, g in wrong if q["kind"] == "bts" and g == q.get("years_after_bac")]
    if bts:
        advice.append("A BTS is prepared in two years after the bac, but its level is not 2: "
                      "find it in the table of section 3.")
    years = [q for q, g in wrong if q.get("years_after_bac") and q["kind"] != "bts"
             and g in (q["years_after_bac"], case.qualification_level(q) + 1)]
    if years:
        advice.append("Levels are not years of study: read the table of French levels in "
                      "section 3.")
    right = len(quals) - len(wrong)
    text = f"{right} of {len(quals)} are right ({span})."
    if not advice:
        advice.append("Use the table of French levels in section 3: the French level and the "
                      "EQF level carry the same number.")
    problem(" ".join([text, *advice]))


def check_old_levels(eqf_levels: Any) -> None:
    """Exercise 2 (1 point): the two old documents, Q6 and Q7, converted from 1969."""
    __tracebackhide__ = True
    items = _levels(eqf_levels)
    if items is None:
        return
    indexes = _old_range()
    given = _read_range(items, indexes)
    if given is None:
        return
    quals = [case.qualifications()[i] for i in indexes]
    expected = [case.qualification_level(q) for q in quals]
    ids = case.names([q["id"] for q in quals])
    if given == expected:
        pairs = [f"former niveau {q['former_1969']} = level {e}"
                 for q, e in zip(quals, expected, strict=True)]
        return passed(f"Right: {', '.join(pairs)} (décret n° 2019-14).")
    roman = [case.roman_reading()[i] for i in indexes]
    if given == roman:
        return problem(f"{ids} use the 1969 numbering, which counted the other way round: read "
                       "'The trap of the old Roman numerals' in section 3.")
    if sum(g == e for g, e in zip(given, expected, strict=True)) == len(expected) - 1:
        olds = " and which was ".join(f"'niveau {q['former_1969']}'" for q in quals)
        return problem(f"One of the two old documents is not converted right. Which diploma "
                       f"was {olds} in 1969?")
    problem(f"{ids} are not converted right yet: use the column 'Former level (1969 "
            "nomenclature)' of the table of French levels in section 3.")


# -- exercise 3: three learning outcomes, six rules ------------------------------------------
def _placeholder(n: int) -> str:
    return (f"Outcome {n}: replace each '...' with the rest of your outcome: what the "
            "apprentice does, with what, in which context.")


def _bloc_words(numbers: Sequence[str]) -> str:
    return " or ".join(f"'(bloc {n})'" for n in numbers)


def _rule_sentences(reading: case.Reading) -> list[str]:
    targets = case.targeted_blocs()
    said = []
    for rule in reading.broken:
        if rule == 1:
            if reading.vague:
                why = (f"it starts with '{reading.vague}': nobody can observe that. Start with "
                       "an action verb of the list, for example the verb of the task that leads "
                       "to it.")
            elif reading.only_in:
                phrases = case.names(["'" + p + "'"
                                      for p in case.rules()["verb_only_in"][reading.only_in]])
                why = (f"it starts with '{reading.opening}': the list accepts "
                       f"'{reading.only_in}' only in {phrases}. "
                       "Start with an action verb of the list, for example the verb of the task "
                       "that leads to it.")
            elif reading.ing:
                s_form = reading.ing + ("es" if reading.ing.endswith(("s", "sh", "ch", "x"))
                                        else "s")
                why = (f"it starts with '{reading.first_word}': start with the base form of the "
                       f"verb ('{reading.ing}'), or with the -s form ('{s_form}').")
            elif reading.late_verb:
                why = ("it should start with the verb, or with 'The apprentice can' followed by "
                       f"the verb ('{reading.late_verb}').")
            else:
                why = (f"it starts with '{reading.first_word}', which is not in the list. Choose "
                       "a verb from the list (English or French).")
        elif rule == 2:
            others = [b for b in reading.blocs if b not in targets]
            if not reading.blocs:
                why = f"it does not name its bloc: add {_bloc_words(targets)} at the end."
            else:
                known = {b["number"] for b in case.blocs()}
                cov = case.coverage()
                b = others[0]
                if b not in known:
                    reason = "the bac pro MCV has no such bloc"
                elif cov[b][1] == 0:
                    reason = ("this placement does not target it; it is practised at the French "
                              "employers")
                else:
                    reason = ("this placement does not target it: the shops cannot train most "
                              "of its competences")
                why = (f"it names bloc {b} ({reason}). Use "
                       f"{' or '.join(f'bloc {t}' for t in targets)}.")
        else:
            r = case.rules()
            if reading.words < r["min_words"]:
                why = (f"it has {reading.words} words (at least {r['min_words']}): add the "
                       "object and the context, for example where, with what, or to which "
                       "standard.")
            else:
                why = (f"it has {reading.words} words (at most {r['max_words']}): keep one "
                       "outcome per sentence and cut the rest.")
        said.append(f"Rule {rule}: {why}")
    return said


def _rules_text(numbers: Sequence[int]) -> str:
    return ("rule " if len(numbers) == 1 else "rules ") + case.names([str(n) for n in numbers])


def _check_outcome(value: Any, n: int) -> None:
    __tracebackhide__ = True
    texts = _outcomes(value)
    if texts is None:
        return
    reading = case.read_outcome(texts[n - 1])
    if reading.placeholder:
        return problem(_placeholder(n))
    broken = reading.broken
    if not broken:
        return passed(f"Outcome {n} meets rules 1 to 3: it starts with '{reading.verb}', names "
                      f"bloc {case.names(list(reading.blocs))} and has {reading.words} words.")
    problem(f"Outcome {n} breaks {_rules_text(broken)}. " + " ".join(_rule_sentences(reading)))


def check_outcome_1(my_outcomes: Any) -> None:
    """Exercise 3 (1 point): outcome 1 meets rules 1 to 3."""
    __tracebackhide__ = True
    _check_outcome(my_outcomes, 1)


def check_outcome_2(my_outcomes: Any) -> None:
    """Exercise 3 (1 point): outcome 2 meets rules 1 to 3."""
    __tracebackhide__ = True
    _check_outcome(my_outcomes, 2)


def check_outcome_3(my_outcomes: Any) -> None:
    """Exercise 3 (1 point): outcome 3 meets rules 1 to 3."""
    __tracebackhide__ = True
    _check_outcome(my_outcomes, 3)


def check_outcomes_table(my_outcomes: Any) -> None:
    """Exercise 3 (1 point): the three outcomes together meet rules 4 to 6."""
    __tracebackhide__ = True
    texts = _outcomes(my_outcomes)
    if texts is None:
        return
    readings = [case.read_outcome(t) for t in texts]
    holding = [n for n, r in enumerate(readings, start=1) if r.placeholder]
    if holding:
        return problem(_placeholder(holding[0]))
    broken = case.table_broken(texts)
    targets = case.targeted_blocs()
    if not broken:
        with_autonomy = next(n for n, r in enumerate(readings, start=1) if r.autonomy)
        phrase = readings[with_autonomy - 1].autonomy
        return passed(f"The table meets rules 4 to 6: {case.names([f'bloc {t}' for t in targets])}"
                      f" both appear, outcome {with_autonomy} states a degree of autonomy "
                      f"('{phrase}'), and no two outcomes start with the same verb.")
    said = []
    if 4 in broken:
        named = [set(r.blocs) for r in readings]
        missing = [t for t in targets if not any(t in b for b in named)]
        only = {b for bs in named for b in bs} & set(targets)
        if len(only) == 1 and all(bs == only for bs in named):
            said.append(f"Rule 4: all {len(texts)} outcomes are for bloc {next(iter(only))}: the "
                        f"placement also targets bloc {case.names(missing)}. Write at least one "
                        "outcome for it.")
        else:
            said.append(f"Rule 4: no outcome names bloc {case.names(missing)}; the placement "
                        f"targets {case.names([f'bloc {t}' for t in targets])}: write at least "
                        "one outcome for each.")
    if 5 in broken:
        said.append("Rule 5: none of your outcomes says how independently the apprentice works: "
                    "add a phrase of the list to one of them, for example 'on their own by "
                    "week 3'.")
    if 6 in broken:
        keys = [r.verb_key for r in readings]
        twice = next(k for k in keys if keys.count(k) > 1)
        which = [str(n) for n, k in enumerate(keys, start=1) if k == twice]
        said.append(f"Rule 6: outcomes {case.names(which)} "
                    f"{'both' if len(which) == 2 else 'all'} start with '{twice}': use a "
                    f"different verb for {'one of them' if len(which) == 2 else 'two of them'}.")
    problem(f"The table breaks {_rules_text(broken)}. " + " ".join(said))
