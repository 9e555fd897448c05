"""The servers: ``serve`` (the Voila app) and ``lab`` (a learner's JupyterLab)."""

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
@click.pass_context
def serve(ctx: click.Context, port: int, ip: str, no_browser: bool, no_preheat: bool) -> None:
    """Serve the Voila app (home page, modules, dashboards) on http://localhost:8866."""
    from ..app.site import assemble_site
    from ..app.site import serve as run_voila
    from ..grading import tools_on_path

    root = course_folder(ctx)
    site = assemble_site(root)
    tools_on_path()
    console.print(f"Serving the course app on http://{ip}:{port}/ (Ctrl+C to stop)")
    run_voila(site, port=port, ip=ip, open_browser=not no_browser, preheat=not no_preheat)


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
