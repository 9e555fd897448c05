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
from ..erasmus.activities import ACTIVITIES, ROLES
from ..erasmus.budget.mobility_file import COLUMNS
from ..erasmus.rates import RateTable, available_years
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
        except RatesError:
            raise
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


# -- the dashboard -------------------------------------------------------------------------
FIELDS = (  # (field, header, grid width)
    ("id", "Id", "84px"), ("count", "How many", "62px"), ("role", "Role", "116px"),
    ("origin_city", "From city", "104px"), ("origin_country", "Country", "56px"),
    ("destination_city", "To city", "104px"), ("destination_country", "Country", "56px"),
    ("start", "First day", "128px"), ("end", "Last day", "128px"),
    ("travel_days", "Travel days", "58px"), ("green_travel", "Green", "44px"),
    ("fewer", "Fewer opp.", "58px"), ("distance_km", "Km (opt.)", "70px"),
    ("activity", "Activity", "108px"), ("remove", "", "34px"),
)
HELP = {
    "id": "participant id; several participants get -01, -02...",
    "count": "participants in this row",
    "origin_country": "ISO code, e.g. FR",
    "destination_country": "ISO code, e.g. ES",
    "travel_days": "requested travel days (2 funded, up to 6 with green travel)",
    "green_travel": "green travel (train, bus, car-sharing)",
    "fewer": "how many of them have fewer opportunities",
    "distance_km": "one-way distance; empty: computed from the cities",
    "activity": "automatic: ErasmusPro from 90 days, else short term; staff: job shadowing",
}


class _Row:
    """The widgets of one project row."""

    def __init__(self, group: Group, on_change, on_remove) -> None:
        import ipywidgets as w

        full = w.Layout(width="100%")

        def text(value: str, name: str):
            return w.Text(value=value, continuous_update=False, layout=full, tooltip=HELP.get(
                name, dict((f, h) for f, h, _ in FIELDS)[name]))

        activities = [("automatic", "")] + [(k, k) for k in ACTIVITIES]
        self.widgets = {
            "id": text(group.id, "id"),
            "count": w.IntText(value=group.count, layout=full, tooltip=HELP["count"]),
            "role": w.Dropdown(options=list(ROLES), value=group.role, layout=full),
            "origin_city": text(group.origin_city, "origin_city"),
            "origin_country": text(group.origin_country, "origin_country"),
            "destination_city": text(group.destination_city, "destination_city"),
            "destination_country": text(group.destination_country, "destination_country"),
            "start": w.DatePicker(value=group.start, layout=full),
            "end": w.DatePicker(value=group.end, layout=full),
            "travel_days": w.IntText(value=2 if group.travel_days is None else group.travel_days,
                                     layout=full, tooltip=HELP["travel_days"]),
            "green_travel": w.Checkbox(value=group.green_travel, indent=False, layout=full,
                                       tooltip=HELP["green_travel"]),
            "fewer": w.IntText(value=group.fewer, layout=full, tooltip=HELP["fewer"]),
            "distance_km": text("" if group.distance_km is None else f"{group.distance_km:g}",
                                "distance_km"),
            "activity": w.Dropdown(options=activities, value=group.activity or "", layout=full),
            "remove": w.Button(description="✕", tooltip="remove this row", layout=full),
        }
        for name, widget in self.widgets.items():
            widget.add_class(f"mc-col-{name}")
            if name != "remove":
                widget.observe(on_change, names="value")
        self.widgets["remove"].on_click(lambda _: on_remove(self))
        self.message = w.HTML()
        self.message.add_class("mc-msg")

    def set_index(self, index: int) -> None:
        for widget in self.widgets.values():
            for klass in [c for c in widget._dom_classes if c.startswith("mc-row-")]:
                widget.remove_class(klass)
            widget.add_class(f"mc-row-{index}")
        self.message.add_class("mc-row-msg")

    def read(self) -> tuple[Group, list[str]]:
        """The row as a Group, and the problems found in reading it."""
        v = {k: w.value for k, w in self.widgets.items() if k != "remove"}
        problems = []
        distance = None
        text = str(v["distance_km"]).strip().replace(",", ".")
        if text:
            try:
                distance = float(text)
                if distance != distance or distance in (float("inf"), float("-inf")):
                    raise ValueError(text)
            except ValueError:
                problems.append(f"distance_km: {v['distance_km']!r} is not a number "
                                "(leave it empty to compute it from the cities)")
                distance = None
        group = Group(
            id=str(v["id"]), count=int(v["count"] or 0), role=v["role"],
            origin_city=v["origin_city"], origin_country=v["origin_country"].upper(),
            destination_city=v["destination_city"],
            destination_country=v["destination_country"].upper(), start=v["start"],
            end=v["end"], travel_days=int(v["travel_days"]), green_travel=bool(v["green_travel"]),
            fewer=int(v["fewer"] or 0), distance_km=distance, activity=v["activity"] or None)
        return group, problems

    def show(self, problems: list[str]) -> None:
        self.message.value = ui.messages("problem", problems) if problems else ""
        values = {k: str(w.value) for k, w in self.widgets.items() if k != "remove"}
        for name, widget in self.widgets.items():
            bad = any(_mentions(p, name, values) for p in problems)
            (widget.add_class if bad else widget.remove_class)("mc-bad")


KEYWORDS = {
    "id": ("participant_id",), "count": ("count",), "role": ("role",),
    "origin_country": ("origin_country",), "destination_country": ("destination_country",),
    "start": ("start",), "end": ("end ", "end:"), "travel_days": ("travel_days",),
    "fewer": ("fewer_opportunities", "fewer opportunities"), "distance_km": ("distance_km",),
    "activity": ("activity",),
}


def _mentions(problem: str, field: str, values: dict[str, str]) -> bool:
    """Whether a problem is about this field (to mark the field beside its message)."""
    if field in ("origin_city", "destination_city"):
        city = values.get(field, "").strip()
        return bool(city) and f"city {city!r}" in problem
    return any(k in problem.lower() for k in KEYWORDS.get(field, ()))


class BudgetSimulator:
    """The widgets of the budget simulator; ``display(BudgetSimulator().widget)``."""

    def __init__(self, groups: Sequence[Group] | None = None) -> None:
        import ipywidgets as w

        self.uploaded_rates: RateTable | None = None
        self.budget: Budget | None = None
        self.budget_groups: list[Group] = []
        years = available_years()
        self.rates_choice = w.Dropdown(
            options=[(rate_table_label(y), str(y)) for y in years],
            value="2021" if 2021 in years else str(years[0]), layout=w.Layout(width="300px"))
        self.rates_choice.add_class("mc-rates-choice")
        self.rates_upload = w.FileUpload(icon="", accept=".yaml,.yml", multiple=False,
                                         description="Upload a rate table",
                                         layout=w.Layout(width="auto"))
        self.rates_upload.add_class("mc-rates-upload")
        self.rates_msg = w.HTML(layout=w.Layout(width="560px"))
        self.rates_msg.add_class("mc-rates-msg")
        self.action = w.Dropdown(options=[("KA122 short-term project", "KA122"),
                                          ("KA121 accredited project", "KA121")],
                                 value="KA122", layout=w.Layout(width="230px"))
        self.csv_upload = w.FileUpload(icon="", accept=".csv", multiple=False,
                                       description="Upload a project (CSV)",
                                       layout=w.Layout(width="auto"))
        self.csv_upload.add_class("mc-csv-upload")
        self.csv_msg = w.HTML(layout=w.Layout(width="760px"))
        self.csv_msg.add_class("mc-csv-msg")
        self.add_button = w.Button(description="+ Add a row",
                                   layout=w.Layout(width="auto"))
        self.reset_button = w.Button(description="↺ Back to the example",
                                     layout=w.Layout(width="auto"))
        self.grid = w.GridBox(layout=w.Layout(
            grid_template_columns=" ".join(width for _, _, width in FIELDS),
            grid_gap="2px 4px", width="100%"))
        self.grid.add_class("mc-grid")
        self.status = w.HTML()
        self.status.add_class("mc-status")
        self.summary = w.HTML()
        self.summary.add_class("mc-summary")
        self.details = w.HTML()
        self.details.add_class("mc-details")
        self.chart = w.HTML()
        self.downloads = w.HTML()
        self.downloads.add_class("mc-downloads")
        self.rows: list[_Row] = []
        self._quiet = False

        self.rates_choice.observe(self._guard(self.refresh), names="value")
        self.action.observe(self._guard(self.refresh), names="value")
        self.rates_upload.observe(self._guard(self._rates_uploaded), names="value")
        self.csv_upload.observe(self._guard(self._csv_uploaded), names="value")
        self.add_button.on_click(self._guard(lambda _: self._add_row()))
        self.reset_button.on_click(self._guard(lambda _: self.set_project(example_project())))

        head = ui.heading(
            "Budget simulator",
            "Build a KA1 VET mobility project, row by row, or upload a file in the format of "
            "<code>mobility-course budget</code>. The grant is computed by the course's budget "
            "engine with the call's unit costs; nothing you enter is stored on the server.")
        end = w.HTML('<span class="mc-end"></span>')
        self.widget = w.VBox([
            ui.style(), w.HTML(head),
            w.HBox([ui.labelled("Rate table", self.rates_choice),
                    ui.labelled("Your national agency's table (YAML)", w.VBox(
                        [self.rates_upload, self.rates_msg],
                        layout=w.Layout(align_items="flex-start"))),
                    ui.labelled("Action", self.action)],
                   layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<h3>Participants</h3>"),
            ui.labelled("Or load a whole project", w.HBox([self.csv_upload, self.csv_msg],
                                                          layout=w.Layout()),
                        help_text="CSV columns: " + ", ".join(COLUMNS)),
            w.Box([self.grid], layout=w.Layout(overflow="auto hidden", width="100%")),
            w.HBox([self.add_button, self.reset_button], layout=w.Layout()),
            self.status, w.HTML("<h3>Grant</h3>"), self.summary, self.chart, self.details,
            w.HTML("<h3>Download</h3>"), self.downloads, end,
        ])
        self.widget.add_class("mc-app")
        self.widget.add_class("mc-budget")
        self.set_project(list(groups) if groups is not None else example_project())

    # -- state ---------------------------------------------------------------------------
    @property
    def rates(self) -> RateTable:
        if self.rates_choice.value == "upload" and self.uploaded_rates is not None:
            return self.uploaded_rates
        return load_rates(int(self.rates_choice.value))

    def _guard(self, function):
        """Callbacks never show a traceback: an unexpected error becomes a message."""

        def wrapped(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as err:  # noqa: BLE001 - the visitor reads a message instead
                self.status.value = ui.message(
                    "problem", f"Something went wrong ({type(err).__name__}: {err}); the "
                    "figures below are the last valid result.")

        return wrapped

    def set_project(self, groups: Sequence[Group]) -> None:
        self._quiet = True
        try:
            self.rows = [_Row(g, self._guard(self._changed), self._guard(self._remove))
                         for g in groups]
        finally:
            self._quiet = False
        self._layout_rows()
        self.refresh()

    def _layout_rows(self) -> None:
        import ipywidgets as w

        heads = []
        for name, header, _ in FIELDS:
            cell = w.HTML(ui.esc(header), tooltip=HELP.get(name, header))
            cell.add_class("mc-grid-head")
            heads.append(cell)
        children = heads
        for index, row in enumerate(self.rows):
            row.set_index(index)
            children = children + list(row.widgets.values()) + [row.message]
        self.grid.children = children

    def _add_row(self) -> None:
        last = self.rows[-1].read()[0] if self.rows else example_project()[0]
        taken = {pid for r in self.rows for pid in r.read()[0].ids()}
        number = len(self.rows) + 1
        while f"P{number}" in taken:
            number += 1
        self.rows.append(_Row(replace(last, id=f"P{number}", count=1, fewer=0),
                              self._guard(self._changed), self._guard(self._remove)))
        self._layout_rows()
        self.refresh()

    def _remove(self, row: _Row) -> None:
        self.rows.remove(row)
        self._layout_rows()
        self.refresh()

    def _changed(self, _change=None) -> None:
        if not self._quiet:
            self.refresh()

    def read_groups(self) -> tuple[list[Group], dict[int | None, list[str]]]:
        groups, problems = [], {}
        for i, row in enumerate(self.rows):
            group, found = row.read()
            groups.append(group)
            if found:
                problems[i] = found
        return groups, problems

    # -- uploads -------------------------------------------------------------------------
    def _rates_uploaded(self, _change=None) -> None:
        got = ui.uploaded(self.rates_upload.value)
        if got is None:
            return
        name, data = got
        try:
            table = load_rate_table(data, name)
        except RatesError as err:
            self.rates_msg.value = ui.message(
                "problem", f"{name} is not a usable rate table: {err}. The table in use is "
                "unchanged.")
            return
        self.uploaded_rates = table
        label = f"{name} (call {table.call_year}, uploaded)"
        options = [o for o in self.rates_choice.options if o[1] != "upload"]
        self.rates_choice.options = [*options, (label, "upload")]
        self.rates_msg.value = ui.message("ok", f"Using {name}: call {table.call_year}, "
                                                f"{table.currency}.")
        if self.rates_choice.value == "upload":
            self.refresh()
        else:
            self.rates_choice.value = "upload"

    def _csv_uploaded(self, _change=None) -> None:
        got = ui.uploaded(self.csv_upload.value)
        if got is None:
            return
        name, data = got
        try:
            groups = load_csv(data, self.rates, name)
        except MobilityFileError as err:
            lines = [f"{where}: {reason}" for where, reason in err.problems]
            self.csv_msg.value = ui.message(
                "problem", f"{name} was not loaded ({len(lines)} problem(s)); the project "
                "below is unchanged.") + ui.messages("problem", lines, limit=5)
            return
        self.csv_msg.value = ui.message("ok", f"Loaded {name}: {len(groups)} participant(s).")
        self.set_project(groups)

    # -- computing -----------------------------------------------------------------------
    def refresh(self, _change=None) -> None:
        groups, problems = self.read_groups()
        rates = self.rates
        budget = None
        if not problems:
            try:
                budget = compute(groups, rates, self.action.value)
            except ProjectError as err:
                problems = err.problems
        for i, row in enumerate(self.rows):
            row.show(problems.get(i, []))
        if budget is None:
            general = problems.get(None, [])
            where = sorted(k + 1 for k in problems if k is not None)
            text = ("Fix " + ("row " if len(where) == 1 else "rows ")
                    + ", ".join(map(str, where)) + " (see the message under it)" if where
                    else "Fix the project")
            self.status.value = ui.message(
                "problem", text + ": the grant below is still the last valid result.") + \
                ui.messages("problem", general)
            return
        self.status.value = ""
        self.budget, self.budget_groups = budget, groups
        self._show(budget, groups)

    def _show(self, budget: Budget, groups: list[Group]) -> None:
        totals = budget.totals
        cur = budget.currency
        cards = "".join(
            f'<div class="mc-card mc-cat-{c}"><div class="mc-card-label">{CATEGORY_LABELS[c]}'
            f'</div><div class="mc-card-value">{ui.money(totals[c], cur)}</div></div>'
            for c in CATEGORIES)
        cards += ('<div class="mc-card mc-card-total"><div class="mc-card-label">Total grant'
                  f'</div><div class="mc-card-value mc-total" data-total="{totals["total"]:.2f}">'
                  f'{ui.money(totals["total"], cur)}</div></div>')
        source = (f'<p class="mc-note">{len(budget.lines)} participant(s), call-'
                  f"{budget.call_year} unit costs ({ui.esc(cur)}). Rates: "
                  f"{ui.esc(budget.rates.source)}</p>")
        notes = list(budget.warnings)
        if budget.illustrative_note():
            notes.append(budget.illustrative_note().replace(
                "with --rates", "with the upload above"))
        warnings = ('<ul class="mc-warnings">' + "".join(f"<li>{ui.esc(n)}</li>" for n in notes)
                    + "</ul>") if notes else ""
        summary = f'<div class="mc-cards">{cards}</div>{source}{warnings}'
        lines = budget.lines.copy()
        money_cols = [*CATEGORIES, "total"]
        fmt = {c: (lambda v: f"{v:,.2f}") for c in money_cols}
        fmt["distance_km"] = lambda v: f"{v:,.1f}"
        total_row = {"participant_id": "Total", **{c: totals[c] for c in money_cols}}
        self.details.value = '<div class="mc-scroll">' + ui.table_html(
            lines, numeric=["distance_km", "funded_days", *money_cols], formats=fmt,
            total=total_row, headers={"participant_id": "participant", "total": "Total", **{
                c: CATEGORY_LABELS.get(c, c) for c in money_cols},
                "distance_km": "km (one way)", "funded_days": "funded days"}) + "</div>"
        self.chart.value = ui.chart_html(budget_chart(budget), "grant by category and "
                                         "by participant")
        self.downloads.value = " ".join([
            ui.download_link(project_csv(groups), "project.csv", ui.CSV_MIME, "Project (CSV)"),
            ui.download_link(budget_csv(budget), "budget.csv", ui.CSV_MIME, "Budget (CSV)"),
            ui.download_link(budget_xlsx(budget, groups), "budget.xlsx", ui.XLSX_MIME,
                             "Budget and project (XLSX)"),
        ]) + ('<p class="mc-note">The project file opens with <code>mobility-course budget '
              'project.csv</code>, which gives the same figures.</p>')
        self.summary.value = summary  # last: once the total shows, the rest is there


def simulator() -> BudgetSimulator:
    """Show the budget simulator (the notebook's one call)."""
    from IPython.display import display

    app = BudgetSimulator()
    display(app.widget)
    return app
