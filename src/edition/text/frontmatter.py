"""The article's front matter: author, affiliation, title, abstract, keywords.

Lenient: every part is optional, the labels are data (`data/labels.yaml`, in
several languages), and whatever is missing is reported once, all in one run,
as a warning naming what was not found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from edition.errors import Problems
from edition.text.blocks import Block
from edition.text.rejoin import HEADING_MAX, join_lines

AUTHOR_LINE = re.compile(r"^(?!\*)(.+?)(\*+)$")
_AUTHOR_MAX = 120  # characters: a line of names, not a sentence ending in italics


@cache
def labels() -> dict[str, tuple[str, ...]]:
    """Each label kind (abstract, keywords, bibliography, notes) -> its words, longest first."""
    text = resources.files("edition").joinpath("data/labels.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {
        kind: tuple(sorted({w for words in by_lang.values() for w in words}, key=len, reverse=True))
        for kind, by_lang in data.items()
    }


@cache
def _label_pattern(kind: str) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in labels()[kind])
    # A label may be set in italics or bold: `*Abstract:*`.
    return re.compile(rf"^\s*\**\s*(?:{words})\s*(?:[:.]\**\s*|\**\s*$)", re.I)


def label_rest(kind: str, line: str) -> str | None:
    """The text after a label of `kind` that starts `line`, or None if it has none."""
    match = _label_pattern(kind).match(line)
    return line[match.end() :] if match else None


def is_heading_label(kind: str, line: str) -> bool:
    """Is `line` just a heading such as 'Bibliography' or 'Литература'?"""
    rest = label_rest(kind, line)
    return rest is not None and not rest.strip()


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


def split_at_labels(blocks: Sequence[Block]) -> list[Block]:
    """Start a new block at every line that begins with an abstract or keywords label."""
    out: list[Block] = []
    for block in blocks:
        current: list[tuple[int, str]] = []
        for number, text in block.lines:
            starts = label_rest("abstract", text) is not None or label_rest("keywords", text)
            if current and starts is not None and starts is not False:
                out.append(Block(tuple(current)))
                current = []
            current.append((number, text))
        out.append(Block(tuple(current)))
    return out


def _find(blocks: Sequence[Block], kind: str, stop: int) -> int | None:
    return next((i for i in range(stop) if label_rest(kind, blocks[i].first) is not None), None)


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
    return tuple(_name_case(n) for n in names if n)


def _name_case(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return " ".join(w[:1] + w[1:].lower() for w in name.split())
    return name


def _joined(block: Block) -> str:
    return " ".join(t.strip() for _, t in block.lines)


def read_front(blocks: Sequence[Block], path: str, problems: Problems) -> Front:
    """Find the front matter in the first blocks; report every part that is missing."""
    blocks = split_at_labels(blocks)
    limit = len(blocks)
    abstract_at = _find(blocks, "abstract", limit)
    keywords_at = _find(
        blocks, "keywords", limit if abstract_at is None else min(limit, abstract_at + 2)
    )
    anchor = abstract_at if abstract_at is not None else keywords_at
    author_at = _author_at(blocks, anchor if anchor is not None else min(limit, 12))
    line = blocks[0].line if blocks else 1
    missing = []
    names: tuple[str, ...] = ()
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
        if anchor is not None:
            start = max(anchor - 1, 0)
        else:
            start = 0 if blocks and _title_like(blocks[0]) else -1
        cover_end = max(start, 0)
        # No '*': names and affiliations are the short blocks before the title.
        first = start
        while first > 0 and start - first < 6 and _byline_block(blocks[first - 1]):
            first -= 1
        byline = [t.strip() for b in blocks[first:start] for _, t in b.lines]
        if any(_names_like(t) for t in byline):
            names = tuple(n for t in byline if _names_like(t) for n in _names(t + "*"))
            places = [t.strip("*").strip() for t in byline if not _names_like(t)]
            affiliation = "; ".join(dict.fromkeys(places))
            cover_end = first
        else:
            missing.append("author line (a name ending in '*')")
        cover = tuple(blocks[:cover_end])
        title_blocks = [blocks[start]] if start >= 0 and start != anchor else []
        end = start + len(title_blocks) if start >= 0 else 0
    title = " ".join(t.strip() for b in title_blocks for _, t in b.lines)
    if not title:
        missing.append("title")
    rest_at = end
    abstract = ""
    if abstract_at is not None:
        block = blocks[abstract_at]
        abstract = join_lines([label_rest("abstract", block.first) or ""], {})
        if len(block.lines) > 1:
            abstract = join_lines([abstract] + [t for _, t in block.lines[1:]], {}).strip()
        abstract, rest_at = abstract.strip(), abstract_at + 1
    else:
        missing.append("abstract")
    keywords: tuple[str, ...] = ()
    if keywords_at is not None and keywords_at >= rest_at - 1:
        raw = label_rest("keywords", _joined(blocks[keywords_at])) or ""
        keywords = tuple(k.strip().rstrip(".") for k in re.split(r"[,;]", raw) if k.strip())
        rest_at = keywords_at + 1
    else:
        missing.append("keywords")
    if missing:
        problems.warning(
            path,
            line,
            "front matter: no " + ", no ".join(missing) + " found",
            "the body, notes and bibliography are imported; add what is missing in "
            "editorial.yaml if the article has it",
            "front-matter",
        )
    return Front(
        cover_blocks=cover,
        names=names,
        affiliation=affiliation,
        title=title,
        title_line=title_blocks[0].line if title_blocks else 0,
        abstract=abstract,
        keywords=keywords,
        rest=tuple(blocks[rest_at:]),
    )


def _byline_block(block: Block) -> bool:
    return len(block.lines) <= 6 and all(_byline(t.strip()) for _, t in block.lines)


def _byline(text: str) -> bool:
    """A line of names, or an affiliation set in italics."""
    italic = text.startswith("*") and text.endswith("*") and text.count("*") == 2
    return _names_like(text) or (italic and len(text) <= 120)


def _names_like(text: str) -> bool:
    """A line of personal names: a few capitalised words, commas or 'and', no digits."""
    words = re.split(r"\s*,\s*|\s+(?:and|и|i|und|et)\s+|\s+", text.strip().strip("*"))
    words = [w for w in words if w]
    return (
        0 < len(text) <= 100
        and not re.search(r"\d|[.;:]$", text.strip())
        and 2 <= len(words) <= 12
        and all(w[0].isupper() for w in words if w[0].isalpha())
        and not text.startswith("*")
    )


def _title_like(block: Block) -> bool:
    text = _joined(block)
    return len(text) <= HEADING_MAX * 2 and not text.rstrip().endswith(".")
