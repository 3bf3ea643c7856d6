"""A small model of a test article: the ground truth that the typesetter prints.

Inline text is plain characters plus italic spans and note markers at offsets
into that plain text, so what a reader should recover is exact and
independent of any layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKUP = re.compile(r"\*([^*]+)\*|\[\^(\d+)\]")


@dataclass(frozen=True)
class Marker:
    """A note marker printed after `plain[:offset]`."""

    offset: int
    note: int


@dataclass(frozen=True)
class Text:
    """Plain text with italic spans `(start, end)` and note markers."""

    plain: str
    italics: tuple[tuple[int, int], ...] = ()
    markers: tuple[Marker, ...] = ()

    def markdown(self) -> str:
        """The text as Markdown: `*italic*` and `[^N]` note references."""
        inserts: list[tuple[int, int, str]] = []  # (offset, order, string)
        for start, end in self.italics:
            inserts += [(start, 1, "*"), (end, 0, "*")]
        inserts += [(m.offset, 2, f"[^{m.note}]") for m in self.markers]
        out, last = [], 0
        for offset, _order, piece in sorted(inserts):
            out += [self.plain[last:offset], piece]
            last = offset
        return "".join(out) + self.plain[last:]


def text(source: str) -> Text:
    """Read the fixtures' mini-markup: `*italic*` and `[^N]` note markers."""
    plain: list[str] = []
    italics: list[tuple[int, int]] = []
    markers: list[Marker] = []
    length, last = 0, 0
    for match in _MARKUP.finditer(source):
        before = source[last : match.start()]
        plain.append(before)
        length += len(before)
        if match.group(1) is not None:
            italics.append((length, length + len(match.group(1))))
            plain.append(match.group(1))
            length += len(match.group(1))
        else:
            markers.append(Marker(length, int(match.group(2))))
        last = match.end()
    plain.append(source[last:])
    return Text("".join(plain), tuple(italics), tuple(markers))


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Heading:
    level: int  # 1 or 2
    text: Text


Block = Paragraph | Heading


@dataclass(frozen=True)
class Note:
    number: int
    text: Text


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str = ""
    note: str = ""  # the author's "*" note (an e-mail address), if any


@dataclass(frozen=True)
class Labels:
    """The words a journal prints in the article's language."""

    abstract: str = "Abstract:"
    keywords: str = "Keywords:"


@dataclass(frozen=True)
class Front:
    journal: str
    volume: str  # as printed: "L", "12", "XLVII"
    year: int
    first_page: int  # the printed number of the article's first page
    issn: str
    authors: tuple[Author, ...]
    title: str
    short_title: str  # for running heads
    abstract: Text | None = None
    keywords: tuple[str, ...] = ()
    labels: Labels = Labels()


@dataclass(frozen=True)
class BibSection:
    heading: str  # "" for entries directly under the bibliography's heading
    entries: tuple[Text, ...]


@dataclass(frozen=True)
class Bibliography:
    heading: str
    sections: tuple[BibSection, ...]


@dataclass(frozen=True)
class Doc:
    front: Front
    body: tuple[Block, ...]
    notes: tuple[Note, ...]
    bibliography: Bibliography | None = None

    def note(self, number: int) -> Note:
        for note in self.notes:
            if note.number == number:
                return note
        raise KeyError(number)
