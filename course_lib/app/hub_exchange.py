"""nbgrader's collect on the course hub: a submission counts only for the learner who made it.

nbgrader's filesystem exchange trusts the name a submission claims: ``nbgrader submit
--student=other`` drops work under someone else's name, and collect only warns
(nbgrader#1097, ``CollectApp.check_owner``). On the hub every learner is a real Unix account,
so the owner of a submitted folder says who made it; :class:`OwnerCheckedCollect` leaves out
(with a warning) every submission whose owner is not the learner it names, before picking
each learner's latest. The trainer's nbgrader settings name it
(``c.ExchangeFactory.collect``); the formgrader's Collect button uses it too.
"""

from __future__ import annotations

import glob
import os
import pwd

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.collect import ExchangeCollect, groupby
from nbgrader.utils import check_mode


def owner_name(path: str) -> str:
    try:
        return pwd.getpwuid(os.stat(path).st_uid).pw_name
    except KeyError:
        return "unknown"


class OwnerCheckedCollect(ExchangeCollect):
    """``ExchangeCollect`` that skips submissions not owned by the learner they name."""

    def init_src(self):
        # nbgrader 0.9's init_src, with the owner check before each learner's latest is chosen
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        if not check_mode(self.inbound_path, read=True, execute=True):
            self.fail(f"You don't have read permissions for the directory: {self.inbound_path}")
        student_id = self.coursedir.student_id or "*"
        pattern = os.path.join(self.inbound_path,
                               f"{student_id}+{self.coursedir.assignment_id}+*")
        records = []
        for path in glob.glob(pattern):
            record = self._path_to_record(path)
            owner = owner_name(path)
            if owner != record["username"]:
                self.log.warning("Not collected: %s claims to be by %s but was made by %s "
                                 "(nbgrader#1097)", record["filename"], record["username"], owner)
                continue
            records.append(record)
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                self.duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        self.src_records = []
        for group in groupby(records, lambda item: item["username"]).values():
            ordered = self._sort_by_timestamp(group)
            if self.duedate is not None and self.before_duedate:
                on_time = [r for r in ordered if r["timestamp"] <= self.duedate]
                ordered = on_time or ordered
            self.src_records.append(ordered[0])
