"""Test articles typeset by Typst, a typesetter independent of ours (tests/support/typeset.py).

    typeset_typst(doc, "typst-columns") -> Typeset(pdf=bytes, truth=Truth)

Typst sets real text: justified lines hyphenated by its own dictionaries,
footnotes with a rule that may run over to the next page, columns, running
heads, OpenType superscripts. Its layouts here are unlike journal-a/b/c (see
TYPST_LAYOUTS). The truth is simpler than the reportlab typesetter's: the
Doc itself, and the printed number of each PDF page (Typst's page counter).
Only the fonts that the `typst` package embeds are used, and for typst-sans
Debian's DejaVu (which tests/support needs already), so the PDFs are the same
on every machine.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .doc import Doc, Heading, Text
from .truth import PageTruth, Truth, Typeset


@dataclass(frozen=True)
class TypstLayout:
    name: str
    paper: str
    font: str
    size: str  # body size, e.g. "10pt"
    columns: int
    notes: str  # "foot" (superscript numbers), "foot-plain" ("1." at the foot), "end"
    head: str  # "alternate" (author / title), "journal" (journal and volume)
    folio: str  # "top-outer", "foot-centre"
    # "russian" (УДК, DOI, e-mail ...), "cover" (a cover page first), "title-page" (a cover
    # with the whole front matter, the first page repeating the authors and the title)
    front: str
    headings: str  # "bold", "smallcaps"
    superscripts: str = "glyphs"  # OpenType superscript glyphs, or "raised" (smaller, shifted)
    notes_across: bool = False  # columns in the text block, the notes across the page's foot

    @property
    def cover(self) -> bool:
        """Is the article's first page the PDF's second (a cover before it)?"""
        return self.front in ("cover", "title-page")


TYPST_LAYOUTS = {
    layout.name: layout
    for layout in (
        TypstLayout(
            name="typst-columns",
            paper="a4",
            font="Libertinus Serif",
            size="10pt",
            columns=2,
            notes="foot",
            head="alternate",
            folio="top-outer",
            front="russian",
            headings="bold",
        ),
        TypstLayout(
            name="typst-endnotes",
            paper="a5",
            font="New Computer Modern",
            size="10pt",
            columns=1,
            notes="end",
            head="journal",
            folio="foot-centre",
            front="russian",
            headings="smallcaps",
        ),
        TypstLayout(
            name="typst-footplain",
            paper="us-letter",
            font="Libertinus Serif",
            size="11pt",
            columns=1,
            notes="foot-plain",
            head="alternate",
            folio="top-outer",
            front="cover",
            headings="bold",
        ),
        # A sans-serif face from the system (Debian's fonts-dejavu-core), markers drawn
        # smaller and raised, notes '1.' at each column's foot, section headings centred.
        TypstLayout(
            name="typst-sans",
            paper="a4",
            font="DejaVu Sans",
            size="9pt",
            columns=2,
            notes="foot-plain",
            head="journal",
            folio="foot-centre",
            front="cover",
            headings="smallcaps",
            superscripts="raised",
        ),
        # Two columns of text, the notes across the page's foot under a rule; a cover-less
        # first page with the article's title block across the top.
        TypstLayout(
            name="typst-wide-notes",
            paper="a4",
            font="New Computer Modern",
            size="10pt",
            columns=2,
            notes="foot",
            head="alternate",
            folio="top-outer",
            front="russian",
            headings="bold",
            notes_across=True,
        ),
        # A title page (journal, authors, title, abstract, keywords) before the article,
        # whose first page prints the authors and the title again above the body.
        TypstLayout(
            name="typst-title-page",
            paper="a5",
            font="Libertinus Serif",
            size="10pt",
            columns=1,
            notes="foot",
            head="journal",
            folio="foot-centre",
            front="title-page",
            headings="bold",
        ),
    )
}
TYPST_LAYOUT_NAMES = tuple(TYPST_LAYOUTS)

FONTS = Path("/usr/share/fonts/truetype/dejavu")  # for typst-sans; the others embed theirs
_LANGS = {"Аннотация:": "ru", "Zusammenfassung:": "de", "Apstrakt:": "sr"}
_NOTES_HEADING = {"ru": "Примечания", "de": "Anmerkungen", "sr": "Napomene", "en": "Notes"}


def require_typst() -> None:
    """Skip (fail on CI) when the `typst` package is missing."""
    import os

    import pytest

    try:
        import typst  # noqa: F401
    except ImportError:
        message = "Typst-set PDFs need typst (pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def typeset_typst(doc: Doc, layout: str) -> Typeset:
    """The Doc typeset by Typst in one of TYPST_LAYOUTS, with the printed page numbers."""
    return _typeset(doc, TYPST_LAYOUTS[layout])


def _lang(doc: Doc) -> str:
    return _LANGS.get(doc.front.labels.abstract, "en")


@functools.lru_cache(maxsize=32)
def _typeset(doc: Doc, layout: TypstLayout) -> Typeset:
    import pypdfium2 as pdfium
    import typst

    fonts = [str(FONTS)] if FONTS.is_dir() else []
    pdf = typst.compile(
        source(doc, layout).encode(), format="pdf", ignore_system_fonts=True, font_paths=fonts
    )
    count = len(pdfium.PdfDocument(pdf))
    cover = layout.cover
    pages = []
    for index in range(count):
        printed = None if cover and index == 0 else doc.front.first_page + index - cover
        pages.append(PageTruth(index, printed, layout.folio, None, None, (), False))
    return Typeset(pdf, Truth(layout.name, tuple(pages), (), (), ()))


def _str(text: str) -> str:
    """A Typst string literal: shown as it is, no markup read in it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _inline(text: Text, notes: dict[int, Text] | None) -> str:
    """Text as Typst code: #"plain", #emph("..."), and a footnote (or a superscript) per marker."""
    cuts = {0, len(text.plain)}
    for start, end in text.italics:
        cuts |= {start, end}
    cuts |= {m.offset for m in text.markers}
    out = []
    points = sorted(cuts)
    for a, b in zip(points, points[1:], strict=False):
        out += _markers_at(text, a, notes)
        piece = text.plain[a:b]
        italic = any(s <= a and b <= e for s, e in text.italics)
        out.append(f"#emph({_str(piece)})" if italic else f"#{_str(piece)}")
    out += _markers_at(text, len(text.plain), notes)
    return "".join(out)


def _markers_at(text: Text, offset: int, notes: dict[int, Text] | None) -> list[str]:
    out = []
    for marker in text.markers:
        if marker.offset != offset:
            continue
        if notes is None:
            out.append(f"#super[{marker.note}]")
        else:
            out.append(f"#footnote[{_inline(notes[marker.note], None)}]")
    return out


def _preamble(doc: Doc, layout: TypstLayout) -> list[str]:
    front = doc.front
    names = ", ".join(a.name for a in front.authors)
    if layout.head == "alternate":
        even = f"#{_str(names)}"
        odd = f"#emph({_str(front.short_title)})"
    else:
        even = odd = f"#{_str(f'{front.journal}. {front.year}. {front.volume}')}"
    cover = int(layout.cover)  # the PDF page of the article's first: 1 or 2
    top_folio = layout.folio == "top-outer"
    header = (
        "context { let n = counter(page).get().first(); "
        f"let i = here().page(); if i > {1 + cover} {{ "
        f"if calc.even(n) [{'#n #h(1em) ' if top_folio else ''}{even} #h(1fr)] "
        f"else [#h(1fr) {odd}{' #h(1em) #n' if top_folio else ''}] }} }}"
    )
    # The article's first page has its number at the foot when the others have it at the top.
    footer = (
        "context { let i = here().page(); "
        f"if i > {cover} and ({f'i == {1 + cover}' if top_folio else 'true'}) "
        "[#h(1fr) #counter(page).display() #h(1fr)] }"
    )
    lines = [
        f"#set document(title: {_str(front.title)}, author: {_str(names)})",
        f"#set page(paper: {_str(layout.paper)}, margin: (x: 2cm, top: 2.4cm, bottom: 2.2cm), "
        f"columns: {1 if layout.notes_across else layout.columns}, header: {header}, "
        f"footer: {footer})",
        f"#set text(font: {_str(layout.font)}, size: {layout.size}, lang: {_str(_lang(doc))})",
        "#set par(justify: true, first-line-indent: 1.2em, spacing: 0.65em)",
        "#set smartquote(enabled: false)",
        f"#set super(typographic: {str(layout.superscripts == 'glyphs').lower()})",
        "#show heading: set block(above: 1.4em, below: 0.9em)",
    ]
    if layout.headings == "smallcaps":
        lines.append(
            "#show heading.where(level: 1): it => align(center, "
            'text(weight: "regular", smallcaps(it.body)))'
        )
        lines.append('#show heading.where(level: 2): it => emph(text(weight: "regular", it.body))')
    else:
        lines.append("#show heading: set text(size: 1em)")
    if layout.notes == "foot-plain":
        lines.append(
            "#show footnote.entry: it => { let n = counter(footnote).at(it.note.location()); "
            'par(first-line-indent: 0pt, hanging-indent: 0pt)[#numbering("1.", ..n) '
            "#it.note.body] }"
        )
    lines.append("#set footnote.entry(gap: 0.5em)")
    return lines


def _front_page(doc: Doc, layout: TypstLayout) -> list[str]:
    front = doc.front
    lang = _lang(doc)
    out = []
    labelled = _labelled(doc)
    if layout.front == "cover":
        out.append(
            "#page(header: none, footer: none, columns: 1)[#align(center)[#v(6cm) "
            f'#text(size: 24pt, weight: "bold")[#{_str(front.journal)}]'
            f" \\ #v(0.5cm) #text(size: 13pt)[#{_str(f'{front.volume} · {front.year}')}]"
            f" \\ #v(10cm) #{_str(f'ISSN {front.issn}')}]]"
        )
    elif layout.front == "title-page":  # the whole front matter; the first page repeats some
        names = ", ".join(a.name for a in front.authors)
        parts = [
            f'#align(center)[#text(size: 16pt, weight: "bold")[#{_str(front.journal)}]'
            f" \\ #{_str(f'{front.volume} · {front.year}')} \\ "
            f"#{_str(f'ISSN {front.issn}')}]",
            "#v(2cm)",
            f"#align(center)[#strong({_str(names)})]",
            f'#align(center)[#text(size: 1.4em, weight: "bold")[#{_str(front.title)}]]',
            "#v(1cm)",
            *labelled,
        ]
        body = "\n\n".join(f"#par(first-line-indent: 0pt, justify: false)[{b}]" for b in parts)
        out.append(f"#page(header: none, footer: none, columns: 1)[\n{body}\n]")
    out.append(f"#counter(page).update({front.first_page})")
    block = [
        f"#{_str(('УДК ' if lang == 'ru' else 'UDC ') + '94(497.1)“1960/1961”')}",
        f"#{_str(f'DOI: 10.31168/{front.issn}.{front.year}.{front.first_page}')}",
        "#v(0.6em)",
    ]
    for author in front.authors:
        block.append(f"#strong({_str(author.name)})")
        if author.affiliation:
            block.append(f"#emph({_str(author.affiliation)})")
        if author.note:
            block.append(f"#{_str(author.note)}")
        block.append("#v(0.3em)")
    block.append(f'#v(0.6em) #text(size: 1.4em, weight: "bold")[#{_str(front.title)}] #v(0.6em)')
    if layout.front != "title-page":
        block += labelled
    body = "\n\n".join(f"#par(first-line-indent: 0pt, justify: false)[{b}]" for b in block)
    if layout.columns > 1 and not layout.notes_across:
        out.append(f'#place(top, scope: "parent", float: true, clearance: 1.5em)[\n{body}\n]')
    else:
        out += [body, "#v(1em)"]
    return out


def _labelled(doc: Doc) -> list[str]:
    """The abstract and the keywords, each after its label."""
    front = doc.front
    out = []
    if front.abstract is not None:
        out.append(
            f"#text(size: 0.9em)[#strong({_str(front.labels.abstract)}) "
            f"{_inline(front.abstract, None)}]"
        )
    if front.keywords:
        words = ", ".join(front.keywords)
        out.append(f"#text(size: 0.9em)[#strong({_str(front.labels.keywords)}) #{_str(words)}]")
    return out


def source(doc: Doc, layout: TypstLayout) -> str:
    """The Typst source of the Doc in the layout."""
    notes = None if layout.notes == "end" else {n.number: n.text for n in doc.notes}
    out = _preamble(doc, layout) + _front_page(doc, layout)
    if layout.notes_across:  # the text in columns, the page (and its notes) in one
        out.append(f"#columns({layout.columns}, gutter: 5%)[")
    for block in doc.body:
        if isinstance(block, Heading):
            out.append(f"#heading(level: {block.level})[{_inline(block.text, None)}]")
        else:
            out.append(f"#par[{_inline(block.text, notes)}]")
    if layout.notes == "end":
        out.append(f"#heading(level: 1)[#{_str(_NOTES_HEADING[_lang(doc)])}]")
        for note in doc.notes:
            out.append(
                "#par(first-line-indent: 0pt, hanging-indent: 1.2em)[#text(size: 0.9em)["
                f"#{_str(f'{note.number}. ')}{_inline(note.text, None)}]]"
            )
    if layout.notes_across:
        out.append("]")
    if doc.bibliography is not None:
        bib = doc.bibliography
        out.append(f"#heading(level: 1, outlined: false)[#{_str(bib.heading)}]")
        for section in bib.sections:
            if section.heading:
                out.append(f"#heading(level: 2)[#{_str(section.heading)}]")
            for entry in section.entries:
                out.append(
                    "#par(first-line-indent: 0pt, hanging-indent: 1.2em)[#text(size: 0.9em)["
                    f"{_inline(entry, None)}]]"
                )
    return "\n\n".join(out) + "\n"
