"""Time every page of the Voila app against stock Voila, in one run, in a real browser.

Run: ``.venv/bin/python benchmarks/voila.py [--loads 5] [--page budget.ipynb ...]``

Both servers serve the same site (``mobility-course serve``'s assembled ``site/``) from a
temporary copy of the course, one after the other (never at the same time):

* **this app**: ``mobility-course serve`` (preheated kernels, the course template);
* **stock Voila**: ``voila site/`` with its defaults (lab template, no preheated kernels).

For each page, ``--loads`` loads in a fresh browser context each (Debian's Chromium,
Playwright), pages taken in turn; before each load the server's process tree must be quiet
(CPU under 5 % for one second: the app's pools are refilled, no kernel still starts). The time
of a load runs from navigation start to the moment the page is fully rendered: Voila has
finished, the page's own marker is in (dashboards: every widget down to the last one, and
every chart image decoded), and nothing in the page changed for 0.3 s (the time reported is
that of the last change). Medians are printed with the ratio app / stock (goal: at most a
third on every dashboard), and the floor of any preheated page: the glossary's time in this
app, which is Voila's front-end alone (its JavaScript application starting in the browser),
over each dashboard's stock time; then each kernel's memory (RSS and USS, read with psutil
while the page is open) and the memory of the idle servers with their kernels.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
DASHBOARDS = ["budget.ipynb", "planner.ipynb", "skills.ipynb", "cohort.ipynb"]
PAGES = ["00-welcome.ipynb", *DASHBOARDS, "glossary.ipynb", "skills-framework.ipynb",
         "modules/c1-1-develop/c1-1-develop.ipynb"]
# what "rendered" means on each page, besides Voila having finished
MARKERS = {name: ".mc-end" for name in [*DASHBOARDS, "skills-framework.ipynb"]}
MARKERS["modules/c1-1-develop/c1-1-develop.ipynb"] = ".mc-practice"
MARKERS["glossary.ipynb"] = ".jp-RenderedMarkdown table"
MARKERS["00-welcome.ipynb"] = ".jp-RenderedMarkdown table"
#: a page whose load is Voila's front-end alone: markdown, no widget, no output to render
FLOOR = "glossary.ipynb"
QUIET_MS = 300
SETTLE = 6.0  # the app refills a page's pool 5 s after a visit (site.py: fill_delay)

# installed before any page script: the time of the last change to the page
WATCH = """
window.__last = 0;
new MutationObserver(() => { window.__last = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
document.addEventListener('load', () => { window.__last = performance.now(); }, true);
"""
READY = """([marker, quiet]) => {
  const cells = document.querySelector('#rendered_cells');
  if (!cells || getComputedStyle(cells).display === 'none') return false;
  if (!document.querySelector(marker)) return false;
  if (document.querySelector('#loading')) return false;
  for (const img of document.querySelectorAll('#rendered_cells img'))
    if (!img.complete) return false;
  if (performance.now() - window.__last < quiet) return false;
  return window.__last || performance.now();
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(workdir: Path) -> Path:
    """A course folder like the repository's, and its assembled site/."""
    from course_lib.app.site import assemble_site

    root = workdir / "course"
    root.mkdir(parents=True)
    shutil.copy2(REPO / "nbgrader_config.py", root)
    for folder in ("source", "release", "notebooks"):
        shutil.copytree(REPO / folder, root / folder,
                        ignore=shutil.ignore_patterns("answers*.json", ".ipynb_checkpoints"))
    assemble_site(root)
    return root


def tree(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def wait_quiet(proc: psutil.Process, limit: float = 5.0, timeout: float = 180) -> None:
    """Until the server and its kernels use under ``limit`` % CPU for one second."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        procs = tree(proc)
        for p in procs:
            try:
                p.cpu_percent(None)
            except psutil.NoSuchProcess:
                pass
        time.sleep(1.0)
        used = 0.0
        for p in procs:
            try:
                used += p.cpu_percent(None)
            except psutil.NoSuchProcess:
                pass
        if used < limit:
            return
    print(f"  (server still busy after {timeout:.0f} s)", file=sys.stderr)


def kernels(proc: psutil.Process) -> dict[str, psutil.Process]:
    """Kernel processes of a server, by kernel id (from their connection file)."""
    found = {}
    for p in tree(proc)[1:]:
        try:
            cmd = " ".join(p.cmdline())
        except psutil.NoSuchProcess:
            continue
        if "ipykernel" in cmd and "kernel-" in cmd:
            kid = cmd.split("kernel-", 1)[1].split(".json", 1)[0]
            found[kid] = p
    return found


def memory(p: psutil.Process) -> tuple[float, float]:
    """RSS and USS of a process, in MB."""
    info = p.memory_full_info()
    return info.rss / 2**20, info.uss / 2**20


def start(argv: list[str], url: str, cwd: Path, log: Path, env: dict) -> subprocess.Popen:
    handle = log.open("w")
    server = subprocess.Popen(argv, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    deadline = time.time() + 180
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"{argv[0]} stopped:\n{log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"{argv} did not answer within 180 s")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def measure(browser, base: str, server: subprocess.Popen, pages: list[str], loads: int,
            settle: float) -> tuple[dict, dict]:
    """Times (s) by (cache, page), and kernel memory by page. ``cold``: a new browser
    profile per load (first visit); ``warm``: one profile that opened the home page before
    (a visitor going from page to page: the browser may reuse what it cached)."""
    times: dict[tuple[str, str], list[float]] = {}
    mem: dict[str, list[tuple[float, float]]] = {p: [] for p in pages}
    proc = psutil.Process(server.pid)
    warm = browser.new_context(viewport={"width": 1366, "height": 900})
    warm.add_init_script(WATCH)
    first = warm.new_page()
    first.goto(f"{base}/voila/render/00-welcome.ipynb")
    first.wait_for_function(READY, arg=[MARKERS["00-welcome.ipynb"], QUIET_MS], polling=50)
    first.close()
    for round_ in range(loads):
        for name in pages:
            for cache in ("cold", "warm"):
                time.sleep(settle)  # no visitor just before: the pool is refilled
                wait_quiet(proc)
                done, memory_mb = load(browser, warm if cache == "warm" else None, base, name,
                                       proc)
                times.setdefault((cache, name), []).append(done)
                if memory_mb:
                    mem[name].append(memory_mb)
                print(f"  round {round_ + 1}: {name:42s} {cache} {done:6.2f} s", flush=True)
    warm.close()
    return times, mem


def load(browser, context, base: str, name: str, proc: psutil.Process):
    """One page load: seconds to fully rendered, and the kernel's (RSS, USS) in MB."""
    own = context is None
    if own:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.add_init_script(WATCH)
    page = context.new_page()
    try:
        page.set_default_timeout(180_000)
        page.goto(f"{base}/voila/render/{name}", wait_until="commit")
        done = page.wait_for_function(READY, arg=[MARKERS[name], QUIET_MS],
                                      polling=50).json_value()
        kid = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data')"
                            ".textContent).kernelId")
        kernel = kernels(proc).get(kid)
        return done / 1000, memory(kernel) if kernel is not None else None
    finally:
        page.close()
        if own:
            context.close()


def idle_memory(server: subprocess.Popen) -> tuple[int, float]:
    """Kernels alive and total RSS (MB) of a server at rest."""
    proc = psutil.Process(server.pid)
    wait_quiet(proc)
    total = 0.0
    for p in tree(proc):
        try:
            total += p.memory_info().rss / 2**20
        except psutil.NoSuchProcess:
            pass
    return len(kernels(proc)), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="loads per page and server")
    parser.add_argument("--page", action="append", help="only these pages (repeatable)")
    args = parser.parse_args()
    pages = args.page or PAGES
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),
           "MPLBACKEND": "Agg"}
    results = {}
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as p:
        root = prepare(Path(scratch))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        runs = {
            "app": [sys.executable, "-m", "course_lib.cli", "serve", "--no-browser",
                    "--ip=127.0.0.1"],
            "stock": [str(BIN / "voila"), str(root / "site"), "--no-browser",
                      "--Voila.ip=127.0.0.1"],
        }
        for label, argv in runs.items():
            port = free_port()
            cwd = root if label == "app" else Path(scratch)
            print(f"{label}: {' '.join(Path(a).name if i == 0 else a for i, a in enumerate(argv))}"
                  f" --port={port}", flush=True)
            server = start([*argv, f"--port={port}"], f"http://127.0.0.1:{port}/voila/tree",
                           cwd, Path(scratch) / f"{label}.log", env)
            try:
                idle = idle_memory(server)
                times, mem = measure(browser, f"http://127.0.0.1:{port}", server, pages,
                                     args.loads, SETTLE if label == "app" else 0.0)
            finally:
                stop(server)
            results[label] = (times, mem, idle)
        browser.close()
    report(results, pages, args.loads)


def report(results: dict, pages: list[str], loads: int) -> None:
    from importlib.metadata import version

    app_t, app_m, app_idle = results["app"]
    stock_t, stock_m, stock_idle = results["stock"]
    print(f"\nVoila {version('voila')}, {os.cpu_count()} cores, Chromium headless, "
          f"1366x900; median of {loads} loads, navigation to every widget rendered")
    summary = {}
    for cache in ("cold", "warm"):
        print(f"\n{cache} browser cache"
              + (" (first visit)" if cache == "cold" else " (after one page of the app)"))
        head = f"{'page':42s} {'app s':>7s} {'stock s':>8s} {'ratio':>6s}  goal"
        print(head)
        print("-" * len(head))
        for name in pages:
            a = statistics.median(app_t[(cache, name)])
            s = statistics.median(stock_t[(cache, name)])
            ratio = a / s
            goal = ("ok" if ratio <= 1 / 3 else "MISS") if name in DASHBOARDS else ""
            print(f"{name:42s} {a:7.2f} {s:8.2f} {ratio:6.2f}  {goal}")
            summary[f"{cache}:{name}"] = [round(a, 3), round(s, 3), round(ratio, 3)]
        if FLOOR in pages:
            floor = statistics.median(app_t[(cache, FLOOR)])
            print(f"Voila's own front-end: {FLOOR} (no widget, nothing to execute) takes "
                  f"{floor:.2f} s in this app, so no preheated page can do better than")
            print("  " + ", ".join(
                f"{name} {floor / statistics.median(stock_t[(cache, name)]):.2f}"
                for name in pages if name in DASHBOARDS) + " of stock Voila's time here")

    def mb(samples):
        if not samples:
            return "-"
        return (f"{statistics.median(r for r, _ in samples):5.0f} RSS "
                f"{statistics.median(u for _, u in samples):5.0f} USS")

    print(f"\nkernel memory while the page is open (MB)\n{'page':42s} {'app':>20s} "
          f"{'stock':>20s}")
    for name in pages:
        print(f"{name:42s} {mb(app_m[name]):>20s} {mb(stock_m[name]):>20s}")
    print(f"\nidle servers: app {app_idle[0]} preheated kernels, {app_idle[1]:.0f} MB RSS in "
          f"all; stock {stock_idle[0]} kernels, {stock_idle[1]:.0f} MB")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
