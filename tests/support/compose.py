"""Turn a Doc into a stream of lines and fill pages with body and footnotes.

A body line brings along the notes whose markers it carries; those notes go
to the foot of the same page, and, where the layout allows, the last of them
runs on to the next page when the page is full.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .doc import Doc, Heading, Text
from .layouts import Layout, register
from .lines import Line, Seg, Style, Word, break_lines, printed_markers, words_of

NOTE_GAP = 7.0  # space between the body and the notes (a rule sits in it)
AUTHOR_NOTE = 0  # the author's "*" note is kept under this number


@dataclass
class Item:
    """One line of the stream (or a vertical space when `line` is None)."""

    line: Line | None
    style: Style
    height: float
    width: float
    align: str  # justify, left, centre
    region: str  # front, body, bib
    block: int = -1  # body block index, for region "body"
    notes: list[int] = field(default_factory=list)
    keep: bool = False  # keep with the next line (headings)


@dataclass
class NoteLine:
    number: int
    line: Line
    style: Style


@dataclass
class Page:
    items: list[Item] = field(default_factory=list)
    notes: list[NoteLine] = field(default_factory=list)

    def used(self, layout: Layout) -> float:
        body = sum(i.height for i in self.items)
        notes = sum(n.style.leading for n in self.notes)
        return body + (notes + NOTE_GAP if self.notes else 0.0)


def styles(layout: Layout) -> dict[str, Style]:
    regular, italic, bold = register(layout.family)
    s, lead = layout.size, layout.leading
    return {
        "body": Style(regular, italic, s, lead),
        "note": Style(regular, italic, layout.note_size, layout.note_leading),
        "small": Style(regular, italic, s * 0.88, lead * 0.88),
        "italic": Style(italic, italic, s * 0.92, lead * 0.92),
        "head": Style(regular, italic, s * 0.82, lead),
        "title": Style(bold, bold, s * 1.35, s * 1.7),
        "h1": Style(bold, italic, s * 1.1, lead * 1.2),
        "h2": Style(italic, italic, s, lead),
        "author": Style(regular, italic, s * 1.05, lead),
    }


def text_width(layout: Layout) -> float:
    return layout.page[0] - layout.margins[1] - layout.margins[3]


def body_height(layout: Layout) -> float:
    return layout.page[1] - layout.margins[0] - layout.margins[2]


def label_word(label: str, kind: str) -> Word:
    return Word(-1, [Seg(label, kind)])


def heading_labels(doc: Doc) -> dict[int, str]:
    """Printed numbers of headings: "1.", "1.1" (a numbered-headings journal)."""
    out: dict[int, str] = {}
    major = minor = 0
    for i, block in enumerate(doc.body):
        if isinstance(block, Heading):
            if block.level == 1:
                major, minor = major + 1, 0
                out[i] = f"{major}."
            else:
                minor += 1
                out[i] = f"{major}.{minor}"
    return out


def _lines(items, t: Text, style, width, layout, *, region, block=-1, align=None,
           first=0.0, rest=0.0, prefix=None, markers=None, hyphenate=True):
    words = words_of(t, markers if markers is not None else printed_markers(
        t, layout.marker_after_punctuation))
    if prefix is not None:
        words.insert(0, prefix)
    align = align or ("justify" if layout.justify else "left")
    for line in break_lines(words, style, width, first, rest, layout.hyphenate and hyphenate):
        notes = [n for w in line.words for n in w.markers]
        items.append(Item(line, style, style.leading, width, align, region, block, notes))


def _space(items, style, height, region):
    items.append(Item(None, style, height, 0.0, "left", region))


def stream(doc: Doc, layout: Layout) -> list[Item]:
    """The article as a sequence of lines: front matter, body, bibliography."""
    st = styles(layout)
    width = text_width(layout)
    items: list[Item] = []
    front = doc.front
    centred = layout.head == "alternate"
    align = "centre" if centred else "left"
    for author in front.authors:
        marks = [(len(author.name), "*")] if author.note else []
        _lines(items, Text(author.name.upper() if centred else author.name), st["author"],
               width, layout, region="front", align=align, markers=marks, hyphenate=False)
        if author.note:
            items[-1].notes.append(AUTHOR_NOTE)
        if author.affiliation:
            _lines(items, Text(author.affiliation), st["italic"], width, layout,
                   region="front", align=align, hyphenate=False)
    _space(items, st["body"], st["body"].leading, "front")
    _lines(items, Text(front.title), st["title"], width, layout, region="front", align=align,
           hyphenate=False)
    _space(items, st["body"], st["body"].leading, "front")
    inset = 18.0 if centred else 0.0
    if front.abstract is not None:
        _lines(items, front.abstract, st["small"], width - inset, layout, region="front",
               first=inset, rest=inset, prefix=label_word(front.labels.abstract, "i"))
    if front.keywords:
        _lines(items, Text(", ".join(front.keywords)), st["small"], width - inset, layout,
               region="front", first=inset, rest=inset,
               prefix=label_word(front.labels.keywords, "i"))
    _space(items, st["body"], st["body"].leading * 1.5, "front")

    labels = heading_labels(doc) if layout.number_headings else {}
    para_space = 0.0 if layout.indent else layout.leading * 0.5
    after_heading = True
    for i, block in enumerate(doc.body):
        if isinstance(block, Heading):
            style = st["h1"] if block.level == 1 else st["h2"]
            _space(items, st["body"], layout.leading * (1.0 if block.level == 1 else 0.5), "body")
            prefix = label_word(labels[i], "r") if i in labels else None
            start = len(items)
            _lines(items, block.text, style, width, layout, region="body", block=i,
                   align="left", prefix=prefix, hyphenate=False)
            for item in items[start:]:
                item.keep = True
            _space(items, st["body"], layout.leading * 0.4, "body")
            after_heading = True
            continue
        if para_space and not after_heading:
            _space(items, st["body"], para_space, "body")
        indent = 0.0 if after_heading else layout.indent
        _lines(items, block.text, st["body"], width, layout, region="body", block=i, first=indent)
        after_heading = False

    if doc.bibliography is not None:
        _space(items, st["body"], layout.leading * 1.5, "bib")
        _lines(items, Text(doc.bibliography.heading), st["h1"], width, layout, region="bib",
               align="left")
        items[-1].keep = True
        for section in doc.bibliography.sections:
            if section.heading:
                _space(items, st["body"], layout.leading * 0.5, "bib")
                _lines(items, Text(section.heading), st["h2"], width, layout, region="bib",
                       align="left")
                items[-1].keep = True
            for entry in section.entries:
                _lines(items, entry, st["small"], width, layout, region="bib", rest=14.0)
    return items


def note_lines(doc: Doc, layout: Layout) -> dict[int, list[NoteLine]]:
    """Each note set in lines at the foot's size, its number as the layout prints it."""
    st = styles(layout)["note"]
    width = text_width(layout)
    kind = {"raised": "m", "dot": "r", "plain": "r"}[layout.note_label]
    out: dict[int, list[NoteLine]] = {}
    notes = [(n.number, n.text) for n in doc.notes]
    notes += [(AUTHOR_NOTE, Text(a.note)) for a in doc.front.authors[:1] if a.note]
    for number, t in notes:
        label = "*" if number == AUTHOR_NOTE else str(number)
        if layout.note_label == "dot" and number != AUTHOR_NOTE:
            label += "."
        words = [label_word(label, kind), *words_of(t, [])]
        first = layout.indent * 0.7
        out[number] = [NoteLine(number, line, st) for line in
                       break_lines(words, st, width, first, 0.0, layout.hyphenate)]
    return out


def paginate(items: list[Item], notes: dict[int, list[NoteLine]], layout: Layout) -> list[Page]:
    """Fill pages: each line with its notes; a full page pushes on or splits a note."""
    room = body_height(layout)
    cap = room * layout.note_share  # the most of a page that notes may take
    pages = [Page()]
    carry: list[NoteLine] = []

    def note_room(page: Page, body: float) -> int:
        """How many more note lines fit beside `body` height of body text."""
        used = sum(n.style.leading for n in page.notes)
        free = min(room - body - NOTE_GAP, cap) - used
        return max(0, int(free // layout.note_leading))

    def new_page() -> None:
        nonlocal carry
        pages.append(Page())
        keep = note_room(pages[-1], 0.0)
        pages[-1].notes.extend(carry[:keep])
        carry = carry[keep:]

    i = 0
    while i < len(items):
        item = items[i]
        page = pages[-1]
        if item.line is None and not page.items:
            i += 1  # no space at the top of a page
            continue
        fresh = [nl for n in item.notes for nl in notes[n]]
        body = sum(x.height for x in page.items) + item.height
        if item.keep:  # a heading needs the two lines after it on its page
            body += sum(x.height for x in items[i + 1 : i + 3])
        gap = NOTE_GAP if page.notes or fresh else 0.0
        fits_body = body + gap + sum(n.style.leading for n in page.notes) <= room
        room_for = note_room(page, body) if fits_body else 0
        if fits_body and not (carry and fresh) and room_for >= len(fresh):
            page.items.append(item)
            page.notes.extend(fresh)
            i += 1
            continue
        if fresh and not carry and layout.split_notes and page.items and room_for >= 2:
            page.items.append(item)
            page.notes.extend(fresh[:room_for])
            carry = fresh[room_for:]
            i += 1
            continue
        if not page.items and not page.notes:  # it cannot fit even on an empty page
            page.items.append(item)
            page.notes.extend(fresh[: max(1, room_for)])
            carry = fresh[max(1, room_for) :]
            i += 1
            continue
        new_page()
    while carry:
        new_page()
    return pages
