"""Roles and activity types of KA1 VET mobility, with their eligible durations.

Durations are the Programme Guide's, as reported by national agencies
(shared/reference/erasmus-vet-mobility-facts.md, section 1.1). They drive the
eligibility *warnings* of the budget: a coach must know them, but an estimate
outside them is still computed.

>>> activity_for("learner", 28)
'short_term'
>>> activity_for("learner", 90)
'erasmuspro'
>>> ACTIVITIES["job_shadowing"].days
'2-60 days'
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("learner", "staff", "accompanying")


@dataclass(frozen=True)
class Activity:
    """One activity type: who takes part and how long it may last (activity days)."""

    key: str
    label: str
    role: str
    min_days: int | None = None
    max_days: int | None = None
    source: str = ""

    @property
    def days(self) -> str:
        """The eligible duration in words, e.g. ``'10-89 days'``."""
        if self.min_days is None:
            return "no duration rule"
        return f"{self.min_days}-{self.max_days} days"


_ACTIVITIES = (
    Activity("short_term", "short-term learning mobility of VET learners", "learner", 10, 89,
             "Turkiye NA KA122-VET page [S16]; OeAD [S17]"),
    Activity("erasmuspro", "long-term learning mobility of VET learners (ErasmusPro)", "learner",
             90, 365, "Turkiye NA [S16]; OeAD [S17]"),
    Activity("group", "group mobility of VET learners", "learner", 2, 30, "Turkiye NA [S16]"),
    Activity("competition", "participation in VET skills competitions", "learner", 1, 10,
             "Turkiye NA [S16]; IKY [S15]; OeAD [S17]"),
    Activity("job_shadowing", "staff job shadowing", "staff", 2, 60, "IKY [S15]"),
    Activity("teaching", "staff teaching or training assignments", "staff", 2, 365, "IKY [S15]"),
    Activity("course", "staff courses and training", "staff", 2, 30, "IKY [S15]"),
    Activity("invited_expert", "invited experts", "staff", 2, 60,
             "secondary only (facts sheet 1.1): verify"),
    Activity("hosted_teacher", "hosting teachers and educators in training", "staff", 10, 365,
             "secondary only (facts sheet 1.1): verify"),
    Activity("accompanying", "accompanying person", "accompanying"),
)

#: Activity types by key.
ACTIVITIES: dict[str, Activity] = {a.key: a for a in _ACTIVITIES}

#: Learners with fewer opportunities may go for 2 days at least, in justified cases (OeAD [S17]).
FEWER_OPPORTUNITIES_MIN_DAYS = 2

#: At most 30 participants in a KA122 project, accompanying persons not counted (facts 1.2).
KA122_MAX_PARTICIPANTS = 30


def activity_for(role: str, days: int) -> str:
    """The activity type a mobility gets when none is given.

    The rule: a learner staying 90 activity days or more is on ErasmusPro (long
    term), a shorter learner mobility is short term; staff are on job shadowing
    (the most common staff activity: give ``activity`` for teaching or courses);
    an accompanying person is ``accompanying``. ``days`` are activity days,
    travel days excluded.

    >>> activity_for("learner", 89), activity_for("staff", 5), activity_for("accompanying", 28)
    ('short_term', 'job_shadowing', 'accompanying')
    """
    if role == "learner":
        return "erasmuspro" if days >= 90 else "short_term"
    if role == "staff":
        return "job_shadowing"
    if role == "accompanying":
        return "accompanying"
    raise ValueError(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
