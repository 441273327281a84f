"""The English side is a package whose modules import one another without a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import flashcards

PACKAGE = Path(flashcards.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, top_level_only: bool, modules: set[str]) -> set[str]:
    """The flashcards modules a module imports: ``from .x import y`` needs x; ``from . import x``
    needs the submodule x, or the package itself when x is a name it defines."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text("utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("flashcards"))
    return found


def _graph(top_level_only: bool) -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path, top_level_only, set(modules)) if m in modules and m != name}
            for name, path in modules.items()}


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        for following in sorted(graph.get(node, ())):
            if following == start:
                return path + [start]
            if following not in seen:
                seen.add(following)
                stack.append((following, path + [following]))
    return None


def test_the_english_package_closes_no_import_cycle():
    """Walking every import of every module, lazy ones inside functions too: none of the
    English side's modules is reached again from itself."""
    graph = _graph(top_level_only=False)
    english = sorted(name for name in graph if name == "flashcards.english" or name.startswith("flashcards.english."))
    assert len(english) >= 7
    cycles = {name: _cycle_through(graph, name) for name in english}
    assert {name: cycle for name, cycle in cycles.items() if cycle} == {}


def test_the_english_names_other_modules_use_stay_importable():
    from flashcards import english

    for name in ("lemmas", "words", "gloss_words", "content_lemmas", "function_words", "american_spelling"):
        assert callable(getattr(english, name))
