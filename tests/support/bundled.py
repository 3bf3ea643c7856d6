"""Read the bundled article's cleaned text into a Doc, at test time.

The text is the repository's own source; this small reader is the tests'
independent view of it (the product's reader is what is under test). Blocks
are separated by blank lines; notes start with a superscript number and sit
where the print page ended, so a body block after notes may continue the
paragraph before them.
"""

from __future__ import annotations

import re
from pathlib import Path

from .doc import Author, Bibliography, BibSection, Doc, Front, Heading, Note, Paragraph, Text, text

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "sources" / "balcanica-2019-edemskiy.txt"

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGIT = str.maketrans(SUPERSCRIPT, "0123456789")
_NOTE = re.compile(rf"^([{SUPERSCRIPT}]+)\s*(.*)$", re.S)
_AUTHOR_NOTE = re.compile(r"^\*\s+(.*)$", re.S)
_AUTHOR_LINE = re.compile(r"^([^*].{1,80}?)\*$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# The printed number of the first page is not in the cleaned text; any is fine.
FIRST_PAGE = 347


def blocks_of(source: str) -> list[str]:
    """Split text into blocks of consecutive non-blank lines (joined by newlines)."""
    return [b.strip("\n") for b in re.split(r"\n\s*\n", source) if b.strip()]


def inline(source: str) -> Text:
    """Superscript digits become markers, `<url>` its URL, `*x*` italic."""
    source = re.sub(
        rf"[{SUPERSCRIPT}]+", lambda m: f"[^{m.group().translate(_TO_DIGIT)}]", source
    )
    return text(re.sub(r"<([a-z]+://[^>\s]+)>", r"\1", source))


# Words a cut title does not end with.
_DANGLING = frozenset(
    ("a", "an", "and", "at", "between", "by", "for", "from", "in", "of", "on", "the", "to")
    + ("with",)
)


def short_title(title: str, limit: int = 48) -> str:
    """The title cut at a word boundary (not after "of", "between"...), for running heads."""
    if len(title) <= limit:
        return title
    words = title[: title.rfind(" ", 0, limit)].rstrip(" ,:;").split()
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(",:;")


def _join(previous: str, following: str) -> str:
    """Join a paragraph cut by a page break; a hyphen before a lowercase letter is the printer's."""
    if re.search(r"[^\W\d_]-$", previous) and following[:1].islower():
        return previous[:-1] + following
    return previous + " " + following


def _continues(previous: str, following: str, after_notes: bool) -> bool:
    """A lowercase start always continues (a page may end without notes)."""
    ended = _SENTENCE_END.search(previous.rstrip(SUPERSCRIPT))
    return following[:1].islower() or (after_notes and not ended)


def parse_bundled(source: str) -> Doc:
    """The cleaned text of an article in the bundled form, as a Doc."""
    blocks = blocks_of(source)
    start = next(i for i, b in enumerate(blocks) if _AUTHOR_LINE.match(b))
    cover = "\n".join(blocks[:start]).splitlines()
    name = _AUTHOR_LINE.match(blocks[start]).group(1).strip()
    affiliation = " ".join(blocks[start + 1].split()).strip("*")
    abstract_at = next(i for i, b in enumerate(blocks) if b.startswith("Abstract:"))
    title = " ".join(" ".join(blocks[start + 2 : abstract_at]).split())
    abstract = inline(blocks[abstract_at].removeprefix("Abstract:").strip())
    keywords = blocks[abstract_at + 1].removeprefix("Keywords:").strip()
    bib_at = next(i for i, b in enumerate(blocks) if b.strip() == "Bibliography")

    paragraphs: list[str] = []
    notes: list[Note] = []
    author_note = ""
    after_notes = False
    for block in blocks[abstract_at + 2 : bib_at]:
        flat = " ".join(block.split())
        if match := _NOTE.match(flat):
            notes.append(Note(int(match.group(1).translate(_TO_DIGIT)), inline(match.group(2))))
            after_notes = True
        elif match := _AUTHOR_NOTE.match(flat):
            author_note = match.group(1)
            after_notes = True
        elif paragraphs and _continues(paragraphs[-1], flat, after_notes):
            paragraphs[-1] = _join(paragraphs[-1], flat)
            after_notes = False
        else:
            paragraphs.append(flat)
            after_notes = False

    sections: list[BibSection] = []
    heading, entries = "", []
    for block in blocks[bib_at + 1 :]:
        lines = [line.strip() for line in block.splitlines()]
        if not lines[0].startswith("- "):
            if entries or heading:
                sections.append(BibSection(heading, tuple(entries)))
            heading, entries = " ".join(lines), []
            continue
        entries += [inline(line.removeprefix("- ")) for line in lines]
    if entries or heading:
        sections.append(BibSection(heading, tuple(entries)))

    front = Front(
        journal=next(x for x in cover if re.fullmatch(r"[A-Z]{4,}", x) and not _ROMAN.match(x)),
        volume=next(x.strip() for x in cover if _ROMAN.match(x.strip())),
        year=int(next(x for x in cover if re.fullmatch(r"\d{4}", x.strip()))),
        first_page=FIRST_PAGE,
        issn=next(x.split()[1] for x in cover if x.startswith("ISSN ")),
        authors=(Author(name, affiliation, author_note),),
        title=title,
        short_title=short_title(title),
        abstract=abstract,
        keywords=tuple(k.strip() for k in keywords.split(",")),
    )
    body: tuple[Paragraph | Heading, ...] = tuple(Paragraph(inline(p)) for p in paragraphs)
    return Doc(front, body, tuple(notes), Bibliography("Bibliography", tuple(sections)))


def bundled_doc(path: Path = BUNDLED) -> Doc:
    """The bundled article, read from the repository's source text."""
    return parse_bundled(path.read_text(encoding="utf-8"))
