"""Read a mobilities file (CSV or an Excel workbook); report every bad row with its line
number, or nothing.

Columns (issue #3): ``participant_id, role, origin_city, origin_country,
destination_city, destination_country, distance_km, start, end, travel_days,
green_travel, fewer_opportunities`` and optionally ``activity``; ``name`` and
``notes`` columns are allowed and ignored. ``distance_km`` may be empty when the
cities are given (a given distance wins); ``travel_days`` may be empty (2).

The files a French CFA really has are read as they are: a CSV saved by Excel in France
(Windows-1252 or UTF-8 with a BOM, ``;`` separators, CRLF line ends, dates as
``01/03/2032``, decimal commas and spaces in numbers such as ``1 188,5``, ``oui``/``non``,
accented city names) or an ``.xlsx`` workbook (its first sheet) give the same mobilities as
the plain CSV (dates ``YYYY-MM-DD``, ``yes``/``no``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..distance import CityNotFound, city_distance_km
from ..mobility import Mobility, MobilityError, normal_country, problems
from ..rates import RateTable, load_rates

__all__ = ["COLUMNS", "MobilityFileError", "read_mobilities"]

REQUIRED = ("participant_id", "role", "destination_country", "start", "end")
COLUMNS = (
    "participant_id", "role", "origin_city", "origin_country", "destination_city",
    "destination_country", "distance_km", "start", "end", "travel_days", "green_travel",
    "fewer_opportunities", "activity",
)
IGNORED = ("name", "notes")
UNNAMED = "\x00unnamed"  # the key of a column whose header cell is empty (never a real name)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FRENCH_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
TRUE = {"yes", "true", "1", "y", "oui", "vrai", "o"}
FALSE = {"no", "false", "0", "n", "non", "faux", ""}
SPACES = re.compile(r"[\s\u00a0\u202f']")


class MobilityFileError(MobilityError):
    """A mobilities file with bad rows; ``problems`` holds ``("line N", reason)`` pairs."""

    def __init__(self, path: str, problems: list[tuple[str, str]]):
        self.path = path
        super().__init__(problems, intro=f"{path}: bad rows, nothing computed")


def _date(text: str, column: str, errors: list[str]) -> date | None:
    try:
        french = FRENCH_DATE.fullmatch(text)
        if french:
            day, month, year = map(int, french.groups())
            return date(year, month, day)
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{column}: bad date {text!r} (expected 2026-04-07 or 07/04/2026)")
        return None


def decimal(text: str) -> float:
    """A number as a spreadsheet in France or England writes it.

    >>> decimal("1 188,5"), decimal("1.188,5"), decimal("1,188.5"), decimal("275")
    (1188.5, 1188.5, 1188.5, 275.0)
    """
    text = SPACES.sub("", text)
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+|-?\d{1,3}(\.\d{3}){2,}", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    return float(text)


def _number(text: str, column: str, errors: list[str], whole: bool = False) -> float | None:
    if text == "":
        return None
    try:
        value = decimal(text)
        if whole:
            if value != int(value):
                raise ValueError(text)
            value = int(value)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        errors.append(f"{column}: {text!r} is not {kind}")
        return None
    if value != value or value in (float("inf"), float("-inf")):
        errors.append(f"{column}: {text!r} is not a finite number")
        return None
    if value < 0:
        errors.append(f"{column} cannot be negative, got {text}")
        return None
    return value


def _boolean(text: str, column: str, errors: list[str]) -> bool:
    value = text.casefold()
    if value in TRUE:
        return True
    if value not in FALSE:
        errors.append(f"{column}: {text!r} is not yes/no or true/false")
    return False


def _row(cells: dict[str, str], rates: RateTable) -> tuple[Mobility | None, list[str]]:
    errors: list[str] = []
    for column in REQUIRED:
        if not cells.get(column):
            errors.append(f"missing value for {column}")
    start = _date(cells["start"], "start", errors) if cells.get("start") else None
    end = _date(cells["end"], "end", errors) if cells.get("end") else None
    distance = _number(cells.get("distance_km", ""), "distance_km", errors)
    travel_days = _number(cells.get("travel_days", ""), "travel_days", errors, whole=True)
    green = _boolean(cells.get("green_travel", ""), "green_travel", errors)
    fewer = _boolean(cells.get("fewer_opportunities", ""), "fewer_opportunities", errors)
    if errors or start is None or end is None:
        return None, errors
    mobility = Mobility(
        participant_id=cells["participant_id"],
        role=cells["role"].casefold(),
        destination_country=normal_country(cells["destination_country"]),
        start=start,
        end=end,
        distance_km=distance,
        origin_city=cells.get("origin_city") or None,
        origin_country=normal_country(cells.get("origin_country") or None),
        destination_city=cells.get("destination_city") or None,
        travel_days=None if travel_days is None else int(travel_days),
        green_travel=green,
        fewer_opportunities=fewer,
        activity=(cells.get("activity") or "").casefold() or None,
    )
    errors = problems(mobility, rates)
    if not errors and mobility.distance_km is None:
        try:
            km = city_distance_km(mobility.origin_city, mobility.origin_country,
                                  mobility.destination_city, mobility.destination_country)
        except CityNotFound as err:
            return None, [str(err)]
        mobility = replace(mobility, distance_km=round(km, 1))
    return (None, errors) if errors else (mobility, [])


def _reader(text: str) -> csv.DictReader:
    header = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=header.count)
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM), else Windows-1252, what Excel writes in France."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _cell_text(value) -> str:  # noqa: ANN001 - a workbook cell value
    """A workbook cell as the CSV would hold it."""
    from datetime import datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _workbook_text(path: Path) -> str:
    """The first sheet of a workbook as CSV text (its row numbers are the file's lines)."""
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in sheet.iter_rows(values_only=True):
        writer.writerow([_cell_text(v) for v in row])
    return out.getvalue()


def read_mobilities(path: str | Path, rates: RateTable | None = None) -> list[Mobility]:
    """Read and check every row; raise :class:`MobilityFileError` listing all bad rows.

    Destination countries are checked against ``rates`` (default: call 2021);
    missing distances are computed from the cities (one way, rounded to 0.1 km).
    """
    rates = rates or load_rates()
    path = Path(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            text = _workbook_text(path)
        else:
            text = _decode(path.read_bytes())
    except OSError as err:
        raise MobilityFileError(str(path), [("file", f"cannot read it ({err.strerror})")]) \
            from None
    except Exception as err:  # a damaged workbook: openpyxl raises several kinds
        raise MobilityFileError(str(path), [("file", "not a workbook Excel can save as .xlsx "
                                             f"({type(err).__name__})")]) from None
    if "\x00" in text:
        raise MobilityFileError(str(path), [("file", "not a text file: save it as CSV "
                                             "(separator ; or ,) or as an .xlsx workbook")])
    reader = _reader(text)
    # a column with no name (Excel writes one for each trailing ';') is ignored, like notes
    header = [(h or "").strip().casefold() or f"{UNNAMED}{i}"
              for i, h in enumerate(reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header
               if h not in COLUMNS and h not in IGNORED and not h.startswith(UNNAMED)]
    if missing or unknown:
        found = [("line 1", f"missing column {c!r}") for c in missing]
        found += [("line 1", f"unknown column {h!r} (expected {', '.join(COLUMNS)})")
                  for h in unknown]
        raise MobilityFileError(str(path), found)
    reader.fieldnames = header
    mobilities: list[Mobility] = []
    found: list[tuple[str, str]] = []
    first_line: dict[str, int] = {}
    line = 1
    for raw in reader:
        line = reader.line_num
        if raw.get(None):
            found.append((f"line {line}", f"{len(raw[None])} value(s) more than columns"))
            continue
        cells = {k: (v or "").strip() for k, v in raw.items() if not k.startswith(UNNAMED)}
        if not any(cells.values()):
            continue
        mobility, errors = _row(cells, rates)
        pid = cells.get("participant_id", "")
        if pid and pid in first_line:
            errors.append(f"duplicate participant_id {pid!r} (first on line {first_line[pid]})")
        elif pid:
            first_line[pid] = line
        found += [(f"line {line}", reason) for reason in errors]
        if mobility is not None and not errors:
            mobilities.append(mobility)
    if found:
        raise MobilityFileError(str(path), found)
    return mobilities
