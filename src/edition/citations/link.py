"""Link a note's citations: to bibliography entries, and Ibid. to what it repeats."""

from __future__ import annotations

from dataclasses import replace

from edition.citations.bibmatch import match_archive, match_citation
from edition.citations.ibid import resolve
from edition.model import Article, Citation, Note


def resolve_notes(notes: tuple[Note, ...], article: Article) -> tuple[Note, ...]:
    """Link citations to bibliography entries and resolve Ibid. and inherited levels.

    Books are matched by author and title; a web citation by its URL; an
    archival one to the archive's entry (or its fonds' sub-entry), so that the
    bibliography's "cited in notes" lists every note that uses it.
    """
    entries = article.bibliography

    def lookup(citation: Citation) -> tuple[str, str]:
        return match_citation(citation.text, entries)

    def linked(citation: Citation) -> Citation:
        if citation.bib_key:
            return citation
        if citation.kind == "web":
            key, _ = match_citation(citation.text, entries)
        elif citation.kind == "archival" and citation.archive:
            key = match_archive(citation.archive, citation.level("fond"), entries)
        else:
            return citation
        return replace(citation, bib_key=key) if key else citation

    resolved = resolve(notes, lookup)
    return tuple(replace(n, citations=tuple(linked(c) for c in n.citations)) for n in resolved)
