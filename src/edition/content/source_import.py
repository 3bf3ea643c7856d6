"""A source's bytes to what import writes: article.yaml and references.bib.

Pure: the caller reads the source and writes the files (build/imports.py runs
this in worker processes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from edition.citations.grammar import parse_notes
from edition.citations.link import resolve_notes
from edition.citations.registry import Registry
from edition.content.article_yaml import dump_article
from edition.content.bibtex import to_bibtex
from edition.errors import Problem, Problems
from edition.model import Article
from edition.text.audit import audit_cut_words, audit_lines, audit_sequence
from edition.text.bibliography import parse_bibliography
from edition.text.language import detect_language
from edition.text.raw import is_raw, read_raw_pages
from edition.text.reader import decode_source, parse_article
from edition.text.sanity import source_problems, truncation_problems


def slug_for(source: Path) -> str:
    return source.stem.lower()


def read_article(
    data: bytes, path: str, slug: str, registry: Registry
) -> tuple[Article | None, Problems]:
    """Source bytes to a fully parsed article: text, notes' citations, bibliography."""
    article, _, problems = read_source(data, path, slug, registry)
    return article, problems


def read_source(
    data: bytes, path: str, slug: str, registry: Registry
) -> tuple[Article | None, tuple[str, ...], Problems]:
    """The article, and the lines its `line` numbers count: a text's, or those read from a PDF."""
    problems = Problems()
    if path.lower().endswith(".pdf") or data.startswith(b"%PDF-"):
        article, lines = _read_pdf(data, path, slug, problems)
    else:
        text = decode_source(data, path, problems)
        if text is None:
            return None, (), problems
        lines = tuple(text.splitlines())
        article = _read_text(text, path, slug, problems)
    if article is None or problems.errors:
        return None, lines, problems
    audit_cut_words(article, path, problems)
    notes = parse_notes(article.notes, registry)
    article = replace(article, notes=resolve_notes(notes, article))
    article = replace(article, language=detect_language(p.text for p in article.paragraphs))
    return article, lines, problems


def _read_text(text: str, path: str, slug: str, problems: Problems) -> Article | None:
    problems.items.extend(source_problems(text, path))
    if problems.errors:
        return None
    if is_raw(text) and text.strip():
        article = _read_raw(text, path, slug, problems)
    else:
        article, found = parse_article(text, path, slug, parse_bibliography)
        problems.extend(found)
        if article is not None:  # the text form audits itself as the others do
            audit_lines(list(enumerate(text.splitlines(), 1)), article, path, problems)
            audit_sequence(article, path, problems)
    if article is not None:
        problems.items.extend(truncation_problems(article, text.splitlines()))
    return article


def _read_raw(text: str, path: str, slug: str, problems: Problems) -> Article | None:
    """A raw extraction, its two-column pages (`pdftotext -layout`) read column by column."""
    from edition.text.laid import parse_laid  # only for raw sources and PDFs: not loaded else
    from edition.text.rawlayout import to_source, unfold_columns

    unfolded = unfold_columns(text)
    found = Problems()
    article = parse_laid(
        read_raw_pages(unfolded.text), path, slug, "raw", parse_bibliography, found
    )
    article, items = to_source(unfolded, article, found.items)
    problems.items.extend(items)
    for line, doubt in unfolded.doubts:
        problems.warning(path, line, doubt, "check these lines in the source", "columns")
    return article


def _read_pdf(
    data: bytes, path: str, slug: str, problems: Problems
) -> tuple[Article | None, tuple[str, ...]]:
    from edition.text.pdf import import_pdf  # pdfium's bindings and the PDF readers

    try:
        return import_pdf(data, path, slug, parse_bibliography, problems)
    except Exception as err:  # pdfium's own errors: a damaged or encrypted file
        problems.error(path, 0, f"cannot read the PDF: {err}", "is it damaged or encrypted?", "pdf")
        return None, ()


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
