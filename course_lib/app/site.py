"""The Voila app: the course's public notebooks served as web pages, no code shown.

``site/`` is assembled from ``notebooks/`` (home page, dashboards) and the released
module notebooks (``modules/<id>/<id>.ipynb``); the solutions in ``source/`` are never
served. ``/`` opens the home page; ``/voila/tree`` lists every page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..grading import released_modules

HOME = "00-welcome.ipynb"


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
    """Voila settings: hard execution timeout, lab template, one preheated kernel a page."""
    config: dict = {
        "VoilaConfiguration": {"template": "lab", "show_tracebacks": False},
        "VoilaExecutor": {"timeout": 60},
        "MappingKernelManager": {"cull_idle_timeout": 1800, "cull_interval": 300},
    }
    if preheat:
        config["VoilaConfiguration"]["preheat_kernel"] = True
        config["VoilaKernelManager"] = {
            "kernel_pools_config": {"default": {"pool_size": 1}},
            "fill_delay": 0,
        }
    return config


def serve(site: Path, port: int = 8866, ip: str = "localhost", open_browser: bool = True,
          preheat: bool = True) -> None:
    """Run Voila on ``site`` (blocks until stopped with Ctrl+C)."""
    from jupyter_server.utils import url_path_join
    from tornado.web import RedirectHandler
    from voila.app import Voila

    class CourseVoila(Voila):
        """Voila whose root URL opens the course home page instead of a file list."""

        def init_handlers(self) -> list:
            home = url_path_join(self.server_url, "voila/render", HOME)
            return [(self.server_url, RedirectHandler, {"url": home}), *super().init_handlers()]

    (site / "voila.json").write_text(json.dumps(voila_config(preheat), indent=2),
                                     encoding="utf-8")
    argv = [str(site), f"--port={port}", f"--Voila.ip={ip}",
            f"--Voila.open_browser={open_browser}"]
    if preheat:
        argv += ["--preheat_kernel=True"]
    CourseVoila.launch_instance(argv=argv)
