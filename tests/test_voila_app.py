"""The Voila app served for real: home page, module pages, no code and no error shown."""

from __future__ import annotations

import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import copy_course, free_port, running

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def voila_app(tmp_path_factory):
    """One `mobility-course serve` for the whole session (cold kernels: fast start)."""
    root = copy_course(tmp_path_factory.mktemp("voila-course"))
    port = free_port()
    argv = [sys.executable, "-m", "course_lib.cli", "serve", "--no-browser", "--no-preheat",
            f"--port={port}", "--ip=127.0.0.1"]
    base = f"http://127.0.0.1:{port}"
    with running(argv, base + "/voila/tree", root / "voila.log", cwd=root, timeout=90):
        yield base, root


def fetch(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=180) as response:
        return response.geturl(), response.read().decode("utf-8")


def assert_clean(page: str) -> None:
    assert "Traceback" not in page
    assert "application/vnd.jupyter.stderr" not in page
    assert "Error displaying widget" not in page


def test_root_opens_the_home_page(voila_app):
    base, _ = voila_app
    url, page = fetch(base + "/")
    assert url.endswith("/voila/render/00-welcome.ipynb")
    assert "Mobility coach" in page
    assert "c1-1-develop" in page  # the link to the first module
    assert_clean(page)
    assert "import " not in page  # sources are stripped: no code is shown


def test_module_page_reads_well(voila_app):
    base, _ = voila_app
    _, page = fetch(base + "/voila/render/modules/c1-1-develop/c1-1-develop.ipynb")
    assert "Develop a European and international mobility project" in page
    assert "practice.ask(" not in page and "test.grade(" not in page
    assert "neither saved nor scored" in page  # the validation test is a preview here
    assert page.count("The exercises are done in JupyterLab") == 1
    assert "still holds" not in page
    assert_clean(page)


def test_solutions_are_not_served(voila_app):
    base, root = voila_app
    assert not (root / "site" / "source").exists()
    with pytest.raises(urllib.error.HTTPError):
        fetch(base + "/voila/render/source/c1-1-develop/c1-1-develop.ipynb")


@pytest.mark.browser
@pytest.mark.timeout(300)
def test_a_visitor_practises_in_the_browser(voila_app):
    """Anyone in the web app: home page, then a practice question with instant feedback."""
    from playwright.sync_api import expect, sync_playwright

    from course_lib.quiz.questions import load_bank

    from .conftest import CHROMIUM_ARGS, REPO, chromium_or_skip

    chromium = chromium_or_skip()
    base, _ = voila_app
    question = load_bank("c1-1-develop").practice()[0]
    assert question.type == "single"
    keys = list(question.options)
    wrong = next(k for k in keys if k != question.answer)
    shots = REPO / "test-artifacts"
    shots.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(90_000)
        page.goto(base + "/")
        expect(page.get_by_text("Develop a European and international mobility project")
               ).to_be_visible()
        page.screenshot(path=str(shots / "voila-home.png"), full_page=True)
        link = page.get_by_role("link",
                                name="Develop a European and international mobility project")
        page.goto(urllib.parse.urljoin(page.url, link.get_attribute("href")))  # the home link
        box = page.locator(".mc-practice").first
        expect(box).to_be_visible(timeout=120_000)
        box.scroll_into_view_if_needed()
        box.locator("input[type=radio]").nth(keys.index(wrong)).check()
        box.get_by_role("button", name="Check my answer").click()
        expect(box.locator(".mc-feedback")).to_contain_text("Not quite")
        box.locator("input[type=radio]").nth(keys.index(question.answer)).check()
        box.get_by_role("button", name="Check my answer").click()
        expect(box.locator(".mc-feedback")).to_contain_text("Correct")
        box.screenshot(path=str(shots / "voila-practice.png"))
        expect(page.get_by_text("practice.ask(")).to_have_count(0)  # no code in the web app
        browser.close()
