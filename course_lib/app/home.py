"""Blocks of the app's home page that are computed: the toolkits a coach can download."""

from __future__ import annotations

from pathlib import Path

from ..catalogue import all_modules
from ..grading.toolkit import ToolkitError, load_toolkit


def toolkits_markdown(folder: str | Path = "modules") -> str:
    """Each released module's toolkit files (XLSX), linked for download from the app."""
    base = Path(folder)
    lines = []
    for m in all_modules():
        try:
            tools = load_toolkit(m.id)
        except ToolkitError:
            continue
        links = [f"[{t.title}](../files/{(base / m.id / 'toolkit' / t.file).as_posix()})"
                 for t in tools if (base / m.id / "toolkit" / t.file).is_file()]
        if links:
            lines.append(f"- **{m.code}**: " + " · ".join(links))
    if not lines:
        return "*The modules' toolkits will be listed here once the modules are released.*"
    return "\n".join(lines)


def toolkits(folder: str | Path = "modules") -> None:
    """Show the toolkits list (the home page's call)."""
    from IPython.display import Markdown, display

    display(Markdown(toolkits_markdown(folder)))
