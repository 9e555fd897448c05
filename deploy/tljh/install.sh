#!/usr/bin/env bash
# The mobility coach course on The Littlest JupyterHub (TLJH): run as root on the TLJH
# server, from a clone of this repository, once TLJH itself is installed
# (https://tljh.jupyter.org, "Installing on your own server").
#
#   sudo deploy/tljh/install.sh                  install or update the course for every user
#   sudo deploy/tljh/install.sh --trainer NAME   make hub user NAME a trainer (run it after
#                                                NAME's first login, when TLJH has created
#                                                the account jupyter-NAME)
#
# What it does: the course into TLJH's user environment with the project's own extra
# (pip install '<repo>[hub]'); the role settings of deploy/tljh/roles; the learners'
# JupyterLab defaults (no news pop-up); the nbgrader exchange at nbgrader's default place
# (not /tmp: TLJH gives every user a private /tmp); the hub snippet; for a trainer, the
# course folder ~/mobility-course (with source/, the answer keys, closed to others) and the
# course's folder in the exchange, owned by the trainer.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
TLJH=/opt/tljh
CONF="$TLJH/config/mobility-course"
EXCHANGE=/usr/local/share/nbgrader/exchange
COURSE_ID="$(sed -n 's/^c\.CourseDirectory\.course_id *= *"\(.*\)"/\1/p' "$REPO/nbgrader_config.py")"

trainer=""
case "${1:-}" in
  --trainer) trainer="${2:?--trainer NAME}" ;;
  "") ;;
  *) echo "usage: $0 [--trainer NAME]" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "run as root (sudo)" >&2; exit 1; }
[ -x "$TLJH/user/bin/pip" ] || { echo "TLJH is not installed here ($TLJH/user)" >&2; exit 1; }
[ -n "$COURSE_ID" ] || { echo "no course_id in $REPO/nbgrader_config.py" >&2; exit 1; }

if [ -z "$trainer" ]; then
  # 1. the course and jupyterhub-singleuser, as the project installs them (the `hub` extra)
  "$TLJH/user/bin/pip" install --quiet "$REPO[hub]"
  # 2. role settings (learner, trainer) and the learners' JupyterLab defaults
  install -d -m 755 "$CONF"
  rm -rf "$CONF/roles"
  cp -r "$REPO/deploy/tljh/roles" "$CONF/roles"
  chmod -R a+rX "$CONF"
  touch "$CONF/trainers.txt"
  install -d -m 755 "$TLJH/user/share/jupyter/lab/settings/overrides.d"
  install -m 644 "$REPO/deploy/tljh/roles/lab-overrides.json" \
    "$TLJH/user/share/jupyter/lab/settings/overrides.d/mobility-course.json"
  # 3. the exchange: writable by all, sticky so that nobody renames another user's entries
  install -d -m 1777 "$EXCHANGE"
  # 4. the hub: JupyterLab by default, role settings per user
  install -m 644 "$REPO/deploy/tljh/jupyterhub_config.d/mobility-course.py" \
    "$TLJH/config/jupyterhub_config.d/mobility-course.py"
  tljh-config set user_environment.default_app jupyterlab
  tljh-config reload hub
  echo "course installed; next: sudo $0 --trainer NAME (after NAME's first login)"
  exit 0
fi

account="jupyter-$trainer"
id "$account" >/dev/null 2>&1 || {
  echo "no account $account yet: $trainer logs in to the hub once first" >&2; exit 1; }
grep -qx "$trainer" "$CONF/trainers.txt" || echo "$trainer" >> "$CONF/trainers.txt"
home="$(getent passwd "$account" | cut -d: -f6)"
if [ ! -d "$home/mobility-course" ]; then
  install -d -m 700 -o "$account" -g "$account" "$home/mobility-course"
  cp "$REPO/nbgrader_config.py" "$home/mobility-course/"
  cp -r "$REPO/source" "$REPO/release" "$home/mobility-course/"
  find "$home/mobility-course" -name 'answers*.json' -delete
  chown -R "$account:$account" "$home/mobility-course"
fi
install -d -m 755 -o "$account" -g "$account" "$EXCHANGE/$COURSE_ID" "$EXCHANGE/$COURSE_ID/outbound"
install -d -m 2733 -o "$account" -g "$account" "$EXCHANGE/$COURSE_ID/inbound"
echo "$trainer is a trainer: course folder $home/mobility-course; restart their server" \
     "(hub Control Panel) for the formgrader to appear"
