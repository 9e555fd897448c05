"""The course glossary (``data/glossary.yaml``): every acronym and technical term the modules
use, with its French term, a plain definition and a source.

>>> entry = term("CFA")
>>> entry.french.startswith("centre de formation")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import yaml

from ..data import DATA_DIR


@dataclass(frozen=True)
class Term:
    term: str
    french: str
    definition: str
    source: str
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def anchor(self) -> str:
        """The id of the term's row on the glossary page (for links from the modules)."""
        return "term-" + re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")

    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@cache
def glossary() -> tuple[Term, ...]:
    """Every term, in alphabetical order."""
    raw = yaml.safe_load((DATA_DIR / "glossary.yaml").read_text(encoding="utf-8"))
    terms = [
        Term(str(t["term"]), str(t.get("french") or ""), str(t["definition"]).strip(),
             str(t.get("source") or ""), tuple(str(a) for a in t.get("aliases") or ()))
        for t in raw["terms"]
    ]
    return tuple(sorted(terms, key=lambda t: t.term.lower()))


def term(name: str) -> Term:
    """The entry for ``name`` (a term or one of its aliases, any case)."""
    wanted = name.strip().lower()
    for entry in glossary():
        if wanted in (n.lower() for n in entry.names()):
            return entry
    raise KeyError(f"{name!r} is not in the course glossary")


def known_names() -> set[str]:
    """Every term and alias, as written."""
    return {n for entry in glossary() for n in entry.names()}


def glossary_markdown() -> str:
    """The glossary as one Markdown table (the app's glossary page)."""
    lines = ["| Term | French | What it means | Source |", "|---|---|---|---|"]
    for t in glossary():
        cells = [f'<a id="{t.anchor}"></a>**{t.term}**', t.french, t.definition, t.source]
        lines.append("| " + " | ".join(c.replace("|", "/").replace("\n", " ") for c in cells)
                     + " |")
    return "\n".join(lines)
