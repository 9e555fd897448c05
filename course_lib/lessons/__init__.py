"""What module notebooks import: the header and friendly errors (:mod:`.notebook`), each
module's worked case (:mod:`.cases`) and each module's exercise checks (:mod:`.checks`).

A new module ``cX-Y`` adds ``cases/cX_Y.py`` and ``checks/cX_Y.py``.
"""

from .notebook import (
    before_you_submit,
    catalogue,
    catalogue_markdown,
    friendly_errors,
    header,
    header_markdown,
    start,
    validation_markdown,
    validation_modalities,
)

__all__ = [
    "before_you_submit", "catalogue", "catalogue_markdown", "friendly_errors", "header",
    "header_markdown", "start", "validation_markdown", "validation_modalities",
]
