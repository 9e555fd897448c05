"""Dashboard 4, the cohort dashboard for trainers: learners x modules from an nbgrader
gradebook, the score distribution per module, the questions most often failed, exports.

Where the data come from:

* the gradebook given at start-up: ``mobility-course serve --gradebook PATH`` puts the path
  in the environment variable ``MOBILITY_COURSE_GRADEBOOK``, which every kernel of the app
  inherits. It is read with nbgrader's own API (:class:`nbgrader.api.Gradebook`) through a
  read-only SQLite connection: the dashboard never writes to a trainer's gradebook;
* otherwise an embedded demo cohort: a **synthetic**, gradebook-shaped table (12 simulated
  learners, seeded) built from the course's own data (each gradable module's points, pass
  mark, graded questions and written task), so that the page opens at once. It is not
  produced by nbgrader; ``mobility-course demo-cohort`` then ``grade`` make a real one.
"""

from __future__ import annotations

import pandas as pd

from ..catalogue import all_modules, module
from . import ui
from .cohort_data import (  # noqa: F401 - re-exported
    ENV,
    ITEM_COLUMNS,
    SCORE_COLUMNS,
    STATUS_LABELS,
    Cohort,
    GradebookError,
    _code,
    cohort_xlsx,
    demo_cohort,
    demo_items,
    distribution_chart,
    failed_questions,
    load_cohort,
    long_table,
    matrix,
    question_text,
    read_gradebook,
    scores_csv,
    status,
)


# -- the dashboard ---------------------------------------------------------------------------
class CohortDashboard:
    """The widgets of the cohort dashboard; ``display(CohortDashboard().widget)``."""

    def __init__(self, cohort: Cohort | None = None) -> None:
        import ipywidgets as w

        self.cohort = cohort or load_cohort()
        self.module_choice = w.Dropdown(
            options=[("All modules", "")] + [(f"{_code(m)} {module(m).title}"
                                              if m in {x.id for x in all_modules()} else m, m)
                                             for m in self.cohort.modules()],
            value="", layout=w.Layout(width="440px"))
        self.module_choice.add_class("mc-module-choice")
        self.find = w.Text(placeholder="part of a learner's id", continuous_update=False,
                           layout=w.Layout(width="240px"))
        self.find.add_class("mc-find")
        self.find_msg = w.HTML(layout=w.Layout(width="520px"))
        self.find_msg.add_class("mc-find-msg")
        self.grid = w.HTML()
        self.grid.add_class("mc-matrix")
        self.chart = w.HTML()
        self.failed = w.HTML()
        self.failed.add_class("mc-failed")
        self.downloads = w.HTML()
        self.downloads.add_class("mc-downloads")
        self.status = w.HTML()
        self._shown_learners: list[str] = self.cohort.learners()
        self.module_choice.observe(self._guard(self.refresh), names="value")
        self.find.observe(self._guard(self.refresh), names="value")
        source = (f"<b>Demo cohort</b>: {len(self.cohort.learners())} simulated learners "
                  "(synthetic scores shaped like an nbgrader gradebook). Start the app with "
                  "<code>mobility-course serve --gradebook gradebook.db</code> to see your "
                  "own cohort." if self.cohort.synthetic else
                  f"<b>Gradebook</b> {ui.esc(self.cohort.source)}: "
                  f"{len(self.cohort.learners())} learners, {len(self.cohort.scores)} graded "
                  "submissions.")
        head = ui.heading("Cohort dashboard (trainers)",
                          "Learners x modules with scores and validation status, the score "
                          "distribution per module and the questions most often failed.")
        notes = "".join(ui.message("problem", n) for n in self.cohort.notes)
        self.widget = w.VBox([
            ui.style(), w.HTML(head + f"<p class='mc-lead mc-source'>{source}</p>" + notes),
            w.HBox([ui.labelled("Module", self.module_choice),
                    ui.labelled("Find learners", w.HBox([self.find, self.find_msg],
                                                        layout=w.Layout()))],
                   layout=w.Layout(flex_flow="row wrap")),
            self.status, w.HTML("<h3>Learners x modules</h3>"), self.grid,
            w.HTML("<h3>Score distribution</h3>"), self.chart,
            w.HTML("<h3>Questions most often failed</h3>"), self.failed,
            w.HTML("<h3>Download</h3>"), self.downloads, w.HTML('<span class="mc-end"></span>'),
        ])
        self.widget.add_class("mc-app")
        self.widget.add_class("mc-cohort")
        self.chart.value = ui.chart_html(distribution_chart(self.cohort), "score distribution")
        self.downloads.value = " ".join([
            ui.download_link(scores_csv(self.cohort), "cohort-scores.csv", ui.CSV_MIME,
                             "Scores (CSV)"),
            ui.download_link(cohort_xlsx(self.cohort), "cohort.xlsx", ui.XLSX_MIME,
                             "Cohort (XLSX)")])
        self.refresh()

    def _guard(self, function):
        """Callbacks never show a traceback: an unexpected error becomes a message."""
        return ui.guarded(self, function)

    def refresh(self, _change=None) -> None:
        wanted = self.find.value.strip().casefold()
        learners = [x for x in self.cohort.learners() if wanted in x.casefold()]
        if not learners:
            self.find_msg.value = ui.message(
                "problem", f"No learner's id contains {self.find.value.strip()!r}; the table "
                "still shows the previous selection.")
            learners = self._shown_learners
        else:
            self.find_msg.value = ""
            self._shown_learners = learners
        table = matrix(self.cohort)
        table = table[table["learner"].isin(learners)]
        long = long_table(self.cohort)
        state = {(r.learner, r.module): r.status for r in long.itertuples(index=False)}
        mid = self.module_choice.value
        columns = ["learner", *([mid] if mid else self.cohort.modules()), "validated"]
        self.grid.value = '<div class="mc-scroll">' + self._matrix_html(
            table[columns], state) + "</div>" + self._legend()
        failed = failed_questions(self.cohort, mid or None)
        if failed.empty:
            self.failed.value = ui.message("info", "No graded item failed in this selection.")
        else:
            shown = failed.assign(module=[_code(m) for m in failed["module"]],
                                  failed=[f"{f} of {g}" for f, g in zip(
                                      failed["failed"], failed["graded"], strict=True)],
                                  failed_percent=[f"{p:.0f} %" for p in failed["failed_percent"]])
            self.failed.value = ui.table_html(
                shown[["module", "item", "question", "failed", "failed_percent"]],
                numeric=["failed", "failed_percent"],
                headers={"failed": "failed by", "failed_percent": "share"})

    def _matrix_html(self, table: pd.DataFrame, state: dict) -> str:
        colours = {"validated": "#e8f5e9", "not validated": "#fdecea",
                   "awaiting manual grading": "#fff3e0"}
        names = {"learner": "learner", "validated": "modules validated (all)"}
        head = "".join(f"<th{' class=num' if c != 'learner' else ''}>"
                       f"{ui.esc(names.get(c) or _code(c))}</th>" for c in table.columns)
        rows = []
        for record in table.itertuples(index=False):
            cells = []
            for col, value in zip(table.columns, record, strict=True):
                if col in ("learner", "validated"):
                    klass = "" if col == "learner" else " class='num'"
                    cells.append(f"<td{klass}>{ui.esc(value)}</td>")
                    continue
                label = state.get((record.learner, col))
                style = f" style='background:{colours[label]}'" if label else ""
                title = f" title='{ui.esc(label)}'" if label else " title='not submitted'"
                mark = {"validated": " ✔", "not validated": " ✘",
                        "awaiting manual grading": " …"}.get(label, "—")
                cells.append(f"<td class='num'{style}{title}>{ui.esc(value)}{mark}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (f"<table class='mc-table mc-matrix-table'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")

    @staticmethod
    def _legend() -> str:
        return ("<p class='mc-note'>✔ validated (pass mark reached) · ✘ not validated · … "
                "awaiting manual grading (written task) · — not submitted</p>")


def cohort_dashboard() -> CohortDashboard:
    """Show the cohort dashboard (the notebook's one call)."""
    from IPython.display import display

    app = CohortDashboard()
    display(app.widget)
    return app
