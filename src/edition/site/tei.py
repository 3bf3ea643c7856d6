"""TEI P5 export of one article: header from the cover, body, notes, bibliography.

Notes are encoded inline at their markers (`<note n="N" place="foot">`), the
TEI way for footnotes; a note no marker points to goes into `<back>`. An archival
citation becomes `<bibl type="archival">` with the printed words kept as they
are and the archive, each level and the sheets marked where printed (`<idno
type="fond" n="3">3</idno>`, `<citedRange unit="sheet" from to>`); levels taken
from the citation before (after "Ibid.") follow as empty `<idno n>`. The tree
is built with ElementTree, so source text is always escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache

from edition.config import Config
from edition.model import Article, BibEntry, Citation, Note
from edition.site.cite_base import article_language
from edition.site.markup import inline_tokens, plain, unmarked
from edition.site.passage import PageLabel, first_page, page_labels, word_boundary

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Private-use sentinels inside Markdown: open part N (a bibl, idno or citedRange),
# close the innermost part (a page break is an empty part). They never occur in extracted text.
_OPEN, _CLOSE, _END = "\ue010", "\ue011", "\ue013"
_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"  # as ET.tostring writes it
_SENTINELS = re.compile(f"({_OPEN})(\\d+){_END}|{_CLOSE}")
# An element to open at a sentinel: tag, attributes, and the elements to append
# empty when it closes (levels a citation inherits instead of printing them).
Part = tuple[str, dict[str, str], list[tuple[str, dict[str, str]]]]


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
    root = ET.Element(t("TEI"), {XML_LANG: article_language(article, config) or "en"})
    root.append(tei_header(article, config))
    text = _sub(root, "text")
    body = _sub(text, "body")
    notes = {n.n: n for n in article.notes}
    placed: set[int] = set()
    breaks: dict[int, list[tuple[int, int]]] = {}
    for b in article.page_breaks:
        breaks.setdefault(b.paragraph, []).append((b.offset, b.page))
    # Every <pb n> stands where its page begins, numbered as printed (or counted).
    labels = page_labels(article)
    _sub(body, "pb", **_pb_attrs(first_page(article)))
    section = body
    for paragraph in article.paragraphs:
        if paragraph.level:  # a section heading opens a <div> with its <head>
            section = _sub(body, "div")
            head = _sub(section, "head")
            _fill(head, paragraph.text, lambda at, n: _place_note(at, notes, n, placed))
            continue
        p = _sub(section, "p")
        p.set(XML_ID, f"p-{paragraph.n}")
        parts: list[Part] = []
        marked = _mark_breaks(paragraph.text, breaks.get(paragraph.n, []), labels, parts)
        _fill(p, marked, lambda parent, n: _place_note(parent, notes, n, placed), parts)
    back = _sub(text, "back")
    unplaced = [n for n in article.notes if n.n not in placed]
    if unplaced:
        div = _sub(back, "div", type="notes")
        for note in unplaced:
            div.append(note_element(note))
    if article.bibliography:
        back.append(list_bibl(article.bibliography))
    ET.indent(root.find(t("teiHeader")), space=" ", level=1)
    _break_lines(root)
    return to_bytes(root)


def to_bytes(root: ET.Element) -> bytes:
    """The document with an XML declaration, as ET.tostring writes it in utf-8, plus "\\n".

    Serialising to str and encoding once is faster than ET's encoding writer;
    the bytes are the same (utf-8, character references for what cannot be encoded).
    """
    text = ET.tostring(root, encoding="unicode")
    return f"{_DECLARATION}{text}\n".encode("utf-8", "xmlcharrefreplace")


def _break_lines(element: ET.Element) -> None:
    """One line per block, leaving mixed content (p, note, bibl) exactly as read.

    ET.indent would add whitespace inside notes and paragraphs, changing their text.
    """
    if element.tag in _BLOCKS:
        element.text = "\n"
        for child in element:
            child.tail = "\n"
            _break_lines(child)


_BLOCKS = frozenset(t(n) for n in ("TEI", "text", "body", "back", "div", "listBibl"))


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
        _fill(_sub(_sub(profile, "abstract"), "p"), unmarked(article.abstract))
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
    marked, start, parts = "", 0, []
    text = unmarked(note.text)  # no input may forge a marker
    for citation in note.citations:
        at = text.find(unmarked(citation.text), start) if citation.text else -1
        if at < 0 or citation.kind == "unparsed":
            continue
        inner, missing = _mark_levels(citation, parts)
        attrs = {"type": citation.kind}
        if citation.bib_key:
            attrs["corresp"] = f"#bib-{_ncname(citation.bib_key)}"
        parts.append(("bibl", attrs, missing))
        marked += text[start:at] + f"{_OPEN}{len(parts) - 1}{_END}{inner}{_CLOSE}"
        start = at + len(citation.text)
    _fill(element, marked + text[start:], parts=parts)
    return element


def _mark_levels(citation: Citation, parts: list[Part]) -> tuple[str, list]:
    """Mark the archive, level numbers and sheets where the citation prints them.

    Returns the marked text and the levels it does not print (inherited from
    the citation before, as after "Ibid."): those become empty elements with `n`.
    Every idno carries its value in `n`, printed or not, so readers need one rule.
    """
    wanted: list[tuple[str, dict[str, str], tuple[str, ...], bool]] = []
    if citation.archive:
        attrs = {"type": "archive", "n": citation.archive}
        wanted.append(("idno", attrs, (citation.archive,), "archive" in citation.inherited))
    for level, number in citation.levels:
        attrs = {"type": level, "n": number}
        wanted.append(("idno", attrs, (number,), level in citation.inherited))
    for sheets in citation.sheets:
        attrs = {"unit": "sheet", "from": sheets.first, "to": sheets.last}
        wanted.append(("citedRange", attrs, (sheets.first, sheets.last), False))
    text, out, pos, missing = unmarked(citation.text), "", 0, []
    for tag, attrs, tokens, inherited in wanted:
        found = None if inherited else _token(tokens[0]).search(text, pos)
        if found is None:
            missing.append((tag, attrs))
            continue
        end = found.end()
        if tokens[-1] != tokens[0] and (last := _token(tokens[-1]).search(text, end)):
            end = last.end()
        out += text[pos : found.start()] + f"{_OPEN}{len(parts)}{_END}{text[found.start() : end]}"
        out += _CLOSE
        parts.append((tag, attrs, []))
        pos = end
    return out + text[pos:], missing


@lru_cache(maxsize=4096)  # the same archives and numbers recur in every note
def _token(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.IGNORECASE)


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
        _fill(bibl, unmarked(entry.original))
    return div


def _mark_breaks(
    text: str, breaks: list[tuple[int, int]], labels: dict[int, PageLabel], parts: list[Part]
) -> str:
    """Mark each break as an empty part: `<pb n>` of the page beginning there.

    The number is the printed one (or counted, `type="counted"`); a break inside
    a word gets `break="no"`.
    """
    original = text
    text = unmarked(text)  # no input may forge a marker; one character for one
    for offset, page in sorted(breaks, reverse=True):
        parts.append(("pb", _pb_attrs(labels.get(page), word_boundary(original, offset)[1]), []))
        text = text[:offset] + f"{_OPEN}{len(parts) - 1}{_END}{_CLOSE}" + text[offset:]
    return text


def _pb_attrs(label: PageLabel | None, inside_word: bool = False) -> dict[str, str]:
    label = label or PageLabel("", counted=True)
    attrs = {"n": label.label} if label.label else {}
    if label.counted:
        attrs["type"] = "counted"
    if inside_word:
        attrs["break"] = "no"
    return attrs


def _fill(
    parent: ET.Element,
    text: str,
    on_note: Callable[[ET.Element, int], None] | None = None,
    parts: list[Part] | None = None,
) -> None:
    """Append inline Markdown to `parent` as TEI: hi, ref, note, pb and the marked parts."""
    tokens = inline_tokens(text)
    stack = [parent]
    open_parts: list[tuple[ET.Element, list[tuple[str, dict[str, str]]]]] = []

    def close_part() -> None:
        element, missing = open_parts.pop()
        stack.pop()
        for tag, attrs in missing:
            element.append(ET.Element(t(tag), attrs))

    def add_text(value: str) -> None:
        top = stack[-1]
        if len(top):
            top[-1].tail = (top[-1].tail or "") + value
        else:
            top.text = (top.text or "") + value

    def add_marked(value: str) -> None:
        if _OPEN not in value and _CLOSE not in value:
            add_text(value)  # most text: no sentinel to look for
            return
        pos = 0
        for match in _SENTINELS.finditer(value):
            add_text(value[pos : match.start()])
            pos = match.end()
            kind, number = match.group(1), match.group(2)
            if kind == _OPEN and parts is not None:
                tag, attrs, missing = parts[int(number)]
                element = _sub(stack[-1], tag, **attrs)
                stack.append(element)
                open_parts.append((element, missing))
            elif kind is None and open_parts and stack[-1] is open_parts[-1][0]:
                close_part()
        add_text(value[pos:])

    for token in tokens:
        if token.type in ("em_open", "strong_open"):
            rend = "italic" if token.type == "em_open" else "bold"
            stack.append(_sub(stack[-1], "hi", rend=rend))
        elif token.type == "link_open":
            stack.append(_sub(stack[-1], "ref", target=str(token.attrGet("href") or "")))
        elif token.type in ("em_close", "strong_close", "link_close") and len(stack) > 1:
            # A part that began inside this italic ends with it: keep the tree nested.
            while open_parts and stack[-1] is open_parts[-1][0]:
                close_part()
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
    return _NOT_NCNAME.sub("_", key) or "_"


_NOT_NCNAME = re.compile(r"[^A-Za-z0-9_.-]")
