"""``mobility-course``: every job a trainer or a learner runs, in one command.

Trainer's cycle: ``build`` → (learners work, or ``demo-cohort``) → ``grade`` → ``feedback``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from .course import CourseError, course_root

console = Console()
errors = Console(stderr=True, soft_wrap=True)


def _root(ctx: click.Context) -> Path:
    path = ctx.obj.get("course") if ctx.obj else None
    return course_root(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--course", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Course folder (holds nbgrader_config.py); default: found from here.")
@click.version_option(package_name="mobility-coach-course")
@click.pass_context
def main_group(ctx: click.Context, course: Path | None) -> None:
    """Mobility coach course: build, serve, grade (ATMA training kit, Erasmus+ VET)."""
    ctx.ensure_object(dict)
    ctx.obj["course"] = course


@main_group.command()
@click.argument("modules", nargs=-1)
@click.pass_context
def build(ctx: click.Context, modules: tuple[str, ...]) -> None:
    """Generate release/ from source/ with nbgrader (all modules, or those named)."""
    from .course import build as build_release
    from .course import quiet_stderr

    root = _root(ctx)
    with console.status("nbgrader generate_assignment…") as status, quiet_stderr(root):
        results = build_release(root, modules or None,
                                progress=lambda m: status.update(f"building {m}…"))
    failed = 0
    for r in results:
        for note in r.notes:
            console.print(f"  note: {note}")
        if r.ok:
            console.print(f"[green]✔[/] {r.module} → {r.message}")
        else:
            failed += 1
            errors.print(f"[red]✘[/] {r.module}: {r.message}")
    if failed:
        raise SystemExit(1)


@main_group.command("demo-cohort")
@click.option("--learners", type=click.IntRange(min=1, max=500), required=True,
              help="How many simulated learners.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.pass_context
def demo_cohort_cmd(ctx: click.Context, learners: int, seed: int) -> None:
    """Write simulated submissions (perfect, partial, blank learners) into submitted/."""
    from .course import demo_cohort

    root = _root(ctx)
    subs = demo_cohort(root, learners, seed)
    profiles: dict[str, str] = {s.learner: s.profile for s in subs}
    modules = sorted({s.module for s in subs})
    console.print(f"{len(profiles)} learner(s) × {len(modules)} module(s) written to "
                  f"{root / 'submitted'}")
    for learner, profile in profiles.items():
        console.print(f"  {learner}: {profile}")


def _score_table(report) -> Table:
    from .modules import module

    table = Table(title="Scores (points / maximum)")
    table.add_column("learner")
    mids = report.modules()
    for mid in mids:
        table.add_column(module(mid).code, justify="right")
    for learner in report.learners():
        row = [learner]
        for mid in mids:
            if (learner, mid) in report.failures:
                row.append("[red]not graded[/]")
            elif (learner, mid) in report.scores:
                score, top = report.scores[(learner, mid)]
                m = module(mid)
                mark = " ✔" if m.pass_mark is not None and score >= m.pass_mark else ""
                row.append(f"{score:g} / {top:g}{mark}")
            else:
                row.append("—")
        table.add_row(*row)
    return table


@main_group.command()
@click.option("--force", is_flag=True,
              help="Grade again submissions that were already autograded.")
@click.pass_context
def grade(ctx: click.Context, force: bool) -> None:
    """Autograde new submissions in submitted/ and print learners × modules scores."""
    from .course import grade as autograde
    from .course import quiet_stderr, submissions

    root = _root(ctx)
    total = len(submissions(root))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True) as bar, quiet_stderr(root) as log:
        task = bar.add_task("autograding", total=total)

        def step(learner: str, mid: str) -> None:
            bar.update(task, description=f"autograding {learner} / {mid}")
            bar.advance(task)

        report = autograde(root, progress=step, force=force)
    console.print(f"nbgrader's own messages: {log.name}")
    console.print(_score_table(report))
    console.print("✔ = pass mark reached (see each module's validation modalities)")
    for (learner, mid), reason in sorted(report.failures.items()):
        errors.print(f"[red]not graded[/] {learner} / {mid}: {reason}")
    if report.failures:
        raise SystemExit(1)


@main_group.command()
@click.pass_context
def feedback(ctx: click.Context) -> None:
    """Generate feedback HTML for every autograded submission (feedback/)."""
    from .course import generate_feedback, quiet_stderr

    root = _root(ctx)
    with quiet_stderr(root):
        failures = generate_feedback(root)
    for (learner, mid), reason in sorted(failures.items()):
        errors.print(f"[red]no feedback[/] {learner} / {mid}: {reason}")
    console.print(f"feedback written under {root / 'feedback'}")
    if failures:
        raise SystemExit(1)


@main_group.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8866, show_default=True)
@click.option("--ip", default="localhost", show_default=True, help="Address to listen on.")
@click.option("--no-browser", is_flag=True, help="Do not open a web browser.")
@click.option("--no-preheat", is_flag=True, help="Start kernels on demand only.")
@click.pass_context
def serve(ctx: click.Context, port: int, ip: str, no_browser: bool, no_preheat: bool) -> None:
    """Serve the Voila app (home page, modules, dashboards) on http://localhost:8866."""
    from .app import assemble_site
    from .app import serve as run_voila
    from .course import tools_on_path

    root = _root(ctx)
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
    from .lab import lab_command, prepare_workspace

    root = _root(ctx)
    copied = prepare_workspace(root, workdir)
    for mid in copied:
        console.print(f"copied module {mid} into {workdir}")
    argv, env = lab_command(workdir, port=port, open_browser=not no_browser)
    os.execve(argv[0], argv, env)


def _register_optional_commands() -> None:
    try:
        from .cli_budget import budget
    except ImportError:  # pragma: no cover - present in every install
        return
    main_group.add_command(budget)


_register_optional_commands()


def main(argv: list[str] | None = None) -> int:
    """Entry point: a usage or course error is one line on stderr and a non-zero exit."""
    try:
        main_group.main(args=argv, prog_name="mobility-course", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        hint = f" (see: mobility-course {exc.ctx.command_path.split(' ', 1)[1]} --help)" \
            if exc.ctx and " " in exc.ctx.command_path else " (see: mobility-course --help)"
        print(f"mobility-course: error: {exc.format_message()}{hint}", file=sys.stderr)
        return 2
    except click.Abort:
        print("mobility-course: aborted", file=sys.stderr)
        return 130
    except click.ClickException as exc:
        print(f"mobility-course: error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except CourseError as exc:
        print(f"mobility-course: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
