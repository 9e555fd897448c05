"""Dashboard 3, the skills self-assessment, and the skills-framework page.

The framework (``data/skills.yaml``): the coach's missions, the skills of each mission with
the level a working coach should reach (``level_expected``, 1-4) and the modules that train
them. The coach rates each skill; the dashboard draws the profile against the target and
ranks the modules to take first: a module scores the sum of the gaps (target - own level)
of the skills it trains. Nothing is stored on the server: the coach downloads the result
(CSV or XLSX) and can load the CSV again next time.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..catalogue import Module, all_modules, module, objectives_training
from ..catalogue.skills import Framework, framework
from . import ui
from .skills_data import (  # noqa: F401 - re-exported
    NOT_RATED,
    RatingsError,
    module_priorities,
    profile_chart,
    ratings_csv,
    ratings_xlsx,
    read_ratings,
    result_frame,
)


class SelfAssessment:
    """The widgets of the self-assessment; ``display(SelfAssessment().widget)``."""

    def __init__(self, ratings: Mapping[str, int] | None = None,
                 modules_folder: str | Path = "modules") -> None:
        import ipywidgets as w

        self.fw = framework()
        self.folder = Path(modules_folder)
        options = [("–", NOT_RATED)] + [(f"{lv.level} {lv.name}", lv.level)
                                        for lv in self.fw.levels]
        tips = ["not rated"] + [lv.description for lv in self.fw.levels]
        self.pickers: dict[str, object] = {}
        rows = []
        for mission in self.fw.missions:
            rows.append(w.HTML(f"<h3>{ui.esc(mission.name)}</h3><p class='mc-note'>"
                               f"{ui.esc(mission.description)}</p>"))
            for s in (x for x in self.fw.skills if x.mission == mission.id):
                picker = w.ToggleButtons(options=options, value=NOT_RATED, tooltips=tips,
                                         style={"button_width": "104px"})
                picker.add_class(f"mc-skill-{s.id}")
                picker.observe(self._guard(self.refresh), names="value")
                self.pickers[s.id] = picker
                label = w.HTML(f"<div style='line-height:1.35'>{ui.esc(s.name)} "
                               f"<span class='mc-note'>(target: level {s.level_expected})"
                               "</span></div>", layout=w.Layout(width="560px"))
                rows.append(w.HBox([label, picker], layout=w.Layout(
                    align_items="center", border_bottom="1px solid #eef1f4")))
        self.upload = w.FileUpload(icon="", accept=".csv", multiple=False,
                                   description="Load a previous self-assessment (CSV)",
                                   layout=w.Layout(width="auto"))
        self.upload.add_class("mc-ratings-upload")
        self.upload_msg = w.HTML(layout=w.Layout(width="640px"))
        self.upload_msg.add_class("mc-ratings-msg")
        self.upload.observe(self._guard(self._uploaded), names="value")
        self.status = w.HTML()
        self.summary = w.HTML()
        self.summary.add_class("mc-summary")
        self.chart = w.HTML()
        self.priorities = w.HTML()
        self.priorities.add_class("mc-priorities")
        self.downloads = w.HTML()
        self.downloads.add_class("mc-downloads")
        levels = "".join(f"<li><b>{lv.level} {ui.esc(lv.name)}</b> ({ui.esc(lv.french)}): "
                         f"{ui.esc(lv.description)}</li>" for lv in self.fw.levels)
        head = ui.heading(
            "Skills self-assessment",
            "Rate yourself on each skill of the mobility coach's framework; see your profile "
            "against the target and the modules to take first. Nothing you enter is stored "
            "on the server: download your result to keep it, and load it here next time.")
        self.widget = w.VBox([
            ui.style(), w.HTML(head + f"<ul class='mc-note'>{levels}</ul>"),
            ui.labelled("Continue an earlier self-assessment", w.HBox(
                [self.upload, self.upload_msg], layout=w.Layout())),
            *rows, self.status, w.HTML("<h3>Your profile</h3>"), self.summary, self.chart,
            w.HTML("<h3>Modules to take first</h3>"), self.priorities,
            w.HTML("<h3>Download</h3>"), self.downloads, w.HTML('<span class="mc-end"></span>'),
        ])
        self.widget.add_class("mc-app")
        self.widget.add_class("mc-skills")
        self._quiet = False
        if ratings:
            self.set_ratings(ratings)
        else:
            self.refresh()

    def _guard(self, function):
        """Callbacks never show a traceback: an unexpected error becomes a message."""
        return ui.guarded(self, function)

    @property
    def ratings(self) -> dict[str, int]:
        return {k: int(p.value) for k, p in self.pickers.items()}

    def set_ratings(self, ratings: Mapping[str, int]) -> None:
        self._quiet = True
        try:
            for key, picker in self.pickers.items():
                picker.value = int(ratings.get(key, NOT_RATED))
        finally:
            self._quiet = False
        self.refresh()

    def _uploaded(self, _change=None) -> None:
        got = ui.uploaded(self.upload.value)
        if got is None:
            return
        name, data = got
        try:
            ratings = read_ratings(data, self.fw)
        except RatingsError as err:
            lines = [f"{where}: {reason}" for where, reason in err.problems]
            self.upload_msg.value = ui.message(
                "problem", f"{name} was not loaded; your ratings are unchanged.") + \
                ui.messages("problem", lines, limit=4)
            return
        self.upload_msg.value = ui.message("ok", f"Loaded {name}: {len(ratings)} rating(s).")
        self.set_ratings(ratings)

    def refresh(self, _change=None) -> None:
        if self._quiet:
            return
        ratings = self.ratings
        self.downloads.value = " ".join([
            ui.download_link(ratings_csv(ratings, self.fw), "self-assessment.csv", ui.CSV_MIME,
                             "Self-assessment (CSV)"),
            ui.download_link(ratings_xlsx(ratings, self.fw), "self-assessment.xlsx",
                             ui.XLSX_MIME, "Self-assessment (XLSX)"),
        ])
        rated = [s for s in self.fw.skills if ratings.get(s.id)]
        reached = [s for s in rated if ratings[s.id] >= s.level_expected]
        self.chart.value = ui.chart_html(profile_chart(ratings, self.fw),
                                         "your profile against the target")
        ranked = module_priorities(ratings, self.fw)
        if ranked.empty:
            self.priorities.value = ui.message(
                "info", "Rate your skills above: the modules that train the skills furthest "
                "from the target will be listed here." if not rated else
                "Every rated skill is at or above the target.")
        else:
            items = []
            for row in ranked.head(4).itertuples(index=False):
                path = self.folder / row.module / f"{row.module}.ipynb"
                title = (f'<a href="{ui.esc(path.as_posix())}">{ui.esc(row.title)}</a>'
                         if path.is_file() else f"{ui.esc(row.title)} <span class='mc-note'>"
                                                "(in preparation)</span>")
                skills = ", ".join(self.fw.skill(s).id for s in row.skills.split())
                items.append(f"<li><b>{ui.esc(row.code)}</b> {title}: {row.gap_points} gap "
                             f"point(s), for {ui.esc(skills)}</li>")
            self.priorities.value = f"<ol class='mc-first'>{''.join(items)}</ol>"
        self.summary.value = (  # last: once it shows, the rest is there
            f"<p class='mc-progress'><b>{len(rated)}</b> of {len(self.fw.skills)} skills "
            f"rated; <b>{len(reached)}</b> at or above the target.</p>")


def self_assessment() -> SelfAssessment:
    """Show the self-assessment (the notebook's one call)."""
    from IPython.display import display

    app = SelfAssessment()
    display(app.widget)
    return app


# -- the framework page ----------------------------------------------------------------------
def coverage_frame(fw: Framework | None = None) -> pd.DataFrame:
    """Skills x modules: 1 where a module trains a skill."""
    fw = fw or framework()
    ids = [m.id for m in all_modules()]
    return pd.DataFrame([[1 if m in s.modules else 0 for m in ids] for s in fw.skills],
                        index=[s.id for s in fw.skills], columns=ids)


def coverage_chart(fw: Framework | None = None) -> bytes:
    """Which module trains which skill: a grid of dots, skills grouped by mission."""
    fw = fw or framework()
    frame = coverage_frame(fw)
    codes = [module(m).code for m in frame.columns]
    fig = ui.new_figure(11, 1.6 + 0.32 * len(frame))
    ax = fig.add_subplot()
    palette = ["#2e6da4", "#5fa55a", "#f0a030", "#a05195", "#c0392b", "#16a085"]
    colour = {m.id: palette[i % len(palette)] for i, m in enumerate(fw.missions)}
    for y, skill in enumerate(fw.skills):
        for x, mid in enumerate(frame.columns):
            if frame.loc[skill.id, mid]:
                ax.scatter(x, y, s=120, color=colour[skill.mission], zorder=3)
    ax.set_xticks(range(len(codes)), codes)
    ax.set_yticks(range(len(frame)), [f"{s.id} (level {s.level_expected})" for s in fw.skills])
    ax.set_xlim(-0.6, len(codes) - 0.4)
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.grid(color="#e6e9ed")
    ax.set_axisbelow(True)
    ax.xaxis.tick_top()
    ax.tick_params(axis="y", labelsize=9)
    for mission in fw.missions:
        ax.scatter([], [], s=80, color=colour[mission.id], label=mission.name)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9, title="Mission")
    ax.set_title("Which module trains which skill", fontsize=11, pad=24)
    return ui.png(fig)


def framework_html(fw: Framework | None = None, modules_folder: str | Path = "modules") -> str:
    """The framework as a page: levels, then each mission's skills as a table, then the chart."""
    fw = fw or framework()
    folder = Path(modules_folder)

    def module_link(mid: str) -> str:
        m = module(mid)
        path = folder / mid / m.notebook
        text = ui.esc(m.code)
        return (f'<a href="{ui.esc(path.as_posix())}" title="{ui.esc(m.title)}">{text}</a>'
                if path.is_file() else f'<span title="{ui.esc(m.title)}">{text}</span>')

    def objective_link(m: Module, number: int) -> str:
        goal = m.objectives[number - 1]
        return (f"{module_link(m.id)} <span class='mc-note' title='{ui.esc(goal)}'>"
                f"objective {number}</span>")

    parts = [ui.STYLE, '<div class="mc-app mc-framework">', ui.heading(
        fw.title, "The activities (missions) of a mobility coach in a CFA, the skills of each, "
        "the level a working coach should reach and the modules that train them. Rate "
        "yourself against it in the <a href='skills.ipynb'>skills self-assessment</a>.")]
    if fw.status == "draft":
        parts.append(ui.message("info", "Draft: the four missions and their order come from "
                                        "the Agence Erasmus+ guide as reported by Centre Inffo; "
                                        "the skills, levels and module links are the course's "
                                        "own synthesis."))
    parts.append("<h3>Levels</h3>" + ui.table_html(pd.DataFrame(
        [(lv.level, lv.name, lv.french, lv.description) for lv in fw.levels],
        columns=["level", "name", "French", "what it means"])))
    for mission in fw.missions:
        rank = (f" (mission {mission.rank_in_guide} of the Agence's guide)"
                if mission.rank_in_guide else " (the course's own heading)")
        rows = "".join(
            f"<tr><td>{ui.esc(s.name)}<br><span class='mc-note'>{ui.esc(s.french)}</span></td>"
            f"<td class='num'>{s.level_expected}</td>"
            f"<td>{'<br>'.join(objective_link(m, n) for m, n in objectives_training(s.id))}"
            "</td></tr>"
            for s in fw.skills if s.mission == mission.id)
        parts.append(
            f"<h3>{ui.esc(mission.name)} <span class='mc-note'>· {ui.esc(mission.french)}"
            f"{ui.esc(rank)}</span></h3><p class='mc-lead'>{ui.esc(mission.description)}</p>"
            "<table class='mc-table mc-skills-table'><thead><tr><th>Skill</th>"
            "<th class='num'>Target level</th><th>Trained by (module, objective)</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")
    parts.append("<h3>Skills against modules</h3>" + ui.chart_html(
        coverage_chart(fw), "skills against modules"))
    parts.append('<span class="mc-end"></span></div>')
    return "".join(parts)


def framework_page() -> None:
    """Show the skills-framework page (the notebook's one call): one HTML widget, so that
    the app's style applies as on the dashboards."""
    import ipywidgets as w
    from IPython.display import display

    display(w.HTML(framework_html()))
