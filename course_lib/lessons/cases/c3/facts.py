"""The facts of the Galway case (C3) and what is computed from them: ages and minors,
days and hours, CEFR levels and who meets a requirement, the linguistic support from the
call-2021 rates, and which checklist elements an email holds (by the detection rules stored in
the case).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from ....erasmus.rates import load_rates
from .. import load_case

MODULE = "c3-intercultural"
RATES_YEAR = 2021  # the only VET table read line by line (Spanish NA annex IV [V1])


def case() -> Any:
    return load_case(MODULE)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def long_date(when: date | str, weekday: bool = True) -> str:
    """``Monday 1 March 2027`` (``1 March 2027`` without the weekday)."""
    when = _day(when) if isinstance(when, str) else when
    text = f"{when.day} {when:%B %Y}"
    return f"{when:%A} {text}" if weekday else text


# -- dates, ages, hours ----------------------------------------------------------------------
def departure() -> date:
    return _day(case()["mobility"]["outbound_travel"])


def activity_days() -> int:
    """Days of activity, first and last day included (1 to 21 March 2027: 21)."""
    m = case()["mobility"]
    return (_day(m["activity_end"]) - _day(m["activity_start"])).days + 1


def day_of_stay(when: date | str) -> int:
    """Day number of the activity (day 1 = the first day of activity)."""
    when = _day(when) if isinstance(when, str) else when
    return (when - _day(case()["mobility"]["activity_start"])).days + 1


def age_on(birth: date | str, when: date) -> int:
    birth = _day(birth) if isinstance(birth, str) else birth
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


def ages_at_departure() -> dict[str, int]:
    """First name -> age on the day of departure."""
    return {a["name"]: age_on(a["birth_date"], departure()) for a in case()["apprentices"]}


def minors_at_departure() -> list[str]:
    return [name for name, age in ages_at_departure().items() if age < 18]


def workshop_dates() -> list[date]:
    w = case()["language_plan"]["workshops"]
    first, last = _day(w["first"]), _day(w["last"])
    return [first + timedelta(days=n) for n in range(0, (last - first).days + 1, w["every_days"])]


def workshop_hours() -> int:
    return len(workshop_dates()) * case()["language_plan"]["workshops"]["hours_each"]


# -- CEFR levels -----------------------------------------------------------------------------
def levels() -> tuple[str, ...]:
    return tuple(case()["cefr_levels"])


def rank(level: str) -> int:
    """Position on the CEFR scale: A1 is 0, C2 is 5."""
    return levels().index(level)


def at_least(skill: str, level: str) -> list[str]:
    """The apprentices whose self-assessed ``skill`` is ``level`` or higher, in case order."""
    return [a["name"] for a in case()["apprentices"]
            if rank(a["self_assessment"][skill]) >= rank(level)]


def front_desk_rule() -> Mapping[str, str]:
    for host in case()["hosts"]:
        if "front_desk_requirement" in host:
            return host["front_desk_requirement"]
    raise LookupError("the case has no front-desk requirement")


def front_desk_ok() -> list[str]:
    """Exercise 1, step 2: who meets the front desk's level (at least B1 in SI)."""
    rule = front_desk_rule()
    return at_least(rule["skill"], rule["at_least"])


def descriptor_levels() -> list[str]:
    """Exercise 1, step 1: the level of each descriptor D1 to D6, in order."""
    return [d["level"] for d in case()["cefr_descriptors"]["items"]]


# -- linguistic support (call 2021) ----------------------------------------------------------
def linguistic_support_of(participant: Mapping[str, Any], rates=None) -> float:
    """Call-2021 linguistic support for ONE participant of a group line of the case.

    150 € when the participant is eligible for OLS but the language or level is not available;
    150 € more in ErasmusPro; never for accompanying persons; nothing for staff on mobilities
    shorter than 31 days; nothing when OLS covers the language (the flags exclude each other).
    """
    amounts = (rates or load_rates(RATES_YEAR)).linguistic_support
    role = participant["role"]
    if participant["language_in_ols"] or role == "accompanying":
        return 0.0
    if role == "staff" and participant["days"] < case()["linguistic_support"]["staff_min_days"]:
        return 0.0
    extra = amounts["erasmuspro_extra"] if participant.get("erasmuspro") else 0
    return float(amounts["per_participant"] + extra)


def linguistic_support(group: str) -> float:
    """The grant of one group of the case (``galway``, ``variant_for_v5``...), in euros."""
    return sum(line["count"] * linguistic_support_of(line)
               for line in case()["linguistic_support"][group])


# -- emails and the checklist ----------------------------------------------------------------
def checklist() -> tuple[Mapping[str, Any], ...]:
    return case()["required_email_elements"]


def element_ids() -> list[str]:
    return [e["id"] for e in checklist()]


def _matches(pattern: str, text: str) -> bool:
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def elements_in(text: str) -> list[str]:
    """The checklist elements whose every pattern matches ``text``, in checklist order."""
    return [e["id"] for e in checklist() if all(_matches(p, text) for p in e["all_of"])]


def email_parts(email: Mapping[str, Any]) -> dict[str, str]:
    """An email of the case as labelled parts: the subject, then its paragraphs."""
    parts = {"subject": email["subject"]}
    if email.get("greeting"):
        parts["greeting"] = email["greeting"]
    parts.update(email["paragraphs"])
    if email.get("signature"):
        parts["signature"] = email["signature"]
    return parts


def email_text(email: Mapping[str, Any]) -> str:
    return "\n".join(email_parts(email).values())


def missing_elements(email: Mapping[str, Any]) -> list[str]:
    """The checklist elements the rules do not find in the email, in checklist order."""
    found = set(elements_in(email_text(email)))
    return [e for e in element_ids() if e not in found]


def where_found(email: Mapping[str, Any]) -> dict[str, str]:
    """Element -> the first paragraph that holds it on its own (the subject only if no
    paragraph does), for the elements present in the email."""
    parts = email_parts(email)
    order = [k for k in parts if k != "subject"] + ["subject"]
    found: dict[str, str] = {}
    for element in elements_in(email_text(email)):
        found[element] = next((k for k in order if element in elements_in(parts[k])),
                              "several paragraphs")
    return found


def elements_by_part(email: Mapping[str, Any]) -> dict[str, list[str]]:
    """Paragraph -> the checklist elements it holds on its own (for the lesson's side column)."""
    return {k: elements_in(v) for k, v in email_parts(email).items()}


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def breaks_rules(text: str) -> list[str]:
    """The "must not contain" rules that ``text`` breaks (for example ``personal_data``)."""
    names = [n for a in case()["apprentices"] for n in (a["name"], a["surname"])]
    broken = []
    for rule in case()["email_must_not_contain"]:
        hit = any(_matches(p, text) for p in rule["any_of"])
        if rule.get("apprentice_names"):
            hit = hit or any(re.search(rf"\b{re.escape(_plain(n))}\b", _plain(text))
                             for n in names)
        if hit:
            broken.append(rule["id"])
    return broken


def paragraphs_to_fix(email: Mapping[str, Any]) -> list[str]:
    """The paragraphs of an email that hold what a first email must leave out."""
    return [k for k, v in email["paragraphs"].items() if breaks_rules(v)]


def first_email() -> Mapping[str, Any]:
    return case()["first_email"]


def draft_email() -> Mapping[str, Any]:
    return case()["draft_email"]


def word_count(email: Mapping[str, Any]) -> int:
    return len(email_text(email).split())


def names(items: Iterable[str]) -> str:
    """``a, b and c`` (for messages)."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
