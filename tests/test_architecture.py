"""The layers of course_lib (docs/architecture.md), checked by import-linter and grimp."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(cwd: Path, *extra_path: Path) -> subprocess.CompletedProcess:
    env = {"PATH": str(LINT.parent), "PYTHONPATH": ":".join(map(str, extra_path))}
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_layers_hold():
    done = lint(ROOT, ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "course_lib", tmp_path / "course_lib",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    money = tmp_path / "course_lib" / "erasmus" / "money.py"
    money.write_text(money.read_text() + "\nfrom course_lib.quiz import feedback  # noqa\n")
    done = lint(tmp_path, tmp_path)
    assert done.returncode == 1
    assert "0 kept, 2 broken" in done.stdout  # the layers, and the domain reaches IPython
    assert "course_lib.erasmus.money -> course_lib.quiz.feedback" in done.stdout


def test_the_domain_never_imports_widgets(tmp_path):
    shutil.copytree(ROOT / "course_lib", tmp_path / "course_lib",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    rates = tmp_path / "course_lib" / "erasmus" / "rates.py"
    rates.write_text(rates.read_text() + "\nimport ipywidgets  # noqa\n")
    done = lint(tmp_path, tmp_path)
    assert done.returncode == 1
    assert "course_lib.erasmus.rates -> ipywidgets" in done.stdout


def _cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[set[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on.add(node)
        for nxt in graph.find_modules_directly_imported_by(node):
            if not nxt.startswith("course_lib"):
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                top = stack.pop()
                on.discard(top)
                group.add(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(group)

    for module in sorted(graph.modules):
        if module.startswith("course_lib") and module not in index:
            visit(module)
    return found


def _without_packages(graph: grimp.ImportGraph) -> grimp.ImportGraph:
    """The graph of modules only: a package's ``__init__`` re-exporting its own modules is
    not a circle between files."""
    packages = {m for m in graph.modules if m.startswith("course_lib") and
                graph.find_children(m)}
    copy = graph.copy() if hasattr(graph, "copy") else graph
    for pkg in packages:
        for child in graph.find_modules_directly_imported_by(pkg):
            if child.startswith(pkg + "."):
                copy.remove_import(importer=pkg, imported=child)
    return copy


def test_no_circle_between_files():
    graph = _without_packages(grimp.build_graph("course_lib"))
    assert _cycles(graph) == []


def test_a_circle_is_found():
    graph = grimp.ImportGraph()
    for name in ("course_lib.a", "course_lib.b", "course_lib.c"):
        graph.add_module(name)
    graph.add_import(importer="course_lib.a", imported="course_lib.b")
    graph.add_import(importer="course_lib.b", imported="course_lib.a")
    graph.add_import(importer="course_lib.b", imported="course_lib.c")
    assert _cycles(graph) == [{"course_lib.a", "course_lib.b"}]


def test_files_stay_small():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "course_lib").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420}
    assert long == {}
