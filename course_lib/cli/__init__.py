"""``mobility-course``: every job a trainer or a learner runs, in one command.

One file per group of commands: :mod:`.trainer` (build, demo-cohort, grade, feedback),
:mod:`.servers` (serve, lab), :mod:`.budget` (budget); :mod:`.group` holds the command
group and turns every error into one line on stderr with an exit status.
"""

from . import servers, trainer  # noqa: F401 - registering the commands on the group
from .budget import budget
from .group import main, main_group

main_group.add_command(budget)

__all__ = ["main", "main_group"]
