"""The ``mobility-course`` command group, its shared options and its error handling."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from ..grading import CourseError, course_root

console = Console(soft_wrap=True)  # a long path stays on one line (logs, scripts)
errors = Console(stderr=True, soft_wrap=True)


def course_folder(ctx: click.Context) -> Path:
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


def _help_hint(exc: click.UsageError, argv: list[str] | None) -> str:
    """Where to read more: the command's help when the error is about a command (click
    leaves no context on an option missing its value: the command is then read from argv)."""
    if exc.ctx and " " in exc.ctx.command_path:
        command = exc.ctx.command_path.split(" ", 1)[1]
    else:
        words = sys.argv[1:] if argv is None else argv
        command = next((w for w in words if w in main_group.commands), None) \
            if exc.ctx is None else None
    return f" (see: mobility-course {command} --help)" if command else \
        " (see: mobility-course --help)"


def main(argv: list[str] | None = None) -> int:
    """Entry point: a usage or course error is one line on stderr and a non-zero exit."""
    try:
        # not standalone: click returns a command's ctx.exit(n) status instead of raising it
        status = main_group.main(args=argv, prog_name="mobility-course", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        print(f"mobility-course: error: {exc.format_message()}{_help_hint(exc, argv)}",
              file=sys.stderr)
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
    return status if isinstance(status, int) else 0

