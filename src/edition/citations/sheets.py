"""Sheets (list, л.) and URL slugs of archival units."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from edition.citations.registry import CYRILLIC, SHEET_PARTS_RE, Registry
from edition.model import Citation, SheetRange


def normalize_sheet(text: str) -> str:
    """Write a sheet compactly: `5 об.` -> `5об.`, `5ob` -> `5ob.`."""
    m = SHEET_PARTS_RE.match(text.strip())
    if not m:
        return text.strip()
    verso = m.group(3) or ""
    if verso:
        verso = ("об" if verso[0].lower() == "о" else "ob") + "."
    return m.group(1) + m.group(2) + verso


def sheet_key(sheet: str) -> tuple:
    """Sort key: numeric first (5 < 5ob. < 6 < 10), anything else after, by text."""
    m = SHEET_PARTS_RE.match(sheet)
    if not m:
        return (1, 0, sheet, 0)
    return (0, int(m.group(1)), m.group(2).lower(), 1 if m.group(3) else 0)


def _position(sheet: str) -> int | None:
    """Recto n -> 2n, verso n -> 2n+1; None for sheets with a letter or no number."""
    kind, number, letter, verso = sheet_key(sheet)
    return None if kind or letter else 2 * number + verso


def merge_sheets(ranges: Iterable[SheetRange]) -> tuple[SheetRange, ...]:
    """Sort ranges naturally and merge those that overlap or touch."""
    merged: list[SheetRange] = []
    for r in sorted(ranges, key=lambda r: (sheet_key(r.first), sheet_key(r.last))):
        if merged and _touches(merged[-1].last, r.first):
            last = max(merged[-1].last, r.last, key=sheet_key)
            merged[-1] = SheetRange(merged[-1].first, last)
        else:
            merged.append(r)
    return tuple(merged)


def _touches(last: str, first: str) -> bool:
    a, b = _position(last), _position(first)
    if a is None or b is None:
        return last == first
    return b <= a + 1 or (a % 2 == 0 and b == a + 2)


def format_sheets(ranges: Iterable[SheetRange]) -> str:
    """Write ranges as `1–9, 53`."""
    return ", ".join(r.first if r.is_single else f"{r.first}–{r.last}" for r in ranges)


@lru_cache(maxsize=65536)
def number_slug(number: str) -> str:
    """Make a number safe for a URL, deterministically: `0129` stays, `3а` -> `3a`."""
    text = "".join(CYRILLIC.get(c, c) for c in number.strip().lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug or "u" + "-".join(f"{ord(c):x}" for c in number)


@lru_cache(maxsize=65536)
def level_slug(level: str, number: str) -> str:
    """Return a level's URL segment: `fond-3`, `papka-355`, `delo-14`."""
    return f"{level}-{number_slug(number)}"


def sheet_anchor(sheet: str) -> str:
    """Return the anchor of a sheet on its file page: `list-5`, `list-5ob`."""
    return "list-" + number_slug(normalize_sheet(sheet))


def unit_url(citation: Citation, registry: Registry) -> str:
    """Return the page of the unit an archival citation names, or "" if it names none."""
    archive = registry.get(citation.archive) if citation.archive else None
    if archive is None or citation.kind != "archival" or not citation.levels:
        return ""
    named = dict(citation.levels)
    parts = [level_slug(lv, named[lv]) for lv in archive.levels if lv in named]
    return "/".join(("archives", archive.slug, *parts)) + "/"
