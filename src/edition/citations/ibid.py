"""Ibid. and inherited levels: a citation completed from the one before it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from edition.model import Citation, Note

# An Ibid.'s locator that names a file's sheet, not a book's page: `l. 5`, `Л. 5`.
SHEET_LABEL_RE = re.compile(r"(?<![^\W\d_])(?:ll?|лл?|ark|арк)\.?\s*\d", re.I)
# The usual order of levels, for a level an archive's registry entry does not list.
DEFAULT_ORDER = ("fond", "opis", "papka", "delo")


def resolve(
    notes: Sequence[Note], bib_lookup: Callable[[Citation], tuple[str, str]] | None = None
) -> tuple[Note, ...]:
    """Fill levels taken from context and resolve Ibid.; running it again changes nothing.

    Only what `inherited` lists comes from context, so it is cleared and taken again:
    after an editor overrides an earlier citation, re-resolving follows the change.
    """
    resolved = []
    prev: Citation | None = None
    for note in notes:
        citations = []
        for i, citation in enumerate(note.citations):
            c = _strip(citation)
            if c.kind == "bibliographic" and not c.ibid and not c.bib_key and bib_lookup:
                key, pages = bib_lookup(c)
                if key:
                    c = replace(c, bib_key=key, pages=pages or c.pages)
            if c.ibid:
                c = _resolve_ibid(c, prev)
            elif c.kind == "archival" and not c.archive and i and citations[-1].kind == "archival":
                c = inherit(c, citations[-1])
            citations.append(c)
            if c.kind != "unparsed":  # the chain runs past prose to the last citation
                prev = c
        resolved.append(replace(note, citations=tuple(citations)))
    return tuple(resolved)


def _strip(c: Citation) -> Citation:
    """Drop everything the citation took from context."""
    if not c.inherited:
        return c
    taken = set(c.inherited)
    kind = c.kind
    if c.ibid and "archive" in taken and not [n for n, _ in c.levels if n not in taken]:
        # An Ibid. made archival by what it follows is a book's again, unless it names a sheet.
        kind = "archival" if SHEET_LABEL_RE.search(c.text) else "bibliographic"
    return replace(
        c,
        kind=kind,
        archive="" if "archive" in taken else c.archive,
        levels=tuple((n, v) for n, v in c.levels if n not in taken),
        sheets=() if "sheets" in taken else c.sheets,
        bib_key="" if "bib_key" in taken else c.bib_key,
        pages="" if "pages" in taken else c.pages,
        url="" if "url" in taken else c.url,
        accessed="" if "accessed" in taken else c.accessed,
        inherited=(),
    )


def _rank(level: str) -> int:
    return DEFAULT_ORDER.index(level) if level in DEFAULT_ORDER else len(DEFAULT_ORDER)


def inherit(c: Citation, prev: Citation, with_sheets: bool = False) -> Citation:
    """Take the archive and the levels above the first one `c` names from `prev`."""
    if not prev.archive:
        return c
    names = [n for n, _ in prev.levels]
    if not c.levels:
        taken = prev.levels
    elif c.levels[0][0] in names:
        taken = prev.levels[: names.index(c.levels[0][0])]
    else:
        taken = tuple((n, v) for n, v in prev.levels if _rank(n) < _rank(c.levels[0][0]))
    inherited = ("archive", *(n for n, _ in taken))
    sheets = c.sheets
    if with_sheets and not c.levels and not c.sheets and prev.sheets:
        sheets, inherited = prev.sheets, (*inherited, "sheets")
    return replace(
        c, archive=prev.archive, levels=taken + c.levels, sheets=sheets, inherited=inherited
    )


def _resolve_ibid(c: Citation, prev: Citation | None) -> Citation:
    """Point an Ibid. at the citation before it, whatever kind that is."""
    if prev is None or prev.kind == "unparsed":
        return c
    if prev.kind == "archival":
        return inherit(replace(c, kind="archival"), prev, with_sheets=True)
    if c.levels or c.kind == "archival":  # a file's levels or sheets after a book: broken
        return c
    taken = {n: getattr(prev, n) for n in ("bib_key", "url", "accessed") if getattr(prev, n)}
    if not c.pages and prev.pages:
        taken["pages"] = prev.pages
    return replace(c, kind=prev.kind, inherited=tuple(taken), **taken)


# --- problems ----------------------------------------------------------------------------
