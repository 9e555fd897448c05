"""``report``: learners x modules scores, pass or fail per module, the course's overall
validation, what awaits manual grading, and a chart of the score distributions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import all_modules, module
from .records import Result, results


def report_frame(rows: list[Result]) -> pd.DataFrame:
    """One row per learner: ``<code>`` score, ``<code> passed`` per module, then the
    course's validation and what awaits manual grading."""
    gradable = [m for m in all_modules() if m.is_gradable]
    learners = sorted({r.learner for r in rows})
    by_key = {(r.learner, r.module): r for r in rows}
    table = []
    for learner in learners:
        line: dict[str, object] = {"learner": learner}
        waiting = []
        for m in gradable:
            r = by_key.get((learner, m.id))
            line[m.code] = f"{r.score:g} / {r.max_score:g}" if r else ""
            line[f"{m.code} passed"] = ("yes" if r.passed else "no") if r else ""
            if r and r.awaiting_manual:
                waiting.append(m.code)
        line["course validated"] = "yes" if all(
            (learner, m.id) in by_key and by_key[(learner, m.id)].passed for m in gradable
        ) else "no"
        line["awaiting manual grading"] = ", ".join(waiting)
        table.append(line)
    columns = ["learner", *[c for m in gradable for c in (m.code, f"{m.code} passed")],
               "course validated", "awaiting manual grading"]
    return pd.DataFrame(table, columns=columns)


def distribution_chart(rows: list[Result], path: Path) -> Path:
    """Box plots of the scores (share of the maximum) per module, with the pass marks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mids = [m.id for m in all_modules() if any(r.module == m.id for r in rows)]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    data = [[100 * r.score / r.max_score for r in rows if r.module == mid and r.max_score]
            for mid in mids]
    if mids:
        ax.boxplot(data, tick_labels=[module(m).code for m in mids])
        for i, mid in enumerate(mids, start=1):
            m = module(mid)
            ax.hlines(100 * m.pass_mark / m.points, i - 0.4, i + 0.4, colors="#c0392b",
                      linestyles="--", label="pass mark" if i == 1 else None)
        ax.legend(loc="lower right")
    ax.set_ylim(0, 105)
    ax.set_ylabel("Score (% of the module's points)")
    ax.set_title("Scores per module")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_report(root: Path, fmt: str, output: Path | None) -> tuple[pd.DataFrame, Path | None]:
    """The report as a frame; written to ``output`` as CSV or XLSX (with the chart)."""
    rows = results(root)
    frame = report_frame(rows)
    if output is None:
        return frame, None
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        frame.to_csv(output, index=False)
    elif fmt == "xlsx":
        from openpyxl.drawing.image import Image

        chart = distribution_chart(rows, output.with_suffix(".png"))
        with pd.ExcelWriter(output, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name="Results", index=False)
            sheet = writer.book.create_sheet("Distribution")
            sheet.add_image(Image(str(chart)), "A1")
        chart.unlink()
    return frame, output
