"""The package's shape: folders by stage, each importing only the core and earlier stages."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "edition"
CORE = {"errors", "model", "yamlfile", "config"}
VERBS = {"cli", "serve", "check", "pipeline"}
# What each stage may import besides the core: the stages before it.
STAGES = {
    "text": set(),
    "citations": {"text"},
    "content": {"text", "citations"},
    "site": {"text", "citations", "content"},
    "build": {"text", "citations", "content", "site"},
}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("edition", *parts))] = path
    return found


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, names, line) of every import of the package, in functions too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("edition"):
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("edition")]
    return found


def _targets(module: str, names: list[str], modules: dict[str, Path]) -> list[str]:
    """The package modules an import statement loads."""
    subs = [f"{module}.{name}" for name in names if f"{module}.{name}" in modules]
    return subs or ([module] if module in modules else [])


def _place(module: str) -> str:
    """'core', 'verb', a stage name, or 'package'."""
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    if parts[1] in STAGES:
        return parts[1]
    return "core" if parts[1] in CORE else "verb" if parts[1] in VERBS else parts[1]


def test_the_top_level_holds_only_the_verbs_and_the_core() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert top <= CORE | VERBS, top - CORE - VERBS
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(STAGES) | {"data", "templates"} or folders == set(STAGES) | {"data"}


def test_each_stage_imports_only_the_core_and_earlier_stages() -> None:
    modules = _modules()
    wrong = []
    for module, path in modules.items():
        place = _place(module)
        allowed = {"core"} | STAGES.get(place, set()) | ({place} if place in STAGES else set())
        if place == "core":
            allowed = {"core"}
        if place in ("verb", "package"):
            continue
        for target_module, names, line in _imports(path):
            for target in _targets(target_module, names, modules):
                if _place(target) not in allowed:
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {target}")
    assert wrong == []


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = {
        module: {t for m, names, _ in _imports(path) for t in _targets(m, names, modules)}
        - {module}
        for module, path in modules.items()
    }
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if target.rsplit(".", 1)[0] == module or module.startswith(target + "."):
                continue  # a package and its own modules
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_module_imports_a_private_name_of_another() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {name} from {module}"
        for path in PACKAGE.rglob("*.py")
        for module, names, line in _imports(path)
        for name in names
        if name.startswith("_")
    ]
    assert wrong == []


def test_modules_stay_small() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
