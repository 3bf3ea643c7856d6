"""The front matter printed twice: a cover or title page, then the article's first page.

Many journals print the title and the authors (often the abstract and keywords
too) on a title page, and again on the article's first page before the body.
The lines right after the front matter that say again what it read, by their
letters (whatever the case, line breaks, hyphens or a note marker), are front
matter, not body. A copy that says more (a subtitle, a place of work the first
did not print) completes what was read. The copy ends at the first line that
repeats nothing; it takes a block's first lines only when the rest starts anew
and those lines were set wider than the text (a raw extraction joins a title
to the body), so a paragraph that merely begins like the title stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from edition.text.blocks import Block
from edition.text.byline import is_affiliation, is_names, split_names
from edition.text.labels import is_notice, label_rest
from edition.text.rejoin import HEADING_MAX, SUPERSCRIPT, join_lines
from edition.text.widths import text_width

_WINDOW = 12  # blocks after the front matter a copy may take
_MARKERS = re.compile(r"\[\^\d+\]|[*⁰¹²³⁴⁵⁶⁷⁸⁹]")
_GLUED = re.compile(r"(?<=[^\W\d_])\d{1,2}\b")  # a raw extraction's marker: `Roe1`
_WIDER = 0.8  # a title's line in larger type holds fewer letters than the text's
_DIGITS = str.maketrans(SUPERSCRIPT, "0123456789")
_REFS = re.compile(rf"\[\^\d+\]|[{SUPERSCRIPT}]+")


@dataclass(frozen=True)
class Read:
    """What the front matter read: a copy is compared with it, and may complete it."""

    title: str
    title_lines: tuple[tuple[int, str], ...]  # (line number, text): where it was read
    names: tuple[str, ...]
    affiliation: str
    abstract: str
    keywords: tuple[str, ...]

    @property
    def title_line(self) -> int:
        return self.title_lines[0][0] if self.title_lines else 0


@dataclass(frozen=True)
class Copy:
    """The front matter completed by its copy, and the blocks after the copy."""

    read: Read
    rest: tuple[Block, ...]
    # For the cover: identifiers printed again (UDC, DOI), and the lines that the title
    # read before its copy shows it began (a title page's journal, volume, names).
    cover: tuple[Block, ...]
    line: int  # where the copy starts; 0 if there is none


@dataclass(frozen=True)
class _Line:
    block: int
    index: int  # in its block
    number: int
    text: str


@dataclass(frozen=True)
class _Match:
    end: int  # the flat line after it
    read: Read  # what is known after it
    kind: str  # title, names, affiliation, abstract, keywords, notice
    confirms: bool  # does it repeat the front matter (not only add to it)?
    cover: tuple[Block, ...] = ()  # lines it gives the cover


def key(text: str) -> str:
    """The letters and digits of `text`, case folded: what a copy must repeat."""
    text = _MARKERS.sub("", text)
    return "".join(c for c in text.casefold() if c.isalpha() or c in "0123456789")


def note_refs(text: str) -> str:
    """Superscript note markers as Markdown references: `1961¹` -> `1961[^1]`."""
    return re.sub(rf"[{SUPERSCRIPT}]+", lambda m: f"[^{int(m.group().translate(_DIGITS))}]", text)


def read_copy(blocks: Sequence[Block], read: Read) -> Copy:
    """The copy of the front matter that `blocks` begin with, if any."""
    flat = [_Line(b, i, n, t) for b, block in enumerate(blocks[:_WINDOW])
            for i, (n, t) in enumerate(block.lines)]  # fmt: skip
    matches: list[_Match] = []
    at, known = 0, read
    while at < len(flat) and (found := _match(flat, at, known, matches, not read.names)):
        matches.append(found)
        at, known = found.end, found.read
    chosen = _cut(flat, matches, blocks)
    if chosen < 0:
        return Copy(read, tuple(blocks), (), 0)
    end = matches[chosen].end
    cover = tuple(b for m in matches[: chosen + 1] for b in m.cover)
    if end < len(flat):
        x = flat[end]
        rest = (Block(blocks[x.block].lines[x.index :]), *blocks[x.block + 1 :])
    else:
        rest = tuple(blocks[_WINDOW:])
    return Copy(matches[chosen].read, rest, cover, flat[0].number)


def _cut(flat: Sequence[_Line], matches: Sequence[_Match], blocks: Sequence[Block]) -> int:
    """The last match the copy takes, or -1: none repeats the front matter."""
    confirmed = [i for i, m in enumerate(matches) if m.confirms]
    if not confirmed:
        return -1
    chosen = confirmed[-1]
    tail = [m.kind for m in matches[chosen + 1 :]]
    if tail and ("affiliation" in tail or all(k == "notice" for k in tail)):
        chosen = len(matches) - 1  # a byline or identifiers after the title
    while chosen >= 0 and not _ends_well(flat, matches, chosen, blocks):
        chosen -= 1
    return chosen if any(m.confirms for m in matches[: chosen + 1]) else -1


def _ends_well(
    flat: Sequence[_Line], matches: Sequence[_Match], chosen: int, blocks: Sequence[Block]
) -> bool:
    """May the copy end after this match: at a block's end, or before a line set anew?"""
    end = matches[chosen].end
    if end >= len(flat) or flat[end].index == 0:
        return True
    after = flat[end]
    taken = [x for x in flat[:end] if x.block == after.block]
    left = [t for _, t in blocks[after.block].lines[after.index :]]
    starts = after.text.lstrip("*").strip()[:1]
    wide = max(text_width(t) for t in left)
    return (starts.isupper() or starts.isdigit()) and all(
        text_width(x.text) < wide * _WIDER for x in taken
    )


def _match(
    flat: Sequence[_Line], at: int, read: Read, before: Sequence[_Match], adopt: bool
) -> _Match | None:
    line = flat[at]
    alone = Block(((line.number, line.text),))
    if is_notice(alone):
        return _Match(at + 1, read, "notice", False, (alone,))
    starts = line.index == 0
    for found in (
        _labelled(flat, at, read) if starts else None,
        _title(flat, at, read),
        _names(line, at, read, adopt),
        _affiliation(line, at, read) if before and before[-1].kind in ("names", "affiliation")
        else None,
    ):  # fmt: skip
        if found:
            return found
    return None


def _title(flat: Sequence[_Line], at: int, read: Read) -> _Match | None:
    """The title again: whole, or only its last lines (the first read took cover lines too)."""
    lines = read.title_lines
    for cut in range(len(lines)):
        if cut and not _not_title(lines[cut - 1][1]):
            continue
        title = " ".join(t.strip() for _, t in lines[cut:])
        found = _title_from(
            flat, at, replace(read, title=title, title_lines=lines[cut:]) if cut else read
        )
        if found and cut:  # the lines before it: to the cover, a byline among them read
            read = _byline(found.read, lines[:cut])
            return replace(found, read=read, cover=(Block(lines[:cut]),))
        if found:
            return found
    return None


def _byline(read: Read, lines: Sequence[tuple[int, str]]) -> Read:
    """The names and places of work among a title page's lines, where none were read."""
    texts = [_plain(t) for _, t in lines]
    names = tuple(n for t in texts if is_names(t) for n in split_names(t))
    places = "; ".join(t for t in texts if not is_names(t) and is_affiliation(t))
    return replace(read, names=read.names or names, affiliation=read.affiliation or places)


def _not_title(text: str) -> bool:
    """A line no title ends with: names, a place of work, identifiers, a volume or year."""
    alone = Block(((0, text),))
    volume = bool(re.search(r"\d", text)) and len(re.findall(r"[^\W\d_]{2,}", text)) <= 2
    return is_names(_plain(text)) or is_affiliation(text) or is_notice(alone) or volume


def _title_from(flat: Sequence[_Line], at: int, read: Read) -> _Match | None:
    """The title again, over one line or several; or longer (a subtitle), or its main part."""
    want = key(read.title)
    if not want:
        return None
    got, shorter = "", None
    for end in range(at, len(flat)):
        got += key(flat[end].text)
        lines = flat[at : end + 1]
        # At a block's start: whether the copy may end within the block, `_ends_well` tells.
        starts = lines[0].index == 0
        if _same(got, want):
            text = _text(lines)
            # ALL CAPS on the cover, as a sentence on the first page: keep the latter.
            better = _caps(read.title) and not _caps(text) and key(text) == want
            found = _retitled(read, lines) if better else read
            subtitle = _subtitle(flat, end + 1, read)
            if subtitle:
                lines = [*lines, subtitle]
                main = _text(lines[:-1])
                sep = " " if re.search(r"[:.?!—–]$", main) else ": "
                found = replace(_retitled(found, lines), title=main + sep + _text(lines[-1:]))
                end += 1
            return _Match(end + 1, _with_marker(found, lines), "title", True)
        if want.startswith(got):
            if starts and got in _main_parts(read.title):
                shorter = _Match(end + 1, read, "title", True)
            continue
        text = _text(lines)
        if got.startswith(want) and starts and _title_like(text) and want in _word_ends(text):
            return _Match(end + 1, _with_marker(_retitled(read, lines), lines), "title", True)
        break
    return shorter


def _subtitle(flat: Sequence[_Line], at: int, read: Read) -> _Line | None:
    """The line after the title's copy that is its subtitle: the authors' names follow it.

    A title page may print the main title alone; the first page sets the
    subtitle on a line of its own under it, before the byline.
    """
    if at + 1 >= len(flat) or not read.names:
        return None
    line, names = flat[at], _plain(flat[at + 1].text)
    plain = _plain(line.text)
    if not _title_like(plain) or len(plain) > HEADING_MAX or key(plain) in key(read.title):
        return None
    alone = Block(((line.number, line.text),))
    if is_names(plain) or is_affiliation(plain) or is_notice(alone) or _has_label(plain):
        return None
    known = {key(n) for n in read.names}
    return line if is_names(names) and {key(n) for n in split_names(names)} <= known else None


def _has_label(text: str) -> bool:
    return any(label_rest(k, text) is not None for k in ("abstract", "keywords"))


def _with_marker(read: Read, lines: Sequence[_Line]) -> Read:
    """The copy's note marker (a note on the title, printed on the first page) kept."""
    markers = _REFS.findall(re.sub(r"[\s*]+$", "", lines[-1].text))
    marker = note_refs(markers[-1]) if markers else ""
    ends = lines[-1].text.rstrip(" *").endswith(markers[-1]) if markers else False
    if not ends or marker in read.title:
        return read
    return replace(read, title=read.title + marker)


def _retitled(read: Read, lines: Sequence[_Line]) -> Read:
    return replace(read, title=_text(lines), title_lines=tuple((x.number, x.text) for x in lines))


def _same(got: str, want: str) -> bool:
    """The same letters, but for a raw extraction's marker digits at the end of one."""
    longer, shorter = (got, want) if len(got) >= len(want) else (want, got)
    extra = longer[len(shorter) :]
    return longer.startswith(shorter) and (not extra or (extra.isdigit() and len(extra) <= 2))


def _main_parts(title: str) -> set[str]:
    """The keys of the title before its subtitle (`Main title: subtitle`), of three words on."""
    return {
        key(title[: m.start()])
        for m in re.finditer(r"\s*[:.?!—–]\s", title)
        if len(title[: m.start()].split()) >= 3
    }


def _word_ends(text: str) -> set[str]:
    words = text.split()
    return {key(" ".join(words[: i + 1])) for i in range(len(words))}


def _text(lines: Sequence[_Line]) -> str:
    text = join_lines([x.text for x in lines], {})
    return re.sub(r"(?:\[\^\d+\]|[*⁰¹²³⁴⁵⁶⁷⁸⁹])+$", "", text).strip()


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title_like(text: str) -> bool:
    return len(text) <= HEADING_MAX * 2 and not text.endswith(".")


def _plain(text: str) -> str:
    return _GLUED.sub("", _MARKERS.sub("", text)).strip()


def _names(line: _Line, at: int, read: Read, adopt: bool) -> _Match | None:
    """The authors' names again; or, when the front matter found none, the names."""
    plain = _plain(line.text)
    if not is_names(plain):
        return None
    names = split_names(plain)
    if {key(n) for n in names} <= {key(n) for n in read.names}:
        return _Match(at + 1, read, "names", True)
    if adopt:  # what the copy names: the first names read
        both = tuple(dict.fromkeys((*read.names, *names)))
        return _Match(at + 1, replace(read, names=both), "names", False)
    return None


def _affiliation(line: _Line, at: int, read: Read) -> _Match | None:
    """A line of the byline under the names: known already, or a place of work to add."""
    plain = _plain(line.text)
    if key(plain) and key(plain) in key(read.affiliation):
        return _Match(at + 1, read, "affiliation", False)
    if not is_affiliation(line.text.strip()) and not is_affiliation(plain):
        return None
    if key(read.affiliation) in key(plain):  # the copy is the longer
        return _Match(at + 1, replace(read, affiliation=plain), "affiliation", False)
    joined = f"{read.affiliation}; {plain}" if read.affiliation else plain
    return _Match(at + 1, replace(read, affiliation=joined), "affiliation", False)


def _labelled(flat: Sequence[_Line], at: int, read: Read) -> _Match | None:
    """The abstract or the keywords again, labelled or not; a longer one is kept."""
    block = [x for x in flat[at:] if x.block == flat[at].block]
    first = flat[at].text
    rest = label_rest("keywords", first)
    if rest is not None and read.keywords:
        raw = label_rest("keywords", " ".join(x.text.strip() for x in block)) or ""
        words = tuple(k.strip().rstrip(".") for k in re.split(r"[,;]", raw) if k.strip())
        got, want = {key(k) for k in words}, {key(k) for k in read.keywords}
        if got and got <= want:
            return _Match(at + len(block), read, "keywords", True)
        if got > want:
            return _Match(at + len(block), replace(read, keywords=words), "keywords", True)
        return None
    want = key(read.abstract)
    if not want or rest is not None:
        return None
    label = label_rest("abstract", first)
    texts = [label if label is not None else first] + [x.text for x in block[1:]]
    end = at + len(block)
    got = key(" ".join(texts))
    while want.startswith(got) and got != want and end < len(flat):  # its next paragraph
        more = [x for x in flat[end:] if x.block == flat[end].block]
        if label_rest("keywords", more[0].text) is not None:
            break
        got += key(" ".join(x.text for x in more))
        end += len(more)
    if got == want:
        return _Match(end, read, "abstract", True)
    if got.startswith(want) and label is not None:  # longer: all it took is the abstract
        taken = [label] + [x.text for x in flat[at + 1 : end]]
        return _Match(end, replace(read, abstract=join_lines(taken, {}).strip()), "abstract", True)
    return None
