"""Facts every layer reads: the module catalogue (``data/modules.yaml``), the glossary
(``data/glossary.yaml``) and the coach's skills framework (``data/skills.yaml``)."""

from .glossary import Term, glossary, glossary_markdown, known_names, term
from .modules import Module, all_modules, module, module_ids, topics
from .skills import Framework, Mission, Skill, framework, objectives_training, skill, skills_of

__all__ = [
    "Framework", "Mission", "Skill", "framework", "objectives_training", "skill", "skills_of",
    "Module", "Term", "all_modules", "glossary", "glossary_markdown", "known_names", "module",
    "module_ids", "term", "topics",
]
