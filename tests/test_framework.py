"""The coach's reference framework (data/skills.yaml) and the seven modules point to each
other: every module trains skills of the framework, every skill is trained by a module, and
every module of the kit has its notebook, question bank and validation modalities."""

from __future__ import annotations

import pytest

from course_lib.catalogue import all_modules, framework, module, skill, skills_of
from course_lib.quiz.questions import load_bank

from .conftest import REPO

SEED_CODES = ["C1.1", "C1.2", "C2", "C3", "C4.1", "C4.2", "C5"]


def test_every_module_of_the_seed_is_declared():
    assert [m.code for m in all_modules()] == SEED_CODES


@pytest.mark.parametrize("mid", [m.id for m in all_modules()])
def test_each_module_trains_skills_of_the_framework(mid):
    m = module(mid)
    assert m.skills, f"{mid} names no skill of the framework"
    for sid in m.skills:
        assert mid in skill(sid).modules, f"{sid} does not list {mid}"
    assert {s.id for s in skills_of(mid)} == set(m.skills)


def test_every_skill_is_trained_by_a_module_and_belongs_to_a_mission():
    missions = {mi.id for mi in framework().missions}
    ids = {m.id for m in all_modules()}
    for s in framework().skills:
        assert s.modules and set(s.modules) <= ids, s.id
        assert s.mission in missions, s.id
        assert s.level_expected in framework().levels, s.id


@pytest.mark.parametrize("mid", [m.id for m in all_modules()])
def test_every_module_has_its_notebook_bank_and_modalities(mid):
    m = module(mid)
    assert (REPO / "source" / mid / f"{mid}.ipynb").is_file()
    assert (REPO / "release" / mid / f"{mid}.ipynb").is_file()
    assert load_bank(mid).graded()
    assert m.points and m.pass_mark and m.pass_mark <= m.autograded_points


def test_an_unknown_skill_is_named():
    with pytest.raises(KeyError, match="not a skill of the framework"):
        skill("juggling")
