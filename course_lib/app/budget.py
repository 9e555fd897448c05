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

from collections.abc import Sequence
from dataclasses import replace

from ..erasmus import CATEGORIES, Budget, MobilityFileError, RatesError, load_rates
from ..erasmus.budget.mobility_file import COLUMNS
from ..erasmus.rates import RateTable, available_years
from . import ui
from .budget_form import FIELDS, HELP, KEYWORDS, _mentions, _Row  # noqa: F401
from .budget_project import (  # noqa: F401 - the project API, re-exported
    _LINE,
    CATEGORY_LABELS,
    MAX_PARTICIPANTS,
    Group,
    ProjectError,
    _cells,
    _structure_problems,
    budget_chart,
    budget_csv,
    budget_xlsx,
    build,
    compute,
    example_project,
    load_csv,
    load_rate_table,
    parse_mobilities,
    project_csv,
    project_rows,
    rate_table_label,
    totals_frame,
)


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
        return ui.guarded(self, function, "; the figures below are the last valid result")

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
            total=total_row, headers={"participant_id": "participant", **{
                c: CATEGORY_LABELS.get(c, c) for c in money_cols}, "total": "Total",
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
