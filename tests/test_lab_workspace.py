"""A learner's working copy: new modules arrive, the learner's own work is never replaced."""

from __future__ import annotations

import json

from course_lib.app.lab import lab_command, prepare_workspace
from course_lib.grading import released_modules

from .conftest import REPO


def test_modules_are_copied_once_and_work_is_kept(tmp_path):
    work = tmp_path / "learner"
    assert prepare_workspace(REPO, work) == released_modules(REPO)
    notebook = work / "c1-1-develop" / "c1-1-develop.ipynb"
    notebook.write_text("my own work", encoding="utf-8")
    (work / "c1-1-develop" / "answers.json").write_text("{}", encoding="utf-8")
    assert prepare_workspace(REPO, work) == []  # nothing new, nothing overwritten
    assert notebook.read_text(encoding="utf-8") == "my own work"
    assert (work / "c1-1-develop" / "answers.json").exists()


def test_learner_settings_and_command(tmp_path):
    work = tmp_path / "learner"
    prepare_workspace(REPO, work)
    news = work / ".jupyter/lab/user-settings/@jupyterlab/apputils-extension/" \
        "notification.jupyterlab-settings"
    assert json.loads(news.read_text())["fetchNews"] == "false"
    page = json.loads((work / ".jupyter/labconfig/page_config.json").read_text())
    assert page["disabledExtensions"]["@jupyter/nbgrader:create-assignment"] is True
    argv, env = lab_command(work, port=9999, open_browser=False)
    assert f"--ServerApp.root_dir={work}" in argv and "--ServerApp.port=9999" in argv
    assert env["JUPYTER_CONFIG_DIR"] == str(work / ".jupyter")
