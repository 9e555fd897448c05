"""The mobility coach course on The Littlest JupyterHub.

Copied by deploy/tljh/install.sh into /opt/tljh/config/jupyterhub_config.d/, where TLJH
loads it after its own settings (TLJH keeps its authenticator, its SystemdSpawner with one
Unix account `jupyter-<name>` per user and a private home, and its proxy). This adds:
JupyterLab by default, and each user's role settings (learner or trainer) from
/opt/tljh/config/mobility-course/roles, the trainers being listed in trainers.txt there.
"""

import os

MOBILITY_COURSE = "/opt/tljh/config/mobility-course"
TRAINERS = os.path.join(MOBILITY_COURSE, "trainers.txt")


def mobility_course_trainers(path=TRAINERS):
    """Hub user names of the trainers, one a line (written by install.sh --trainer)."""
    try:
        with open(path, encoding="utf-8") as lines:
            return {line.split("#", 1)[0].strip() for line in lines} - {""}
    except FileNotFoundError:
        return set()


def mobility_course_role(spawner):
    """Learners get the learner's JupyterLab (no instructor panels), trainers the formgrader."""
    role = "trainer" if spawner.user.name in mobility_course_trainers() else "learner"
    spawner.environment["JUPYTER_CONFIG_PATH"] = os.path.join(MOBILITY_COURSE, "roles", role)


c = get_config()  # noqa: F821 - provided by JupyterHub
c.Spawner.default_url = "/lab"
c.Spawner.pre_spawn_hook = mobility_course_role
