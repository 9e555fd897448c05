"""Dashboard 1, the budget simulator: a project's Erasmus+ grant, as the engine computes it.

A project is a list of participant groups (``Group``: how many, which role, from where to
where, when, how they travel, how many with fewer opportunities). The simulator turns them
into a mobilities file in the ``mobility-course budget`` format and reads it back with the
engine's own reader (:func:`course_lib.erasmus.read_mobilities`), then calls
:func:`course_lib.erasmus.estimate`. So the figures shown are, by construction, those of
``mobility-course budget`` on the project file the visitor downloads.

The pure functions (``project_csv``, ``build``, ``compute``, ``load_csv``, ``load_rate_table``,
the exports) carry the logic and are unit-tested; :class:`BudgetSimulator` is the widgets.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from ..erasmus import CATEGORIES, Budget, MobilityFileError, RatesError, estimate, load_rates
from ..erasmus.budget.mobility_file import COLUMNS
from ..erasmus.rates import RateTable
from . import ui

CATEGORY_LABELS = {
    "travel": "Travel",
    "individual_support": "Individual support",
    "organisational_support": "Organisational support",
    "inclusion_support": "Inclusion support",
}
MAX_PARTICIPANTS = 500


class ProjectError(ValueError):
    """A project that cannot be budgeted: ``problems`` maps a row (0-based) to its reasons;
    row ``None`` holds problems of the whole project."""

    def __init__(self, problems: dict[int | None, list[str]]):
        self.problems = problems
        flat = [f"row {'-' if k is None else k + 1}: {r}" for k, v in problems.items() for r in v]
        super().__init__("; ".join(flat))


@dataclass(frozen=True)
class Group:
    """One row of the project: ``count`` participants who travel together.

    Ids: ``id`` itself for one participant, else ``id-01``, ``id-02``...; the first
    ``fewer`` of them have fewer opportunities. ``distance_km`` None: from the cities.
    """

    id: str
    count: int = 1
    role: str = "learner"
    origin_city: str = ""
    origin_country: str = ""
    destination_city: str = ""
    destination_country: str = ""
    start: date | None = None
    end: date | None = None
    travel_days: int | None = None
    green_travel: bool = False
    fewer: int = 0
    distance_km: float | None = None
    activity: str | None = None

    def ids(self) -> list[str]:
        if self.count == 1:
            return [self.id.strip()]
        return [f"{self.id.strip()}-{i:02d}" for i in range(1, self.count + 1)]


def example_project() -> list[Group]:
    """The C1.1 case: four bakery apprentices and their trainer, Bordeaux to Valencia by train."""
    common = dict(origin_city="Bordeaux", origin_country="FR", destination_city="Valencia",
                  destination_country="ES", start=date(2027, 2, 1), end=date(2027, 2, 28),
                  travel_days=4, green_travel=True)
    return [Group("BAK", 4, "learner", fewer=1, **common),
            Group("TRN-01", 1, "accompanying", **common)]


# -- project <-> mobilities file -------------------------------------------------------------
def _structure_problems(groups: Sequence[Group]) -> dict[int | None, list[str]]:
    found: dict[int | None, list[str]] = {}
    seen: dict[str, int] = {}
    total = 0
    for i, g in enumerate(groups):
        reasons = []
        if not g.id.strip():
            reasons.append("participant_id is empty: give the row an id (e.g. L1)")
        if g.count < 1:
            reasons.append(f"count must be at least 1, got {g.count}")
        if not 0 <= g.fewer <= max(g.count, 0):
            reasons.append(f"fewer_opportunities: between 0 and {g.count} participants, "
                           f"got {g.fewer}")
        if g.start is None:
            reasons.append("start: choose a date")
        if g.end is None:
            reasons.append("end: choose a date")
        if g.count >= 1 and g.id.strip():
            for pid in g.ids():
                if pid in seen and seen[pid] != i:
                    reasons.append(f"duplicate participant_id {pid!r} (also row {seen[pid] + 1})")
                    break
                seen.setdefault(pid, i)
        total += max(g.count, 0)
        if reasons:
            found[i] = reasons
    if not groups:
        found[None] = ["the project has no participant: add a row"]
    elif total > MAX_PARTICIPANTS:
        found[None] = [f"{total} participants: the simulator takes up to {MAX_PARTICIPANTS} "
                       "(use `mobility-course budget` for larger files)"]
    return found


def _cells(g: Group, pid: str, fewer: bool) -> list[str]:
    return [
        pid, g.role, g.origin_city.strip(), g.origin_country.strip(), g.destination_city.strip(),
        g.destination_country.strip(), "" if g.distance_km is None else f"{g.distance_km:g}",
        g.start.isoformat() if g.start else "", g.end.isoformat() if g.end else "",
        "" if g.travel_days is None else str(g.travel_days), "yes" if g.green_travel else "no",
        "yes" if fewer else "no", g.activity or "",
    ]


def project_rows(groups: Sequence[Group]) -> list[tuple[int, list[str]]]:
    """(row index, CSV cells) for every participant, in order."""
    out = []
    for i, g in enumerate(groups):
        for k, pid in enumerate(g.ids() if g.count >= 1 else []):
            out.append((i, _cells(g, pid, k < g.fewer)))
    return out


def project_csv(groups: Sequence[Group]) -> str:
    """The project as a mobilities file of the ``mobility-course budget`` command."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for _, cells in project_rows(groups):
        writer.writerow(cells)
    return buffer.getvalue()


def parse_mobilities(text: str, rates: RateTable, name: str = "project.csv"):
    """The engine's reader on a CSV text (raises MobilityFileError naming each bad line)."""
    from ..erasmus import read_mobilities

    with ui.private_file(text, ".csv") as path:
        try:
            return read_mobilities(path, rates)
        except MobilityFileError as err:
            err.path = name
            raise


_LINE = re.compile(r"line (\d+)")


def build(groups: Sequence[Group], rates: RateTable):
    """The project's mobilities, read back as ``mobility-course budget`` reads its file.

    Raises :class:`ProjectError` with each problem under its row.
    """
    problems = _structure_problems(groups)
    if problems:
        raise ProjectError(problems)
    rows = project_rows(groups)
    try:
        return parse_mobilities(project_csv(groups), rates)
    except MobilityFileError as err:
        found: dict[int | None, list[str]] = {}
        for where, reason in err.problems:
            match = _LINE.fullmatch(where)
            index = rows[int(match.group(1)) - 2][0] if match and 2 <= int(
                match.group(1)) < len(rows) + 2 else None
            reasons = found.setdefault(index, [])
            if reason not in reasons:
                reasons.append(reason)
        raise ProjectError(found) from None


def compute(groups: Sequence[Group], rates: RateTable, action: str = "KA122") -> Budget:
    """The budget of a project (raises :class:`ProjectError`)."""
    return estimate(build(groups, rates), rates, action=action)


def load_csv(data: bytes, rates: RateTable, name: str = "upload.csv") -> list[Group]:
    """A mobilities file (the ``budget`` command's format) as project rows, one per line.

    Raises MobilityFileError (each bad line named) when the file cannot be budgeted.
    """
    text = ui.decode_text(data)
    mobilities = parse_mobilities(text, rates, name)
    raw = {r.get("participant_id", ""): r for r in ui.read_csv_rows(text)}
    groups = []
    for m in mobilities:
        given = raw.get(m.participant_id, {}).get("distance_km", "") != ""
        groups.append(Group(
            id=m.participant_id, count=1, role=m.role, origin_city=m.origin_city or "",
            origin_country=m.origin_country or "", destination_city=m.destination_city or "",
            destination_country=m.destination_country, start=m.start, end=m.end,
            travel_days=m.travel_days, green_travel=m.green_travel,
            fewer=1 if m.fewer_opportunities else 0,
            distance_km=m.distance_km if given else None, activity=m.activity))
    if not groups:
        raise MobilityFileError(name, [("file", "no mobility in it")])
    return groups


def load_rate_table(data: bytes, name: str = "rates.yaml") -> RateTable:
    """A national agency's rate table (YAML, the shipped tables' schema); raises RatesError."""
    with ui.private_file(data, ".yaml") as path:
        try:
            table = load_rates(path=path)
        except RatesError as err:  # named after the visitor's file, not the temporary one
            raise RatesError(err.key, err.problem, name) from None
        except Exception as err:  # a file that is not YAML text at all
            raise RatesError("", f"cannot read it as a YAML rate table ({err})", name) from None
    return replace(table, path=None)


def rate_table_label(year: int) -> str:
    """``Call 2021 (verified)``, or a warning when the table's VET amounts are not verified."""
    table = load_rates(year)
    amounts = ("travel", "individual_support", "organisational_support")
    state = ("illustrative VET amounts" if any(table.is_illustrative(s) for s in amounts)
             else "verified")
    return f"Call {year} ({state})"


# -- exports -------------------------------------------------------------------------------
def budget_csv(budget: Budget) -> str:
    """Exactly ``mobility-course budget --format csv``."""
    return budget.lines.to_csv(index=False, float_format="%.2f", lineterminator="\n")


def totals_frame(budget: Budget) -> pd.DataFrame:
    totals = budget.totals
    rows = [(CATEGORY_LABELS[c], totals[c]) for c in CATEGORIES]
    rows.append(("Total", totals["total"]))
    return pd.DataFrame(rows, columns=["category", f"amount_{budget.currency.lower()}"])


def budget_xlsx(budget: Budget, groups: Sequence[Group]) -> bytes:
    """Totals, one line per participant and the project itself, with the rates' provenance."""
    source = f"Erasmus+ KA1 VET budget, call-{budget.call_year} rates ({budget.currency})"
    notes = [source, f"Rates: {budget.rates.source}"[:250]]
    if budget.illustrative_note():
        notes.append("Note: " + budget.illustrative_note())
    project = pd.read_csv(io.StringIO(project_csv(groups)), dtype=str, keep_default_na=False)
    return ui.xlsx_bytes({"Totals": totals_frame(budget), "Participants": budget.lines,
                          "Project": project},
                         {"Totals": notes, "Participants": notes[:1]})


def budget_chart(budget: Budget) -> bytes:
    """Grant by category, and by participant stacked by category (PNG)."""
    lines = budget.lines.head(40)
    fig = ui.new_figure(12.4, max(3.4, 1.3 + 0.3 * len(lines)))
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.5])
    colours = ["#2e6da4", "#5fa55a", "#f0a030", "#a05195"]
    totals = budget.totals
    labels = [CATEGORY_LABELS[c] for c in CATEGORIES]
    values = [totals[c] for c in CATEGORIES]
    bars = left.barh(labels, values, color=colours)
    left.invert_yaxis()
    left.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=3, fontsize=9)
    left.set_title(f"Grant by category ({budget.currency})", fontsize=11)
    left.set_xlim(0, max(values + [1]) * 1.25)
    left.spines[["top", "right"]].set_visible(False)
    ids = [str(p) for p in lines["participant_id"]]
    base = [0.0] * len(lines)
    for category, colour in zip(CATEGORIES, colours, strict=True):
        amounts = lines[category].tolist()
        right.barh(ids, amounts, left=base, color=colour, label=CATEGORY_LABELS[category])
        base = [b + a for b, a in zip(base, amounts, strict=True)]
    right.invert_yaxis()
    right.set_title("Grant by participant" + (" (first 40)" if len(budget.lines) > 40 else ""),
                    fontsize=11)
    right.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4,
                 frameon=False)
    right.spines[["top", "right"]].set_visible(False)
    right.tick_params(axis="y", labelsize=8)
    return ui.png(fig)
