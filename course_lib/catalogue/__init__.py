"""Facts every layer reads: the module catalogue (``data/modules.yaml``) and the glossary
(``data/glossary.yaml``); the skills framework will join them."""

from .glossary import Term, glossary, glossary_markdown, known_names, term
from .modules import Module, all_modules, module, module_ids, topics
from .skills import Framework, Mission, Skill, framework, skill, skills_of

__all__ = [
    "Framework", "Mission", "Skill", "framework", "skill", "skills_of",
    "Module", "Term", "all_modules", "glossary", "glossary_markdown", "known_names", "module",
    "module_ids", "term", "topics",
]
