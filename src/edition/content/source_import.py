"""A source's bytes to what import writes: article.yaml and references.bib.

Pure: the caller reads the source and writes the files (build/imports.py runs
this in worker processes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from edition.citations.grammar import parse_note
from edition.citations.link import resolve_notes
from edition.citations.registry import Registry
from edition.content.article_yaml import dump_article
from edition.content.bibtex import to_bibtex
from edition.errors import Problem, Problems
from edition.model import Article
from edition.text.bibliography import parse_bibliography
from edition.text.reader import decode_source, parse_article
from edition.text.sanity import source_problems, truncation_problems


def slug_for(source: Path) -> str:
    return source.stem.lower()


def read_article(
    data: bytes, path: str, slug: str, registry: Registry
) -> tuple[Article | None, Problems]:
    """Source bytes to a fully parsed article: text, notes' citations, bibliography."""
    problems = Problems()
    text = decode_source(data, path, problems)
    if text is None:
        return None, problems
    problems.items.extend(source_problems(text, path))
    if problems.errors:
        return None, problems
    article, found = parse_article(text, path, slug, parse_bibliography)
    problems.extend(found)
    if article is None:
        return None, problems
    problems.items.extend(truncation_problems(article, text.splitlines()))
    if problems.errors:
        return None, problems
    notes = tuple(replace(n, citations=parse_note(n.text, registry)) for n in article.notes)
    return replace(article, notes=resolve_notes(notes, article)), problems


@dataclass(frozen=True)
class Imported:
    """What one source became: the files' text (None on errors), the article, problems."""

    slug: str
    yaml_text: str | None
    bib_text: str
    article: Article | None
    problems: tuple[Problem, ...]


def import_source(data: bytes, shown: str, slug: str, registry: Registry, digest: str) -> Imported:
    """Parse one source into its article.yaml and references.bib text."""
    article, found = read_article(data, shown, slug, registry)
    if article is None:
        return Imported(slug, None, "", None, tuple(found.items))
    article = replace(article, import_sha256=digest)
    text = dump_article(article, digest)
    return Imported(slug, text, to_bibtex(article.bibliography), article, tuple(found.items))
