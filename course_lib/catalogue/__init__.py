"""Facts every layer reads: the module catalogue (``data/modules.yaml``) and the glossary
(``data/glossary.yaml``); the skills framework will join them."""

from .glossary import Term, glossary, glossary_markdown, known_names, term
from .modules import Module, all_modules, module, module_ids, topics

__all__ = [
    "Module", "Term", "all_modules", "glossary", "glossary_markdown", "known_names", "module",
    "module_ids", "term", "topics",
]
