"""The budget simulator's form: one row of widgets per group of participants, with its
field help and the messages shown beside a field."""

from __future__ import annotations

from ..erasmus.activities import ACTIVITIES, ROLES
from . import ui
from .budget_project import Group

# -- the form -------------------------------------------------------------------------
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


