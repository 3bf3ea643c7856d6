"""The article's front matter: author, affiliation, title, abstract, keywords.

Lenient: every part is optional, the labels are data (`data/labels.yaml`, in
several languages), and whatever is missing is reported once, all in one run,
as a warning naming what was not found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from edition.errors import Problems
from edition.text.blocks import Block
from edition.text.byline import EMAIL, is_affiliation, is_names, name_case, split_names
from edition.text.frontcopy import Read, note_refs, read_copy
from edition.text.labels import is_heading_label, is_notice, label_rest
from edition.text.rejoin import HEADING_MAX, join_lines

AUTHOR_LINE = re.compile(r"^(?!\*)(.+?)(\*+)$")
_AUTHOR_MAX = 120  # characters: a line of names, not a sentence ending in italics


@dataclass(frozen=True)
class Parallel:
    """The front matter printed again in another language: its title, abstract, keywords."""

    title: str
    abstract: str
    keywords: tuple[str, ...]
    line: int  # where it starts


@dataclass(frozen=True)
class Front:
    cover_blocks: tuple[Block, ...]
    names: tuple[str, ...]
    affiliation: str
    title: str
    title_line: int
    abstract: str
    keywords: tuple[str, ...]
    rest: tuple[Block, ...]  # the blocks after the front matter
    emails: tuple[str, ...]  # printed in a byline without a `*` note
    parallel: tuple[Parallel, ...]  # kept in `rest` too: the model has one abstract


def split_at_labels(blocks: Sequence[Block]) -> list[Block]:
    """Start a new block at every line that begins with an abstract or keywords label.

    The keywords' block also ends at the first line that does not go on with
    them (a sentence: the body printed with no blank line before it).
    """
    out: list[Block] = []
    for block in blocks:
        current: list[tuple[int, str]] = []
        for number, text in block.lines:
            starts = label_rest("abstract", text) is not None or label_rest("keywords", text)
            in_keywords = bool(current) and label_rest("keywords", current[0][1]) is not None
            ends = in_keywords and not _goes_on_keywords(current[-1][1], text)
            if current and ((starts is not None and starts is not False) or ends):
                out.append(Block(tuple(current)))
                current = []
            current.append((number, text))
        out.append(Block(tuple(current)))
    return out


def _goes_on_keywords(previous: str, line: str) -> bool:
    """Is `line` more keywords (`Hoxha, Khrushchev, RGANI`), not a sentence?"""
    sentence = re.search(r"[.!?]\s+\S", line) or len(line) > 100
    # A short line after keywords that end in no stop is the last keyword's end
    # ("…, RGANI, failed" / "Communist brotherhood"); the body's first line is long.
    # A column's first line is as wide; a keyword's end is a few words.
    short = len(line) < 0.6 * len(previous.strip()) and len(line.split()) <= 4
    tail = short and not previous.rstrip().endswith(".") and not line.endswith(".")
    return not sentence and (
        previous.rstrip().endswith((",", ";", "-")) or bool(re.search(r"[,;]", line)) or tail
    )


def _kind(block: Block) -> str:
    for kind in ("abstract", "keywords"):
        if label_rest(kind, block.first) is not None:
            return kind
    return ""


def _prose(block: Block) -> bool:
    """A paragraph of the body: long, several sentences, no table of contents."""
    text = _joined(block)
    return len(text) > 200 and "•" not in text and len(re.findall(r"[.!?]\s+\S", text)) >= 2


def _front_end(blocks: Sequence[Block]) -> int:
    """Where the front matter must have ended: the first body paragraph with no label near.

    A `Summary` or `Резюме` at the end of the body is no abstract: labels count
    only before the body begins.
    """
    for i, block in enumerate(blocks):
        if _prose(block) and not _kind(block) and not any(_kind(b) for b in blocks[i : i + 3]):
            return i
        if is_heading_label("bibliography", block.first) or is_heading_label("notes", block.first):
            return i
    return len(blocks)


def _group(blocks: Sequence[Block], at: int, stop: int) -> tuple[str, tuple[str, ...], int]:
    """The abstract and keywords labelled from `at` on, in either order; where they end."""
    abstract, keywords, seen, i = "", (), set(), at
    while i < stop and (kind := _kind(blocks[i])) and kind not in seen:
        seen.add(kind)
        block = blocks[i]
        i += 1
        if kind == "keywords":
            raw = label_rest("keywords", _joined(block)) or ""
            keywords = tuple(k.strip().rstrip(".") for k in re.split(r"[,;]", raw) if k.strip())
            continue
        first = join_lines([label_rest("abstract", block.first) or ""], {})
        if len(block.lines) > 1:
            first = join_lines([first] + [t for _, t in block.lines[1:]], {}).strip()
        parts = [first.strip()]
        if not parts[0] and i < stop and not _kind(blocks[i]):  # `Summary` alone, then the text
            parts, i = [_joined(blocks[i])], i + 1
        # A second paragraph of the abstract: unlabelled, with the keywords right after it.
        while (
            "keywords" not in seen
            and i + 1 < stop
            and not _kind(blocks[i])
            and _kind(blocks[i + 1]) == "keywords"
        ):
            parts.append(_joined(blocks[i]))
            i += 1
        abstract = "\n\n".join(p for p in parts if p)
    return abstract, keywords, i


def _parallel(blocks: Sequence[Block], end: int, stop: int) -> tuple[Parallel, ...]:
    """The front matter again in another language, right after the first (names, title, labels)."""
    at = next((i for i in range(end, min(end + 5, stop)) if _kind(blocks[i])), None)
    if at is None:
        return ()
    abstract, keywords, _ = _group(blocks, at, stop)
    between = [b for b in blocks[end:at] if not _byline_block(b)]
    title = _joined(between[-1]) if between else ""
    return (Parallel(title, abstract, keywords, blocks[end].line),)


def _author_at(blocks: Sequence[Block], stop: int) -> int | None:
    for i in range(stop):
        first = blocks[i].first.strip()
        stars = first.count("*") - (len(first) - len(first.rstrip("*")))  # italics in it
        short = len(blocks[i].lines) <= 3 and len(first) <= _AUTHOR_MAX
        if short and AUTHOR_LINE.match(first) and stars == 0:
            return i
    return None


def _names(line: str) -> tuple[str, ...]:
    parts = re.split(r"\*+\s*,\s*|\*+\s+and\s+|\*+\s+и\s+", line)
    names = [n.rstrip("*").strip() for n in parts if n.strip()]
    return tuple(name_case(n) for n in names if n)


def _joined(block: Block) -> str:
    return " ".join(t.strip() for _, t in block.lines)


def _title_at(blocks: Sequence[Block], anchor: int | None) -> tuple[int, tuple[int, ...]]:
    """In a front matter with no `*` note: the title's block (or -1) and the byline's blocks.

    Usually the title is the block before the abstract, names and places of work
    before it; but when that block holds a place of work, or names after a
    title-like block that is no byline, the byline ends at the abstract and the
    title (if any) stands before it.
    """
    if anchor is None:
        return (0 if blocks and _title_like(blocks[0]) else -1), ()
    start = anchor - 1
    if start < 0:
        return -1, ()
    first = start
    while first > 0 and start - first < 6 and _byline_block(blocks[first - 1]):
        first -= 1
    before = start - 1
    # A place of work right after another is a title naming one ("… российских архивов").
    after_place = start > 0 and _affiliation_block(blocks[start - 1])
    if _affiliation_block(blocks[start]) and not after_place:
        if first > 0 and _title_like(blocks[first - 1]):
            return first - 1, tuple(range(first, anchor))
        if _surely_byline(blocks[start]):  # else a title that names a university
            return -1, tuple(range(first, anchor))
    if (
        _names_block(blocks[start])
        and before >= 0
        and not _byline_block(blocks[before])
        and _title_like(blocks[before])
    ):
        return before, (start,)
    return start, tuple(range(first, start))


def _set_aside_notices(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The blocks without the notices before the first label, and those notices."""
    limit = _front_end(blocks)
    anchor = next((i for i in range(limit) if _kind(blocks[i])), min(limit, 12))
    notices = [b for b in blocks[:anchor] if is_notice(b)]
    return [b for i, b in enumerate(blocks) if i >= anchor or not is_notice(b)], notices


def read_front(blocks: Sequence[Block], path: str, problems: Problems) -> Front:
    """Find the front matter in the first blocks; report every part that is missing."""
    line = blocks[0].line if blocks else 1
    blocks, notices = _set_aside_notices(split_at_labels(blocks))
    limit = _front_end(blocks)
    anchor = next((i for i in range(limit) if _kind(blocks[i])), None)
    author_at = _author_at(blocks, anchor if anchor is not None else min(limit, 12))
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    affiliation = ""
    if author_at is not None:
        author = blocks[author_at]
        names = _names(author.first.strip())
        start = author_at + 1
        if len(author.lines) > 1:
            affiliation = " ".join(t.strip() for _, t in author.lines[1:]).strip("*").strip()
        elif start < limit and blocks[start].first.startswith("*"):
            affiliation = _joined(blocks[start]).strip("*").strip()
            start += 1
        cover = tuple(blocks[:author_at])
        end = anchor if anchor is not None else min(start + 1, limit)
        title_blocks = list(blocks[start:end])
    else:
        start, at = _title_at(blocks, anchor)
        byline = [t.strip() for i in at for _, t in blocks[i].lines]
        cover_end = max(start, 0)
        end = max((start, *at)) + 1 if start >= 0 or at else 0
        if any(is_names(t) for t in byline):
            names = tuple(n for t in byline if is_names(t) for n in split_names(t))
            places = [t.strip("*").strip() for t in byline if not is_names(t)]
            affiliation = "; ".join(dict.fromkeys(places))
            emails = tuple(e for t in byline for e in EMAIL.findall(t))
            cover_end = min((start, *at)) if start >= 0 else min(at)
        else:  # no names: nothing says the title is not the block before the labels
            start = anchor - 1 if anchor is not None else start
            cover_end, end = max(start, 0), start + 1 if start >= 0 else 0
        cover = tuple(blocks[:cover_end])
        title_blocks = [blocks[start]] if start >= 0 and start != anchor else []
    title = note_refs(" ".join(t.strip() for b in title_blocks for _, t in b.lines))
    abstract, keywords, rest_at = "", (), end
    if anchor is not None:
        abstract, keywords, rest_at = _group(blocks, anchor, limit)
    title_lines = tuple(x for b in title_blocks for x in b.lines)
    read = Read(title, title_lines, names, affiliation, abstract, keywords)
    copy = read_copy(blocks[rest_at:], read)
    if copy.line:  # the front matter printed again: set aside, what it adds kept
        blocks = [*blocks[:rest_at], *copy.rest]
        limit = _front_end(blocks)
        read, notices = copy.read, [*notices, *copy.cover]
    missing = [
        what
        for what, value in (
            ("author line", read.names),
            ("title", read.title),
            ("abstract", read.abstract),
            ("keywords", read.keywords),
        )
        if not value
    ]
    parallel = _parallel(blocks, rest_at, limit) if anchor is not None else ()
    if missing:
        problems.warning(
            path,
            line,
            "front matter: no " + ", no ".join(missing) + " found",
            "the body, notes and bibliography are imported; add what is missing in "
            "editorial.yaml if the article has it",
            "front-matter",
        )
    for other in parallel:
        problems.warning(
            path,
            other.line,
            "front matter: a second title, abstract or keywords (another language?) "
            "are kept as the first paragraphs of the body",
            "an article has one abstract here; remove them from the source if unwanted",
            "front-matter",
        )
    return Front(
        cover_blocks=tuple(sorted((*cover, *notices), key=lambda b: b.line)),
        names=read.names,
        affiliation=read.affiliation,
        title=read.title,
        title_line=read.title_line,
        abstract=read.abstract,
        keywords=read.keywords,
        rest=tuple(blocks[rest_at:]),
        emails=emails,
        parallel=parallel,
    )


def _byline_block(block: Block) -> bool:
    return len(block.lines) <= 6 and all(_byline(t.strip()) for _, t in block.lines)


def _names_block(block: Block) -> bool:
    return _byline_block(block) and is_names(block.first)


def _surely_byline(block: Block) -> bool:
    """Names with places, several lines, an e-mail, a comma or italics: no title is like it."""
    texts = [t.strip() for _, t in block.lines]
    return (
        len(texts) > 1
        or any(is_names(t) for t in texts)
        or bool(EMAIL.search(texts[0]))
        or "," in texts[0]
        or texts[0].startswith("*")
    )


def _affiliation_block(block: Block) -> bool:
    return _byline_block(block) and any(is_affiliation(t) for _, t in block.lines)


def _byline(text: str) -> bool:
    """A line of names, or a place of work (italics, an institution's word, an e-mail)."""
    return is_names(text) or is_affiliation(text)


def _title_like(block: Block) -> bool:
    text = _joined(block)
    return len(text) <= HEADING_MAX * 2 and not text.rstrip().endswith(".")
