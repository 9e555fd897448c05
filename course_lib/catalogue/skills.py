"""The coach's reference framework (``data/skills.yaml``): the missions of the job, the skills a
working coach needs, the level expected, and the modules that train each skill.

>>> s = skill("grant-budget")
>>> s.mission, "c1-1-develop" in s.modules
('admin-finance', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from ..data import DATA_DIR


@dataclass(frozen=True)
class Mission:
    id: str
    name: str
    french: str
    description: str


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    french: str
    mission: str
    level_expected: int
    modules: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Framework:
    title: str
    levels: dict[int, str]
    missions: tuple[Mission, ...]
    skills: tuple[Skill, ...]


@cache
def framework() -> Framework:
    raw = yaml.safe_load((DATA_DIR / "skills.yaml").read_text(encoding="utf-8"))
    return Framework(
        title=str(raw["title"]),
        levels={int(lv["level"]): str(lv["name"]) for lv in raw["levels"]},
        missions=tuple(Mission(m["id"], m["name"], m.get("french", ""),
                               " ".join(str(m.get("description", "")).split()))
                       for m in raw["missions"]),
        skills=tuple(Skill(s["id"], s["name"], s.get("french", ""), s["mission"],
                           int(s["level_expected"]), tuple(s["modules"]), str(s.get("source", "")))
                     for s in raw["skills"]),
    )


def skill(skill_id: str) -> Skill:
    for s in framework().skills:
        if s.id == skill_id:
            return s
    raise KeyError(f"{skill_id!r} is not a skill of the framework")


def skills_of(module_id: str) -> list[Skill]:
    """The skills a module trains."""
    return [s for s in framework().skills if module_id in s.modules]
