"""A small, strict iCalendar (RFC 5545) writer: all-day events, e.g. a plan's milestones.

What it takes care of, as the RFC asks (section numbers of RFC 5545):

* lines end with CRLF and are folded at 75 octets, never inside a UTF-8 character (3.1);
* TEXT values escape backslash, semicolon, comma and newlines (3.3.11);
* every VEVENT has UID and DTSTAMP (3.6.1); an all-day event is ``DTSTART;VALUE=DATE``
  with ``DTEND`` the next day (3.6.1, the end date is excluded);
* the calendar has VERSION and PRODID (3.7.3, 3.7.4).

>>> text = calendar([Event("dep", date(2027, 1, 30), "Departure")],
...                 stamp=datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
>>> print(text.replace("\\r\\n", "\\n"), end="")
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Mobility coach course//Project planner//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
BEGIN:VEVENT
UID:dep-20270130@mobility-coach-course
DTSTAMP:20260105T090000Z
DTSTART;VALUE=DATE:20270130
DTEND;VALUE=DATE:20270131
SUMMARY:Departure
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

PRODID = "-//Mobility coach course//Project planner//EN"
UID_DOMAIN = "mobility-coach-course"


@dataclass(frozen=True)
class Event:
    """An all-day event; ``key`` makes its UID (stable: a re-import updates, not duplicates)."""

    key: str
    day: date
    summary: str
    description: str = ""


def escape_text(value: str) -> str:
    r"""A TEXT value (RFC 5545 3.3.11).

    >>> escape_text("a;b,c\\d\ne")
    'a\\;b\\,c\\\\d\\ne'
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """One content line folded at ``limit`` octets (3.1): CRLF then a space.

    >>> fold("X:" + "é" * 40).split("\\r\\n ")[0].encode() == ("X:" + "é" * 36).encode()
    True
    """
    out: list[str] = []
    current, size = "", 0
    budget = limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > budget:
            out.append(current)
            current, size = "", 0
            budget = limit - 1  # continuation lines start with one space
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _uid(event: Event) -> str:
    key = re.sub(r"[^A-Za-z0-9._-]+", "-", event.key).strip("-") or "event"
    return f"{key}-{event.day:%Y%m%d}@{UID_DOMAIN}"


def calendar(events: Iterable[Event], *, name: str | None = None,
             stamp: datetime | None = None) -> str:
    """The iCalendar text of ``events`` (all-day, free time), CRLF line ends."""
    stamp = (stamp or datetime.now(timezone.utc)).astimezone(timezone.utc)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(event)}",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
