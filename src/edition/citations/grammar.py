"""Read the citations of a note, resolve Ibid., and report what cannot be read.

Pure functions: text and registry in, model.Citation out. An archival citation is
read as a run of (abbreviation, number) tokens; the style (see content/archives.yaml)
is chosen for the whole run, because the same abbreviation means different levels
in different styles (`f.` is a fond in one style, a delo in another).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from edition.citations.ibid import inherit
from edition.citations.registry import SHEETS, Archive, Registry
from edition.citations.sheets import format_sheets, normalize_sheet, sheet_key
from edition.errors import Problem
from edition.model import Citation, Note, SheetRange

_L = "a-zа-яё"  # letters that may follow a number (3а, 14a)
_VERSO = rf"(?:ob|об)(?![{_L}])\.?"
_SHEET = rf"\d+(?:[{_L}](?![{_L}]))?(?:\s*{_VERSO})?"
_SHEET_ITEM = rf"{_SHEET}(?:\s*[–—-]\s*{_SHEET})?"
SHEET_LIST_RE = re.compile(rf"{_SHEET_ITEM}(?:\s*[,;]\s*{_SHEET_ITEM})*", re.I)
SHEET_ITEM_RE = re.compile(rf"({_SHEET})(?:\s*[–—-]\s*({_SHEET}))?", re.I)
# A unit's number: 463, 0129, 3а, or with a letter prefix as GARF writes fonds (R-5446).
_NUMBER = rf"(?:[{_L}]-)?\d+(?:[{_L}](?![{_L}]))?"
NUMBER_RE = re.compile(rf"{_NUMBER}$", re.I)
IBID_RE = re.compile(r"[*_]*(?:ibidem|ibid|ib\.|там\s+же|tam\s+zhe)\.?[*_]*", re.I)
LOCATOR_RE = re.compile(rf"(?:(?:pp?|[sс])\.\s*)?({SHEET_LIST_RE.pattern})", re.I)
SKIP_RE = re.compile(r"[\s,.:]*")
GAP_RE = re.compile(r"[\s;,]*")
AFTER_NAME_RE = re.compile(r"(?:\s*(?:\([^()]*\)|\[[^\[\]]*\]))*[*_]*[\s,.:]*")
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
TRAILING_PARENS_RE = re.compile(r"\s*\([^()]*\)\s*\.?\s*$")


# --- sheets ------------------------------------------------------------------------------


def parse_sheets(text: str) -> tuple[SheetRange, ...]:
    """Read a sheet list (`1–9`, `63, 69`, `73–77; 89–96`, `5ob.–6`) into ranges."""
    ranges = []
    for m in SHEET_ITEM_RE.finditer(text):
        first = normalize_sheet(m.group(1))
        ranges.append(SheetRange(first, normalize_sheet(m.group(2)) if m.group(2) else first))
    return tuple(ranges)


# --- reading a note ----------------------------------------------------------------------


def parse_note(text: str, registry: Registry) -> tuple[Citation, ...]:
    """Split a note's Markdown text into its citations."""
    reader = _Reader(text, registry)
    return reader.read()


@lru_cache(maxsize=16)
def _token_re(labels: str) -> re.Pattern[str]:
    """One token: separator, a level's abbreviation (markup may wrap it), its value."""
    return re.compile(
        rf"[ \t]*[,.]?[ \t]*[*_]*(?<![^\W\d_])({labels})[*_]*\s*"
        rf"((?:[{_L}]-)?{SHEET_LIST_RE.pattern})",
        re.I,
    )


class _Reader:
    """One pass over a note; `prev`/`style` remember the citation just read."""

    def __init__(self, text: str, registry: Registry) -> None:
        self.text = text
        self.registry = registry
        self.out: list[Citation] = []
        self.style = ""
        self.token_re = _token_re(registry.label_alternation)

    def read(self) -> tuple[Citation, ...]:
        text, pos = self.text, 0
        while True:
            pos = GAP_RE.match(text, pos).end()
            if pos >= len(text):
                return tuple(self.out)
            found = self._archival_at(pos, pos)
            if found is None:
                end = top_level_end(text, pos)
                found = self._archival_within(pos, end)
                if found is None:
                    self.out.append(classify_segment(text[pos:end]))
                    self.style = ""
                    pos = end
                    continue
            citation, pos = found
            self.out.append(citation)
            rest = SKIP_RE.match(text, pos).end()
            if rest >= len(text) or text[rest] == ";":
                pos = rest
                continue
            end = top_level_end(text, rest)
            if self._archival_at(rest, rest) or self._archival_within(rest, end):
                pos = rest
                continue
            if classify_segment(text[rest:end]).kind == "unparsed":
                # Not a citation: it comments on the one just read.
                self.out[-1] = replace(self.out[-1], commentary=text[rest:end].strip())
                pos = end
            else:
                pos = rest

    def _archival_at(self, start: int, pos: int) -> tuple[Citation, int] | None:
        """Read an archival citation (or Ibid.) beginning at `pos`; its text from `start`."""
        text, prev = self.text, self.out[-1] if self.out else None
        name = self.registry.name_pattern.match(text, pos + _markup(text, pos))
        if name:
            archive = self.registry.get(name.group(0))
            return self._levels(start, AFTER_NAME_RE.match(text, name.end()).end(), archive)
        ibid = IBID_RE.match(text, pos)
        if ibid and start == pos:
            return self._ibid(pos, SKIP_RE.match(text, ibid.end()).end())
        if prev is not None and prev.kind == "archival" and start == pos:
            archive = self.registry.get(prev.archive) if prev.archive else None
            found = self._levels(pos, pos, archive, continuing=True)
            if found:
                return inherit(found[0], prev), found[1]
        return None

    def _archival_within(self, start: int, end: int) -> tuple[Citation, int] | None:
        """Find an archive named later in the segment (after a document's description)."""
        for name in self.registry.name_pattern.finditer(self.text, start, end):
            found = self._archival_at(start, name.start())
            if found:
                return found
        return None

    def _tokens(self, pos: int) -> list[re.Match[str]]:
        tokens = []
        while m := self.token_re.match(self.text, pos):
            tokens.append(m)
            pos = m.end()
        return tokens

    def _levels(
        self, start: int, pos: int, archive: Archive | None, continuing: bool = False
    ) -> tuple[Citation, int] | None:
        tokens = self._tokens(pos)
        styles = archive.styles if archive else self.registry.all_styles
        order = archive.levels if archive else self.registry.all_levels
        for k in range(len(tokens), 0, -1):
            read = _interpret(tokens[:k], styles, order, self.style if continuing else "")
            if read:
                style, levels, sheets = read
                self.style = style
                end = tokens[k - 1].end()
                citation = Citation(
                    kind="archival",
                    text=self.text[start:end],
                    archive=archive.slug if archive else "",
                    levels=levels,
                    sheets=parse_sheets(sheets),
                )
                return citation, end
        return None

    def _ibid(self, start: int, pos: int) -> tuple[Citation, int]:
        found = self._levels(start, pos, None)
        if found and found[0].levels:
            citation, end = found
            return replace(citation, ibid=True, pages=format_sheets(citation.sheets)), end
        end = pos
        locator = ""
        if found:
            end = found[1]
            locator = self.text[pos:end]
        elif m := LOCATOR_RE.match(self.text, pos):
            end, locator = m.end(), m.group(1)
        text = self.text[start:end].rstrip(" ,:") if end == pos else self.text[start:end]
        sheets = parse_sheets(SHEET_LIST_RE.search(locator).group(0)) if locator else ()
        self.style = ""
        citation = Citation(
            kind="bibliographic", text=text, sheets=sheets, ibid=True, pages=format_sheets(sheets)
        )
        return citation, end


def _markup(text: str, pos: int) -> int:
    n = 0
    while pos + n < len(text) and text[pos + n] in "*_":
        n += 1
    return n


def _interpret(
    tokens: Sequence[re.Match[str]],
    styles: dict[str, dict[str, str]],
    order: Sequence[str],
    prefer: str,
) -> tuple[str, tuple[tuple[str, str], ...], str] | None:
    """Read tokens in the one style that fits all of them; exact case before any case."""
    for fold in (False, True):
        best = None
        for rank, (style, table) in enumerate(styles.items()):
            lookup = {k.casefold(): v for k, v in table.items()} if fold else table
            read = _read_tokens(tokens, lookup, order, fold)
            if read is None:
                continue
            levels, sheets = read
            score = (0 if sheets else 1, 0 if style == prefer else 1, rank)
            if best is None or score < best[0]:
                best = (score, style, levels, sheets)
        if best:
            return best[1], best[2], best[3]
    return None


def _read_tokens(tokens, lookup, order, fold) -> tuple[tuple[tuple[str, str], ...], str] | None:
    levels: list[tuple[str, str]] = []
    sheets = ""
    last = -1
    for i, m in enumerate(tokens):
        level = lookup.get(m.group(1).casefold() if fold else m.group(1))
        value = m.group(2)
        if level == SHEETS and i == len(tokens) - 1:
            sheets = value
        elif level in order and order.index(level) > last and NUMBER_RE.match(value):
            last = order.index(level)
            levels.append((level, value))
        else:
            return None
    return tuple(levels), sheets


def top_level_end(text: str, pos: int) -> int:
    """Return where the segment from `pos` ends: the next `;` outside brackets and quotes."""
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
    if TITLE_RE.search(text) and text[0] not in "[(":
        pages = PAGES_RE.search(text) or PAGES_RE.search(TRAILING_PARENS_RE.sub("", text))
        return Citation(kind="bibliographic", text=bare, pages=pages.group(1) if pages else "")
    return Citation(kind="unparsed", text=text)


# --- resolving ---------------------------------------------------------------------------


def citation_problems(notes: Sequence[Note], path: str) -> list[Problem]:
    """Report unreadable and unresolved citations, backwards ranges, suspicious files."""
    problems = []
    files: dict[tuple[str, str, str], tuple[str, int]] = {}  # (archive, fond, delo) -> opis
    warned: set[tuple[str, str, str]] = set()
    prev: Citation | None = None
    for note in notes:
        for c in note.citations:
            where = f"note {note.n}"
            follows = prev is not None and prev.kind != "unparsed"
            prev = c
            if c.kind == "unparsed":
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f'{where}: cannot read the citation "{c.text}"',
                        "it is kept as written; for an archive, use a form such as "
                        "'RGANI, f. 5, op. 49, d. 131, l. 3', or add the archive to "
                        "content/archives.yaml",
                        "unparsed-citation",
                    )
                )
            elif c.ibid and (not follows or (c.kind == "archival" and not c.archive)):
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f'{where}: "{c.text}" follows no citation it can refer to',
                        "write the citation out in full",
                        "unresolved-ibid",
                    )
                )
            elif c.kind == "archival" and not c.archive:
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f'{where}: "{c.text}" names no archive',
                        "name the archive, e.g. 'RGANI, f. 5, ...'",
                        "no-archive",
                    )
                )
            for r in c.sheets:
                if sheet_key(r.first) > sheet_key(r.last):
                    problems.append(
                        Problem(
                            "warning",
                            path,
                            note.line,
                            f'{where}: the sheets "{r.first}–{r.last}" in "{c.text}" run backwards',
                            "check the numbers against the print",
                            "backwards-range",
                        )
                    )
            fond, opis, delo = c.level("fond"), c.level("opis"), c.level("delo")
            if c.kind != "archival" or not (c.archive and fond and opis and delo):
                continue
            key = (c.archive, fond, delo)
            first = files.setdefault(key, (opis, note.n))
            if first[0] != opis and key not in warned:
                warned.add(key)
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f"{where}: file {delo} of fond {fond} is cited under opis {opis} here "
                        f"and under opis {first[0]} in note {first[1]}",
                        "one of the two opis numbers may be a misprint",
                        "delo-in-two-opisi",
                    )
                )
    return problems
