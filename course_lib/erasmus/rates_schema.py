"""Read and check a rate-table YAML file; every problem names its key path.

The schema is documented in ``course_lib/data/rates/2021.yaml`` and in
:mod:`course_lib.erasmus.rates`. This module only turns raw YAML into checked values:

>>> from course_lib.erasmus.rates import RATES_DIR
>>> raw = read_yaml(RATES_DIR / "2021.yaml")
>>> raw["travel"][2]["from_km"] = "abc"
>>> validate(raw, "mine.yaml")
Traceback (most recent call last):
...
course_lib.erasmus.rates_fields.RatesError: mine.yaml: travel[2].from_km: must be a number >= 0, ...
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .activities import ACTIVITIES
from .countries import ALIASES, UnknownCountry, iso2
from .rates_fields import (  # noqa: F401 - RatesError and read_yaml are part of this API
    RatesError,
    _fail,
    _fields,
    _group_key,
    _is_number,
    _list,
    _mapping,
    _number,
    _text,
    _whole,
    read_yaml,
)

ROLES_PAID = ("learner", "staff", "accompanying")
REQUIRED = (
    "call_year", "currency", "source", "travel", "travel_days", "country_groups",
    "individual_support", "organisational_support", "inclusion_support_per_participant",
)
OPTIONAL_ITEMS = {
    "course_fees": {"per_day": True, "max_days": True},
    "preparatory_visit": {"per_person": True, "max_persons": True},
    "linguistic_support": {"per_participant": True, "erasmuspro_extra": False},
}
OPTIONAL = ("sources", "illustrative", "deadlines", "notes", *OPTIONAL_ITEMS)


@dataclass(frozen=True)
class TravelBand:
    """A one-way distance band: ``from_km`` included, ``to_km`` excluded (None: no end)."""

    from_km: float
    to_km: float | None
    standard: float
    green: float
    has_green_rate: bool

    def amount(self, green: bool = False) -> float:
        """The band's amount; green travel gets the green rate where there is one."""
        return self.green if green else self.standard

    @property
    def label(self) -> str:
        """``'500-1999 km'``-style description (whole km, as the Guide writes it)."""
        if self.to_km is None:
            return f"{self.from_km:g} km or more"
        return f"{self.from_km:g}-{math.ceil(self.to_km) - 1:g} km"


@dataclass(frozen=True)
class Tier:
    """From funded day ``from_day`` on, the daily amount is multiplied by ``share``.

    ``printed``, when the call's annex prints the tier's amounts, maps role ->
    country group -> daily amount: those printed amounts are paid, and ``share``
    only explains where they come from.
    """

    from_day: int
    share: float
    printed: Mapping[str, Mapping[int, float]] | None = field(default=None, hash=False)

    def amount(self, role: str, country_group: int, daily: float) -> float:
        """The tier's daily amount: the printed one, else ``daily`` x ``share`` (unrounded)."""
        if self.printed is not None:
            return self.printed[role][country_group]
        return daily * self.share


@dataclass(frozen=True)
class OrgTier:
    """Organisational support for participants ranked up to ``up_to`` (None: all others)."""

    up_to: int | None
    amount: float


@dataclass(frozen=True)
class Deadline:
    """An application deadline (Brussels time) and how sure we are of it."""

    key: str
    date: dt.date | None
    time: str | None = None
    verified: bool = True
    source: str = ""
    note: str = ""


def _travel(value: Any) -> tuple[TravelBand, ...]:
    rows = []
    for i, raw in enumerate(_list(value, "travel")):
        key = f"travel[{i}]"
        item = _fields(raw, key, ("from_km", "standard"), ("green",))
        from_km = _number(item["from_km"], f"{key}.from_km")
        standard = _number(item["standard"], f"{key}.standard")
        green = item.get("green")
        green = standard if green is None else _number(green, f"{key}.green")
        if rows and from_km <= rows[-1][0]:
            raise _fail(f"{key}.from_km", f"bands must be increasing: {from_km:g} comes after "
                        f"{rows[-1][0]:g}")
        rows.append((from_km, standard, green, item.get("green") is not None))
    ends = [r[0] for r in rows[1:]] + [None]
    pairs = zip(rows, ends, strict=True)
    return tuple(TravelBand(f, end, s, g, has) for (f, s, g, has), end in pairs)


def _travel_days(value: Any) -> dict[str, int]:
    item = _fields(value, "travel_days", ("standard", "green"))
    return {mode: _whole(item[mode], f"travel_days.{mode}") for mode in ("standard", "green")}


def _country_groups(value: Any) -> dict[int, tuple[str, ...]]:
    groups: dict[int, tuple[str, ...]] = {}
    seen: dict[str, int] = {}
    for raw_group, codes in _mapping(value, "country_groups").items():
        group = _group_key(raw_group, f"country_groups.{raw_group}")
        key = f"country_groups.{group}"
        checked = []
        for i, code in enumerate(_list(codes, key)):
            if not isinstance(code, str) or len(code.strip()) != 2:
                raise _fail(f"{key}[{i}]", f"must be an ISO 3166 alpha-2 code, got {code!r}")
            try:
                code = iso2(ALIASES.get(code.strip().upper(), code))
            except UnknownCountry:
                raise _fail(f"{key}[{i}]", f"unknown ISO 3166 alpha-2 code {code!r}") from None
            if code in seen:
                raise _fail(f"{key}[{i}]", f"{code} is already in group {seen[code]}")
            seen[code] = group
            checked.append(code)
        groups[group] = tuple(checked)
    if not groups:
        raise _fail("country_groups", "must list at least one group")
    return dict(sorted(groups.items()))


#: A printed amount may differ from daily amount x share by less than this (the
#: annexes round to the euro): a larger gap is a typo or a daily amount changed alone.
PRINTED_TOLERANCE = 1.0


def _group_amounts(value: Any, key: str, groups: tuple[int, ...]) -> dict[int, float]:
    """Amount per country group: every group of ``country_groups``, no other."""
    amounts = {
        _group_key(g, f"{key}.{g}"): _number(a, f"{key}.{g}")
        for g, a in _mapping(value, key).items()
    }
    for group in groups:
        if group not in amounts:
            raise _fail(key, f"missing group {group}")
    extra = sorted(set(amounts) - set(groups))
    if extra:
        raise _fail(key, f"group {extra[0]} is not in country_groups {groups}")
    return dict(sorted(amounts.items()))


def _printed(value: Any, key: str, groups: tuple[int, ...], daily, share: float):
    """A tier's printed amounts: role -> group -> amount, close to daily x share."""
    item = _fields(value, key, ROLES_PAID)
    printed = {}
    for role in ROLES_PAID:
        amounts = _group_amounts(item[role], f"{key}.{role}", groups)
        for group, amount in amounts.items():
            computed = daily[role][group] * share
            if abs(amount - computed) >= PRINTED_TOLERANCE:
                raise _fail(f"{key}.{role}.{group}", (
                    f"printed amount {amount:g} is not about share x daily amount "
                    f"({share:g} x {daily[role][group]:g} = {computed:.2f}): correct the "
                    f"amount, the share or individual_support.{role}.{group}"))
        printed[role] = amounts
    return printed


def _tiers(value: Any, groups: tuple[int, ...], daily) -> tuple[Tier, ...]:
    tiers: list[Tier] = []
    for i, raw in enumerate(_list(value, "individual_support.tiers")):
        key = f"individual_support.tiers[{i}]"
        item = _fields(raw, key, ("from_day", "share"), ("printed",))
        from_day = _whole(item["from_day"], f"{key}.from_day", 1)
        share = _number(item["share"], f"{key}.share")
        if share > 1:
            raise _fail(f"{key}.share", f"must be between 0 and 1, got {share:g}")
        if not tiers and from_day != 1:
            raise _fail(f"{key}.from_day", f"the first tier must start on day 1, got {from_day}")
        if tiers and from_day <= tiers[-1].from_day:
            raise _fail(f"{key}.from_day", f"tiers must be increasing: day {from_day} comes after "
                        f"day {tiers[-1].from_day}")
        printed = item.get("printed")
        if printed is not None:
            printed = _printed(printed, f"{key}.printed", groups, daily, share)
        tiers.append(Tier(from_day, share, printed))
    return tuple(tiers)


def _individual_support(value: Any, groups: tuple[int, ...]):
    item = _fields(value, "individual_support", (*ROLES_PAID, "tiers"))
    daily = {role: _group_amounts(item[role], f"individual_support.{role}", groups)
             for role in ROLES_PAID}
    return daily, _tiers(item["tiers"], groups, daily)


def _org_tiers(value: Any, key: str) -> tuple[OrgTier, ...]:
    tiers: list[OrgTier] = []
    for i, raw in enumerate(_list(value, key)):
        tkey = f"{key}[{i}]"
        item = _fields(raw, tkey, ("up_to", "amount"))
        up_to = item["up_to"]
        if tiers and tiers[-1].up_to is None:
            raise _fail(f"{tkey}.up_to", "only the last tier may have up_to: null")
        if up_to is not None:
            up_to = _whole(up_to, f"{tkey}.up_to", 1)
            if tiers and up_to <= tiers[-1].up_to:
                raise _fail(f"{tkey}.up_to", f"tiers must be increasing: {up_to} comes after "
                            f"{tiers[-1].up_to}")
        tiers.append(OrgTier(up_to, _number(item["amount"], f"{tkey}.amount")))
    if tiers[-1].up_to is not None:
        raise _fail(f"{key}[{len(tiers) - 1}].up_to",
                    "the last tier must have up_to: null (everyone above the previous tiers)")
    return tuple(tiers)


def _organisational_support(value: Any):
    key = "organisational_support"
    if isinstance(value, list):
        return _org_tiers(value, key)
    result = {}
    for activity, tiers in _mapping(value, key).items():
        if activity == "accompanying":
            raise _fail(f"{key}.accompanying", "accompanying persons get no organisational "
                        "support and are not counted: remove this entry")
        if activity not in ACTIVITIES:
            raise _fail(f"{key}.{activity}", "unknown activity type (known: "
                        f"{', '.join(a for a in ACTIVITIES if a != 'accompanying')})")
        result[activity] = _org_tiers(tiers, f"{key}.{activity}")
    if not result:
        raise _fail(key, "must list at least one activity type")
    return result


def _optional_item(name: str, value: Any) -> dict[str, float]:
    spec = OPTIONAL_ITEMS[name]
    required = tuple(k for k, needed in spec.items() if needed)
    optional = tuple(k for k, needed in spec.items() if not needed)
    item = _fields(value, name, required, optional)
    return {k: _number(v, f"{name}.{k}") for k, v in item.items()}


def _deadlines(value: Any) -> dict[str, Deadline]:
    result = {}
    for name, raw in _mapping(value, "deadlines").items():
        key = f"deadlines.{name}"
        item = _fields(raw, key, ("date",), ("time", "verified", "source", "note"))
        date = item["date"]
        if date is not None and not isinstance(date, dt.date):
            raise _fail(f"{key}.date", f"must be a date YYYY-MM-DD or null, got {date!r}")
        time = item.get("time")
        if time is not None and not re.fullmatch(r"\d{2}:\d{2}", str(time)):
            raise _fail(f"{key}.time", f"must be HH:MM in quotes, e.g. \"12:00\", got {time!r}")
        verified = item.get("verified", date is not None)
        if not isinstance(verified, bool):
            raise _fail(f"{key}.verified", f"must be true or false, got {verified!r}")
        texts = {k: str(item.get(k) or "").strip() for k in ("source", "note")}
        result[str(name)] = Deadline(str(name), date, time, verified, **texts)
    return result


def _sections(fields: dict[str, Any]) -> set[str]:
    """Every section name ``illustrative`` may refer to."""
    names = {k for k in (*REQUIRED, *OPTIONAL) if fields.get(k) is not None}
    names |= {"individual_support.tiers"} | {f"individual_support.{r}" for r in ROLES_PAID}
    if isinstance(fields["organisational_support"], dict):
        names |= {f"organisational_support.{a}" for a in fields["organisational_support"]}
    names |= {f"deadlines.{d}" for d in fields.get("deadlines") or {}}
    return names


def _illustrative(value: Any, sections: set[str]) -> dict[str, str]:
    if value is None:
        return {}
    items = value.items() if isinstance(value, Mapping) else enumerate(_list(value, "illustrative"))
    reasons = {}
    for where, entry in items:
        name, reason = (where, entry) if isinstance(value, Mapping) else (entry, "")
        key = f"illustrative.{name}" if isinstance(value, Mapping) else f"illustrative[{where}]"
        if name not in sections:
            raise _fail(key, f"unknown section {name!r} (sections: {', '.join(sorted(sections))})")
        reasons[name] = "" if reason is None else str(reason).strip()
    return reasons


def validate(raw: Any, origin: str | None = None) -> dict[str, Any]:
    """Check a parsed rate table; return the fields of a ``RateTable``."""
    try:
        return _validate(raw)
    except RatesError as err:
        raise RatesError(err.key, err.problem, origin) from None


def _validate(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise _fail("", "a rate table must be a YAML mapping of sections (call_year, travel ...)")
    unknown = sorted(set(map(str, raw)) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise _fail(unknown[0], f"unknown section (known: {', '.join((*REQUIRED, *OPTIONAL))})")
    for name in REQUIRED:
        if name not in raw:
            raise _fail(name, "missing")
    currency = _text(raw["currency"], "currency")
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise _fail("currency", f"must be a 3-letter ISO 4217 code such as EUR, got {currency!r}")
    groups = _country_groups(raw["country_groups"])
    daily, tiers = _individual_support(raw["individual_support"], tuple(groups))
    sources = raw.get("sources") or {}
    sources = {str(k): _text(v, f"sources.{k}") for k, v in _mapping(sources, "sources").items()}
    fields: dict[str, Any] = {
        "call_year": _whole(raw["call_year"], "call_year", 2000),
        "currency": currency,
        "source": _text(raw["source"], "source"),
        "travel": _travel(raw["travel"]),
        "travel_days": _travel_days(raw["travel_days"]),
        "country_groups": groups,
        "individual_support": daily,
        "tiers": tiers,
        "organisational_support": _organisational_support(raw["organisational_support"]),
        "inclusion_support_per_participant": _number(
            raw["inclusion_support_per_participant"], "inclusion_support_per_participant"),
        "deadlines": _deadlines(raw["deadlines"]) if raw.get("deadlines") is not None else {},
        "sources": sources,
    }
    for name in OPTIONAL_ITEMS:
        fields[name] = _optional_item(name, raw[name]) if raw.get(name) is not None else None
    reasons = _illustrative(raw.get("illustrative"), _sections(fields))
    for deadline in fields["deadlines"].values():
        if not deadline.verified:
            reasons.setdefault(f"deadlines.{deadline.key}", deadline.note or "not verified")
    fields["illustrative_reasons"] = reasons
    return fields
