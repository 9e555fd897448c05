"""The hub's configuration, checked without starting it: what can be checked here of the
one-machine hub, The Littlest JupyterHub and Zero to JupyterHub (docker and Kubernetes
cannot run here; docs/jupyterhub.md says what is left untested)."""

from __future__ import annotations

import json
import re
import subprocess
import types
from pathlib import Path

import pytest
import yaml

from course_lib.app.hub import (
    GROUPS,
    HubError,
    HubSettings,
    course_id_of,
    deploy_role_files,
    lab_overrides,
    read_users,
    role_config,
)
from course_lib.app.lab import INSTRUCTOR_ONLY
from course_lib.cli import main

from .conftest import REPO

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

DEPLOY = REPO / "deploy"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]


def run_config(path: Path, **names) -> types.SimpleNamespace:
    """Execute a JupyterHub config file the way JupyterHub does, with a fresh ``c``."""
    from traitlets.config import Config

    c = Config()
    namespace = {"get_config": lambda: c, "__file__": str(path), **names}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102
    return types.SimpleNamespace(c=c, names=namespace)


class FakeSpawner:
    def __init__(self, name: str, groups=()):
        self.user = types.SimpleNamespace(
            name=name, groups=[types.SimpleNamespace(name=g) for g in groups])
        self.environment: dict[str, str] = {}


# -- the one-machine hub ---------------------------------------------------------------------
def test_hub_config_reads_the_settings_and_runs_users_as_themselves(tmp_path, monkeypatch):
    settings = HubSettings(
        state=str(tmp_path), user_env="/opt/env", exchange=str(tmp_path / "exchange"),
        course_id="mobility-coach", roles={"learner": "/r/learner", "trainer": "/r/trainer"},
        users={"ana": "learner", "formatrice": "trainer"}, port=8123, hub_port=8124,
        proxy_api_port=8125, proxy="/x/configurable-http-proxy", trial=True)
    monkeypatch.setenv("MOBILITY_HUB_SETTINGS", str(settings.write(tmp_path / "s.json")))
    run = run_config(DEPLOY / "hub" / "jupyterhub_config.py")
    c = run.c
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8123"
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.Authenticator.allowed_users == {"ana", "formatrice"}
    assert c.Authenticator.admin_users == set()
    assert c.ConfigurableHTTPProxy.command == ["/x/configurable-http-proxy"]
    assert c.Spawner.cmd == ["/opt/env/bin/jupyterhub-singleuser"]
    assert c.Spawner.default_url == "/lab"
    assert "Trial hub" in c.JupyterHub.template_vars["announcement_login"]
    from jupyterhub.spawner import LocalProcessSpawner

    spawner = c.JupyterHub.spawner_class
    assert issubclass(spawner, LocalProcessSpawner)  # one Unix account per user
    assert run.names["course_role"]("root") is None  # root never gets a server
    assert run.names["course_role"]("no-such-account-here") is None


def test_role_settings_are_those_of_mobility_course_lab():
    learner = role_config("learner", course_id="c", exchange="/e")
    disabled = json.loads(learner["labconfig/page_config.json"])["disabledExtensions"]
    assert set(INSTRUCTOR_ONLY) <= set(disabled)
    server = json.loads(learner["jupyter_server_config.json"])["ServerApp"]["jpserver_extensions"]
    assert server["nbgrader.server_extensions.formgrader"] is False
    trainer = role_config("trainer", course_id="c", exchange="/e")
    assert json.loads(trainer["labconfig/page_config.json"]) == {}
    assert "OwnerCheckedCollect" in trainer["nbgrader_config.py"]
    assert "OwnerCheckedCollect" not in role_config("trainer", course_id="c", exchange="/e",
                                                    owner_check=False)["nbgrader_config.py"]
    for files in (learner, trainer):
        from traitlets.config.loader import PyFileConfigLoader

        path = Path(__import__("tempfile").mkdtemp())
        (path / "nbgrader_config.py").write_text(files["nbgrader_config.py"])
        config = PyFileConfigLoader("nbgrader_config.py", path=str(path)).load_config()
        assert config.Exchange.root == "/e" and config.CourseDirectory.course_id == "c"
    assert lab_overrides()["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_committed_role_folders_are_current():
    stale = [str(path.relative_to(REPO)) for path, text in deploy_role_files(REPO).items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    assert stale == [], ("regenerate with: .venv/bin/python -c 'from course_lib.app.hub import "
                         "write_deploy_role_files; write_deploy_role_files()'")


def test_users_file_mistakes_are_told(tmp_path):
    cases = {"ana teacher\n": "expected", "Ana learner\n": "not a usable account name",
             "ana\nana\n": "twice", "# nobody\n": "lists no user"}
    for text, message in cases.items():
        path = tmp_path / "users.txt"
        path.write_text(text)
        with pytest.raises(HubError, match=message):
            read_users(path)
    users = read_users(DEPLOY / "hub" / "trial-users.txt")
    assert {u.role for u in users} == set(GROUPS)


def test_hub_command_refuses_clear_text_passwords_on_the_network(capsys):
    assert main(["--course", str(REPO), "hub", "--trial", "--ip", "0.0.0.0"]) == 2
    assert "--ssl-cert" in capsys.readouterr().err
    assert main(["--course", str(REPO), "hub"]) == 2
    assert "--users FILE is required" in capsys.readouterr().err


def test_the_proxy_is_pinned_for_debian_node():
    package = json.loads((DEPLOY / "hub" / "package.json").read_text())
    lock = json.loads((DEPLOY / "hub" / "package-lock.json").read_text())
    pinned = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned)
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == pinned
    # 5.x needs Node >= 20; Debian 12 ships Node 18: stay on 4.x, which supports it
    assert pinned.startswith("4.")
    makefile = (REPO / "Makefile").read_text()
    assert "deploy/hub/install-deps" in makefile and re.search(r"^test: .*hub-deps", makefile,
                                                                re.M)
    script = DEPLOY / "hub" / "install-deps"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    assert "npm ci" in script.read_text() and "apt-get install" in script.read_text()


def test_hub_extra_is_what_the_images_install():
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert any(dep.startswith("jupyterhub") for dep in extras["hub"])
    assert set(extras["hub"]) <= set(extras["test"])
    hub_code = (REPO / "course_lib" / "app" / "hub.py").read_text()
    assert 'f"{src}[hub]"' in hub_code  # mobility-course hub's user environment


# -- The Littlest JupyterHub -----------------------------------------------------------------
def test_tljh_snippet_gives_each_role_its_settings(tmp_path):
    snippet = DEPLOY / "tljh" / "jupyterhub_config.d" / "mobility-course.py"
    run = run_config(snippet)
    assert run.c.Spawner.default_url == "/lab"
    trainers = tmp_path / "trainers.txt"
    trainers.write_text("formatrice\n# a comment\n")
    run.names["mobility_course_trainers"].__defaults__ = (str(trainers),)
    for name, role in (("formatrice", "trainer"), ("ana", "learner")):
        spawner = FakeSpawner(name)
        run.c.Spawner.pre_spawn_hook(spawner)
        assert spawner.environment["JUPYTER_CONFIG_PATH"] == \
            f"/opt/tljh/config/mobility-course/roles/{role}"


def test_tljh_install_script():
    script = DEPLOY / "tljh" / "install.sh"
    text = script.read_text()
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    assert '"$TLJH/user/bin/pip" install --quiet "$REPO[hub]"' in text  # the project's extra
    assert 'cp -r "$REPO/deploy/tljh/roles" "$CONF/roles"' in text
    assert "/usr/local/share/nbgrader/exchange" in text  # not /tmp: TLJH's /tmp is private
    assert "install -d -m 1777" in text and "-m 2733" in text
    course_id = re.search(r"sed -n '(.*)' \"\$REPO/nbgrader_config.py\"", text).group(1)
    done = subprocess.run(["sed", "-n", course_id, str(REPO / "nbgrader_config.py")],
                          capture_output=True, text=True)
    assert done.stdout.strip() == course_id_of(REPO)
    roles = DEPLOY / "tljh" / "roles"
    assert "OwnerCheckedCollect" in (roles / "trainer" / "nbgrader_config.py").read_text()


# -- Zero to JupyterHub ----------------------------------------------------------------------
def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) of deploy/z2jh/Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "z2jh" / "Dockerfile").read_text())
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [tuple(ln.split(None, 1)) for ln in lines]


def test_dockerfile_installs_the_course_as_the_project_does():
    steps = dockerfile()
    assert steps[0][0] == "FROM" and "jupyter" in steps[0][1]
    copies = [args.split() for op, args in steps if op == "COPY"]
    for *sources, _target in copies:
        for source in sources:
            assert (REPO / source).exists(), source
    copied = {source for *sources, _ in copies for source in sources}
    # never the answer keys, never a trainer's gradebook or submissions
    assert not {"source", "release", "gradebook.db", "submitted", "."} & copied
    assert "deploy/z2jh/roles" in copied
    run = " ".join(args for op, args in steps if op == "RUN")
    assert 'pip install --no-cache-dir "/tmp/course[hub]"' in run
    assert "overrides.d/mobility-course.json" in run
    assert "install -d -m 1777 /usr/local/share/nbgrader/exchange" in run
    labels = " ".join(args for op, args in steps if op == "LABEL")
    assert f'org.opencontainers.image.version="{VERSION}"' in labels
    env = dict(args.split("=", 1) for op, args in steps if op == "ENV")
    assert env["JUPYTER_CONFIG_PATH"] == "/etc/jupyter/mobility-course/learner"
    users = [args for op, args in steps if op == "USER"]
    assert users[-1] == "${NB_UID}"  # the server never runs as root


def test_helm_values_reference_the_image_and_the_exchange():
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    image = values["singleuser"]["image"]
    assert image["tag"] == VERSION  # the version the Dockerfile labels
    build = re.search(r"docker build -f deploy/z2jh/Dockerfile -t (\S+):(\S+) \.",
                      (DEPLOY / "z2jh" / "Dockerfile").read_text())
    assert (build.group(1), build.group(2)) == (image["name"], image["tag"])
    assert values["singleuser"]["defaultUrl"] == "/lab"
    storage = values["singleuser"]["storage"]
    volume = storage["extraVolumes"][0]["persistentVolumeClaim"]["claimName"]
    pvc = yaml.safe_load((DEPLOY / "z2jh" / "exchange-pvc.yaml").read_text())
    assert pvc["metadata"]["name"] == volume
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    mount = storage["extraVolumeMounts"][0]
    assert mount["mountPath"] == "/usr/local/share/nbgrader/exchange"
    assert mount["name"] == storage["extraVolumes"][0]["name"]
    z2jh_trainer = (DEPLOY / "z2jh" / "roles" / "trainer" / "nbgrader_config.py").read_text()
    assert "/usr/local/share/nbgrader/exchange" in z2jh_trainer
    assert "OwnerCheckedCollect" not in z2jh_trainer  # every pod runs as jovyan
    # the hub's extraConfig runs: trainers get the trainer's settings
    from traitlets.config import Config

    c = Config()
    for code in values["hub"]["extraConfig"].values():
        exec(compile(code, "extraConfig", "exec"), {"c": c})  # noqa: S102
    for groups, role in ((["mobility-trainers"], "trainer"), ([], "learner")):
        spawner = FakeSpawner("someone", groups)
        c.KubeSpawner.pre_spawn_hook(spawner)
        assert spawner.environment["JUPYTER_CONFIG_PATH"] == \
            f"/etc/jupyter/mobility-course/{role}"
        assert (DEPLOY / "z2jh" / "roles" / role).is_dir()
