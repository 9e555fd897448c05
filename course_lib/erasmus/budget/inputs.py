"""Turn mobilities (objects or a DataFrame) into one checked, normalised table.

Checks are vectorised and worded exactly like :func:`course_lib.erasmus.mobility.problems`,
so both budget engines reject the same input with the same messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from operator import attrgetter

import numpy as np
import pandas as pd

from ..activities import ACTIVITIES, ROLES
from ..countries import ALIASES, UnknownCountry, iso2
from ..distance import CityNotFound, route_km
from ..mobility import Mobility, MobilityError
from ..rates import RateTable

FIELDS = tuple(f.name for f in fields(Mobility))
DEFAULTS = {f.name: f.default for f in fields(Mobility) if f.name not in
            ("participant_id", "role", "destination_country", "start", "end")}
TRUE, FALSE = {"yes", "true", "1", "y", "oui"}, {"no", "false", "0", "n", "non", ""}


def to_frame(mobilities: Iterable[Mobility] | pd.DataFrame) -> pd.DataFrame:
    """A DataFrame with one column per :class:`Mobility` field, values normalised.

    Raises :class:`MobilityError` for values that cannot be read (bad date, bad
    number, bad boolean) or a missing required column.
    """
    if isinstance(mobilities, pd.DataFrame):
        frame = mobilities.copy()
        missing = [c for c in ("participant_id", "role", "destination_country", "start", "end")
                   if c not in frame.columns]
        if missing:
            raise MobilityError([("columns", f"missing column {c!r}") for c in missing])
        for name, default in DEFAULTS.items():
            if name not in frame.columns:
                frame[name] = default
        frame = frame[list(FIELDS)].reset_index(drop=True)
    else:
        rows = list(map(attrgetter(*FIELDS), mobilities))
        frame = pd.DataFrame.from_records(rows, columns=list(FIELDS))
    return _normalised(frame)


def _each_distinct(series: pd.Series, function) -> np.ndarray:
    """Apply ``function`` once per distinct value (None for missing values)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = np.array([function(v) for v in uniques] + [None], dtype=object)
    return mapped[codes]


def _tidy(value) -> str | None:
    text = str(value).strip()
    return text or None


def _code(value) -> str | None:
    code = str(value).strip().upper()
    return ALIASES.get(code, code) if code else None


def _normalised(frame: pd.DataFrame) -> pd.DataFrame:
    found: list[tuple[int, str]] = []
    out = pd.DataFrame(index=frame.index)
    out["participant_id"] = [
        p if isinstance(p, str) and p == p.strip() else ("" if pd.isna(p) else str(p).strip())
        for p in frame["participant_id"].tolist()]
    out["role"] = _each_distinct(frame["role"], lambda v: str(v).strip().casefold())
    for column in ("destination_country", "origin_country"):
        out[column] = _each_distinct(frame[column], _code)
    for column in ("origin_city", "destination_city"):
        out[column] = _each_distinct(frame[column], _tidy)
    out["activity"] = _each_distinct(
        frame["activity"], lambda v: str(v).strip().casefold() or None)
    for column in ("start", "end"):
        parsed = _dates(frame[column])
        for i in np.flatnonzero(parsed.isna().to_numpy()):
            found.append((i, f"{column}: bad date {_cell(frame[column], i)!r} "
                             "(expected YYYY-MM-DD)"))
        out[column] = parsed.to_numpy().astype("datetime64[D]")
    for column in ("distance_km", "travel_days"):
        number = pd.to_numeric(frame[column], errors="coerce")
        given = frame[column].notna().to_numpy()
        if number.isna().to_numpy()[given].any():
            given = given & _each_distinct(frame[column], lambda v: str(v).strip() != "").astype(
                bool)  # not &=: pandas may hand out a read-only array
        for i in np.flatnonzero(given & number.isna().to_numpy()):
            found.append((i, f"{column}: {frame[column].iloc[i]!r} is not a number"))
        out[column] = number.astype(float)
    bad_days = out["travel_days"].notna() & (out["travel_days"] % 1 != 0)
    for i in np.flatnonzero(bad_days.to_numpy()):
        found.append((i, f"travel_days: {_cell(frame['travel_days'], i)!r} is not a whole number"))
    for column in ("green_travel", "fewer_opportunities"):
        out[column] = _booleans(frame[column], column, found)
    if found:
        raise MobilityError([_where(out, i, reason) for i, reason in sorted(found)])
    return out


def _cell(series: pd.Series, i: int):
    """A value as the user wrote it: ``2``, not numpy's ``np.int64(2)``, in messages."""
    value = series.iloc[i]
    return value.item() if isinstance(value, np.generic) else value


def _dates(series: pd.Series) -> pd.Series:
    """Dates from date objects (fast path) or YYYY-MM-DD strings; NaT when unreadable.

    Time-zone-aware datetimes keep their local date (not the UTC one)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.tz_localize(None) if series.dt.tz is not None else series
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    as_text = [v.strftime("%Y-%m-%d") if isinstance(v, date) else v for v in uniques]
    parsed = pd.to_datetime(pd.Series(as_text, dtype=object), errors="coerce", format="%Y-%m-%d")
    values = np.append(parsed.to_numpy(dtype="datetime64[D]"), np.datetime64("NaT", "D"))
    return pd.Series(values[codes], index=series.index)


def _boolean(value) -> bool | None:
    """True/False for a boolean, 0/1, yes/no or true/false (missing: False); None if unreadable."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold()
    return text in TRUE if text in TRUE | FALSE else None


def _booleans(series: pd.Series, column: str, found: list[tuple[int, str]]) -> np.ndarray:
    if series.dtype == bool:
        return series.to_numpy()
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = np.array([_boolean(v) for v in uniques] + [False], dtype=object)
    values = mapped[codes]
    for i in np.flatnonzero(pd.isna(values)):
        found.append((i, f"{column}: {_cell(series, i)!r} is not yes/no or true/false"))
    return np.where(pd.isna(values), False, values).astype(bool)


def _where(frame: pd.DataFrame, i: int, reason: str) -> tuple[str, str]:
    return f"mobility {i + 1} ({frame['participant_id'].iloc[i]})", reason


def check(frame: pd.DataFrame, rates: RateTable) -> None:
    """Vectorised :func:`course_lib.erasmus.mobility.check_all` on a normalised frame."""
    found: list[tuple[int, int, str]] = []

    def add(mask, order: int, reason) -> None:
        for i in np.flatnonzero(np.asarray(mask)):
            found.append((i, order, reason(i) if callable(reason) else reason))

    pid, role = frame["participant_id"], frame["role"]
    add(pid == "", 0, "participant_id is empty")
    add(~role.isin(ROLES), 1,
        lambda i: f"unknown role {role.iloc[i]!r} (expected {', '.join(ROLES)})")
    groups = group_of(frame["destination_country"], rates)
    add(groups.isna(), 2, lambda i: "destination_country: " + _country_message(
        rates, frame["destination_country"].iloc[i]))
    origin = frame["origin_country"]
    known_origin = origin.map({c: _is_country(c) for c in origin.dropna().unique()})
    add(origin.notna() & ~known_origin.astype(bool), 3,
        lambda i: f"origin_country: unknown country {origin.iloc[i]!r}: use an ISO 3166 "
                  "alpha-2 code such as FR or ES")
    start = frame["start"].to_numpy(dtype="datetime64[D]")
    end = frame["end"].to_numpy(dtype="datetime64[D]")
    add(end < start, 4, lambda i: f"end {end[i]} is before start {start[i]}")
    distance = frame["distance_km"]
    add(distance < 0, 5, lambda i: f"distance_km cannot be negative, got {distance.iloc[i]:g}")
    cities = (frame["origin_city"].notna() & frame["origin_country"].notna()
              & frame["destination_city"].notna())
    add(distance.isna() & ~cities, 6, "distance_km is empty: give it, or origin_city, "
        "origin_country and destination_city")
    days = frame["travel_days"]
    add(days < 0, 7, lambda i: f"travel_days cannot be negative, got {int(days.iloc[i])}")
    _check_activities(frame, add)
    duplicated = pid.duplicated().to_numpy()
    if duplicated.any():
        first = {p: i for i, p in reversed(list(enumerate(pid.tolist())))}
        add(duplicated, 9, lambda i: f"duplicate participant_id {pid.iloc[i]!r} "
            f"(also mobility {first[pid.iloc[i]] + 1})")
    if found:
        raise MobilityError([_where(frame, i, reason) for i, _, reason in sorted(found)])


def _check_activities(frame: pd.DataFrame, add) -> None:
    role, activity = frame["role"], frame["activity"]
    accompanying_fewer = (role == "accompanying") & frame["fewer_opportunities"]
    add(accompanying_fewer, 8,
        "an accompanying person cannot also be flagged with fewer opportunities")
    given = activity.notna() & role.isin(ROLES) & ~accompanying_fewer
    unknown = given & ~activity.isin(list(ACTIVITIES))
    add(unknown, 8, lambda i: f"unknown activity {activity.iloc[i]!r} "
        f"(expected {', '.join(ACTIVITIES)})")
    expected = pd.Series(_each_distinct(
        activity, lambda a: ACTIVITIES[a].role if a in ACTIVITIES else None), index=activity.index)
    add(given & ~unknown & (expected != role), 8,
        lambda i: f"activity {activity.iloc[i]!r} is for {expected.iloc[i]} participants, "
                  f"not {role.iloc[i]}")


def _is_country(code: str | None) -> bool:
    if code is None:
        return True
    try:
        iso2(code)
    except UnknownCountry:
        return False
    return True


def _country_message(rates: RateTable, code: str) -> str:
    try:
        rates.country_group(code)
    except UnknownCountry as err:
        return str(err)
    return ""  # pragma: no cover - only called for unknown codes


def group_of(codes: pd.Series, rates: RateTable) -> pd.Series:
    """Receiving-country group of each code (NaN when the table has none)."""
    lookup = {code: group for group, cs in rates.country_groups.items() for code in cs}
    found = _each_distinct(codes, lambda c: lookup.get(c, np.nan))
    return pd.Series(found, index=codes.index, dtype=float)


def with_distances(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill missing ``distance_km`` from the cities (one way, rounded to 0.1 km)."""
    missing = frame["distance_km"].isna().to_numpy()
    if not missing.any():
        return frame
    frame = frame.copy()
    keys = ["origin_city", "origin_country", "destination_city", "destination_country"]
    found = []
    for i in np.flatnonzero(missing):
        km = route_km(*(frame[k].iloc[i] for k in keys))
        if isinstance(km, CityNotFound):
            found.append(_where(frame, i, str(km)))
        else:
            frame.loc[frame.index[i], "distance_km"] = km
    if found:
        raise MobilityError(found)
    return frame


def to_mobilities(frame: pd.DataFrame) -> list[Mobility]:
    """Rows of a normalised frame as :class:`Mobility` objects (for the loop engine)."""
    items = []
    for row in frame.itertuples(index=False):
        values = row._asdict()
        for column in ("start", "end"):
            values[column] = pd.Timestamp(values[column]).date()
        # a text column with some cells missing holds NaN for them (pandas' str dtype)
        for column in ("distance_km", "travel_days", "origin_city", "origin_country",
                       "destination_city", "activity"):
            if pd.isna(values[column]):
                values[column] = None
        if values["travel_days"] is not None:
            values["travel_days"] = int(values["travel_days"])
        values["green_travel"] = bool(values["green_travel"])
        values["fewer_opportunities"] = bool(values["fewer_opportunities"])
        items.append(Mobility(**values))
    return items
