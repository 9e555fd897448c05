"""The Voila app served for real: home page, module pages, no code and no error shown."""

from __future__ import annotations

import re
import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import CHROMIUM_ARGS, REPO, chromium_or_skip, copy_course, free_port, running

pytestmark = pytest.mark.slow
SECRET = "course-secret-8f3e1c"


@pytest.fixture(scope="session")
def voila_app(tmp_path_factory, graded):
    """One `mobility-course serve` for the whole session, as a trainer runs it: preheated
    kernels, and the cohort dashboard on a gradebook written by nbgrader's autograde.

    The course folder around the site holds what must never be served: source/ with the
    keys, nbgrader_config.py, gradebook.db; and a secret file sits next to the course."""
    graded_course, _ = graded
    root = copy_course(tmp_path_factory.mktemp("voila-course") / "course")
    shutil.copy2(graded_course / "gradebook.db", root / "gradebook.db")
    (root.parent / "secret.txt").write_text(SECRET, encoding="utf-8")
    port = free_port()
    argv = [sys.executable, "-m", "course_lib.cli", "serve", "--no-browser",
            f"--port={port}", "--ip=127.0.0.1", "--gradebook", str(root / "gradebook.db")]
    base = f"http://127.0.0.1:{port}"
    with running(argv, base + "/voila/tree", root / "voila.log", cwd=root, timeout=120):
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
        # a graded question is a preview here: the click is noted, never written to disk
        graded = page.locator(".mc-graded", has=page.locator("input[type=radio]")).first
        graded.scroll_into_view_if_needed()
        graded.locator("input[type=radio]").first.check()
        expect(graded).to_contain_text("not saved in this preview")
        browser.close()
    _, root = voila_app
    assert sorted(root.rglob("answers*.json")) == [], "the web app wrote a learner's answers"


# -- safety: nothing outside the site, no source, no key, no gradebook ----------------------------
TRAVERSALS = [
    "/voila/render/../source/c1-1-develop/c1-1-develop.ipynb",
    "/voila/render/%2e%2e/source/c1-1-develop/c1-1-develop.ipynb",
    "/voila/render/..%2fsource%2fc1-1-develop%2fc1-1-develop.ipynb",
    "/voila/render/%252e%252e%252fsource%252fc1-1-develop%252fc1-1-develop.ipynb",
    "/voila/render/modules/../../source/c1-1-develop/c1-1-develop.ipynb",
    "/voila/render/modules/c1-1-develop/..%2f..%2f..%2fsource/c1-1-develop/c1-1-develop.ipynb",
    "/voila/render/..%5csource%5cc1-1-develop%5cc1-1-develop.ipynb",
    "/voila/render/../nbgrader_config.py",
    "/voila/render/..%2fnbgrader_config.py",
    "/voila/render/%2Fetc%2Fpasswd",
    "/voila/render/../../secret.txt",
    "/voila/files/../nbgrader_config.py",
    "/voila/files/..%2fnbgrader_config.py",
    "/voila/files/%2e%2e/gradebook.db",
    "/voila/files/..%2f..%2fsecret.txt",
    "/voila/files/00-welcome.ipynb",
    "/voila/files/budget.ipynb",
    "/voila/files/modules/c1-1-develop/c1-1-develop.ipynb",
    "/voila/files/voila.json",
    "/voila/files/modules/c1-1-develop/toolkit/../c1-1-develop.ipynb",
    "/voila/files/modules/c1-1-develop/toolkit/%2e%2e/%2e%2e/%2e%2e/%2e%2e/nbgrader_config.py",
    "/voila/static/../../../../../../etc/passwd",
    "/voila/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/voila/templates/lab/static/../../../../../../etc/passwd",
    "/voila/templates/lab/static/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/voila/templates/course/static/..%2f..%2f..%2f..%2fsite.py",
    "/voila/templates/..%2f..%2f..%2f/static/passwd",
    "/voila/labextensions/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/voila/api/contents/..%2fsource",
    "/voila/api/contents/../source/c1-1-develop",
    "/voila/api/contents/..%2fgradebook.db",
    "/voila/tree/..%2fsource",
    "/voila/tree/../source",
    "//etc/passwd",
    "/..%2f..%2fsecret.txt",
    "/voila/render/00-welcome.ipynb?template=..%2f..%2f..%2f..",
]
LEAKS = ("BEGIN HIDDEN TESTS", "test.score(", "c.CourseDirectory", "SQLite format 3",
         "root:x:0:0", SECRET, "ClearSolutions", "from course_lib")


def raw_get(base: str, path: str, hops: int = 5) -> tuple[int, bytes]:
    """GET a path exactly as written (no client-side normalisation of '..' or '%2e'), and
    follow redirects the same way."""
    import http.client

    host, port = base.removeprefix("http://").split(":")
    for _ in range(hops):
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        try:
            conn.putrequest("GET", path, skip_accept_encoding=True)
            conn.endheaders()
            response = conn.getresponse()
            status, body = response.status, response.read()
            location = response.getheader("Location")
        finally:
            conn.close()
        if status not in (301, 302, 303, 307, 308) or not location:
            return status, body
        path = urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl()
    return status, body


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_the_site_is_served(voila_app, path):
    base, root = voila_app
    assert (root / "source").is_dir() and (root / "gradebook.db").is_file()
    status, body = raw_get(base, path)
    text = body.decode("utf-8", errors="replace")
    for leak in LEAKS:
        assert leak not in text, f"{path} -> {status} leaks {leak!r}"
    if "template=" in path:
        assert status == 200 and "mc-bar" in text  # the course template, not another one
    else:
        assert status in (400, 403, 404, 405), f"{path} -> {status}"


def test_the_site_holds_only_public_pages(voila_app):
    _, root = voila_app
    found = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*")
                   if p.is_file())
    public = re.compile(r"[^/]+\.ipynb|modules/[^/]+/[^/]+\.ipynb"
                        r"|modules/[^/]+/toolkit/[^/]+\.xlsx")
    assert all(public.fullmatch(p) for p in found), found
    assert not any(p.startswith(("source", "submitted", "autograded", "feedback")) for p in found)


def test_toolkits_download_from_the_home_page(voila_app):
    base, root = voila_app
    _, page = fetch(base + "/voila/render/00-welcome.ipynb")
    links = re.findall(r"\.\./files/modules/[^)\"\s\\]+\.xlsx", page)
    assert links, "the home page links the modules' toolkits"
    status, body = raw_get(base, "/voila/" + links[0].removeprefix("../"))
    assert status == 200 and body.startswith(b"PK")  # an XLSX (zip) file


# -- every page in a real browser ---------------------------------------------------------------
PAGES = ["00-welcome.ipynb", "budget.ipynb", "planner.ipynb", "skills.ipynb", "cohort.ipynb",
         "glossary.ipynb", "skills-framework.ipynb", "modules/c1-1-develop/c1-1-develop.ipynb"]
DASHBOARD_PAGES = {"budget.ipynb", "planner.ipynb", "skills.ipynb", "cohort.ipynb",
                   "skills-framework.ipynb"}
SHOTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = chromium_or_skip()
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_page(browser, base: str, name: str, context=None):
    """A page of the app at a laptop's width, once rendered (dashboards: every widget)."""
    if context is None:
        context = browser.new_context(viewport={"width": 1366, "height": 900},
                                      accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{base}/voila/render/{name}")
    page.locator("#rendered_cells").wait_for(state="visible")
    if name in DASHBOARD_PAGES:
        page.locator(".mc-end").wait_for(state="attached")
    return page


def assert_no_error_output(page) -> None:
    text = page.locator("#rendered_cells").inner_text()
    for bad in ("Traceback", "There was an error", "Error displaying widget"):
        assert bad not in text, bad
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jupyter-widgets.widget-error, .jp-ErrorWidget").count() == 0


def full_screenshot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    height = page.evaluate("document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": 1366, "height": min(height + 60, 12_000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"voila-{name}.png"))
    page.set_viewport_size({"width": 1366, "height": 900})


def download(page, link_text: str) -> bytes:
    with page.expect_download() as info:
        page.locator(".mc-downloads a", has_text=link_text).click()
    return Path(info.value.path()).read_bytes()


def upload_file(page, widget: str, name: str, mime: str, data: bytes) -> None:
    """Choose a file in a FileUpload widget, as a visitor does (through the file chooser)."""
    with page.expect_file_chooser() as chooser:
        page.locator(f"{widget} button, button{widget}").first.click()
    chooser.value.set_files(files=[{"name": name, "mimeType": mime, "buffer": data}])


def total_of(page) -> float:
    return float(page.locator(".mc-total").get_attribute("data-total"))


@pytest.mark.browser
@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_loads_clean_with_the_title_bar(voila_app, browser, name):
    from playwright.sync_api import expect

    base, _ = voila_app
    page = open_page(browser, base, name)
    bar = page.locator("header.mc-bar")
    expect(bar).to_be_visible()
    expect(bar.get_by_role("link", name="Home")).to_have_attribute(
        "href", "/voila/render/00-welcome.ipynb")
    assert_no_error_output(page)
    assert page.locator("text=import course_lib").count() == 0  # sources stripped
    overflow = page.evaluate("(() => { const e = document.querySelector('#rendered_cells');"
                             " return e.scrollWidth - e.clientWidth; })()")
    assert overflow <= 1, f"{name} is wider than a 1366 px laptop screen by {overflow} px"
    full_screenshot(page, name.split("/")[-1].removesuffix(".ipynb"))
    if name == "skills-framework.ipynb":  # every module code in the table opens the module
        from course_lib.catalogue import all_modules

        hrefs = page.eval_on_selector_all(".mc-framework a[href^='modules/']",
                                          "links => links.map(a => a.getAttribute('href'))")
        assert set(hrefs) == {f"modules/{m.id}/{m.notebook}" for m in all_modules()}
        # and looks like a link: coloured and underlined, unlike the text around it
        link, cell = page.evaluate(
            "(() => { const a = document.querySelector(\".mc-framework a[href^='modules/']\");"
            " const s = getComputedStyle(a), c = getComputedStyle(a.closest('td'));"
            " return [[s.color, s.textDecorationLine], [c.color, c.textDecorationLine]]; })()")
        assert link[0] != cell[0] and "underline" in link[1] and "underline" not in cell[1]
    if name != "00-welcome.ipynb":
        bar.get_by_role("link", name="Home").click()
        page.wait_for_url("**/voila/render/00-welcome.ipynb")
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_budget_simulator_in_the_browser(voila_app, browser, tmp_path):
    from dataclasses import replace

    from playwright.sync_api import expect

    from course_lib.app import budget as bud
    from course_lib.erasmus import load_rates

    from .test_dashboards import cli_budget

    base, _ = voila_app
    rates = load_rates(2021)
    page = open_page(browser, base, "budget.ipynb")
    assert total_of(page) == bud.compute(bud.example_project(), rates).totals["total"]
    city = page.locator(".mc-row-0.mc-col-destination_city input")
    country = page.locator(".mc-row-0.mc-col-destination_country input")
    city.fill("Dublin")
    city.press("Enter")
    message = page.locator(".mc-row-msg").first
    expect(message).to_contain_text("city 'Dublin' not found in ES")  # beside the row
    country.fill("IE")
    country.press("Enter")
    groups = bud.example_project()
    dublin = [replace(groups[0], destination_city="Dublin", destination_country="IE"), groups[1]]
    expected = bud.compute(dublin, rates).totals["total"]
    expect(page.locator(".mc-total")).to_have_attribute("data-total", f"{expected:.2f}")
    expect(message).to_be_empty()
    project = tmp_path / "project.csv"
    project.write_bytes(download(page, "Project (CSV)"))
    assert download(page, "Budget (CSV)").decode() == cli_budget(project)
    # bad input: a message beside the field, the last valid result kept
    city.fill("Atlantis")
    city.press("Enter")
    expect(message).to_contain_text("city 'Atlantis' not found in IE")
    expect(page.locator(".mc-status")).to_contain_text("last valid result")
    assert total_of(page) == expected
    page.locator(".mc-row-0.mc-col-end input").fill("2027-01-03")
    expect(message).to_contain_text("end 2027-01-03 is before start 2027-02-01")
    assert total_of(page) == expected
    upload_file(page, ".mc-csv-upload", "broken.csv", "text/csv",
                b"participant_id,role,destination_country,start,end\nA,pilot,ES,x,y\n")
    expect(page.locator(".mc-csv-msg")).to_contain_text("broken.csv was not loaded")
    expect(page.locator(".mc-csv-msg")).to_contain_text("line 2")
    upload_file(page, ".mc-rates-upload", "agency.yaml", "text/yaml",
                b"call_year: soon\n")
    expect(page.locator(".mc-rates-msg")).to_contain_text("agency.yaml is not a usable rate")
    assert total_of(page) == expected
    full_screenshot(page, "budget-bad-input")
    assert_no_error_output(page)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_a_visitor_never_sees_another_visitors_inputs(voila_app, browser):
    from playwright.sync_api import expect

    from course_lib.app import budget as bud
    from course_lib.erasmus import load_rates

    base, _ = voila_app
    default = bud.compute(bud.example_project(), load_rates(2021)).totals["total"]
    first_context = browser.new_context(viewport={"width": 1366, "height": 900})
    second_context = browser.new_context(viewport={"width": 1366, "height": 900})
    first = open_page(browser, base, "budget.ipynb", first_context)
    country = first.locator(".mc-row-0.mc-col-destination_country input")
    first.locator(".mc-row-0.mc-col-destination_city input").fill("Helsinki")
    country.fill("FI")
    country.press("Enter")
    expect(first.locator(".mc-total")).not_to_have_attribute("data-total", f"{default:.2f}")
    changed = total_of(first)
    second = open_page(browser, base, "budget.ipynb", second_context)
    assert total_of(second) == default
    expect(second.locator(".mc-row-0.mc-col-destination_city input")).to_have_value("Valencia")
    assert total_of(first) == changed
    first_context.close()
    second_context.close()


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_project_planner_in_the_browser(voila_app, browser):
    from datetime import date, datetime

    from playwright.sync_api import expect

    from .test_dashboards import parse_ics, unescape

    base, _ = voila_app
    page = open_page(browser, base, "planner.ipynb")
    expect(page.locator(".mc-summary")).to_contain_text("Critical path")
    page.locator(".mc-date-call_deadline input").fill("2027-02-18")
    expect(page.locator(".mc-date-departure input")).to_have_value("2028-01-29")
    expect(page.locator(".mc-summary")).to_contain_text("the plan ends on 2028-10-27")
    events = parse_ics(download(page, "Milestones (iCalendar)").decode("utf-8"))
    days = {unescape(e["SUMMARY"][1]): datetime.strptime(e["DTSTART"][1], "%Y%m%d").date()
            for e in events}
    assert days["Departure (first travel day)"] == date(2028, 1, 29)
    assert days["Call deadline (KA121/KA122 round 1), 12:00 Brussels time"] == date(2027, 2, 18)
    assert len(events) == 5
    box = page.locator(".mc-days-needs_analysis input")
    box.fill("-5")
    box.press("Enter")
    expect(page.locator(".mc-msg", has_text="a task lasts at least 1 day, got -5")).to_be_visible()
    expect(page.locator(".mc-status")).to_contain_text("last valid one")
    full_screenshot(page, "planner-bad-input")
    assert_no_error_output(page)
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_skills_self_assessment_in_the_browser(voila_app, browser):
    import csv
    import io

    from playwright.sync_api import expect

    base, _ = voila_app
    page = open_page(browser, base, "skills.ipynb")
    page.locator(".mc-skill-grant-budget button", has_text="2 guided").click()
    expect(page.locator(".mc-summary")).to_contain_text("1 of 20 skills rated")
    expect(page.locator(".mc-priorities")).to_contain_text("C1.1")
    rows = list(csv.DictReader(io.StringIO(download(page, "Self-assessment (CSV)").decode())))
    assert {r["skill_id"]: r["your_level"] for r in rows}["grant-budget"] == "2"
    upload_file(page, ".mc-ratings-upload", "old.csv", "text/csv",
                b"skill_id,your_level\nfly,9\n")
    expect(page.locator(".mc-ratings-msg")).to_contain_text("old.csv was not loaded")
    expect(page.locator(".mc-ratings-msg")).to_contain_text("unknown skill 'fly'")
    expect(page.locator(".mc-summary")).to_contain_text("1 of 20 skills rated")
    full_screenshot(page, "skills-rated")
    page.context.close()


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_cohort_dashboard_reads_the_gradebook_given_at_start(voila_app, browser):
    import csv
    import io

    from playwright.sync_api import expect

    from course_lib.app import cohort as coh

    base, root = voila_app
    cohort = coh.read_gradebook(root / "gradebook.db")
    page = open_page(browser, base, "cohort.ipynb")
    expect(page.locator(".mc-source")).to_contain_text("gradebook.db")
    for learner in cohort.learners():
        expect(page.locator(".mc-matrix")).to_contain_text(learner)
    rows = list(csv.DictReader(io.StringIO(download(page, "Scores (CSV)").decode())))
    assert {(r["learner"], r["module"], float(r["score"])) for r in rows} == {
        (r.learner, r.module, r.score) for r in cohort.scores.itertuples(index=False)}
    page.locator(".mc-module-choice select").select_option(index=1)
    expect(page.locator(".mc-matrix th")).to_have_count(3)  # learner, one module, validated
    find = page.locator(".mc-find input")
    find.fill("zzz")
    find.press("Enter")
    expect(page.locator(".mc-find-msg")).to_contain_text("No learner's id contains 'zzz'")
    expect(page.locator(".mc-matrix")).to_contain_text(cohort.learners()[0])
    full_screenshot(page, "cohort-gradebook")
    assert_no_error_output(page)
    page.context.close()


def test_a_page_loads_only_the_widget_managers(voila_app):
    """The browser is told to load Voila's widget managers and nothing else: JupyterLab-only
    extensions (nbgrader, notebook, Voila preview) and the code highlighter stay out."""
    import json

    base, _ = voila_app
    _, page = fetch(base + "/voila/render/budget.ipynb")
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">'
                                  r"(.*?)</script>", page, re.S).group(1))
    names = {extension["name"] for extension in config["federated_extensions"]}
    assert names == {"@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8"}
