"""The ``budget`` command: a mobilities CSV file in, the project's Erasmus+ budget out.

Registered on the course's command group by ``main.add_command(budget)``::

    mobility-course budget MOBILITIES.csv [--rates FILE | --year YYYY]
                           [--format table|csv|json] [--output FILE]

Exit status 0 when the budget is computed (eligibility warnings go to stderr and
do not change it); 2 for bad rows (each listed with its line number), a bad rate
table (the key is named) or bad options.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..data import DATA_DIR
from ..erasmus.budget import CATEGORIES, Budget, estimate
from ..erasmus.budget.mobility_file import MobilityFileError, read_mobilities
from ..erasmus.rates import RatesError, RateTable, load_rates

EXAMPLE = DATA_DIR / "examples" / "valencia-bakery.csv"
HEADINGS = {
    "travel": "Travel",
    "individual_support": "Individual\nsupport",
    "organisational_support": "Organisational\nsupport",
    "inclusion_support": "Inclusion\nsupport",
}
SECTIONS = {
    "travel": ("travel",),
    "individual_support": ("individual_support", "country_groups"),
    "organisational_support": ("organisational_support",),
    "inclusion_support": ("inclusion_support_per_participant",),
}


def _fail(message: str) -> None:
    click.echo(f"mobility-course: error: {message}", err=True)
    raise SystemExit(2)


def _rates(rates_file: Path | None, year: int | None) -> RateTable:
    if rates_file is not None and year is not None:
        raise click.UsageError("--rates and --year are mutually exclusive: give your national "
                               "agency's table with --rates, or a shipped call year with --year")
    try:
        return load_rates(year=year, path=rates_file)
    except RatesError as err:
        _fail(f"rate table: {err}")
        raise  # pragma: no cover - _fail exits


def _flagged(budget: Budget, category: str) -> bool:
    """Whether a money column uses an illustrative section of the table."""
    return bool(set(budget.rates.illustrative_among(SECTIONS[category])) & set(budget.illustrative))


def render_table(budget: Budget, width: int = 140) -> str:
    """The budget as a terminal table (illustrative columns marked with *)."""
    money = "{:,.2f}".format
    title = f"Erasmus+ KA1 VET budget, call-{budget.call_year} rates ({budget.currency})"
    note = budget.illustrative_note()
    table = Table(title=title, caption=f"* {note}" if note else None, show_footer=True,
                  caption_justify="left")
    totals = budget.totals
    table.add_column("Participant", footer="Total")
    table.add_column("Role")
    table.add_column("Activity")
    table.add_column("Distance\nkm", justify="right")
    table.add_column("Funded\ndays", justify="right")
    for category in CATEGORIES:
        star = " *" if _flagged(budget, category) else ""
        table.add_column(HEADINGS[category] + star, justify="right",
                         footer=money(totals[category]))
    table.add_column("Total", justify="right", footer=money(totals["total"]))
    for row in budget.lines.itertuples(index=False):
        table.add_row(str(row.participant_id), row.role, row.activity, f"{row.distance_km:,.1f}",
                      str(row.funded_days), *(money(getattr(row, c)) for c in CATEGORIES),
                      money(row.total))
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(table)
    return console.file.getvalue()


def render(budget: Budget, fmt: str) -> str:
    """The budget in one of the command's formats."""
    if fmt == "json":
        return json.dumps(budget.to_json_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return budget.lines.to_csv(index=False, float_format="%.2f", lineterminator="\n")
    return render_table(budget)


@click.command("budget")
@click.argument("mobilities", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rates", "rates_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Your national agency's rate table (YAML, same schema as the shipped ones).")
@click.option("--year", type=int, help="A shipped call year (default 2021, the verified one).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the budget to this file instead of the terminal.")
@click.option("--action", type=click.Choice(["KA122", "KA121"]), default="KA122",
              show_default=True, help="KA122 projects warn above 30 participants.")
def budget(mobilities: Path, rates_file: Path | None, year: int | None, fmt: str,
           output: Path | None, action: str) -> None:
    """Compute the Erasmus+ KA1 VET budget of the mobilities in MOBILITIES (CSV or .xlsx).

    Columns: participant_id, role (learner, staff, accompanying), origin_city,
    origin_country, destination_city, destination_country (ISO codes), distance_km
    (one way; may be empty when the cities are given), start, end (2027-03-01 or
    01/03/2027), travel_days (empty: 2), green_travel, fewer_opportunities (yes/no or
    oui/non) and
    optionally activity (without it: a learner for 90 days or more is on
    ErasmusPro, otherwise short term; staff on job shadowing). A CSV saved by Excel in
    France (semicolons, decimal commas, Windows-1252) is read as it is.
    """
    rates = _rates(rates_file, year)
    try:
        result = estimate(read_mobilities(mobilities, rates), rates, action=action)
    except MobilityFileError as err:
        click.echo(f"mobility-course: error: {err.path}: {len(err.problems)} problem(s), "
                   "nothing computed", err=True)
        for where, reason in err.problems:
            click.echo(f"  {where}: {reason}", err=True)
        raise SystemExit(2) from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    text = render(result, fmt)
    note = result.illustrative_note()
    if note and fmt != "table":
        click.echo(f"note: {note}", err=True)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        _fail(f"cannot write {output}: {err.strerror}")
    click.echo(f"budget written to {output}", err=True)


if __name__ == "__main__":  # pragma: no cover - ``python -m course_lib.cli_budget``
    sys.exit(budget())
