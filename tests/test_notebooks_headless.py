"""Every notebook runs headless (nbclient, like nbgrader) within a hard timeout."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import REPO

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(
    p.relative_to(REPO)
    for folder in ("notebooks", "release", "source")
    for p in (REPO / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


def run(path: Path, env_step: str | None, monkeypatch) -> nbformat.NotebookNode:
    if env_step:
        monkeypatch.setenv("NBGRADER_EXECUTION", env_step)
    else:
        monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=60, startup_timeout=60, kernel_name="python3",
                   allow_errors=True, resources={"metadata": {"path": str(path.parent)}}
                   ).execute()
    return nb


def errors_of(nb) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for c in nb.cells
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_there_are_notebooks_to_run():
    assert any(p.parts[0] == "notebooks" for p in NOTEBOOKS)
    assert any(p.parts[0] == "release" for p in NOTEBOOKS)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("rel", NOTEBOOKS, ids=str)
def test_notebook_runs_headless(rel, tmp_path, monkeypatch):
    # a copy, so answers.json never lands in the repository
    shutil.copytree(REPO / rel.parent, tmp_path / "nb")
    path = tmp_path / "nb" / rel.name
    nb = run(path, None, monkeypatch)
    errors = errors_of(nb)
    if rel.parts[0] == "notebooks":
        assert errors == []
    else:
        # interactively, checks print messages: no cell of a module may raise, even blank
        assert errors == [], errors
    # and under nbgrader (no widget built) it still finishes
    run(path, "validate", monkeypatch)


def test_common_slips_show_a_message_not_a_traceback(monkeypatch):
    from nbformat.v4 import new_code_cell, new_notebook

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = new_notebook(cells=[
        new_code_cell("from course_lib.lessons import friendly_errors\n"
                      "friendly_errors()\nanswer = ..."),
        new_code_cell("total = 2 * answer"),       # uses an unanswered `...`
        new_code_cell("print(travel_per_persn)"),  # a typo
    ])
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    assert errors_of(nb) == []
    shown = [o["data"]["text/html"] for c in nb.cells[1:] for o in c.outputs]
    assert "still holds `...`" in shown[0]
    assert "`travel_per_persn` is not known yet" in shown[1]
