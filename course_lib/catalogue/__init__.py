"""Facts every layer reads: the module catalogue (``data/modules.yaml``); the glossary and the
skills framework will join it."""

from .modules import Module, all_modules, module, module_ids, topics

__all__ = ["Module", "all_modules", "module", "module_ids", "topics"]
