"""JupyterLab on a learner's working copy of the released modules.

The working folder gets a copy of each released module that is not there yet (a
learner's own files are never overwritten), its own Jupyter settings (no news pop-up,
no instructor-only nbgrader panels) and JupyterLab is started on it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from ..grading import released_modules

LEARNER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
INSTRUCTOR_ONLY = ("@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader")


def prepare_workspace(root: Path, workdir: Path) -> list[str]:
    """Copy released modules missing from ``workdir``; returns the ids copied now."""
    workdir.mkdir(parents=True, exist_ok=True)
    copied = []
    for mid in released_modules(root):
        target = workdir / mid
        if not target.exists():
            shutil.copytree(root / "release" / mid, target,
                            ignore=shutil.ignore_patterns("answers*.json"))
            copied.append(mid)
    config = workdir / ".jupyter"
    for name, values in LEARNER_SETTINGS.items():
        path = config / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(json.dumps(values, indent=2), encoding="utf-8")
    page = config / "labconfig" / "page_config.json"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(json.dumps({"disabledExtensions": dict.fromkeys(INSTRUCTOR_ONLY, True)},
                               indent=2), encoding="utf-8")
    return copied


def lab_command(workdir: Path, port: int = 8888, open_browser: bool = True,
                token: str | None = None) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start JupyterLab on ``workdir``."""
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(workdir / ".jupyter")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(workdir / ".jupyter" / "lab" / "user-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(workdir / ".jupyter" / "lab" / "workspaces")
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={workdir}",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--ServerApp.open_browser={open_browser}"]
    if token is not None:
        argv.append(f"--IdentityProvider.token={token}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    return argv, env
