"""The data model: frozen dataclasses that carry their source location."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

# The BibTeX `howpublished` of an archive's bibliography entry.
ARCHIVAL = "Archival collection"


@dataclass(frozen=True)
class TocEntry:
    """One article listed in the volume's table of contents."""

    authors: tuple[str, ...]
    title: str


@dataclass(frozen=True)
class Cover:
    """The journal's cover block: what volume the article appeared in."""

    journal: str
    subtitle: str
    volume: str  # Roman numeral as printed, e.g. "L"
    volume_number: int
    year: int
    academy: str
    institute: str
    place: str
    issn: str
    eissn: str
    udc: str
    url: str
    toc: tuple[TocEntry, ...]


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str
    email: str
    note: str  # the text of the author's "*" note, as printed


@dataclass(frozen=True)
class PageBreak:
    """Where a print page ended: inside paragraph `paragraph` at `offset`.

    `offset` counts characters into the paragraph's Markdown text; 0 means the
    page broke before the paragraph began. `printed` is the printed number of
    the page that begins here, as the source shows it ("" when unknown: the
    site then counts breaks and says so).
    """

    page: int  # 1 = the first break in the article
    paragraph: int
    offset: int
    line: int
    printed: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, or a section heading (`level` 2 or 3; 0 for a paragraph)."""

    n: int
    text: str  # Markdown; note references as [^N]
    line: int
    level: int = 0


@dataclass(frozen=True)
class SheetRange:
    """Sheets (list, л.) of an archival file: `first` to `last`, verso marked."""

    first: str
    last: str

    @property
    def is_single(self) -> bool:
        return self.first == self.last


@dataclass(frozen=True)
class Citation:
    """One citation inside a note.

    kind: "archival", "bibliographic", "web", "periodical" or "unparsed".
    `text` is the exact span of the note it was read from. `levels` maps the
    archive's level names (fond, opis, papka, delo) to the numbers as written;
    `inherited` names the levels (and "archive") taken from the citation before,
    so that resolution can be redone after an editor changes an earlier note.
    `remark` keeps what stands between the levels (a sub-fond's name, a year);
    `doubt` names why the citation is read only in part or in doubt ("" when it
    is certain: see citations/problems.py), `readings` the readings that fit.
    """

    kind: str
    text: str
    archive: str = ""
    levels: tuple[tuple[str, str], ...] = ()
    sheets: tuple[SheetRange, ...] = ()
    inherited: tuple[str, ...] = ()
    ibid: bool = False
    bib_key: str = ""
    pages: str = ""
    url: str = ""
    accessed: str = ""
    commentary: str = ""
    remark: str = ""
    doubt: str = ""
    readings: tuple[str, ...] = ()

    def level(self, name: str) -> str:
        return dict(self.levels).get(name, "")


@dataclass(frozen=True)
class Note:
    n: int
    text: str  # Markdown
    line: int
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class BibEntry:
    """A bibliography entry; `original` keeps the printed string verbatim."""

    key: str
    section: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]
    original: str
    line: int
    parent: str = ""  # key of the entry this one belongs to (an archive's fonds)

    def field(self, name: str) -> str:
        return dict(self.fields).get(name, "")


@dataclass(frozen=True)
class Emendation:
    """One correction: `sic` (as printed) becomes `corr` in a paragraph, note or entry."""

    sic: str
    corr: str
    target: str  # "p", "note" or "bib"
    at: str  # paragraph or note number, or bibliography key, as text
    reason: str
    who: str
    when: str
    line: int  # line of the emendation in editorial.yaml
    offset: int = -1  # where `corr` starts in the corrected text, once applied

    @property
    def anchor(self) -> str:
        return {"p": "p-", "note": "fn-", "bib": "bib-"}[self.target] + self.at


@dataclass(frozen=True)
class Metadata:
    """What editors record of the article (editorial.yaml's `metadata:`), "" if unknown."""

    doi: str = ""
    first_page: str = ""
    last_page: str = ""
    licence: str = ""
    url: str = ""
    issued: str = ""
    language: str = ""  # a language tag (BCP 47); wins over the one detected from the text


@dataclass(frozen=True)
class Article:
    slug: str
    source: str  # path of the source text, as given
    cover: Cover
    title: str
    authors: tuple[Author, ...]
    abstract: str
    keywords: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Note, ...]
    bibliography: tuple[BibEntry, ...]
    page_breaks: tuple[PageBreak, ...]
    title_line: int = 0
    # What the source itself shows: its kind ("text", "pdf"), its language
    # (ISO 639-1, "" = the site's), the printed first and last page ("" unknown).
    source_kind: str = "text"
    language: str = ""
    first_page: str = ""
    last_page: str = ""
    metadata: Metadata = field(default_factory=Metadata)
    emendations: tuple[Emendation, ...] = ()  # as applied, with their offsets
    # A PDF's lines are counted through the file (every `line` above); this is
    # that count's first line of each PDF page, so that a place can be named by
    # page (`pdf_place`). () for a text source, whose lines are the file's own.
    page_lines: tuple[int, ...] = ()
    # Keys of the inputs (not of the text): the import's and the build's.
    import_sha256: str = field(default="", compare=False)
    input_key: str = field(default="", compare=False)


def pdf_place(page_lines: Sequence[int], line: int) -> str:
    """`page P, line L` in a PDF of a line in its running count ("" for line 0 or no pages).

    An empty page (a scan) starts where the next one does: the line is the later page's.
    """
    page = bisect_right(page_lines, line)
    if line < 1 or not page:
        return ""
    return f"page {page}, line {line - page_lines[page - 1] + 1}"
