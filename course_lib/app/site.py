"""The Voila app: the course's public notebooks served as web pages, no code shown.

``site/`` is assembled from ``notebooks/`` (home page, dashboards, glossary, skills framework)
and the released module notebooks (``modules/<id>/<id>.ipynb``); the solutions in
``source/``, the gradebook and ``nbgrader_config.py`` stay outside it and are never served.
``/`` opens the home page; ``/voila/tree`` lists every page.

Every page is rendered with the course's Voila template (``share/voila/templates/course``,
the lab template with one title bar and the navigation of :data:`NAV`). The dashboards'
logic is in this package, one file each: :mod:`.budget`, :mod:`.planner`, :mod:`.skills`,
:mod:`.cohort`.
"""

from __future__ import annotations

import os
import re
import shutil
import urllib.parse
from functools import cache
from pathlib import Path

from ..grading import released_modules

HOME = "00-welcome.ipynb"
TEMPLATE = "course"
#: Where the course's Voila template lives (a Jupyter data directory: voila/templates/...).
TEMPLATES_ROOT = Path(__file__).resolve().parent / "share"
GRADEBOOK_ENV = "MOBILITY_COURSE_GRADEBOOK"

#: The title bar's links, on every page: (label, page).
NAV = (
    ("Home", HOME),
    ("Budget simulator", "budget.ipynb"),
    ("Project planner", "planner.ipynb"),
    ("Skills self-assessment", "skills.ipynb"),
    ("Cohort (trainers)", "cohort.ipynb"),
    ("Glossary", "glossary.ipynb"),
    ("Skills framework", "skills-framework.ipynb"),
)
#: JupyterLab extensions installed beside Voila that no page of the app uses.
UNUSED_EXTENSIONS = ("@jupyter/nbgrader", "@jupyter-notebook/lab-extension",
                     "@voila-dashboards/jupyterlab-preview", "jupyterlab_pygments")
DASHBOARDS = ("budget.ipynb", "planner.ipynb", "skills.ipynb", "cohort.ipynb")
_SEGMENT = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"


def assemble_site(root: Path, site: Path | None = None) -> Path:
    """Copy the public notebooks into ``site/`` (rebuilt from scratch each time)."""
    site = site or root / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    for nb in sorted((root / "notebooks").glob("*.ipynb")):
        shutil.copy2(nb, site / nb.name)
    for extra in ("data", "assets"):
        if (root / "notebooks" / extra).is_dir():
            shutil.copytree(root / "notebooks" / extra, site / extra)
    for mid in released_modules(root):
        shutil.copytree(root / "release" / mid, site / "modules" / mid,
                        ignore=shutil.ignore_patterns("answers*.json", ".ipynb_checkpoints"))
    return site


def voila_config(preheat: bool) -> dict:
    """Voila settings: the course template (locked), a hard execution timeout, images as the
    only files served, and one preheated kernel per page."""
    config: dict = {
        "VoilaConfiguration": {
            "template": TEMPLATE,
            "show_tracebacks": False,
            "strip_sources": True,
            "allow_template_override": "NO",
            "allow_theme_override": "NO",
            # pictures only, in at most three folders; a name never starts with a dot
            "file_allowlist": [rf"(?:{_SEGMENT}/){{0,3}}{_SEGMENT}\.(?:png|jpe?g|gif|svg)",
                               # and the modules' toolkits (checklists, templates)
                               rf"modules/{_SEGMENT}/toolkit/{_SEGMENT}\.xlsx"],
            "file_denylist": [r".*\.(ipynb|py|json|db|yaml|yml|csv|txt|log)", r"(.*/)?\..*"],
            # JupyterLab-only extensions fail to load outside JupyterLab, and the app shows no
            # code to highlight: only the widget managers are sent to visitors
            "extension_denylist": list(UNUSED_EXTENSIONS),
            "resources": {"course_nav": [list(item) for item in NAV], "course_home": HOME},
        },
        "VoilaExecutor": {"timeout": 60},
        "MappingKernelManager": {"cull_idle_timeout": 1800, "cull_interval": 300},
    }
    if preheat:
        config["VoilaConfiguration"]["preheat_kernel"] = True
        config["VoilaKernelManager"] = {
            "kernel_pools_config": {"default": {"pool_size": 1}},
            "fill_delay": 5,
        }
    return config


def kernel_environment(gradebook: Path | None = None, environ: dict | None = None) -> dict:
    """The server's environment (its kernels inherit it): the course template on
    JUPYTER_PATH, and the gradebook the cohort dashboard reads, when one is given."""
    env = dict(os.environ if environ is None else environ)
    paths = [str(TEMPLATES_ROOT), *[p for p in env.get("JUPYTER_PATH", "").split(os.pathsep)
                                    if p and p != str(TEMPLATES_ROOT)]]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env.setdefault("MPLBACKEND", "Agg")
    if gradebook is not None:
        env[GRADEBOOK_ENV] = str(Path(gradebook).resolve())
    return env


def climbs_out(path: str) -> bool:
    """Whether a URL path has a '..' segment (also percent-encoded, once or more), a
    backslash or a NUL: such a request is refused before any handler reads a file.

    >>> [climbs_out(p) for p in ("/voila/render/a.ipynb", "/voila/render/../x",
    ...                          "/voila/files/%2e%2e/x", "/x/%252e%252e%252fy", "/a..b/c")]
    [False, True, True, True, False]
    """
    seen = path
    for _ in range(4):
        decoded = urllib.parse.unquote(seen)
        if decoded == seen:
            break
        seen = decoded
    return ".." in re.split(r"[/\\]", seen) or "\\" in seen or "\x00" in seen


@cache
def guarded(handler: type) -> type:
    """``handler`` refusing, with a plain 404, any request whose path climbs out."""
    from tornado.web import HTTPError

    def prepare(self):
        if climbs_out(self.request.path):
            raise HTTPError(404)
        return handler.prepare(self)

    return type(handler.__name__, (handler,), {"prepare": prepare})


def serve(site: Path, port: int = 8866, ip: str = "localhost", open_browser: bool = True,
          preheat: bool = True, gradebook: Path | None = None) -> None:
    """Run Voila on ``site`` (blocks until stopped with Ctrl+C)."""
    os.environ.update(kernel_environment(gradebook))
    from jupyter_server.utils import url_path_join
    from tornado.web import RedirectHandler
    from traitlets.config import Config
    from voila.app import Voila

    class CourseVoila(Voila):
        """Voila whose root URL opens the course home page instead of a file list, and
        whose every handler refuses a path that climbs out ('..', encoded or not)."""

        def init_handlers(self) -> list:
            home = url_path_join(self.server_url, "voila/render", HOME)
            handlers = [(self.server_url, RedirectHandler, {"url": home}),
                        *super().init_handlers()]
            return [(spec[0], guarded(spec[1]), *spec[2:]) for spec in handlers]

    stale = site / "voila.json"  # older versions wrote it here, where Voila never read it
    stale.unlink(missing_ok=True)
    argv = [str(site), f"--port={port}", f"--Voila.ip={ip}",
            f"--Voila.open_browser={open_browser}"]
    config = Config(voila_config(preheat))
    config.Voila.config_file_paths = []  # settings come from voila_config() only
    CourseVoila.launch_instance(argv=argv, config=config)
