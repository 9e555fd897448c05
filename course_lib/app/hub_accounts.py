"""The people of the course's JupyterHub on this machine (``mobility-course hub``), prepared
as root: the users file, a real Unix account per user in the group of its role (created with
``--trial``, checked otherwise, removed at the end of a trial), the trainer's course folder and
nbgrader's exchange. :mod:`.hub` re-exports every name of this module.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import secrets
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GROUPS = {"learner": "mobility-learners", "trainer": "mobility-trainers"}
TRAINER_COURSE = "mobility-course"  # the trainer's course folder, in the trainer's home
NAME = re.compile(r"^[a-z][a-z0-9-]{1,30}$")


class HubError(RuntimeError):
    """A problem preparing the hub that the administrator can fix, with what to do."""


@dataclass(frozen=True)
class HubUser:
    name: str
    role: str  # "learner" or "trainer"


def read_users(path: Path) -> list[HubUser]:
    """The hub's users: one per line, ``NAME ROLE`` (role ``learner`` or ``trainer``).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "users.txt"
    >>> _ = f.write_text("# trial\\nformatrice trainer\\ncoach-ana learner\\ncoach-ben\\n")
    >>> [(u.name, u.role) for u in read_users(f)]
    [('formatrice', 'trainer'), ('coach-ana', 'learner'), ('coach-ben', 'learner')]
    """
    users: dict[str, HubUser] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        name, role = words[0], (words[1] if len(words) > 1 else "learner")
        where = f"{path}, line {number}"
        if len(words) > 2 or role not in GROUPS:
            raise HubError(f"{where}: expected `NAME learner` or `NAME trainer`, got {line!r}")
        if not NAME.match(name):
            raise HubError(f"{where}: {name!r} is not a usable account name (2 to 31 "
                           "lower-case letters, digits or '-', starting with a letter)")
        if name in users:
            raise HubError(f"{where}: {name} is listed twice")
        users[name] = HubUser(name, role)
    if not users:
        raise HubError(f"{path} lists no user")
    return list(users.values())


# -- Unix accounts ---------------------------------------------------------------------------
def course_role(name: str) -> str | None:
    """``trainer``/``learner`` for a course account, None for any other account (or none)."""
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        return None
    if account.pw_uid == 0:
        return None
    gids = set(os.getgrouplist(name, account.pw_gid))
    for role in ("trainer", "learner"):
        try:
            if grp.getgrnam(GROUPS[role]).gr_gid in gids:
                return role
        except KeyError:
            continue
    return None


def _run(argv: list[str], **kwargs) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise HubError(f"`{' '.join(argv)}` failed: {(done.stderr or done.stdout).strip()}")


def read_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split(None, 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {p[0]: p[1].strip() for p in pairs if len(p) == 2}


def ensure_accounts(users: list[HubUser], *, create: bool, passwords_file: Path,
                    home_root: Path | None = None,
                    log: Callable[[str], None] = print) -> dict[str, str]:
    """Check (and with ``create``, make) a course account per user; returns the trial
    passwords known for them (empty without ``create``)."""
    if os.geteuid() != 0:
        raise HubError("the hub runs each user's JupyterLab as that user: run it as root")
    for group in GROUPS.values():
        try:
            grp.getgrnam(group)
        except KeyError:
            if not create:
                raise HubError(f"no group {group}: create the course's accounts (see "
                               "docs/jupyterhub.md) or try the hub with --trial") from None
            _run(["groupadd", "--system", group])
    passwords = read_passwords(passwords_file) if create else {}
    for user in users:
        try:
            account = pwd.getpwnam(user.name)
        except KeyError:
            account = None
        if account is not None:
            role = course_role(user.name)
            if role is None:
                raise HubError(f"{user.name} is an account of this machine that is not a course "
                               f"account (not in {GROUPS['learner']} or {GROUPS['trainer']}): "
                               "choose another name")
            if role != user.role:
                if not create:
                    raise HubError(f"{user.name} is listed as {user.role} but its account is "
                                   f"in {GROUPS[role]}")
                _run(["gpasswd", "--delete", user.name, GROUPS[role]])
                _run(["usermod", "--append", "--groups", GROUPS[user.role], user.name])
            continue
        if not create:
            raise HubError(f"no account {user.name} on this machine: create it (useradd, in "
                           f"group {GROUPS[user.role]}) or try the hub with --trial")
        argv = ["useradd", "--create-home", "--user-group", "--shell", "/usr/sbin/nologin",
                "--groups", GROUPS[user.role], "--comment", f"mobility-course {user.role}"]
        if home_root is not None:
            home_root.mkdir(parents=True, exist_ok=True)
            argv += ["--base-dir", str(home_root)]
        _run([*argv, user.name])
        passwords[user.name] = secrets.token_urlsafe(9)
        log(f"created account {user.name} ({user.role})")
    for user in users:
        home = Path(pwd.getpwnam(user.name).pw_dir)
        if home.is_dir():
            os.chmod(home, 0o700)  # nobody else reads a learner's work
    if create:
        missing = [u.name for u in users if u.name not in passwords]
        for name in missing:  # a course account made earlier whose password was lost
            passwords[name] = secrets.token_urlsafe(9)
        wanted = [u.name for u in users]
        _run(["chpasswd"], input="".join(f"{n}:{passwords[n]}\n" for n in wanted))
        passwords_file.parent.mkdir(parents=True, exist_ok=True)
        passwords_file.touch(mode=0o600)
        os.chmod(passwords_file, 0o600)
        passwords_file.write_text("".join(f"{n} {passwords[n]}\n" for n in wanted),
                                  encoding="utf-8")
        return {n: passwords[n] for n in wanted}
    return {}


def remove_accounts(users: list[HubUser]) -> list[str]:
    """Delete the course accounts of ``users`` with their homes (the end of a trial)."""
    removed = []
    for user in users:
        if course_role(user.name) is None:
            continue
        subprocess.run(["pkill", "--uid", user.name], capture_output=True)
        _run(["userdel", "--remove", user.name])
        removed.append(user.name)
    return removed


# -- the trainer's course folder -------------------------------------------------------------
def prepare_trainer_course(root: Path, trainer: str) -> Path:
    """``~trainer/mobility-course``: nbgrader_config.py, source/ and release/ copied from the
    course (never over the trainer's own), owned by the trainer and closed to others."""
    account = pwd.getpwnam(trainer)
    target = Path(account.pw_dir) / TRAINER_COURSE
    fresh = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    if fresh:
        shutil.copy2(root / "nbgrader_config.py", target)
        for folder in ("source", "release"):
            if (root / folder).is_dir():
                shutil.copytree(root / folder, target / folder, ignore=shutil.ignore_patterns(
                    "answers*.json", ".ipynb_checkpoints", "__pycache__"))
        for path in (target, *target.rglob("*")):
            os.chown(path, account.pw_uid, account.pw_gid, follow_symlinks=False)
    os.chmod(target, 0o700)  # source/ holds the answer keys
    return target


# -- the exchange ----------------------------------------------------------------------------
def prepare_exchange(exchange: Path, course_id: str, trainer: str | None) -> None:
    """The exchange root (1777) and the course's folder in it, owned by the trainer."""
    exchange.mkdir(parents=True, exist_ok=True)
    os.chown(exchange, 0, 0)
    os.chmod(exchange, 0o1777)  # nbgrader checks 0777; the sticky bit stops renames by others
    if trainer is None:
        return
    account = pwd.getpwnam(trainer)
    for path, mode in ((exchange / course_id, 0o755), (exchange / course_id / "outbound", 0o755),
                       (exchange / course_id / "inbound", 0o2733)):
        path.mkdir(exist_ok=True)
        os.chown(path, account.pw_uid, account.pw_gid)
        os.chmod(path, mode)
