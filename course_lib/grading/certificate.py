"""``certificate``: a one-page PDF attestation per learner (fpdf2), with the modules they
validated (date, score, grader), the skills of the coach's framework those modules train, the
validation modalities and the training organisation's name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..catalogue import all_modules, framework
from .records import current_validations

ORGANISATION = "Mobility coach course (ATMA training kit)"


def _font_path() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def certificate_lines(root: Path, learner: str) -> dict:
    """What the attestation says, as data (the PDF is drawn from it)."""
    held = {mid: v for (who, mid), v in current_validations(root).items() if who == learner}
    validated = [m for m in all_modules() if m.id in held]
    skills = [s for s in framework().skills if any(m.id in s.modules for m in validated)]
    gradable = [m for m in all_modules() if m.is_gradable]
    return {
        "learner": learner,
        "modules": [(m.code, m.title, held[m.id].date, f"{held[m.id].score:g} / "
                     f"{held[m.id].max_score:g}", held[m.id].grader) for m in validated],
        "skills": [s.name for s in skills],
        "complete": len(validated) == len(gradable) and bool(gradable),
        "modalities": [f"{m.code}: a graded test of {m.points} points, validated from "
                       f"{m.pass_mark} points" for m in gradable],
    }


def write_certificate(root: Path, learner: str, folder: Path,
                      organisation: str = ORGANISATION, issued: date | None = None) -> Path:
    """The attestation of ``learner`` as ``<folder>/<learner>.pdf``."""
    from fpdf import FPDF

    data = certificate_lines(root, learner)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(_font_path()))
    pdf.set_font("DejaVu", size=18)
    pdf.cell(0, 12, "Attestation of training", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("DejaVu", size=10)
    pdf.cell(0, 6, "Mobility coach (référent mobilité) in an apprentice training centre (CFA)",
             new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=11)
    status = ("has validated every module of the course" if data["complete"]
              else "has validated the modules listed below")
    pdf.multi_cell(0, 6, f"{organisation} certifies that the learner {learner} {status}.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=12)
    pdf.cell(0, 8, "Modules validated", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=8.5)
    if data["modules"]:
        for code, title, when, score, grader in data["modules"]:
            pdf.multi_cell(0, 4.4, f"{code} {title}: validated on {when}, score {score} "
                           f"(graded by {grader})", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, 5, "No module validated yet.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=12)
    pdf.cell(0, 8, "Skills of the coach's framework trained by these modules",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=7.5)
    pdf.multi_cell(0, 3.8, " · ".join(data["skills"]) or "None yet.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=12)
    pdf.cell(0, 8, "Validation modalities", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=7.5)
    pdf.multi_cell(0, 3.8, "; ".join(data["modalities"]) + ". Each test is autograded with "
                   "nbgrader; a written task marked by a trainer adds points but is never "
                   "needed to validate. The course is validated when every module is.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", size=9)
    pdf.cell(0, 6, f"Issued on {(issued or date.today()).isoformat()}.",
             new_x="LMARGIN", new_y="NEXT")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{learner}.pdf"
    pdf.output(str(path))
    return path


def learners_with_results(root: Path) -> list[str]:
    from .records import results

    return sorted({r.learner for r in results(root)})

