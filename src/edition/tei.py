"""TEI P5 export of one article: header from the cover, body, notes, bibliography.

Notes are encoded inline at their markers (`<note n="N" place="foot">`), the
TEI way for footnotes; a note no marker points to goes into `<back>`. Archival
citations become `<bibl type="archival">` keeping the words as printed in a
`<seg>`, followed by one `<idno>` per level and `<citedRange unit="sheet">`.
The tree is built with ElementTree, so source text is always escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from .config import Config
from .markup import markdown, plain
from .model import Article, BibEntry, Citation, Note

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Private-use sentinels: where a citation span opens/closes, where a page broke.
_OPEN, _CLOSE, _BREAK = "\ue010", "\ue011", "\ue012"
_SENTINELS = re.compile(f"([{_OPEN}{_CLOSE}{_BREAK}])(\\d*)\ue013?")


def t(tag: str) -> str:
    """A tag name in the TEI namespace."""
    return f"{{{TEI_NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, t(tag), {k.replace("_", ":"): v for k, v in attrs.items()})
    if text:
        element.text = text
    return element


def article_tei(article: Article, config: Config) -> bytes:
    """The article as a TEI P5 document (UTF-8 bytes, with XML declaration)."""
    ET.register_namespace("", TEI_NS)
    root = ET.Element(t("TEI"), {XML_LANG: config.language or "en"})
    root.append(tei_header(article, config))
    text = _sub(root, "text")
    body = _sub(text, "body")
    notes = {n.n: n for n in article.notes}
    placed: set[int] = set()
    breaks: dict[int, list[tuple[int, int]]] = {}
    for b in article.page_breaks:
        breaks.setdefault(b.paragraph, []).append((b.offset, b.page))
    for paragraph in article.paragraphs:
        p = _sub(body, "p")
        p.set(XML_ID, f"p-{paragraph.n}")
        marked = _mark_breaks(paragraph.text, breaks.get(paragraph.n, []))
        _fill(p, marked, lambda parent, n: _place_note(parent, notes, n, placed))
    back = _sub(text, "back")
    unplaced = [n for n in article.notes if n.n not in placed]
    if unplaced:
        div = _sub(back, "div", type="notes")
        for note in unplaced:
            div.append(note_element(note))
    if article.bibliography:
        back.append(list_bibl(article.bibliography))
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def tei_header(article: Article, config: Config) -> ET.Element:
    """fileDesc (this edition), sourceDesc (the printed article), profileDesc."""
    cover = article.cover
    header = ET.Element(t("teiHeader"))
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", plain(article.title))
    for author in article.authors:
        _author(title_stmt, author)
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "publisher", config.title)
    _sub(publication, "idno", f"articles/{article.slug}/", type="path")
    if config.licence:
        _sub(_sub(publication, "availability"), "licence", config.licence)
    source = _sub(file_desc, "sourceDesc")
    struct = _sub(source, "biblStruct")
    analytic = _sub(struct, "analytic")
    _sub(analytic, "title", plain(article.title), level="a")
    for author in article.authors:
        _author(analytic, author)
    monogr = _sub(struct, "monogr")
    _sub(monogr, "title", cover.journal, level="j")
    if cover.subtitle:
        _sub(monogr, "title", cover.subtitle, level="j", type="sub")
    for kind, value in (("ISSN", cover.issn), ("eISSN", cover.eissn), ("UDC", cover.udc)):
        if value:
            _sub(monogr, "idno", value, type=kind)
    imprint = _sub(monogr, "imprint")
    if cover.place:
        _sub(imprint, "pubPlace", cover.place)
    for name in (cover.academy, cover.institute):
        if name:
            _sub(imprint, "publisher", name)
    if cover.year:
        _sub(imprint, "date", str(cover.year), when=f"{cover.year:04d}")
    _sub(imprint, "biblScope", cover.volume, unit="volume", n=str(cover.volume_number))
    profile = _sub(header, "profileDesc")
    if article.abstract:
        _fill(_sub(_sub(profile, "abstract"), "p"), article.abstract)
    if article.keywords:
        keywords = _sub(_sub(profile, "textClass"), "keywords")
        for word in article.keywords:
            _sub(keywords, "term", word)
    return header


def _author(parent: ET.Element, author) -> None:
    element = _sub(parent, "author")
    _sub(element, "persName", author.name)
    if author.affiliation:
        _sub(element, "affiliation", plain(author.affiliation))
    if author.email:
        _sub(element, "email", author.email)


def note_element(note: Note) -> ET.Element:
    """A footnote with its citations encoded as `<bibl>`."""
    element = ET.Element(t("note"), {"n": str(note.n), "place": "foot", XML_ID: f"fn-{note.n}"})
    marked, start, wrapped = "", 0, []
    for citation in note.citations:
        at = note.text.find(citation.text, start) if citation.text else -1
        if at < 0 or citation.kind == "unparsed":
            continue
        marked += note.text[start:at] + f"{_OPEN}{len(wrapped)}\ue013{citation.text}{_CLOSE}"
        wrapped.append(citation)
        start = at + len(citation.text)
    _fill(element, marked + note.text[start:], citations=wrapped)
    return element


def list_bibl(entries: tuple[BibEntry, ...]) -> ET.Element:
    """The bibliography as `<div type="bibliography">` with one listBibl per section."""
    div = ET.Element(t("div"), {"type": "bibliography"})
    current: ET.Element | None = None
    section: str | None = None
    for entry in entries:
        if current is None or entry.section != section:
            section = entry.section
            current = _sub(div, "listBibl")
            if section:
                _sub(current, "head", section)
        bibl = _sub(current, "bibl", type=entry.entry_type or "misc")
        bibl.set(XML_ID, f"bib-{_ncname(entry.key)}")
        _fill(bibl, entry.original)
    return div


def _citation_bibl(citation: Citation) -> ET.Element:
    attrs = {"type": citation.kind}
    if citation.bib_key:
        attrs["corresp"] = f"#bib-{_ncname(citation.bib_key)}"
    return ET.Element(t("bibl"), attrs)


def _finish_bibl(bibl: ET.Element, citation: Citation) -> None:
    """Wrap what was printed in `<seg>` and add the structured levels after it."""
    if citation.kind != "archival":
        return
    seg = ET.Element(t("seg"), {"type": "as-printed"})
    seg.text, bibl.text = bibl.text, None
    seg.extend(list(bibl))
    for child in list(bibl):
        bibl.remove(child)
    bibl.append(seg)
    if citation.archive:
        _sub(bibl, "idno", citation.archive, type="archive")
    for level, number in citation.levels:
        _sub(bibl, "idno", number, type=level)
    for sheets in citation.sheets:
        label = sheets.first if sheets.is_single else f"{sheets.first}–{sheets.last}"
        _sub(bibl, "citedRange", label, unit="sheet", **{"from": sheets.first, "to": sheets.last})


def _mark_breaks(text: str, breaks: list[tuple[int, int]]) -> str:
    for offset, page in sorted(breaks, reverse=True):
        text = text[:offset] + f"{_BREAK}{page}\ue013" + text[offset:]
    return text


def _fill(
    parent: ET.Element,
    text: str,
    on_note: Callable[[ET.Element, int], None] | None = None,
    citations: list[Citation] | None = None,
) -> None:
    """Append inline Markdown to `parent` as TEI: hi, ref, note, pb, bibl."""
    tokens = markdown().parseInline(text)[0].children or []
    stack = [parent]
    open_bibls: list[tuple[ET.Element, Citation]] = []

    def close_bibl() -> None:
        bibl, citation = open_bibls.pop()
        stack.pop()
        _finish_bibl(bibl, citation)

    def add_text(value: str) -> None:
        top = stack[-1]
        if len(top):
            top[-1].tail = (top[-1].tail or "") + value
        else:
            top.text = (top.text or "") + value

    def add_marked(value: str) -> None:
        pos = 0
        for match in _SENTINELS.finditer(value):
            add_text(value[pos : match.start()])
            pos = match.end()
            kind, number = match.group(1), match.group(2)
            if kind == _BREAK:
                _sub(stack[-1], "pb", n=number)
            elif kind == _OPEN and citations is not None:
                bibl = _citation_bibl(citations[int(number)])
                stack[-1].append(bibl)
                stack.append(bibl)
                open_bibls.append((bibl, citations[int(number)]))
            elif kind == _CLOSE and open_bibls and stack[-1] is open_bibls[-1][0]:
                close_bibl()
        add_text(value[pos:])

    for token in tokens:
        if token.type in ("em_open", "strong_open"):
            rend = "italic" if token.type == "em_open" else "bold"
            stack.append(_sub(stack[-1], "hi", rend=rend))
        elif token.type == "link_open":
            stack.append(_sub(stack[-1], "ref", target=str(token.attrGet("href") or "")))
        elif token.type in ("em_close", "strong_close", "link_close") and len(stack) > 1:
            # A citation that began inside this italic ends with it: keep the tree nested.
            while open_bibls and stack[-1] is open_bibls[-1][0]:
                close_bibl()
            stack.pop()
        elif token.type == "note_ref":
            if on_note is not None:
                on_note(stack[-1], token.meta["n"])
        elif token.type in ("softbreak", "hardbreak"):
            add_text(" ")
        else:
            add_marked(token.content)


def _place_note(parent: ET.Element, notes: dict[int, Note], n: int, placed: set[int]) -> None:
    if n in notes and n not in placed:
        parent.append(note_element(notes[n]))
        placed.add(n)
    else:  # a second marker for the same note, or one without a note
        _sub(parent, "ref", str(n), target=f"#fn-{n}", type="noteAnchor")


def _ncname(key: str) -> str:
    """A bibliography key made safe for xml:id."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", key) or "_"
