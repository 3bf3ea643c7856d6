"""Which of the package's own files shape a cached result, found from the package itself.

The lists are made from the folders by stage, so a new module cannot be
forgotten and a moved one cannot break a key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from edition.build.cache import digest

PACKAGE = Path(__file__).resolve().parent.parent
# Code, data and the packaged templates and assets.
SUFFIXES = (".py", ".yaml", ".html", ".css", ".js", ".svg", ".xml", ".txt")
# The core modules every stage may import.
CORE = ("errors.py", "model.py", "yamlfile.py")


def _files(*parts: str) -> tuple[Path, ...]:
    found: list[Path] = []
    for part in parts:
        path = PACKAGE / part
        if path.is_dir():
            found += (p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
    return tuple(sorted(set(found)))


def _digest(files: tuple[Path, ...]) -> str:
    parts = ((p.relative_to(PACKAGE).as_posix(), p.read_bytes()) for p in files)
    return digest(*(part for pair in parts for part in pair))


@cache
def import_code() -> str:
    """The code and data that turn a source into article.yaml: a change re-imports."""
    return _digest(_files(*CORE, "text", "citations", "content", "data"))


@cache
def article_code() -> str:
    """The code that turns article.yaml into an Article."""
    return _digest(_files(*CORE, "content/article_yaml.py"))


@cache
def page_code() -> str:
    """Every module and data file of the package: any change re-renders every page."""
    return _digest(_files("."))
