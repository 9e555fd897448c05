"""Merge one worker's autograde of a submission into the course gradebook (one writer).

The course gradebook keeps what a trainer did (manual grades are never overwritten); each
code cell gets the verdict given outside the learner's kernel where there is one, and a
difference between that verdict and the kernel's is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .verdicts import Verdict


@contextmanager
def _one_transaction(gradebook) -> Iterator[None]:  # noqa: ANN001 - nbgrader Gradebook
    """Make every commit nbgrader's API makes inside the block part of one database
    transaction, committed at the end: a run killed half-way leaves no half-merged
    submission (nbgrader commits a new submission with empty grades before they are set)."""
    from sqlalchemy.orm import scoped_session, sessionmaker

    connection = gradebook.engine.connect()
    outer = connection.begin()
    gradebook.db.remove()
    gradebook.db = scoped_session(sessionmaker(
        bind=connection, autoflush=True, join_transaction_mode="rollback_only"))
    try:
        yield
        gradebook.db.flush()
        outer.commit()
    except BaseException:
        outer.rollback()
        raise
    finally:
        gradebook.db.remove()
        connection.close()


def merge_submission(root: Path, worker_db: str, learner: str, module: str,
                     verdicts: dict[str, Verdict]) -> list[str]:
    """Copy the submission's grades from ``worker_db`` into ``gradebook.db``, in one
    transaction; return what looks tampered with (empty when nothing does)."""
    from nbgrader.api import Gradebook

    flags = []
    with Gradebook(f"sqlite:///{worker_db}") as worker, \
            Gradebook(f"sqlite:///{root / 'gradebook.db'}") as main, _one_transaction(main):
        sent = worker.find_submission(module, learner)
        main.update_or_create_student(learner)
        mine = main.update_or_create_submission(module, learner, timestamp=sent.timestamp)
        for sent_nb in sent.notebooks:
            main_nb = next(nb for nb in mine.notebooks if nb.name == sent_nb.name)
            kernel = {g.name: g for g in sent_nb.grades}
            for g in main_nb.grades:
                theirs = kernel.get(g.name)
                if theirs is None:
                    continue
                verdict = verdicts.get(g.name)
                if verdict is not None:
                    g.auto_score = verdict.score
                    if theirs.auto_score is not None and (theirs.auto_score > 0) != verdict.passed:
                        flags.append(f"{g.name}: the learner's kernel said "
                                     f"{'passed' if theirs.auto_score > 0 else 'failed'}, "
                                     f"the check outside it says {verdict.reason}")
                else:
                    g.auto_score = theirs.auto_score
                if g.manual_score is None:
                    g.needs_manual_grade = theirs.needs_manual_grade
            comments = {c.name: c for c in sent_nb.comments}
            for c in main_nb.comments:
                if c.name in comments:
                    c.auto_comment = comments[c.name].auto_comment
            main_nb.flagged = sent_nb.flagged
    return flags
