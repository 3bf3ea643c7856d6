"""The tree of cited archival units: archive → fond → opis (→ papka) → delo."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from edition.citations.registry import SHEETS, Archive, Registry
from edition.citations.sheets import format_sheets, level_slug, merge_sheets
from edition.model import Article, SheetRange


@dataclass(frozen=True)
class CitationRef:
    """One citation of a unit: where it is and which sheets it cites."""

    article: str  # article slug
    note: int
    line: int
    text: str
    sheets: tuple[SheetRange, ...]  # sorted, ranges merged
    ibid: bool = False
    via: int = 0  # for an Ibid.: the note of the citation written out in full it repeats


# One citation of a unit: (archive slug, path of (level, number) from the top, ref).
Unit = tuple[str, tuple[tuple[str, str], ...], CitationRef]


@dataclass(frozen=True)
class UnitNode:
    """An archive or a unit in it (fond, opis, papka, delo) with what cites it.

    `title` is the archive's short name, a fond's title from the registry, or ""
    (unknown: show it as unknown). `files` counts cited units at or below this
    one, `citation_count` the citations of them.
    """

    archive: str  # slug
    level: str  # "archive" or a level name
    number: str  # as written; "" for the archive
    slug: str
    url: str  # "archives/rgani/fond-3/", relative to the site root
    title: str
    path: tuple[tuple[str, str], ...]  # (level, number) from the top down to here
    children: tuple[UnitNode, ...]
    citations: tuple[CitationRef, ...]
    sheets: tuple[SheetRange, ...]  # every sheet cited of this unit, merged
    files: int
    citation_count: int


@dataclass(frozen=True)
class ArchiveTree:
    archives: tuple[UnitNode, ...]
    by_url: dict[str, UnitNode] = field(compare=False, hash=False, repr=False)

    @property
    def files(self) -> int:
        return sum(a.files for a in self.archives)

    @property
    def citation_count(self) -> int:
        return sum(a.citation_count for a in self.archives)

    def walk(self) -> Iterable[UnitNode]:
        """Yield every node, parents before children, in sorted order."""
        stack = list(reversed(self.archives))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def number_key(number: str) -> tuple:
    """Natural order of unit numbers: 2 < 10 < 10a; 0129 kept apart from 129."""
    m = re.match(r"(\d+)(.*)$", number)
    return (0, int(m.group(1)), m.group(2), number) if m else (1, 0, number, number)


def article_units(article: Article, registry: Registry) -> list[Unit]:
    """Every archival citation of an article that names a unit: (archive slug, path, ref).

    The path runs from the archive down, in the archive's order of levels, and
    holds only the levels the citation names.
    """
    found = []
    origin = 0  # the note of the last archival citation written out in full
    for note in article.notes:
        for c in note.citations:
            if c.kind == "archival" and c.archive and not c.ibid:
                origin = note.n
            elif c.kind in ("bibliographic", "web", "periodical") and not c.ibid:
                origin = 0
            archive = registry.get(c.archive) if c.kind == "archival" and c.archive else None
            if archive is None or not c.levels:
                continue
            named = dict(c.levels)
            path = tuple((level, named[level]) for level in archive.levels if level in named)
            if not path or path[0][0] != archive.levels[0]:
                continue  # no fond named: a page for it would be a guess (check reports it)
            ref = CitationRef(
                article.slug,
                note.n,
                note.line,
                c.text,
                merge_sheets(c.sheets),
                c.ibid,
                origin if c.ibid else 0,
            )
            found.append((archive.slug, path, ref))
    return found


@lru_cache(maxsize=65536)
def path_url(archive: str, path: tuple[tuple[str, str], ...]) -> str:
    """The page of a unit: `archives/rgani/fond-3/opis-14/`."""
    return "/".join(("archives", archive, *(level_slug(lv, n) for lv, n in path))) + "/"


def build_tree(articles: Sequence[Article], registry: Registry) -> ArchiveTree:
    """Gather every resolved archival citation of every article into archive -> ... -> delo."""
    return tree_of_units(registry, (u for a in articles for u in article_units(a, registry)))


def tree_of_units(registry: Registry, units: Iterable[Unit]) -> ArchiveTree:
    """The tree of the citations `article_units` found (of one article or many)."""
    # Nested dicts keyed by (level, number); "" holds the citations of the unit itself.
    root: dict = {}
    for archive, path, ref in units:
        node = root.setdefault(("archive", archive), {})
        for key in path:
            node = node.setdefault(key, {})
        node.setdefault("", []).append(ref)
    by_url: dict[str, UnitNode] = {}
    archives = []
    for (_, slug), body in sorted(root.items(), key=lambda kv: kv[0][1]):
        archive = registry.get(slug)
        archives.append(_freeze(archive, "archive", "", body, (), ("archives", slug), by_url))
    return ArchiveTree(tuple(archives), by_url)


def _freeze(archive: Archive, level: str, number: str, body: dict, path, parts, by_url) -> UnitNode:
    children = []
    for key in sorted((k for k in body if k), key=lambda k: number_key(k[1])):
        sub_level, sub_number = key
        slug = level_slug(sub_level, sub_number)
        sub_path = (*path, key)
        children.append(
            _freeze(archive, sub_level, sub_number, body[key], sub_path, (*parts, slug), by_url)
        )
    refs = sorted(body.get("", []), key=lambda r: (r.article, r.note))
    title = archive.short if level == "archive" else ""
    if level == "fond":
        title = archive.fond_title(number)
    node = UnitNode(
        archive=archive.slug,
        level=level,
        number=number,
        slug=parts[-1],
        url="/".join(parts) + "/",
        title=title,
        path=path,
        children=tuple(children),
        citations=tuple(refs),
        sheets=merge_sheets(r for ref in refs for r in ref.sheets),
        files=(1 if refs else 0) + sum(c.files for c in children),
        citation_count=len(refs) + sum(c.citation_count for c in children),
    )
    by_url[node.url] = node
    return node


def is_file_page(node: UnitNode) -> bool:
    """A delo, or a unit cited with nothing cited below it, gets a file page."""
    return node.level == "delo" or not node.children


# --- citation data -----------------------------------------------------------------------


def archive_location(archive: Archive, path: Sequence[tuple[str, str]], sheets=()) -> str:
    """Write a unit's place in the archive in the transliterated style: `f. 3, op. 14, d. 463`."""
    table = archive.location_table
    first = {level: abbrs[0] for level, abbrs in table if abbrs}
    parts = [f"{first.get(level, level)} {number}" for level, number in path]
    if sheets:
        many = len(sheets) > 1 or not sheets[0].is_single
        label = (dict(table).get(SHEETS) or ("l.", "ll."))[-1 if many else 0]
        parts.append(f"{label} {format_sheets(sheets)}")
    return ", ".join(parts)


def csl_manuscript(node: UnitNode, registry: Registry) -> dict[str, Any]:
    """Return the CSL-JSON `manuscript` record citing a unit."""
    archive = registry.get(node.archive)
    location = archive_location(archive, node.path)
    return {
        "id": node.url.strip("/").replace("/", "-"),
        "type": "manuscript",
        "title": f"{archive.short}, {location}",
        "archive": f"{archive.name} ({archive.short})",
        "archive_location": location,
        "archive-place": archive.city,
    }


def citation_rows(article: Article, registry: Registry) -> list[dict[str, Any]]:
    """An article's archival citations as data, in note order, for /archives/citations.json."""
    return unit_rows(article_units(article, registry), registry)


def unit_rows(
    units: Iterable[tuple[str, tuple[tuple[str, str], ...], CitationRef]], registry: Registry
) -> list[dict[str, Any]]:
    """Rows of citations.json for what `article_units` found."""
    return [
        {
            "article": ref.article,
            "note": ref.note,
            "text": ref.text,
            "archive": registry.get(slug).short,
            "archive_slug": slug,
            "levels": dict(path),
            "sheets": [r.first if r.is_single else f"{r.first}–{r.last}" for r in ref.sheets],
            "url": path_url(slug, path),
        }
        for slug, path, ref in units
    ]
