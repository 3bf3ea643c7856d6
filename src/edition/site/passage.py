"""Print pages and passages: which printed page each break begins, and how to cite a passage.

A `PageBreak` marks where a print page ended; the page that begins there is
labelled with its printed number when the source gave one, else derived from
the nearest number known before it (the article's first page from the editors'
metadata or the cover, or an earlier printed break), else counted from the
article's first page as 1, and then marked `counted` so the reader is told.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from edition.model import Article, PageBreak
from edition.site import cite
from edition.site.markup import NOTE_REF, plain


@dataclass(frozen=True)
class PageLabel:
    """A print page as the site names it: "352", or "3" counted when nothing printed is known."""

    label: str
    counted: bool = False

    def cite(self) -> str:
        return f"p. {self.label}" + (" (counted)" if self.counted else "")


def _number(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None


def first_page(article: Article) -> PageLabel:
    """The page the article begins on: editors' metadata, the cover, a printed break, or 1."""
    for value in (article.metadata.first_page, article.first_page):
        if value.strip():
            return PageLabel(value.strip())
    for b in sorted(article.page_breaks, key=lambda b: b.page):
        if (n := _number(b.printed)) is not None and n - b.page > 0:
            return PageLabel(str(n - b.page))
    return PageLabel("1", counted=True)


def page_labels(article: Article) -> dict[int, PageLabel]:
    """The label of the page that begins at each break, by the break's `page` count."""
    start = first_page(article)
    anchor = (_number(start.label), 0) if _number(start.label) is not None else None
    labels: dict[int, PageLabel] = {}
    for b in sorted(article.page_breaks, key=lambda b: b.page):
        if b.printed.strip():
            labels[b.page] = PageLabel(b.printed.strip())
            if (n := _number(b.printed)) is not None:
                anchor = (n, b.page)
        elif anchor is not None:
            labels[b.page] = PageLabel(str(anchor[0] + b.page - anchor[1]), start.counted)
        else:  # a roman or lettered first page: nothing to count from
            labels[b.page] = PageLabel(str(b.page + 1), counted=True)
    return labels


def page_span(first: PageLabel, last: PageLabel) -> str:
    """'p. 352', 'pp. 352–353', with '(counted)' when the numbers are not the print's."""
    counted = " (counted)" if first.counted or last.counted else ""
    if first.label == last.label:
        return f"p. {first.label}{counted}"
    return f"pp. {first.label}–{last.label}{counted}"


def _breaks_by_paragraph(article: Article) -> dict[int, list[PageBreak]]:
    found: dict[int, list[PageBreak]] = {}
    for b in sorted(article.page_breaks, key=lambda b: (b.paragraph, b.offset)):
        found.setdefault(b.paragraph, []).append(b)
    return found


def paragraph_pages(article: Article) -> dict[int, str]:
    """Each paragraph's print pages ('p. 352', 'pp. 352–353'), by paragraph number.

    A break at offset 0 begins the paragraph's page; one at the very end does not
    carry the paragraph onto the next page.
    """
    labels, breaks = page_labels(article), _breaks_by_paragraph(article)
    current = first_page(article)
    out: dict[int, str] = {}
    for p in article.paragraphs:
        first = last = current
        end = len(p.text.rstrip())
        for b in breaks.get(p.n, []):
            current = labels[b.page]
            if b.offset == 0:
                first = current
            if b.offset < end:
                last = current
        out[p.n] = page_span(first, last)
    return out


def note_pages(article: Article) -> dict[int, str]:
    """The print page of each note: the page its first marker stands on."""
    labels, breaks = page_labels(article), _breaks_by_paragraph(article)
    current = first_page(article)
    out: dict[int, str] = {}
    for p in article.paragraphs:
        at_start = current
        for match in NOTE_REF.finditer(p.text):
            page = at_start
            for b in breaks.get(p.n, []):
                if b.offset <= match.start():
                    page = labels[b.page]
            out.setdefault(int(match.group(1)), page.cite())
        for b in breaks.get(p.n, []):
            current = labels[b.page]
    return out


_WORD = re.compile(r"\w")


def word_boundary(text: str, offset: int) -> tuple[int, bool]:
    """Where a break inside a word is shown (after the whole word) and whether it split one."""
    if 0 < offset < len(text) and _WORD.match(text[offset - 1]) and _WORD.match(text[offset]):
        end = offset
        while end < len(text) and _WORD.match(text[end]):
            end += 1
        return end, True
    return offset, False


def short_reference(article: Article) -> str:
    """Author and title, the head of a passage's citation: 'Edemskiy, “Additional Evidence.”'"""
    family = [a.name.rpartition(" ")[2] for a in article.authors]
    names = " and ".join(family) if len(family) <= 2 else f"{family[0]} et al."
    title = plain(article.title).rstrip(".")
    return f"{names}, “{title}”" if names else f"“{title}”"


def article_pages(article: Article) -> str:
    """The article's print pages: the editors' range, else its first and last page as labelled."""
    meta = article.metadata
    if meta.first_page and meta.last_page:
        return f"{meta.first_page}–{meta.last_page}"
    first, labels = first_page(article), page_labels(article)
    last = labels[max(labels)] if labels else first
    span = page_span(first, last).split(" ", 1)[1]  # drop "p."/"pp."
    return span


# Placeholders for what only the reader's browser knows: the page's address when
# the site's origin is not configured, and the day it is read (cite.js fills both).
_URL, _DATE = "\ue020", "\ue021"
_FILLED = {
    _URL: Markup('<span class="cite-url">[the address of this page]</span>'),
    _DATE: Markup('<span class="cite-date">[date]</span>'),
}


def _filled(text: str) -> Markup:
    out = escape(text)
    for sentinel, span in _FILLED.items():
        out = Markup(str(out).replace(sentinel, str(span)))
    return out


def citation_formats(article: Article, url: str, site_title: str) -> list[tuple[str, str, Markup]]:
    """(kind, label, text) of the article's citation in Chicago, BibTeX, RIS and CSL-JSON.

    Each names the print pages, the DOI where recorded, this edition's address
    and the access date; the records themselves are cite.py's.
    """
    here = url or _URL
    chicago = cite.chicago(article, "") + _filled(f" {site_title}, {here}. Accessed {_DATE}.")
    # Shown records leave out what the page shows above (abstract, keywords); the
    # .bib and .ris downloads keep them.
    bib = cite.bibtex(article, url).rstrip().removesuffix("}").rstrip()
    bib = "\n".join(line for line in bib.splitlines() if not line.startswith("  keywords = "))
    bib = bib.rstrip(",")
    bib += (f",\n  url = {{{_URL}}}" if not url else "") + f",\n  urldate = {{{_DATE}}}\n}}\n"
    ris = cite.ris(article, url).replace("\r\n", "\n").removesuffix("ER  - \n")
    ris = "".join(line for line in ris.splitlines(True) if line[:6] not in ("AB  - ", "KW  - "))
    ris += ("" if url else f"UR  - {_URL}\n") + f"Y2  - {_DATE}\nER  - \n"
    csl = csl_json(article, here, _DATE)
    return [
        ("chicago", "Chicago", chicago),
        ("bibtex", "BibTeX", _filled(bib)),
        ("ris", "RIS", _filled(ris)),
        ("csl", "CSL-JSON", _filled(csl)),
    ]


def csl_json(article: Article, url: str, accessed: str = "") -> str:
    """The CSL-JSON item (cite.py's) as shown: no abstract or keywords; with the access date."""
    item = cite.csl_json(article, url, article.language)
    item.pop("abstract", None)
    item.pop("keyword", None)
    if accessed:
        item["accessed"] = {"raw": accessed}
    return json.dumps([item], ensure_ascii=False, indent=2)
