"""Where the course's JupyterHub runs from and what it reads: the default folders, the
repository that holds ``deploy/hub/``, the course id, the proxy, free ports, and
:class:`HubSettings`, the JSON file ``deploy/hub/jupyterhub_config.py`` reads.
:mod:`.hub` re-exports every name of this module.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .hub_accounts import GROUPS, HubError

DEFAULT_STATE = Path("/srv/mobility-course")
DEFAULT_USER_ENV = Path("/opt/mobility-course/env")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_proxy(repo: Path) -> str:
    """configurable-http-proxy as installed by ``make hub-deps`` (npm, pinned in
    deploy/hub/package.json), else one on PATH."""
    local = repo / "deploy" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    raise HubError("configurable-http-proxy is not installed: run `make hub-deps` (Node from "
                   "Debian and the proxy from npm, pinned in deploy/hub/package.json)")


def course_id_of(root: Path) -> str:
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    course_id = config.CourseDirectory.get("course_id")
    if not course_id:
        raise HubError(f"{root / 'nbgrader_config.py'} sets no CourseDirectory.course_id")
    return str(course_id)


@dataclass
class HubSettings:
    """What deploy/hub/jupyterhub_config.py reads (as JSON, from $MOBILITY_HUB_SETTINGS)."""
    state: str
    user_env: str
    exchange: str
    course_id: str
    roles: dict[str, str]
    users: dict[str, str]
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 0
    proxy_api_port: int = 0
    proxy: str = "configurable-http-proxy"
    trial: bool = False
    ssl_cert: str | None = None
    ssl_key: str | None = None
    groups: dict[str, str] = field(default_factory=lambda: dict(GROUPS))

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        os.chmod(path, 0o600)
        return path


@dataclass
class PreparedHub:
    settings: HubSettings
    settings_file: Path
    config_file: Path
    passwords: dict[str, str]
    trainer_courses: dict[str, Path]
    warnings: list[str]


def config_file(repo: Path) -> Path:
    path = repo / "deploy" / "hub" / "jupyterhub_config.py"
    if not path.is_file():
        raise HubError(f"{path} is missing: run the hub from the course's repository")
    return path


def repository(root: Path) -> Path:
    """The repository that holds deploy/ and course_lib/: the course folder, or the one this
    package was installed from in development mode."""
    for candidate in (root, Path(__file__).resolve().parents[2]):
        if (candidate / "deploy" / "hub").is_dir() and (candidate / "course_lib").is_dir():
            return candidate
    raise HubError(f"{root} has no deploy/hub/: run the hub from the course's repository")
