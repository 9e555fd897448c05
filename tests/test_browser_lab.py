"""A learner in a real browser: JupyterLab in Debian Chromium, driven by Playwright.

Open the released C1.1, click answers in the graded quiz, restart the kernel and see them
restored; then submit through nbgrader's exchange, collect, autograde: the clicks are scored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course_lib.app.lab import lab_command, prepare_workspace
from course_lib.grading import answer_cells
from course_lib.quiz.questions import load_bank

from .conftest import CHROMIUM_ARGS, chromium_or_skip, free_port, running

pytestmark = [pytest.mark.slow, pytest.mark.browser]
MID = "c1-1-develop"
LEARNER = "browser-learner"
SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture()
def jupyterlab(course, tmp_path):
    chromium = chromium_or_skip()
    work = tmp_path / "learner"
    prepare_workspace(course, work)
    port, token = free_port(), "course-test-token"
    argv, env = lab_command(work, port=port, open_browser=False, token=token)
    base = f"http://127.0.0.1:{port}"
    with running(argv, f"{base}/api/status?token={token}", tmp_path / "lab.log", env=env):
        yield chromium, base, token, work


def run_command(page, menu: str, command: str) -> None:
    page.locator(".lm-MenuBar-item", has_text=menu).first.click()
    page.locator(f'li.lm-Menu-item[data-command="{command}"]').first.click()


def answer_in_browser(box, q, value) -> None:
    """Give ``value`` to question ``q`` the way a learner does: clicks, a select, typing."""
    if q.type == "single":
        box.locator("input[type=radio]").nth(list(q.options).index(value)).check()
    elif q.type == "truefalse":
        box.locator("input[type=radio]").nth(0 if value else 1).check()
    elif q.type == "multiple":
        for key in value:
            box.locator("input[type=checkbox]").nth(list(q.options).index(key)).check()
    elif q.type == "numeric":
        field = box.locator("input[type=text]")
        field.fill(f"{value}".replace(".", ","))  # a French learner types a comma
        field.press("Enter")
    elif q.type == "ordering":
        for i, key in enumerate(value):
            box.locator("select").nth(i).select_option(label=q.items[key])
    else:
        for i, term in enumerate(q.terms):
            box.locator("select").nth(i).select_option(label=q.definitions[value[term]])


@pytest.mark.timeout(420)
def test_clicks_are_saved_restored_and_scored(jupyterlab, course, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    chromium, base, token, work = jupyterlab
    bank = load_bank(MID)
    keys = {qid: value for cell in answer_cells(course / "source" / MID / f"{MID}.ipynb")
            for qid, value in cell.quiz_answers.items()}
    graded = [q for q in bank.graded()]
    wrong_q = next(q for q in graded if q.type == "single")
    wrong_value = next(k for k in wrong_q.options if k != keys[wrong_q.id])
    chosen = {q.id: (wrong_value if q is wrong_q else keys[q.id]) for q in graded}

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(f"{base}/lab/tree/{MID}/{MID}.ipynb?token={token}")
        expect(page.locator(".jp-Notebook").first).to_be_visible(timeout=90_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=90_000)
        run_command(page, "Run", "runmenu:run-all")
        boxes = page.locator(".mc-graded")
        expect(boxes).to_have_count(len(graded), timeout=120_000)
        for i, q in enumerate(graded):
            box = boxes.nth(i)
            box.scroll_into_view_if_needed()
            answer_in_browser(box, q, chosen[q.id])
            expect(box.locator(".mc-feedback")).to_contain_text("Answer saved")
        for i in range(3):
            boxes.nth(i).screenshot(path=str(SHOTS / f"lab-graded-question-{i + 1}.png"))

        saved = json.loads((work / MID / "answers.json").read_text())["answers"]
        for q in graded:
            assert q.normalize(saved[q.id]) == q.normalize(chosen[q.id]), q.id

        # restart the kernel, clear the outputs, run everything again: answers come back
        run_command(page, "Kernel", "kernelmenu:restart-and-clear")
        page.locator(".jp-Dialog .jp-mod-accept").click()
        expect(page.locator(".mc-graded")).to_have_count(0, timeout=60_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=90_000)
        run_command(page, "Run", "runmenu:run-all")
        expect(boxes).to_have_count(len(graded), timeout=120_000)
        for i, q in enumerate(graded):
            box = boxes.nth(i)
            expect(box.locator(".mc-feedback")).to_contain_text("Your saved answer is shown")
            if q.type == "single":
                index = list(q.options).index(chosen[q.id])
                expect(box.locator("input[type=radio]").nth(index)).to_be_checked()
        page.keyboard.press("Control+s")
        time.sleep(2)
        page.screenshot(path=str(SHOTS / "lab-restored.png"))
        browser.close()

    # submit through a real exchange, as on a JupyterHub, then collect and autograde
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    common = [f"--Exchange.root={exchange}", "--CourseDirectory.course_id=mobility-coach"]
    for args, cwd in (
        (["release_assignment", MID, "--force"], course),
        (["submit", MID, f"--student={LEARNER}"], work),
        (["collect", MID, "--update"], course),
        (["autograde", MID, f"--student={LEARNER}", "--force"], course),
    ):
        done = subprocess.run([sys.executable, "-m", "nbgrader", *args, *common], cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"nbgrader {args[0]} failed:\n{done.stderr[-3000:]}"

    from nbgrader.api import Gradebook

    quiz_points = sum(q.points for q in graded)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(MID, LEARNER)
        assert sub.score == quiz_points - wrong_q.points  # clicks scored; blank exercises: 0
