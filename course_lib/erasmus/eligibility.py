"""Eligibility rules a coach must know: they give warnings, never errors.

* activity durations (activity days): short-term learners 10-89 days (2 days at
  least for learners with fewer opportunities), ErasmusPro 90-365, group mobility
  2-30, skills competitions 1-10, job shadowing 2-60, teaching 2-365, courses 2-30
  (see :mod:`course_lib.erasmus.activities` for the sources);
* at most 30 participants in a KA122 project, accompanying persons not counted.

Both budget engines collect the same *hits* and word them here.

>>> eligibility_warnings({"job_shadowing": [("S1", 75)]}, participants=31)[0]
'staff job shadowing lasts 2-60 days (IKY [S15]): S1 has 75 days'
"""

from __future__ import annotations

from .activities import (
    ACTIVITIES,
    FEWER_OPPORTUNITIES_MIN_DAYS,
    KA122_MAX_PARTICIPANTS,
)

#: How many participants a warning names before "and N more".
LISTED = 8


def duration_range(activity: str, fewer_opportunities: bool) -> tuple[int, int] | None:
    """Eligible (min, max) activity days, or None when the activity has no rule.

    >>> duration_range("short_term", False), duration_range("short_term", True)
    ((10, 89), (2, 89))
    """
    rule = ACTIVITIES.get(activity)
    if rule is None or rule.min_days is None or rule.max_days is None:
        return None
    low = rule.min_days
    if activity == "short_term" and fewer_opportunities:
        low = FEWER_OPPORTUNITIES_MIN_DAYS
    return low, rule.max_days


def _names(hits: list[tuple[str, int]]) -> str:
    listed = [f"{pid} has {days} days" for pid, days in hits[:LISTED]]
    more = len(hits) - LISTED
    return ", ".join(listed) + (f" and {more} more" if more > 0 else "")


def eligibility_warnings(
    duration_hits: dict[str, list[tuple[str, int]]],
    participants: int,
    action: str | None = "KA122",
    missing_organisational: tuple[str, ...] = (),
    call_year: int | None = None,
) -> list[str]:
    """Word the hits: ``duration_hits`` maps an activity type to (participant, days)."""
    warnings = []
    for key in ACTIVITIES:
        if duration_hits.get(key):
            rule = ACTIVITIES[key]
            extra = (f", {FEWER_OPPORTUNITIES_MIN_DAYS} at least for learners with fewer "
                     "opportunities in justified cases" if key == "short_term" else "")
            warnings.append(f"{rule.label} lasts {rule.days}{extra} ({rule.source}): "
                            f"{_names(duration_hits[key])}")
    if action == "KA122" and participants > KA122_MAX_PARTICIPANTS:
        warnings.append(
            f"{participants} participants: a KA122 short-term project has at most "
            f"{KA122_MAX_PARTICIPANTS} (accompanying persons not counted; Access Europe [S19]); "
            "an accredited organisation (KA121) has no such limit")
    table = f"the call-{call_year} table" if call_year else "the rate table"
    for key in missing_organisational:
        warnings.append(f"{table} has no organisational support for activity type {key!r}: "
                        "0 counted for it")
    return warnings
