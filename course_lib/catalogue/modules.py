"""The course's modules: one declaration, read by notebooks, the CLI and the tests.

>>> module("c1-1-develop").code
'C1.1'
>>> [m.id for m in all_modules()][:2]
['c1-1-develop', 'c1-2-implement']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import yaml

from ..data import DATA_DIR

DATA = DATA_DIR


@dataclass(frozen=True)
class Module:
    """One module of the ATMA kit, with its validation modalities."""

    id: str
    code: str
    topic: str
    title: str
    minutes: int
    objectives: tuple[str, ...] = field(default_factory=tuple)
    objective_skills: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    prerequisites: tuple[str, ...] = field(default_factory=tuple)
    points: int | None = None
    pass_mark: int | None = None
    manual_points: int = 0
    pause: str | None = None

    @property
    def skills(self) -> tuple[str, ...]:
        """The framework's skills this module trains: those its objectives name, in order."""
        return tuple(dict.fromkeys(s for named in self.objective_skills for s in named))

    def objectives_training(self, skill_id: str) -> list[int]:
        """The numbers (from 1) of the objectives that train ``skill_id``.

        >>> module("c1-1-develop").objectives_training("grant-budget")
        [4]
        """
        return [n for n, named in enumerate(self.objective_skills, start=1) if skill_id in named]

    @property
    def notebook(self) -> str:
        """File name of the module's notebook, ``<id>.ipynb``."""
        return f"{self.id}.ipynb"

    @property
    def autograded_points(self) -> int | None:
        """Points nbgrader scores on its own (the pass mark is reachable from these alone)."""
        return None if self.points is None else self.points - self.manual_points

    @property
    def is_gradable(self) -> bool:
        """True once the module has a graded validation test."""
        return self.points is not None

    def passed(self, score: float) -> bool:
        """Whether ``score`` reaches the module's pass mark.

        >>> module("c1-1-develop").passed(14)
        True
        """
        if self.pass_mark is None:
            raise ValueError(f"module {self.id} has no validation test yet")
        return score >= self.pass_mark


@cache
def _load() -> tuple[dict[str, str], tuple[Module, ...]]:
    raw = yaml.safe_load((DATA / "modules.yaml").read_text(encoding="utf-8"))
    modules = tuple(
        Module(
            id=m["id"],
            code=m["code"],
            topic=m["topic"],
            title=m["title"],
            minutes=int(m["minutes"]),
            objectives=tuple(str(o["text"]) for o in m.get("objectives") or ()),
            objective_skills=tuple(tuple(o.get("skills") or ()) for o in m.get("objectives") or ()),
            prerequisites=tuple(m.get("prerequisites") or ()),
            points=m.get("points"),
            pass_mark=m.get("pass_mark"),
            manual_points=int(m.get("manual_points") or 0),
            pause=m.get("pause"),
        )
        for m in raw["modules"]
    )
    return dict(raw["topics"]), modules


def all_modules() -> list[Module]:
    """Every module of the kit, in course order."""
    return list(_load()[1])


def topics() -> dict[str, str]:
    """The kit's five topics, C1 to C5."""
    return dict(_load()[0])


def module_ids() -> list[str]:
    """The ids of all modules, in course order."""
    return [m.id for m in all_modules()]


def module(module_id: str) -> Module:
    """The module with this id; a clear error names the known ids otherwise."""
    for m in all_modules():
        if m.id == module_id:
            return m
    raise KeyError(f"unknown module {module_id!r}; known modules: {', '.join(module_ids())}")
