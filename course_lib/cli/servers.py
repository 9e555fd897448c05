"""The servers: ``serve`` (the Voila app), ``lab`` (a learner's JupyterLab) and ``hub``
(JupyterHub for a cohort on this machine)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .group import console, course_folder, main_group


@main_group.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8866, show_default=True)
@click.option("--ip", default="localhost", show_default=True, help="Address to listen on.")
@click.option("--no-browser", is_flag=True, help="Do not open a web browser.")
@click.option("--no-preheat", is_flag=True, help="Start kernels on demand only.")
@click.option("--gradebook", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An nbgrader gradebook (e.g. gradebook.db) for the cohort dashboard; "
                   "without it the dashboard shows a demo cohort.")
@click.pass_context
def serve(ctx: click.Context, port: int, ip: str, no_browser: bool, no_preheat: bool,
          gradebook: Path | None) -> None:
    """Serve the Voila app (home page, modules, dashboards) on http://localhost:8866."""
    from ..app.site import assemble_site
    from ..app.site import serve as run_voila
    from ..grading import tools_on_path

    root = course_folder(ctx)
    site = assemble_site(root)
    tools_on_path()
    if gradebook is not None:
        console.print(f"The cohort dashboard reads {gradebook} (read-only). Its scores are "
                      "shown to anyone who can open the app: keep it on localhost or behind "
                      "your hub's login.")
    console.print(f"Serving the course app on http://{ip}:{port}/ (Ctrl+C to stop)")
    run_voila(site, port=port, ip=ip, open_browser=not no_browser, preheat=not no_preheat,
              gradebook=gradebook)


@main_group.command()
@click.option("--dir", "workdir", type=click.Path(file_okay=False, path_type=Path),
              default=Path.home() / "mobility-course", show_default=True,
              help="The learner's working folder.")
@click.option("--port", type=click.IntRange(1, 65535), default=8888, show_default=True)
@click.option("--no-browser", is_flag=True, help="Do not open a web browser.")
@click.pass_context
def lab(ctx: click.Context, workdir: Path, port: int, no_browser: bool) -> None:
    """JupyterLab on a learner's working copy of the released modules."""
    from ..app.lab import lab_command, prepare_workspace

    root = course_folder(ctx)
    copied = prepare_workspace(root, workdir)
    for mid in copied:
        console.print(f"copied module {mid} into {workdir}")
    argv, env = lab_command(workdir, port=port, open_browser=not no_browser)
    os.execve(argv[0], argv, env)


@main_group.command()
@click.option("--trial", is_flag=True,
              help="TRIAL ONLY: create the listed accounts with random passwords (printed, and "
                   "kept in STATE/hub/trial-passwords.txt, root only).")
@click.option("--users", "users_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Users, one per line: NAME learner|trainer "
                                 "[default with --trial: deploy/hub/trial-users.txt].")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--ip", default="127.0.0.1", show_default=True,
              help="Address to listen on (another than localhost only with --ssl-cert).")
@click.option("--state", type=click.Path(file_okay=False, path_type=Path),
              default=Path("/srv/mobility-course"), show_default=True,
              help="The hub's folder: its database, the nbgrader exchange, role settings.")
@click.option("--user-env", type=click.Path(file_okay=False, path_type=Path),
              default=Path("/opt/mobility-course/env"), show_default=True,
              help="The environment every user's JupyterLab runs from (made if needed).")
@click.option("--home-root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where --trial puts the new accounts' homes [default: /home].")
@click.option("--ssl-cert", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--ssl-key", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--remove-accounts", is_flag=True,
              help="End a trial: delete the listed course accounts and their homes, then exit.")
@click.pass_context
def hub(ctx: click.Context, trial: bool, users_file: Path | None, port: int, ip: str,
        state: Path, user_env: Path, home_root: Path | None, ssl_cert: Path | None,
        ssl_key: Path | None, remove_accounts: bool) -> None:
    """JupyterHub on this machine: learners log in, fetch, work, submit; the trainer grades."""
    from ..app.hub import HubError, hub_command, prepare_hub, read_users, repository
    from ..app.hub import remove_accounts as rm

    root = course_folder(ctx)
    if users_file is None:
        if not (trial or remove_accounts):
            raise click.UsageError("--users FILE is required (or --trial to try the hub)")
        users_file = repository(root) / "deploy" / "hub" / "trial-users.txt"
    if (ssl_cert is None) != (ssl_key is None):
        raise click.UsageError("--ssl-cert and --ssl-key go together")
    if ip not in ("127.0.0.1", "localhost", "::1") and ssl_cert is None:
        raise click.UsageError(f"--ip {ip} without --ssl-cert would send passwords in clear; "
                               "put the hub behind HTTPS (see docs/jupyterhub.md)")
    try:
        if remove_accounts:
            for name in rm(read_users(users_file)):
                console.print(f"removed account {name} and its home")
            return
        prepared = prepare_hub(root, users_file, state=state, user_env=user_env, trial=trial,
                               ip=ip, port=port, home_root=home_root, ssl_cert=ssl_cert,
                               ssl_key=ssl_key, log=console.print)
    except HubError as exc:
        raise click.ClickException(str(exc)) from None
    settings = prepared.settings
    for warning in prepared.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    if trial:
        console.print("[bold red]TRIAL HUB: generated accounts and passwords, for trying the "
                      "course only. A real cohort runs on TLJH or Zero to JupyterHub "
                      "(docs/jupyterhub.md).[/]")
        for name, password in prepared.passwords.items():
            console.print(f"  {name:<20} {settings.users[name]:<8} password: {password}")
    for name, folder in prepared.trainer_courses.items():
        console.print(f"{name}'s course folder: {folder} (mobility-course build, grade, "
                      "feedback, report run there)")
    console.print(f"exchange: {settings.exchange}; user environment: {settings.user_env}")
    scheme = "https" if ssl_cert else "http"
    console.print(f"JupyterHub on {scheme}://{ip}:{port}/ (Ctrl+C stops it and every "
                  "user's server)")
    argv, env, cwd = hub_command(prepared)
    os.chdir(cwd)
    os.execve(argv[0], argv, env)
