"""The trainer's cycle: ``build``, (learners work, or ``demo-cohort``), ``grade``, ``feedback``."""

from __future__ import annotations

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from .group import console, course_folder, errors, main_group


@main_group.command()
@click.argument("modules", nargs=-1)
@click.pass_context
def build(ctx: click.Context, modules: tuple[str, ...]) -> None:
    """Generate release/ from source/ with nbgrader (all modules, or those named)."""
    from ..grading import build as build_release
    from ..grading import quiet_stderr

    root = course_folder(ctx)
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
    from ..grading import demo_cohort

    root = course_folder(ctx)
    subs = demo_cohort(root, learners, seed)
    profiles: dict[str, str] = {s.learner: s.profile for s in subs}
    modules = sorted({s.module for s in subs})
    console.print(f"{len(profiles)} learner(s) × {len(modules)} module(s) written to "
                  f"{root / 'submitted'}")
    for learner, profile in profiles.items():
        console.print(f"  {learner}: {profile}")


def _score_table(report) -> Table:
    from ..catalogue.modules import module

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
    from ..grading import grade as autograde
    from ..grading import quiet_stderr, submissions

    root = course_folder(ctx)
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
    from ..grading import generate_feedback, quiet_stderr

    root = course_folder(ctx)
    with quiet_stderr(root):
        failures = generate_feedback(root)
    for (learner, mid), reason in sorted(failures.items()):
        errors.print(f"[red]no feedback[/] {learner} / {mid}: {reason}")
    console.print(f"feedback written under {root / 'feedback'}")
    if failures:
        raise SystemExit(1)
