"""The coach's reference framework (``data/skills.yaml``): the missions of the job, the skills a
working coach needs and the level expected; and, from ``data/modules.yaml``, the module
objectives that train each skill.

>>> s = skill("grant-budget")
>>> s.mission, "c1-1-develop" in s.modules
('admin-finance', True)
>>> [(m.code, n) for m, n in objectives_training("grant-budget")][:2]
[('C1.1', 4), ('C1.2', 4)]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from ..data import DATA_DIR
from .modules import Module, all_modules


@dataclass(frozen=True)
class Level:
    level: int
    name: str
    french: str
    description: str


@dataclass(frozen=True)
class Mission:
    id: str
    name: str
    french: str
    rank_in_guide: int | None
    description: str


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    short: str
    french: str
    mission: str
    level_expected: int
    modules: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Framework:
    title: str
    status: str
    levels: tuple[Level, ...]
    missions: tuple[Mission, ...]
    skills: tuple[Skill, ...]

    def mission(self, mission_id: str) -> Mission:
        return next(m for m in self.missions if m.id == mission_id)

    def skill(self, skill_id: str) -> Skill:
        for s in self.skills:
            if s.id == skill_id:
                return s
        raise KeyError(f"{skill_id!r} is not a skill of the framework")


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


@cache
def framework() -> Framework:
    """The framework as ``data/skills.yaml`` states it."""
    raw = yaml.safe_load((DATA_DIR / "skills.yaml").read_text(encoding="utf-8"))
    return Framework(
        title=_text(raw.get("title")) or "Skills framework",
        status=_text(raw.get("status")),
        levels=tuple(Level(int(x["level"]), _text(x["name"]), _text(x.get("french")),
                           _text(x.get("description"))) for x in raw["levels"]),
        missions=tuple(Mission(str(m["id"]), _text(m["name"]), _text(m.get("french")),
                               m.get("rank_in_guide"), _text(m.get("description")))
                       for m in raw["missions"]),
        skills=tuple(Skill(str(s["id"]), _text(s["name"]), _text(s.get("short")) or str(s["id"]),
                           _text(s.get("french")), str(s["mission"]), int(s["level_expected"]),
                           tuple(str(x) for x in s.get("modules") or ()), _text(s.get("source")))
                     for s in raw["skills"]),
    )


def skill(skill_id: str) -> Skill:
    return framework().skill(skill_id)


def skills_of(module_id: str) -> list[Skill]:
    """The skills a module trains, as the framework lists them."""
    return [s for s in framework().skills if module_id in s.modules]


def objectives_training(skill_id: str) -> list[tuple[Module, int]]:
    """Each (module, objective number) whose objective names ``skill_id``, in course order."""
    return [(m, n) for m in all_modules() for n in m.objectives_training(skill_id)]
