"""Read the citations of a note: archival ones level by level, Ibid., and the rest.

Pure functions: text and registry in, model.Citation out. An archival citation is
read as a run of (abbreviation, number) tokens in the one style that fits all of
it (tokens.py), because the same abbreviation means different levels in different
styles (`f.` is a fond in one, a delo in another). What is read only in part or in
doubt keeps only its certain levels and says why (`Citation.doubt`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from edition.citations.archive import Archive, Registry
from edition.citations.ibid import inherit
from edition.citations.problems import citation_problems
from edition.citations.segments import classify_segment, top_level_end
from edition.citations.sheets import format_sheets
from edition.citations.tokens import (
    LEVELISH_RE,
    NUMBER_RE,
    SHEET_LIST_RE,
    agreed_levels,
    choose_reading,
    describe_reading,
    labels_pattern,
    parse_sheet_values,
    parse_sheets,
    read_run,
    read_tokens,
    token_re,
    typo_forms,
)
from edition.model import Citation, Note

__all__ = ["NUMBER_RE", "citation_problems", "parse_note", "parse_notes", "parse_sheets"]

IBID_RE = re.compile(r"[*_]*(?:ibidem|ibid|ib\.|idem|там\s+же|tam\s+zhe)(?![^\W\d_])\.?[*_]*", re.I)
# Ibid. inside prose or parentheses: the short form `ib.` only at a segment's start.
IBID_WITHIN_RE = re.compile(
    r"(?<![^\W\d_])[*_]*(?:ibidem|ibid|idem|там\s+же|tam\s+zhe)(?![^\W\d_])\.?[*_]*", re.I
)
IBID_WORDS = ("ibidem", "ibid", "idem", "там", "tam")
WORD_RE = re.compile(r"[^\W_]+")
LOCATOR_RE = re.compile(rf"(?:(?:pp?|[sс])\.\s*)?({SHEET_LIST_RE.pattern})", re.I)
# Sheet labels of books as well as of files: an Ibid. with these may repeat a book.
BOOK_PAGES = {"p.", "pp.", "s.", "с.", "p", "pp"}
SKIP_RE = re.compile(r"[\s,.:]*")
GAP_RE = re.compile(r"[\s;,.)\]]*")
AFTER_NAME_RE = re.compile(r"(?:\s*(?:\([^()]*\)|\[[^\[\]]*\]))*[*_]*[\s,.:]*")
PASSIM_RE = re.compile(r"[\s,.]*passim\b", re.I)
NAME_BEFORE_RE = re.compile(r"((?:[A-ZА-ЯЁ][\w'’.-]*\s+){0,6}[A-ZА-ЯЁ][\w'’-]*\.?)[\s,.:]*$")


# --- the registry as the reader needs it -------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    """The registry's patterns, built once per registry."""

    registry: Registry

    @cached_property
    def typos(self) -> dict[str, str]:
        return typo_forms(self.registry)

    @cached_property
    def token(self) -> re.Pattern[str]:
        return token_re(labels_pattern(self.registry, self.typos))

    @cached_property
    def labels(self) -> set[str]:
        return {a for table in self.registry.all_styles.values() for a in table}

    @cached_property
    def first_words(self) -> set[str]:
        """The first word of every archive name and Ibid. form, case folded."""
        names = [*(n for a in self.registry.archives for n in a.names), *IBID_WORDS]
        return {m.group(0).casefold() for n in names if (m := WORD_RE.search(n))}

    @cached_property
    def stop(self) -> re.Pattern[str]:
        """What ends a citation's unread gap: an archive's name or an Ibid."""
        return re.compile(f"{self.registry.name_pattern.pattern}|{IBID_WITHIN_RE.pattern}", re.I)


# The patterns of the few registries in use (one per build), so that each note does
# not build them again; kept by identity, as hashing a registry costs more than a note.
_TABLES: dict[int, _Tables] = {}


def _tables(registry: Registry) -> _Tables:
    found = _TABLES.get(id(registry))
    if found is None or found.registry is not registry:
        if len(_TABLES) > 8:
            _TABLES.clear()
        found = _TABLES[id(registry)] = _Tables(registry)
    return found


# --- reading a note ----------------------------------------------------------------------


def parse_notes(notes: Sequence[Note], registry: Registry) -> tuple[Note, ...]:
    """Read every note's citations; an Ibid. opening a note reads as the citation before.

    That is, with the abbreviations of its archive and, where they allow two readings,
    in its style: authors keep to one style, and an Ibid. is too short to show it.
    """
    out, archive, style = [], None, ""
    for note in notes:
        reader = _Reader(note.text, registry, archive, style)
        citations = reader.read()
        style = reader.style
        for c in citations:
            if c.archive:
                archive = registry.get(c.archive)
            elif c.kind in ("bibliographic", "web", "periodical") and not c.ibid:
                archive, style = None, ""
        out.append(replace(note, citations=citations))
    return tuple(out)


def parse_note(
    text: str, registry: Registry, before: Archive | None = None
) -> tuple[Citation, ...]:
    """Split a note's Markdown text into its citations.

    `before` is the archive of the last archival citation of the notes before, whose
    abbreviations an Ibid. at the start of this note is read with.
    """
    return _Reader(text, registry, before).read()


class _Reader:
    """One pass over a note; `style` remembers the style of the citation just read."""

    def __init__(
        self, text: str, registry: Registry, before: Archive | None, style: str = ""
    ) -> None:
        self.text = text
        self.registry = registry
        self.tables = _tables(registry)
        self.before = before
        self.out: list[Citation] = []
        self.style = style

    def read(self) -> tuple[Citation, ...]:
        text, pos = self.text, 0
        while True:
            pos = GAP_RE.match(text, pos).end()
            if pos >= len(text):
                return tuple(self.out)
            end = top_level_end(text, pos)
            found = self._archival_at(pos, pos, end)
            if found is None:
                found = self._within(pos, end)
                if found is None:
                    self.out.append(self._other(pos, end))
                    if self.out[-1].kind != "unparsed":  # prose keeps the style
                        self.style = ""
                    pos = end
                    continue
            citation, pos = found
            self.out.append(citation)
            pos = self._after(pos)

    def _after(self, pos: int) -> int:
        """Past what follows a citation: the next citation's start, or its commentary."""
        text = self.text
        rest = SKIP_RE.match(text, pos).end()
        if rest >= len(text) or text[rest] == ";":
            return rest
        end = top_level_end(text, rest)
        if self._archival_at(rest, rest, end):
            return rest
        hit = self._within(rest, end, probe=True)
        if hit is not None:
            if hit[0] is not None:
                return rest  # an archive named after a description: read from here
            end = hit[1]  # an Ibid. in the text: what stands before it is commentary
        tail = text[rest:end]
        if classify_segment(tail).kind != "unparsed":
            return rest
        # Not a citation: it comments on the one just read, unless it hides a level.
        last = self.out[-1]
        if tail.strip(" ,.:;()"):
            last = replace(last, commentary=tail.strip().lstrip(")]").strip(" ,;:"))
        if last.kind == "archival" and self._hides_level(tail) and not last.doubt:
            last = replace(last, doubt="read-in-part", readings=(f"not read: {tail.strip()}",))
        self.out[-1] = last
        return end

    def _hides_level(self, tail: str) -> bool:
        """Whether unread text holds what a level may have been meant by (`dd. 12`)."""
        known = self.tables.labels
        for m in LEVELISH_RE.finditer(tail):
            label = m.group(0).split(".")[0] + "."
            if label in known or label in self.tables.typos:
                return True
            word = label[:-1]
            if any(word[:i] + word[i + 1 :] + "." in known for i in range(len(word))):
                return True
        return False

    def _archival_at(self, start: int, pos: int, end: int) -> tuple[Citation, int] | None:
        """Read an archival citation (or Ibid.) beginning at `pos`; its text from `start`."""
        text, prev = self.text, self.out[-1] if self.out else None
        name = self.registry.name_pattern.match(text, pos + _markup(text, pos))
        if name:
            archive = self.registry.get(name.group(0))
            return self._levels(start, AFTER_NAME_RE.match(text, name.end()).end(), end, archive)
        ibid = IBID_RE.match(text, pos)
        if ibid and start == pos and not _new_work(text, ibid):
            return self._ibid(pos, SKIP_RE.match(text, ibid.end()).end(), end)
        if prev is not None and prev.kind == "archival" and prev.archive and start == pos:
            if prev.doubt:  # levels below a doubtful reading are in doubt too
                return None
            archive = self.registry.get(prev.archive)
            found = self._levels(pos, pos, end, archive, continuing=True)
            if found and found[0].levels and _continues(prev, found[0], archive):
                return inherit(found[0], prev), found[1]
        return None

    def _within(
        self, start: int, end: int, probe: bool = False
    ) -> tuple[Citation | None, int] | None:
        """An archive named, or an Ibid., later in the segment (after prose or a description).

        An archive's citation takes its text from `start` (the document it describes);
        an Ibid. only its own span, the prose before it being a segment of its own.
        With `probe`, an Ibid. is only found: (None, where it starts).
        """
        for m in self._stops(start, end):
            if IBID_WITHIN_RE.fullmatch(m.group(0)):
                if _new_work(self.text, m):
                    continue
                if probe:
                    return None, m.start()
                before = self.text[start : m.start()].rstrip(" ,.:;(")
                if before.strip():
                    self.out.append(self._other(start, start + len(before)))
                after = SKIP_RE.match(self.text, m.end()).end()
                return self._ibid(m.start(), after, end)
            found = self._archival_at(start, m.start(), end)
            if found:
                return found
        return None

    def _stops(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """Archive names and Ibid. in the text, tried only at words that may begin one."""
        first, stop, text = self.tables.first_words, self.tables.stop, self.text
        for word in WORD_RE.finditer(text, start, end):
            m = stop.match(text, word.start(), end) if word.group(0).casefold() in first else None
            if m:
                yield m

    def _other(self, start: int, end: int) -> Citation:
        """A segment that is not archival; an unknown archive's name is kept with it."""
        segment = self.text[start:end]
        citation = classify_segment(segment)
        if citation.kind != "unparsed":
            return citation
        for m in self.tables.token.finditer(segment):
            tokens = read_tokens(
                segment, m.start(), self.tables.token, len(segment), self.tables.stop
            )
            readings = read_run(tokens, self.registry.all_styles, self.registry.all_levels, {})
            if readings and len(readings[0].levels) >= 2:
                name = NAME_BEFORE_RE.search(segment[: m.start()].rstrip(" ,.:"))
                found = name.group(1).strip() if name else ""
                return replace(citation, doubt="unknown-archive", readings=(found,))
            break
        return citation

    def _levels(
        self,
        start: int,
        pos: int,
        end: int,
        archive: Archive | None,
        continuing: bool = False,
    ) -> tuple[Citation, int] | None:
        tokens = read_tokens(self.text, pos, self.tables.token, end, self.tables.stop)
        if not tokens and archive is not None and not continuing:
            return self._unread(start, pos, end, archive)
        if not tokens:
            return None
        styles = archive.styles if archive else self.registry.all_styles
        order = archive.levels if archive else self.registry.all_levels
        readings = read_run(tokens, styles, order, self.tables.typos)
        if not readings:
            return None
        reading, doubt, others = choose_reading(readings, self.style if continuing else "", archive)
        self.style = reading.style
        stop = tokens[reading.used - 1].end
        if m := PASSIM_RE.match(self.text, stop):
            stop = m.end()
        levels, sheets = reading.levels, parse_sheet_values(reading.sheets)
        if doubt == "ambiguous-style":
            levels, sheets = agreed_levels(others), ()
        elif reading.typos:
            doubt, others = "level-typo", [reading]
        described = tuple(describe_reading(r) for r in others)
        top = archive.levels[0] if archive else ""  # "RGANI, op. 14, d. 5": which fond?
        if not continuing and not doubt and levels and top and levels[0][0] != top:
            doubt, described = "no-top-level", (f"no {top} named",)
        if reading.typos:
            described = (*described, *(f"typo: {t}" for t in reading.typos))
        citation = Citation(
            kind="archival",
            text=self.text[start:stop],
            archive=archive.slug if archive else "",
            levels=levels,
            sheets=sheets,
            remark=reading.remark,
            doubt=doubt,
            readings=described if doubt else (),
        )
        return citation, stop

    def _unread(
        self, start: int, pos: int, end: int, archive: Archive
    ) -> tuple[Citation, int] | None:
        """An archive named with levels that cannot be read (`F. 14/AP`): kept, in doubt."""
        rest = self.text[pos:end]
        if not LEVELISH_RE.match(rest) and not re.match(r"[^\W\d_]{1,5}\.?\s*\d+/", rest):
            return None
        text = self.text[start:end].rstrip(" .")
        unread = f"not read: {rest.strip()}"
        citation = Citation(
            kind="archival",
            text=text,
            archive=archive.slug,
            doubt="read-in-part",
            readings=(unread,),
        )
        return citation, start + len(text)

    def _ibid(self, start: int, pos: int, end: int) -> tuple[Citation, int]:
        # The archive of the citation it follows, past prose, in this note or before it.
        prev = next((c for c in reversed(self.out) if c.kind != "unparsed"), None)
        archive = self.before if prev is None else None
        if prev is not None and prev.archive:
            archive = self.registry.get(prev.archive)
        found = self._levels(start, pos, end, archive, continuing=True)
        if found and found[0].doubt == "ambiguous-style":
            # Not resolved: which level it names is in doubt, so it must take none.
            citation, stop = found
            return replace(citation, levels=(), archive=archive.slug if archive else ""), stop
        if found and found[0].levels:
            citation, stop = found
            citation = replace(
                citation, archive="", ibid=True, pages=format_sheets(citation.sheets)
            )
            return citation, stop
        stop, locator, kind = pos, "", "bibliographic"
        m = self.tables.token.match(self.text, pos, end)
        if found:
            stop, locator = found[1], self.text[pos : found[1]]
            if m and m.group(1).casefold() not in BOOK_PAGES:
                kind = "archival"  # a sheet (l., л.): it repeats a file, not a book
        elif m := LOCATOR_RE.match(self.text, pos):
            stop, locator = m.end(), m.group(1)
        text = self.text[start:stop].rstrip(" ,:") if stop == pos else self.text[start:stop]
        sheets = parse_sheets(SHEET_LIST_RE.search(locator).group(0)) if locator else ()
        citation = Citation(
            kind=kind, text=text, sheets=sheets, ibid=True, pages=format_sheets(sheets)
        )
        return citation, stop


def _new_work(text: str, ibid: re.Match[str]) -> bool:
    """`Idem, *Another title*`: the same author's other work, not an Ibid."""
    if not ibid.group(0).strip("*_").casefold().startswith("idem"):
        return False
    return text[SKIP_RE.match(text, ibid.end()).end() :][:1] in ("*", "_", "“", "«", '"')


def _continues(prev: Citation, c: Citation, archive: Archive) -> bool:
    """Whether `c` may continue `prev`: after a file, any level; before it, only lower ones.

    `f. 3, op. 14, f. 463` is not a second fond 463 of the archive: it is left unread.
    """
    order = archive.levels
    named = [n for n, _ in prev.levels]
    if not named or order[-1] in named or c.levels[0][0] not in order:
        return True
    return order.index(c.levels[0][0]) > order.index(named[-1])


def _markup(text: str, pos: int) -> int:
    n = 0
    while pos + n < len(text) and text[pos + n] in "*_":
        n += 1
    return n
