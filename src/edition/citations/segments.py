"""Segments of a note that are not archival: web pages, periodicals, books, prose."""

from __future__ import annotations

import re

from edition.model import Citation

URL_RE = re.compile(r"<(https?://[^>\s]+)>|(?<![<\w])(https?://[^\s<>]+[^\s<>.,;)])")
ACCESSED_RE = re.compile(r"(?:last\s+)?accessed(?:\s+on)?:?\s*([^)]+?)\s*\)?\.?\s*$", re.I)
ACCESSED_RU_RE = re.compile(r"дата\s+обращения:?\s*([^)]+?)\s*\)?\.?\s*$", re.I)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
PERIODICAL_RE = re.compile(
    rf"[*_]+[^*_]+[*_]+[,.]?\s+(?:no\.\s*\d+,?\s*|№\s*\d+,?\s*)?"
    rf"(?:\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}},\s*\d{{4}}"
    rf"|\d{{4}}\.\s*\d{{1,2}}\s+(?:{_MONTHS})|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})",
    re.I,
)
PERIODICAL_PAGE_RE = re.compile(r"(?:pp?|[sс])\.\s*(\d+(?:\s*[–-]\s*\d+)?)\.?\s*$", re.I)
TITLE_RE = re.compile(r"\*[^*]+\*|“[^”]+”|«[^»]+»|\"[^\"]+\"")
PAGES_RE = re.compile(
    r",\s*(?:pp?\.\s*)?(\d+(?:\s*[–-]\s*\d+)?(?:,\s*\d+(?:\s*[–-]\s*\d+)?)*)\.?\s*$"
)
OP_CIT_RE = re.compile(r"(?<![^\W\d_])(?:op\.\s*cit|ук\.\s*соч)\.", re.I)
_OPENING_RE = re.compile(r"[(\[<“«\"]")
TRAILING_PARENS_RE = re.compile(r"\s*\([^()]*\)\s*\.?\s*$")


def top_level_end(text: str, pos: int) -> int:
    """Return where the segment from `pos` ends: the next `;` outside brackets and quotes."""
    semicolon = text.find(";", pos)
    if semicolon < 0:
        return len(text)
    if not _OPENING_RE.search(text, pos, semicolon):
        return semicolon  # no bracket or quote before it: the usual case, found fast
    depth, quoted = 0, False
    for i in range(pos, len(text)):
        c = text[i]
        if c in "([<“«":
            depth += 1
        elif c in ")]>”»":
            depth = max(0, depth - 1)
        elif c == '"':
            quoted = not quoted
        elif c == ";" and not depth and not quoted:
            return i
    return len(text)


def classify_segment(segment: str) -> Citation:
    """Read a segment that is not archival: web, periodical, bibliographic or unparsed."""
    text = segment.strip()
    bare = text[:-1] if text.endswith(".") else text
    if m := URL_RE.search(text):
        accessed = ACCESSED_RE.search(text) or ACCESSED_RU_RE.search(text)
        return Citation(
            kind="web",
            text=bare,
            url=m.group(1) or m.group(2),
            accessed=accessed.group(1) if accessed and accessed.start() > m.end() else "",
        )
    if PERIODICAL_RE.match(text):
        page = PERIODICAL_PAGE_RE.search(text)
        return Citation(kind="periodical", text=bare, pages=page.group(1) if page else "")
    if OP_CIT_RE.search(text):  # a work cited before: a book, whatever it lacks
        pages = PAGES_RE.search(text)
        return Citation(kind="bibliographic", text=bare, pages=pages.group(1) if pages else "")
    if TITLE_RE.search(text) and text[0] not in "[(":
        pages = PAGES_RE.search(text) or PAGES_RE.search(TRAILING_PARENS_RE.sub("", text))
        return Citation(kind="bibliographic", text=bare, pages=pages.group(1) if pages else "")
    return Citation(kind="unparsed", text=text)
