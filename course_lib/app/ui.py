"""What every dashboard shares: its style, messages beside a field, tables, charts as PNG,
downloads as links that carry their own data, and uploads read in memory.

Nothing here keeps state between visitors: each page of the app runs in its own kernel,
and downloads are ``data:`` links built in that kernel, so no file is written on the server
for them. (An uploaded CSV or rate table is parsed from a private temporary file that is
deleted at once, because the engine's readers take a path.)
"""

from __future__ import annotations

import base64
import csv
import html
import io
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from ..quiz.feedback import box_html

# One look for every dashboard; the title bar itself comes from the app's Voila template.
STYLE = """<style>
.mc-app { max-width: 1260px; font-size: 14px; }
.mc-app h2 { margin: 4px 0 2px 0; font-size: 1.35em; }
.mc-app h3 { margin: 14px 0 4px 0; font-size: 1.1em; color: #1f3b57; }
.mc-app .mc-lead { color: #37474f; margin: 0 0 6px 0; line-height: 1.45; }
.mc-app .mc-label { font-weight: 600; color: #263238; }
.mc-app .mc-msg .mc-feedback { margin: 2px 0; }
.mc-app .mc-bad input, .mc-app .mc-bad select { border-color: #e65100 !important;
  box-shadow: 0 0 0 1px #e65100; }
.mc-app table.mc-table { border-collapse: collapse; margin: 4px 0 8px 0; font-size: 13px; }
.mc-app table.mc-table th { background: #eef2f6; text-align: left; padding: 4px 8px;
  border-bottom: 2px solid #c5d0db; white-space: nowrap; }
.mc-app table.mc-table td { padding: 3px 8px; border-bottom: 1px solid #e3e8ee;
  vertical-align: top; text-align: left; }
.mc-app table.mc-table td.num, .mc-app table.mc-table th.num { text-align: right;
  font-variant-numeric: tabular-nums; }
.mc-app table.mc-table tr.mc-total-row td { font-weight: 700; border-top: 2px solid #c5d0db; }
.mc-app .mc-cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 6px 0; }
.mc-app .mc-card { background: #f5f8fb; border: 1px solid #d9e2ec; border-radius: 6px;
  padding: 8px 14px; min-width: 150px; }
.mc-app .mc-card .mc-card-label { color: #546e7a; font-size: 12px; }
.mc-app .mc-card .mc-card-value { font-size: 18px; font-weight: 700; color: #1f3b57;
  font-variant-numeric: tabular-nums; }
.mc-app .mc-card.mc-card-total { background: #1f3b57; border-color: #1f3b57; }
.mc-app .mc-card.mc-card-total .mc-card-label,
.mc-app .mc-card.mc-card-total .mc-card-value { color: #fff; }
.mc-app table.mc-table a, .mc-app .mc-lead a { color: #1f6fb2; text-decoration: underline; }
.mc-app .mc-downloads a { display: inline-block; margin: 2px 10px 2px 0; padding: 5px 12px;
  border: 1px solid #1f6fb2; border-radius: 4px; color: #1f6fb2; text-decoration: none;
  background: #fff; }
.mc-app .mc-downloads a:hover { background: #e8f1fa; }
.mc-app .mc-note { color: #546e7a; font-size: 12.5px; }
.mc-app .mc-warnings li { color: #8a4b00; margin: 2px 0; }
.mc-app .mc-chart img { max-width: 100%; height: auto; }
.mc-app .mc-grid-head { font-weight: 600; font-size: 12px; color: #37474f;
  align-self: end; padding-bottom: 2px; }
.mc-app .widget-upload { width: auto; }
.mc-app .mc-scroll { overflow-x: auto; }
.mc-app .widget-hbox { gap: 12px; }
.mc-app .widget-hbox .widget-hbox, .mc-app .widget-hbox .widget-vbox { gap: 8px; }
.mc-app .mc-grid .mc-row-msg { grid-column: 1 / -1; }
.mc-app .mc-grid .mc-row-msg:empty, .mc-app .mc-grid .mc-row-msg .widget-html-content:empty {
  margin: 0 !important; }
</style>"""


def style():
    """An invisible widget carrying the app's CSS (put it first in a dashboard)."""
    import ipywidgets as w

    return w.HTML(STYLE, layout=w.Layout(height="0px", margin="0"))


def message(kind: str, text: str) -> str:
    """A coloured message box (``ok``, ``problem`` or ``info``), as HTML."""
    return box_html(kind, text)


def guarded(owner, function, after: str = ""):  # noqa: ANN001 - a dashboard, a callable
    """``function`` as a widget callback that never shows a traceback: an unexpected error
    becomes a message in the dashboard's ``status`` widget (``after`` says what stays on
    screen)."""

    def wrapped(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as err:  # noqa: BLE001 - the visitor reads a message instead
            owner.status.value = message("problem", f"Something went wrong "
                                              f"({type(err).__name__}: {err}){after}.")

    return wrapped


def messages(kind: str, texts: Sequence[str], limit: int = 6) -> str:
    """Several messages in one box each, the rest summed up in one line."""
    shown = [message(kind, t) for t in texts[:limit]]
    if len(texts) > limit:
        shown.append(message(kind, f"... and {len(texts) - limit} more problem(s)"))
    return "".join(shown)


def money(value: float, currency: str = "EUR") -> str:
    """``2143.0`` -> ``'2,143.00 EUR'``."""
    return f"{value:,.2f} {currency}"


def esc(value: Any) -> str:
    return html.escape(str(value))


def table_html(frame: pd.DataFrame, *, numeric: Sequence[str] = (), formats:
               Mapping[str, Any] | None = None, total: Mapping[str, Any] | None = None,
               css: str = "mc-table", headers: Mapping[str, str] | None = None) -> str:
    """A plain HTML table (escaped), numbers right-aligned, optional total row."""
    formats = dict(formats or {})
    headers = dict(headers or {})

    def cell(col: str, value: Any) -> str:
        text = formats[col](value) if col in formats else ("" if value is None else value)
        klass = ' class="num"' if col in numeric else ""
        return f"<td{klass}>{esc(text)}</td>"

    head = "".join(f'<th{" class=num" if c in numeric else ""}>{esc(headers.get(c, c))}</th>'
                   for c in frame.columns)
    body = ["<tr>" + "".join(cell(c, v) for c, v in zip(frame.columns, row, strict=True))
            + "</tr>" for row in frame.itertuples(index=False)]
    if total is not None:
        body.append('<tr class="mc-total-row">' + "".join(
            cell(c, total[c]) if c in total else "<td></td>" for c in frame.columns) + "</tr>")
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}' \
           "</tbody></table>"


def png(fig) -> bytes:
    """A matplotlib Figure as PNG bytes (Agg: no display, no global pyplot state)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def new_figure(width: float, height: float):
    """A Figure not registered with pyplot (each kernel draws its own, nothing leaks)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def chart_html(data: bytes, alt: str) -> str:
    """A PNG chart as an <img> that carries its own data."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<div class="mc-chart"><img alt="{esc(alt)}" '
            f'src="data:image/png;base64,{encoded}"></div>')


def download_link(data: bytes | str, filename: str, mime: str, label: str) -> str:
    """A link that downloads ``data`` as ``filename``; the data travel inside the link."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    encoded = base64.b64encode(raw).decode("ascii")
    return (f'<a download="{esc(filename)}" href="data:{mime};base64,{encoded}" '
            f'class="mc-download" title="{esc(filename)}">{esc(label)}</a>')


CSV_MIME = "text/csv;charset=utf-8"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS_MIME = "text/calendar;charset=utf-8"


def csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame], notes: Mapping[str, Sequence[str]]
               | None = None) -> bytes:
    """A workbook with one sheet per table: optional note lines, a bold header, the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        for line in (notes or {}).get(name, ()):
            sheet.append([line])
        sheet.append([str(c) for c in frame.columns])
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        for row in frame.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        for i, column in enumerate(frame.columns, start=1):
            values = [str(column), *(str(v) for v in frame[column].head(200))]
            sheet.column_dimensions[get_column_letter(i)].width = min(
                max(len(v) for v in values) + 2, 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()  # numpy scalars
        except (AttributeError, ValueError):
            pass
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def read_csv_rows(text: str) -> list[dict[str, str]]:
    """Rows of a CSV text (comma or semicolon), header names trimmed and lower-cased."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    reader.fieldnames = [(h or "").strip().casefold() for h in reader.fieldnames or []]
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def uploaded(value: Any) -> tuple[str, bytes] | None:
    """The (name, content) of the file in a FileUpload widget's value, or None."""
    if not value:
        return None
    item = value[0] if isinstance(value, (list, tuple)) else next(iter(value.values()))
    content = item["content"]
    return str(item.get("name") or "upload"), bytes(content)


def decode_text(data: bytes) -> str:
    """Uploaded bytes as text (UTF-8, with or without BOM; else Windows-1252)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@contextmanager
def private_file(data: bytes | str, suffix: str) -> Iterator[Path]:
    """A temporary file only this kernel can read, deleted as soon as the block ends."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = tempfile.mkdtemp(prefix="mc-upload-")
    path = Path(folder) / f"upload{suffix}"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        yield path
    finally:
        path.unlink(missing_ok=True)
        os.rmdir(folder)


def labelled(label: str, widget, *, width: str | None = None, help_text: str = ""):
    """A field with its label above it."""
    import ipywidgets as w

    title = f'<span class="mc-label">{esc(label)}</span>'
    if help_text:
        title += f' <span class="mc-note">{esc(help_text)}</span>'
    box = w.VBox([w.HTML(title), widget])
    if width:
        box.layout.width = width
    return box


def heading(text: str, lead: str = "") -> str:
    out = f"<h2>{esc(text)}</h2>"
    if lead:
        out += f'<p class="mc-lead">{lead}</p>'
    return out
