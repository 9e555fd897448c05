"""The trainer's cycle: ``build``, (learners work, or ``demo-cohort``), ``grade``, ``feedback``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
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
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Submissions graded at once (default: the number of cores).")
@click.option("--timeout", type=click.IntRange(1, 3600), default=None,
              help="Seconds a cell may run before it is stopped (default: nbgrader_config.py).")
@click.option("--grader", default=None,
              help="Who grades, recorded with each validation (default: your user name).")
@click.option("--learner", "learners", multiple=True,
              help="Grade only this learner's submissions (repeat for several).")
@click.pass_context
def grade(ctx: click.Context, force: bool, workers: int | None, timeout: int | None,
          grader: str | None, learners: tuple[str, ...]) -> None:
    """Autograde new submissions in submitted/ and print learners × modules scores."""
    from ..grading import grade as autograde
    from ..grading import quiet_stderr

    root = course_folder(ctx)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task("autograding", total=None)

        def step(learner: str, mid: str, done: int, total: int) -> None:
            bar.update(task, total=total, completed=done,
                       description=f"autograded {learner} / {mid}")

        with quiet_stderr(root) as log:
            report = autograde(root, progress=step, force=force, workers=workers,
                               timeout=timeout, learners=list(learners) or None)
    console.print(f"nbgrader's own messages: {log.name}")
    console.print(_score_table(report))
    console.print("✔ = pass mark reached (see each module's validation modalities)")
    for (learner, mid), reason in sorted(report.failures.items()):
        errors.print(f"[red]not graded[/] {learner} / {mid}: {reason}")
    for (learner, mid), found in sorted(report.flags.items()):
        for reason in found:
            errors.print(f"[yellow]flagged[/] {learner} / {mid}: {reason}")
    for path in report.restored:
        errors.print(f"[yellow]restored[/] {path}: changed while grading (a submission wrote "
                     "outside its folder?)")
    from ..grading.records import record_validations

    for event in record_validations(root, grader=grader):
        console.print(f"{event.event}: {event.learner} / {event.module} "
                      f"({event.score:g} / {event.max_score:g}) on {event.date}")
    console.print(f"Summary: {report.graded} graded, {len(report.failures)} not graded, "
                  f"{len(report.flags)} flagged, in {report.seconds:.1f} s")
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


@main_group.command()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "xlsx"]), default="table",
              show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (csv, xlsx); required for those formats.")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also save the score distributions as a PNG chart.")
@click.pass_context
def report(ctx: click.Context, fmt: str, output: Path | None, chart: Path | None) -> None:
    """Learners x modules: scores, pass or fail, course validation, manual grading to do."""
    from ..grading.records import results
    from ..grading.report import distribution_chart, write_report

    root = course_folder(ctx)
    if fmt != "table" and output is None:
        raise click.UsageError(f"--format {fmt} needs --output FILE")
    if not results(root):
        raise click.ClickException("no graded submission yet: run `mobility-course grade` first")
    try:
        frame, written = write_report(root, fmt, output)
        if chart:
            distribution_chart(results(root), chart)
    except OSError as exc:
        raise click.ClickException(f"cannot write {exc.filename}: {exc.strerror}") from None
    if fmt == "table":
        table = Table(title="Results (score / maximum, ✔ = validated)")
        codes = [c for c in frame.columns if c != "learner" and not c.endswith(" passed")
                 and c not in ("course validated", "awaiting manual grading")]
        for column in ("learner", *codes, "course", "to grade by hand"):
            table.add_column(column, no_wrap=True)
        for _, row in frame.iterrows():
            cells = [f"{row[c]}{' ✔' if row[f'{c} passed'] == 'yes' else ''}" for c in codes]
            table.add_row(row["learner"], *cells, row["course validated"],
                          row["awaiting manual grading"])
        console.print(table)
    if written:
        console.print(f"report written to {written}")
    if chart:
        console.print(f"chart written to {chart}")


@main_group.command()
@click.argument("learners", nargs=-1)
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("certificates"), show_default=True, help="Folder for the PDFs.")
@click.option("--organisation", default=None,
              help="The training organisation named on the attestation.")
@click.pass_context
def certificate(ctx: click.Context, learners: tuple[str, ...], output: Path,
                organisation: str | None) -> None:
    """A one-page PDF attestation per learner (all learners with results, or those named)."""
    from ..grading.certificate import ORGANISATION, learners_with_results, write_certificate

    root = course_folder(ctx)
    known = learners_with_results(root)
    if not known:
        raise click.ClickException("no graded submission yet: run `mobility-course grade` "
                                   "first")
    wanted = list(learners) or known
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise click.ClickException(f"no results for {', '.join(unknown)}; learners with "
                                   f"results: {', '.join(known) or 'none yet'}")
    folder = output if output.is_absolute() else root / output
    try:
        for name in wanted:
            path = write_certificate(root, name, folder, organisation or ORGANISATION)
            console.print(f"{name}: {path}")
    except OSError as exc:
        raise click.ClickException(f"cannot write to {folder}: {exc.strerror}") from None
