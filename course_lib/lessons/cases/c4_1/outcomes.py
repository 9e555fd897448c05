"""Exercise 3 of C4.1: the rules a program applies to a learning outcome.

:func:`read_outcome` reads one outcome (rules 1 to 3, and what rules 4 to 6 need);
:func:`table_broken` says which of rules 4 to 6 a table of outcomes breaks. The verbs, blocs,
lead-ins and phrases of autonomy are those of the case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .facts import _fold, _has, case, targeted_blocs


# -- exercise 3: the rules a program applies to a learning outcome ---------------------------
def rules() -> Mapping[str, Any]:
    return case()["exercise_outcomes"]


def _verb_forms() -> dict[str, str]:
    """Every accepted spelling (folded) -> the verb's base form as the list writes it."""
    r = rules()
    forms: dict[str, str] = {}
    for verb in r["action_verbs_en"]:
        spellings = [verb, verb + "s", verb + "es"]
        if verb.endswith("ise"):
            spellings += [verb[:-3] + "ize", verb[:-3] + "izes"]
        for s in spellings:
            forms.setdefault(_fold(s), verb)
    for infinitive, third in zip(r["action_verbs_fr"], r["action_verbs_fr_3rd_person"],
                                 strict=True):
        forms.setdefault(_fold(infinitive), infinitive)
        forms.setdefault(_fold(third), infinitive)
    return forms


def _vague_forms() -> dict[str, str]:
    r = rules()
    forms: dict[str, str] = {}
    for verb in r["vague_verbs"]:
        if " " not in verb:
            for s in (verb, verb + "s", verb + "es"):
                forms.setdefault(_fold(s), verb)
    for verb in r["vague_verbs_fr_3rd_person"]:
        forms.setdefault(_fold(verb), verb)
    return forms


_NUMBERING = re.compile(r"^\s*(?:lo\s*\d+\s*[:.)\-]?|\d+\s*[.):\-]|[-•*–])\s*")
_PUNCT = "\"'«»“”‘’.,;:!?()[]"


def _first(text: str) -> str:
    """The first word, without an elided d' or l' glued to it and without punctuation."""
    words = text.split()
    if not words:
        return ""
    word = re.sub(r"^(?:d|l)'(?=\w)", "", words[0])
    return word.strip(_PUNCT)


@dataclass(frozen=True)
class Reading:
    """What the rules of exercise 3 find in one learning outcome."""

    text: str
    words: int
    first_word: str          # as typed (lower case), after numbering and lead-in
    verb: str | None         # the base form of an action verb of the list it starts with
    vague: str | None        # a vague verb it starts with instead (know, understand...)
    ing: str | None          # the base form when it starts with an -ing form ("selling")
    late_verb: str | None    # an action verb a few words later ("Lina will greet...")
    only_in: str | None      # a verb of `verb_only_in` outside its phrases ("takes part in")
    opening: str             # the first two words from the verb on ("takes part")
    blocs: tuple[str, ...]   # the blocs it names, in order
    autonomy: str | None     # the autonomy phrase it holds
    placeholder: bool        # still holds "..."

    @property
    def targeted(self) -> bool:
        return bool(self.blocs) and all(b in targeted_blocs() for b in self.blocs)

    @property
    def length_ok(self) -> bool:
        return rules()["min_words"] <= self.words <= rules()["max_words"]

    @property
    def broken(self) -> list[int]:
        """The rules of 1 to 3 this outcome breaks."""
        return [n for n, ok in ((1, self.verb is not None), (2, self.targeted),
                                (3, self.length_ok)) if not ok]

    @property
    def verb_key(self) -> str:
        """What rule 6 compares: the verb's base form, or the first word."""
        return self.verb or self.first_word


def named_blocs(text: str) -> tuple[str, ...]:
    """The blocs an outcome names: "bloc 1", "bloc n° 3", "block 2", "U33" (rule 2)."""
    found = []
    for match in re.finditer(rules()["bloc_pattern"], text, flags=re.IGNORECASE):
        found.append(re.sub(r"\s+", "", match.group(1)).upper())
    for unit, number in rules()["unit_aliases"].items():
        if re.search(rf"\b{unit[0]}\s*{unit[1:]}\b", text, flags=re.IGNORECASE):
            found.append(number)
    return tuple(dict.fromkeys(found))


def autonomy_phrase(text: str) -> str | None:
    r = rules()
    for phrase in (*r["autonomy_markers_en"], *r["autonomy_markers_fr"]):
        if _has(phrase, text):
            return phrase
    return None


def read_outcome(text: str) -> Reading:
    """Apply the rules of exercise 3 to one outcome (rules 1 to 3, and what 4 to 6 need)."""
    lowered = re.sub(r"\s+", " ", str(text).replace("’", "'").replace("‘", "'")).strip()
    lowered = _NUMBERING.sub("", lowered.lower(), count=1).strip(_PUNCT + " ")
    leads = sorted((_fold(lead) for lead in rules()["lead_ins_removed"]), key=len, reverse=True)
    stages = [lowered]
    for _ in range(3):
        current = stages[-1]
        lead = next((lead for lead in leads if _fold(current).startswith(lead + " ")), None)
        if lead is None:
            break
        stages.append(current[len(lead) + 1:].strip())
    verbs, vague_forms = _verb_forms(), _vague_forms()
    firsts = [_first(s) for s in stages]
    verb = next((verbs[_fold(w)] for w in reversed(firsts) if _fold(w) in verbs), None)
    verb_stage = next((s for s in reversed(stages) if _fold(_first(s)) in verbs), stages[-1])
    opening = " ".join(w.strip(_PUNCT) for w in verb_stage.split()[:2])
    only_in = None
    phrases = rules().get("verb_only_in", {}).get(verb)
    if phrases:
        # "take" passes only in "take charge of"...: the words after the verb must be the
        # phrase's own, whatever the verb's form ("takes charge of", "prend en charge")
        rest = _fold(" ".join(verb_stage.split()[1:]))
        if not any(re.match(rf"{re.escape(_fold(p.split(' ', 1)[1]))}(?!\w)", rest)
                   for p in phrases):
            only_in, verb = verb, None
    vague = None
    if verb is None and only_in is None:
        vague = next((vague_forms[_fold(w)] for w in firsts if _fold(w) in vague_forms), None)
        if vague is None and any(re.match(r"(?:be|is|are) aware\b", _fold(s)) for s in stages):
            vague = "be aware"
    first = firsts[-1]
    ing = late = None
    if verb is None and vague is None and only_in is None:
        stem = _fold(first)[:-3] if _fold(first).endswith("ing") else ""
        for candidate in (stem, stem + "e", stem[:-1]):
            if candidate and candidate in verbs and verbs[candidate] in rules()["action_verbs_en"]:
                ing = verbs[candidate]
                break
        if ing is None:
            later = [_fold(w.strip(_PUNCT)) for w in stages[-1].split()[1:4]]
            late = next((verbs[w] for w in later if w in verbs), None)
    return Reading(
        text=str(text), words=len(str(text).split()), first_word=first, verb=verb,
        vague=vague, ing=ing, late_verb=late, only_in=only_in, opening=opening,
        blocs=named_blocs(str(text)),
        autonomy=autonomy_phrase(str(text)),
        placeholder="..." in str(text) or "…" in str(text))


def table_broken(outcomes: Sequence[str]) -> list[int]:
    """The rules of 4 to 6 a table of outcomes breaks."""
    readings = [read_outcome(t) for t in outcomes]
    named = {b for r in readings for b in r.blocs}
    keys = [r.verb_key for r in readings]
    return [n for n, ok in ((4, set(targeted_blocs()) <= named),
                            (5, any(r.autonomy for r in readings)),
                            (6, len(set(keys)) == len(keys))) if not ok]
