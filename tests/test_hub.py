"""The course on a real JupyterHub (``mobility-course hub --trial``), driven in Debian Chromium.

One hub for the module: a trainer and two learners as real Unix accounts (created by the
trial, removed at the end). The trainer builds and releases C1.1 from the course folder the
hub gave them; a learner logs in, fetches C1.1 from nbgrader's Assignments tab, clicks
answers to the graded questions, saves and submits; the trainer collects and grades with
``mobility-course grade``; the gradebook holds what the clicks earn. A second learner cannot
read the first one's folder, answers or submission, nor pass work off under their name. The
hub stops cleanly: no process of the course's accounts is left.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from course_lib.app.hub import GROUPS, HubSettings, find_proxy, read_passwords
from course_lib.grading import answer_cells
from course_lib.quiz.questions import load_bank

from .conftest import CHROMIUM_ARGS, REPO, chromium_or_skip, free_port, in_ci
from .test_browser_lab import answer_in_browser, run_command

pytestmark = [pytest.mark.slow, pytest.mark.browser]
MID = "c1-1-develop"
TRAINER, ANA, BEN = "mctest-trainer", "mctest-ana", "mctest-ben"
SHOTS = REPO / "test-artifacts"


def hub_or_skip() -> None:
    """Root, the proxy from `make hub-deps`, Debian's python3 for the user environment."""
    problems = []
    if os.geteuid() != 0:
        problems.append("the hub creates Unix accounts: the tests must run as root")
    try:
        find_proxy(REPO)
    except RuntimeError as exc:
        problems.append(str(exc))
    if problems:
        if in_ci():
            pytest.fail("; ".join(problems))
        pytest.skip("; ".join(problems))


class Hub:
    def __init__(self, proc: subprocess.Popen, state: Path, port: int, log: Path):
        self.proc, self.state, self.log = proc, state, log
        self.base = f"http://127.0.0.1:{port}"
        self.settings = HubSettings(**json.loads((state / "hub" / "settings.json").read_text()))
        self.passwords = read_passwords(state / "hub" / "trial-passwords.txt")

    def home(self, name: str) -> Path:
        return Path(pwd.getpwnam(name).pw_dir)

    def run_as(self, name: str, *argv: str, cwd: Path | None = None,
               check: bool = True) -> subprocess.CompletedProcess:
        """``argv`` as ``name``, with the environment the hub's spawner gives that user."""
        role = self.settings.users[name]
        env = {"HOME": str(self.home(name)), "USER": name, "LANG": "C.UTF-8",
               "PATH": f"{self.settings.user_env}/bin:/usr/local/bin:/usr/bin:/bin",
               "JUPYTER_CONFIG_PATH": self.settings.roles[role]}
        done = subprocess.run(
            ["runuser", "-u", name, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
             *argv], cwd=cwd or self.home(name), capture_output=True, text=True, timeout=600)
        if check and done.returncode != 0:
            pytest.fail(f"{' '.join(argv)} as {name} failed:\n{done.stdout[-2000:]}\n"
                        f"{done.stderr[-3000:]}")
        return done


@pytest.fixture(scope="module")
def hub():
    hub_or_skip()
    chromium_or_skip()
    state = Path(tempfile.mkdtemp(prefix="mobility-hub-test-"))
    os.chmod(state, 0o755)  # learners' servers go through it to the exchange
    users = state / "users.txt"
    users.write_text(f"{TRAINER} trainer\n{ANA} learner\n{BEN} learner\n")
    port = free_port()
    log = state / "hub.log"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    argv = [sys.executable, "-m", "course_lib.cli", "--course", str(REPO), "hub", "--trial",
            "--users", str(users), "--state", str(state), "--home-root", str(state / "homes"),
            "--port", str(port)]
    with log.open("w") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.time() + 900  # the first run makes the user environment
        while True:
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail(f"the hub did not start:\n{log.read_text()[-4000:]}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/api", timeout=5)
                break
            except OSError:
                time.sleep(1)
        yield Hub(proc, state, port, log)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                proc.kill()
        subprocess.run([sys.executable, "-m", "course_lib.cli", "--course", str(REPO), "hub",
                        "--remove-accounts", "--users", str(users)], capture_output=True)
        shutil.rmtree(state, ignore_errors=True)


def log_in(browser, hub: Hub, name: str):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{hub.base}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    expect(page).to_have_url(f"{hub.base}/user/{name}/lab", timeout=240_000)
    expect(page.locator("#jp-main-statusbar")).to_be_visible(timeout=120_000)
    return page


def open_assignments(page) -> None:
    from playwright.sync_api import expect

    run_command(page, "Nbgrader", "nbgrader:open-assignment-list")
    expect(page.locator("#released_assignments_list")).to_be_visible()


@pytest.mark.timeout(1500)  # the first test waits for the hub: the user environment, once
def test_accounts_roles_and_the_proxy(hub):
    """Real accounts with private homes; the learner's and trainer's settings; npm's proxy."""
    for name, role in hub.settings.users.items():
        account = pwd.getpwnam(name)
        assert account.pw_uid != 0
        assert os.stat(account.pw_dir).st_mode & 0o777 == 0o700, name
        groups = subprocess.run(["id", "-nG", name], capture_output=True, text=True).stdout
        assert GROUPS[role] in groups.split()
    assert hub.settings.proxy.endswith("deploy/hub/node_modules/.bin/configurable-http-proxy")
    proxy_pid = int((hub.state / "hub" / "jupyterhub-proxy.pid").read_text())
    assert "configurable-http-proxy" in Path(f"/proc/{proxy_pid}/cmdline").read_text()
    course = hub.home(TRAINER) / "mobility-course"
    assert course.stat().st_uid == pwd.getpwnam(TRAINER).pw_uid
    assert course.stat().st_mode & 0o777 == 0o700  # source/ holds the keys
    learner = hub.settings.roles["learner"]
    page_config = json.loads((Path(learner) / "labconfig" / "page_config.json").read_text())
    assert "@jupyter/nbgrader:formgrader" in page_config["disabledExtensions"]
    assert "@jupyter/nbgrader:create-assignment" in page_config["disabledExtensions"]


@pytest.mark.timeout(1800)
def test_learner_fetches_clicks_submits_and_trainer_grades(hub):
    from playwright.sync_api import expect, sync_playwright

    course = hub.home(TRAINER) / "mobility-course"
    # the trainer, in the course folder the hub gave them: build and release C1.1
    hub.run_as(TRAINER, "mobility-course", "build", MID, cwd=course)
    hub.run_as(TRAINER, "nbgrader", "release_assignment", MID, "--force", cwd=course)

    bank = load_bank(MID)
    keys = {qid: value for cell in answer_cells(course / "source" / MID / f"{MID}.ipynb")
            for qid, value in cell.quiz_answers.items()}
    graded = list(bank.graded())
    wrong_q = next(q for q in graded if q.type == "single")
    wrong_value = next(k for k in wrong_q.options if k != keys[wrong_q.id])
    chosen = {q.id: (wrong_value if q is wrong_q else keys[q.id]) for q in graded}
    SHOTS.mkdir(exist_ok=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_or_skip(), args=CHROMIUM_ARGS)
        page = log_in(browser, hub, ANA)
        # like `mobility-course lab`: no news pop-up, no instructor panels
        time.sleep(3)
        expect(page.get_by_text("official Jupyter news")).to_have_count(0)
        setting = page.request.get(f"{hub.base}/user/{ANA}/lab/api/settings/"
                                   "@jupyterlab/apputils-extension:notification").json()
        assert setting["schema"]["properties"]["fetchNews"]["default"] == "false"  # overrides
        page.locator(".lm-MenuBar-item", has_text="Nbgrader").first.click()
        menu = page.locator("#jp-mainmenu-nbgrader")
        expect(menu).to_contain_text("Assignment List")
        for hidden in ("Formgrader", "Create assignment", "Course List"):
            expect(menu).not_to_contain_text(hidden)
        page.keyboard.press("Escape")
        assert page.request.get(f"{hub.base}/user/{ANA}/formgrader").status == 404

        # fetch C1.1 from the Assignments tab
        open_assignments(page)
        released = page.locator("#released_assignments_list")
        expect(released).to_contain_text(MID, timeout=60_000)
        released.locator(".list_item", has_text=MID).get_by_role("button", name="Fetch").click()
        fetched = page.locator("#fetched_assignments_list")
        expect(fetched).to_contain_text(MID, timeout=60_000)
        page.screenshot(path=str(SHOTS / "hub-assignments-fetched.png"))
        notebook = hub.home(ANA) / MID / f"{MID}.ipynb"
        assert notebook.stat().st_uid == pwd.getpwnam(ANA).pw_uid
        fetched_at = notebook.stat().st_mtime

        # work: run the notebook, click the answers, save
        page.goto(f"{hub.base}/user/{ANA}/lab/tree/{MID}/{MID}.ipynb")
        expect(page.locator(".jp-Notebook").first).to_be_visible(timeout=90_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=120_000)
        run_command(page, "Run", "runmenu:run-all")
        boxes = page.locator(".mc-graded")
        expect(boxes).to_have_count(len(graded), timeout=180_000)
        for i, q in enumerate(graded):
            box = boxes.nth(i)
            box.scroll_into_view_if_needed()
            answer_in_browser(box, q, chosen[q.id])
            expect(box.locator(".mc-feedback")).to_contain_text("Answer saved")
        run_command(page, "File", "docmanager:save")
        deadline = time.time() + 30
        while notebook.stat().st_mtime == fetched_at and time.time() < deadline:
            time.sleep(0.5)
        assert notebook.stat().st_mtime > fetched_at  # the notebook was saved
        answers = hub.home(ANA) / MID / "answers.json"
        saved = json.loads(answers.read_text())["answers"]
        assert {q.id for q in graded} <= set(saved)
        assert answers.stat().st_uid == pwd.getpwnam(ANA).pw_uid  # written by ana's own kernel

        # submit from the Assignments tab
        open_assignments(page)
        fetched = page.locator("#fetched_assignments_list")
        item = fetched.locator(".list_item", has_text=MID).first
        expect(item).to_be_visible(timeout=60_000)
        item.get_by_role("button", name="Submit").click()
        expect(page.locator("#submitted_assignments_list")).to_contain_text(MID, timeout=120_000)
        page.screenshot(path=str(SHOTS / "hub-assignments-submitted.png"))

        # the second learner: no way into the first one's server
        other = log_in(browser, hub, BEN)
        for url in (f"{hub.base}/user/{ANA}/api/contents/{MID}",
                    f"{hub.base}/user/{ANA}/files/{MID}/answers.json"):
            response = other.request.get(url, max_redirects=0)
            assert response.status in (302, 403, 404), (url, response.status)
            assert "answers" not in response.text()
        # the trainer's formgrader, in a tab of its own (JupyterHub >= 4.1 forbids the frame)
        trainer = log_in(browser, hub, TRAINER)
        trainer.goto(f"{hub.base}/user/{TRAINER}/formgrader")
        expect(trainer.get_by_text("Manage Assignments").first).to_be_visible(timeout=60_000)
        browser.close()

    # the second learner, as the Unix account their kernel runs as: nothing of ana's
    ana_home = hub.home(ANA)
    for argv in (["ls", str(ana_home)], ["cat", str(ana_home / MID / "answers.json")],
                 ["ls", f"{hub.settings.exchange}/{hub.settings.course_id}/inbound"]):
        done = hub.run_as(BEN, *argv, check=False)
        assert done.returncode != 0 and "Permission denied" in done.stderr, argv
    # ... and cannot pass work off as ana's: fetched and submitted under her name
    hub.run_as(BEN, "nbgrader", "fetch_assignment", MID)
    hub.run_as(BEN, "nbgrader", "submit", MID, f"--student={ANA}")

    # the trainer collects (ben's forgery is left out) and grades with the course's command
    done = hub.run_as(TRAINER, "nbgrader", "collect", MID, "--update", cwd=course)
    assert "Not collected" in done.stdout + done.stderr and BEN in done.stdout + done.stderr
    submitted = course / "submitted" / ANA / MID
    assert json.loads((submitted / "answers.json").read_text())["answers"] == saved
    hub.run_as(TRAINER, "mobility-course", "grade", "--learner", ANA, cwd=course)
    hub.run_as(TRAINER, "mobility-course", "report", "--format", "csv", "--output", "report.csv",
               cwd=course)
    assert ANA in (course / "report.csv").read_text(encoding="utf-8-sig")

    from nbgrader.api import Gradebook

    quiz_points = sum(q.points for q in graded)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert gb.find_submission(MID, ANA).score == quiz_points - wrong_q.points
        assert [s.id for s in gb.students] == [ANA]


@pytest.mark.timeout(300)
def test_the_hub_stops_cleanly(hub):
    """Last: SIGTERM stops the hub, every user's server and kernel, and the proxy."""
    proxy_pid = int((hub.state / "hub" / "jupyterhub-proxy.pid").read_text())
    hub.proc.send_signal(signal.SIGTERM)
    assert hub.proc.wait(timeout=120) == 0
    uids = {pwd.getpwnam(n).pw_uid for n in hub.settings.users}
    deadline = time.time() + 20  # a server's last process may still be exiting
    while True:
        left = [pid for pid in os.listdir("/proc") if pid.isdigit()
                and _uid(pid) in uids and not _ended(pid)]
        if not left or time.time() > deadline:
            break
        time.sleep(0.5)
    assert left == [], [Path(f"/proc/{p}/cmdline").read_text() for p in left]
    assert not Path(f"/proc/{proxy_pid}").exists()
    assert "Cleaning up single-user servers" in hub.log.read_text()
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{hub.base}/hub/api", timeout=5)


def _ended(pid: str) -> bool:
    """A zombie (ended, not yet reaped) or a process already gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True


def _uid(pid: str) -> int | None:
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None
