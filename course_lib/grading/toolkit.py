"""The toolkits a coach takes away: checklists and templates as XLSX files, made from
``data/toolkits/<module>.yaml`` by ``mobility-course build`` into ``release/<module>/toolkit/``.

A toolkit file is ``{file, title, columns, rows, source}``; the workbook shows the title, the
source, a header row and the rows, with wrapped text and frozen headers, and opens in any
spreadsheet application without Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from ..data import DATA_DIR

TOOLKITS = DATA_DIR / "toolkits"
# Fixed workbook dates, so that a rebuild writes the same file (release/ is committed).
STAMP = datetime(2026, 1, 1)


class ToolkitError(ValueError):
    """A toolkit definition that cannot be made into a file, with the reason."""


@dataclass(frozen=True)
class ToolkitFile:
    file: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str


def load_toolkit(module_id: str) -> list[ToolkitFile]:
    """The toolkit files of a module (empty when it has none)."""
    path = TOOLKITS / f"{module_id}.yaml"
    if not path.is_file():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = raw.get("files") if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise ToolkitError(f"{path.name}: expected a list of files")
    return [_file(item, f"{path.name}, file {i}") for i, item in enumerate(items, start=1)]


def _file(item: Any, where: str) -> ToolkitFile:
    if not isinstance(item, dict):
        raise ToolkitError(f"{where}: expected a mapping")
    missing = [k for k in ("file", "title", "columns", "rows", "source") if not item.get(k)]
    if missing:
        raise ToolkitError(f"{where}: missing {', '.join(missing)}")
    name = str(item["file"])
    if not name.endswith(".xlsx") or "/" in name:
        raise ToolkitError(f"{where}: file must be a plain name ending in .xlsx, got {name!r}")
    columns = tuple(str(c) for c in item["columns"])
    rows = []
    for n, row in enumerate(item["rows"], start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise ToolkitError(f"{where}: row {n} has {len(row) if isinstance(row, list) else 0}"
                               f" cells for {len(columns)} columns")
        rows.append(tuple("" if v is None else str(v) for v in row))
    return ToolkitFile(name, str(item["title"]), columns, tuple(rows), str(item["source"]))


def write_xlsx(tool: ToolkitFile, folder: Path) -> Path:
    """One toolkit file as a workbook in ``folder``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Toolkit"
    sheet.append([tool.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Source: {tool.source}"])
    sheet["A2"].font = Font(italic=True, size=9)
    sheet.append([])
    sheet.append(list(tool.columns))
    for cell in sheet[4]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in tool.rows:
        sheet.append(list(row))
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, column in enumerate(tool.columns):
        longest = max([len(column), *(len(r[i]) for r in tool.rows)])
        sheet.column_dimensions[chr(ord("A") + i)].width = min(60, max(12, longest * 0.9))
    sheet.freeze_panes = "A5"
    book.properties.creator = "mobility-course build"
    book.properties.created = book.properties.modified = STAMP
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / tool.file
    _save_reproducibly(book, path)
    return path


def _save_reproducibly(book, path: Path) -> None:  # noqa: ANN001 - an openpyxl Workbook
    """Save ``book`` so that the same content gives the same bytes (release/ is committed):
    openpyxl stamps the save time on the document and on every zip entry; both become STAMP."""
    import io
    import re
    import zipfile

    buffer = io.BytesIO()
    book.save(buffer)
    stamp = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buffer) as made, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in made.infolist():
            data = made.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp + rb"\2", data)
            fixed = zipfile.ZipInfo(entry.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            out.writestr(fixed, data)


def read_xlsx(path: Path) -> tuple[str, list[str], list[list[str]]]:
    """A toolkit workbook read back: title, header, rows (what a coach sees)."""
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).active
    values = [["" if v is None else str(v) for v in row]
              for row in sheet.iter_rows(values_only=True)]
    header_at = 3
    return values[0][0], values[header_at], values[header_at + 1:]


def build_toolkit(module_id: str, release: Path) -> list[Path]:
    """Every toolkit file of a module, written into ``release/toolkit/``."""
    return [write_xlsx(tool, release / "toolkit") for tool in load_toolkit(module_id)]
