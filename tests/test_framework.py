"""The coach's reference framework (data/skills.yaml) and the seven modules point to each
other: every module objective names the skills it trains, every skill is trained by some
module objective, and
every module of the kit has its notebook, question bank and validation modalities."""

from __future__ import annotations

import pytest

from course_lib.catalogue import (
    all_modules,
    framework,
    module,
    objectives_training,
    skill,
    skills_of,
)
from course_lib.quiz.questions import load_bank

from .conftest import REPO

SEED_CODES = ["C1.1", "C1.2", "C2", "C3", "C4.1", "C4.2", "C5"]


def test_every_module_of_the_seed_is_declared():
    assert [m.code for m in all_modules()] == SEED_CODES


@pytest.mark.parametrize("mid", [m.id for m in all_modules()])
def test_every_objective_points_to_skills_of_the_framework(mid):
    m = module(mid)
    assert len(m.objective_skills) == len(m.objectives) >= 3
    for number, named in enumerate(m.objective_skills, start=1):
        assert named, f"{mid} objective {number} names no skill"
        for sid in named:
            skill(sid)  # raises KeyError naming an unknown skill
            assert number in m.objectives_training(sid)
    assert {s.id for s in skills_of(mid)} == set(m.skills), (
        f"skills.yaml's `modules` and {mid}'s objectives disagree")


def test_every_skill_is_trained_by_an_objective_and_belongs_to_a_mission():
    missions = {mi.id for mi in framework().missions}
    levels = {lv.level for lv in framework().levels}
    for s in framework().skills:
        trained_by = objectives_training(s.id)
        assert trained_by, f"no module objective trains {s.id}"
        assert {m.id for m, _ in trained_by} == set(s.modules), s.id
        assert s.mission in missions, s.id
        assert s.level_expected in levels, s.id
        assert s.short and s.short != s.id, s.id


def test_module_headers_name_each_objectives_skills():
    from course_lib.lessons.notebook import header_markdown

    text = header_markdown("c1-1-develop")
    estimate = next(line for line in text.splitlines() if line.startswith("4. "))
    assert "Estimate the Erasmus+ grant" in estimate
    assert estimate.endswith("*Skills: Grant and budget, Eligibility checks.*")


def test_the_framework_page_links_each_skill_to_its_objectives():
    from course_lib.app.skills import framework_html
    from course_lib.app.ui import esc

    page = framework_html()
    row = page[page.index(esc(skill("recognition-tools").name)):].split("</tr>")[0]
    assert row.count("objective ") == 3  # C4.2 objectives 2, 4 and 5
    assert "C4.2" in row and "objective 4" in row and "objective 1<" not in row


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


@pytest.mark.parametrize("mid", [m.id for m in all_modules() if m.pause])
def test_a_long_modules_header_says_two_sittings_once(mid):
    from course_lib.lessons.notebook import header_markdown

    opening = "**Two sittings:** this module is longer than 90 minutes. "
    line = next(x for x in header_markdown(mid).splitlines() if "sittings" in x.lower())
    assert line.startswith(opening) and line[len(opening)].isupper(), line
    assert line.lower().count("two sittings") == 1, line


@pytest.mark.parametrize("mid", [m.id for m in all_modules()])
def test_the_validation_modalities_state_the_points_the_learner_can_reach_alone(mid):
    """One pass mark, stated with the points it is counted on: the written task's share is
    said, and so is that the autograded part alone reaches the pass mark."""
    from course_lib.lessons.notebook import validation_markdown

    m = module(mid)
    first = validation_markdown(mid).splitlines()[0]
    assert f"**{m.points} points**" in first
    assert f"**validated from {m.pass_mark} points**" in first
    if m.manual_points:
        assert (f"{m.autograded_points} for the quiz and the exercises, {m.manual_points} "
                "for the written task") in first
        assert f"({m.pass_mark} of their {m.autograded_points})" in first
        assert "%" not in first  # a share of the total would disagree with the module's text
