"""A learner's working copy: new modules arrive, the learner's own work is never replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_lib.app.lab import lab_command, prepare_workspace
from course_lib.catalogue import all_modules
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


@pytest.mark.slow
def test_the_lab_command_starts_jupyterlab_on_the_learners_folder(course, tmp_path):
    """`mobility-course lab` as a learner types it: the modules are copied, JupyterLab
    answers on the port and serves the learner's folder (not the course's)."""
    import re
    import sys
    import urllib.request

    from .conftest import free_port, running

    work, port = tmp_path / "my-course", free_port()
    argv = [str(Path(sys.executable).parent / "mobility-course"), "lab", "--dir", str(work),
            "--port", str(port), "--no-browser"]
    log = tmp_path / "lab.log"
    with running(argv, f"http://127.0.0.1:{port}/login", log, cwd=course, timeout=180):
        text = log.read_text()
        assert f"copied module c1-1-develop into {work}" in text
        token = re.search(r"[?&]token=([0-9a-f]+)", text).group(1)
        url = f"http://127.0.0.1:{port}/api/contents?token={token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            listing = json.loads(response.read())
        names = {item["name"] for item in listing["content"]}
        assert {m.id for m in all_modules()} <= names and "source" not in names
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}",
                                    timeout=30) as response:
            assert "JupyterLab" in response.read().decode()
