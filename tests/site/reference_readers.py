"""How reference managers and Google Scholar read a page's <head>, written down as code.

The rules are those of the readers' published sources, cited by file and function:

- Zotero's "Embedded Metadata" web translator and the RDF import it hands the
  meta tags to: github.com/zotero/translators, `Embedded Metadata.js` (`init`,
  `addHighwireMetadata`, `addLowQualityMetadata`, `HIGHWIRE_MAPPINGS`) and
  `RDF.js` (`detectType`, `importItem`), at commit 2814370161d0 (2026-06-26).
- Zotero's RIS import, `RIS.js` (`fieldMap`, `degenerateImportFieldMap`) at the same commit.
- Google Scholar's Inclusion Guidelines for Webmasters
  (scholar.google.com/intl/en/scholar/inclusion.html, "Indexing guidelines").

Only what the edition's pages use is modelled; a tag the rules do not know is
ignored, as the readers ignore it. The model was checked once against Zotero's
translation-server (github.com/zotero/translation-server, d88a8d53) run on
loopback against a built site: the article, file, fond and index pages gave the
items `zotero_item` gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlparse

# Embedded Metadata.js `_prefixes`: a meta name "<prefix>.<prop>" or "<prefix>:<prop>"
# becomes an RDF statement in that namespace.
PREFIXES = {"dc", "dcterms", "og", "article", "z", "prism", "bibo", "eprints", "foaf"}
# Embedded Metadata.js `init`: the citation_* tags that fix the item type.
HW_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
# Embedded Metadata.js `HIGHWIRE_MAPPINGS`, in its order (a later one wins).
HIGHWIRE = [
    ("citation_title", "title"),
    ("citation_publication_date", "date"),
    ("citation_cover_date", "date"),
    ("citation_date", "date"),
    ("citation_journal_title", "publicationTitle"),
    ("citation_journal_abbrev", "journalAbbreviation"),
    ("citation_volume", "volume"),
    ("citation_issue", "issue"),
    ("citation_publisher", "publisher"),
    ("citation_abstract", "abstractNote"),
    ("citation_doi", "DOI"),
    ("citation_public_url", "url"),
    ("citation_language", "language"),
]
# Zotero's schema (github.com/zotero/zotero-schema, schema.json at 5eedf440): the
# fields an item of each type keeps when it is saved.
FIELDS = {
    "journalArticle": {
        *("title", "abstractNote", "publicationTitle", "publisher", "place", "date", "volume"),
        *("issue", "section", "partNumber", "partTitle", "pages", "series", "seriesTitle"),
        *("seriesText", "journalAbbreviation", "DOI", "citationKey", "url", "accessDate"),
        *("PMID", "PMCID", "ISSN", "archive", "archiveLocation", "shortTitle", "language"),
        *("libraryCatalog", "callNumber", "rights", "extra"),
    },
    "manuscript": {
        *("title", "abstractNote", "manuscriptType", "institution", "place", "date"),
        *("numPages", "number", "DOI", "citationKey", "url", "accessDate", "archive"),
        *("archiveLocation", "shortTitle", "language", "libraryCatalog", "callNumber"),
        *("rights", "extra"),
    },
    "webpage": {
        *("title", "abstractNote", "websiteTitle", "websiteType", "date", "publisher"),
        *("place", "DOI", "citationKey", "url", "accessDate", "shortTitle", "language"),
        *("rights", "extra"),
    },
}


@dataclass
class Page:
    """What a reader sees of a page: its <head> tags, <html lang>, and the body's text."""

    lang: str = ""
    metas: list[tuple[str, str]] = field(default_factory=list)  # (name or property, content)
    links: list[tuple[str, str]] = field(default_factory=list)  # (rel, href)
    body_metas: list[str] = field(default_factory=list)
    text: str = ""

    def all(self, key: str) -> list[str]:
        return [v for k, v in self.metas if k == key]

    def first(self, key: str) -> str:
        return next(iter(self.all(key)), "")

    def link(self, rel: str) -> str:
        return next((href for r, href in self.links if r == rel), "")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.in_head, self.in_body, self.skip = Page(), False, False, 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.lang = a.get("lang", "")
        elif tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_body = True
        elif tag in ("script", "style"):
            self.skip += 1
        elif tag == "meta" and (a.get("name") or a.get("property")) and "content" in a:
            key = a.get("name") or a.get("property", "")
            if self.in_head:
                self.page.metas.append((key, a["content"]))
            else:
                self.page.body_metas.append(key)
        elif tag == "link" and self.in_head:
            self.page.links.append((a.get("rel", ""), a.get("href", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.skip:
            self.chunks.append(data)


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.page.text = " ".join(" ".join(reader.chunks).split())
    return reader.page


def _statements(page: Page) -> dict[tuple[str, str], list[str]]:
    """Embedded Metadata.js `init`: the meta tags in a known namespace, as RDF statements."""
    found: dict[tuple[str, str], list[str]] = {}
    for key, value in page.metas:
        if not value:
            continue
        for tag in key.split():
            parts = re.split(r"[.:_]", tag)
            prefix, length = "", 0
            if len(parts) > 2:
                prefix, length = parts[1].lower(), len(parts[0]) + len(parts[1]) + 1
            if prefix not in PREFIXES:
                prefix, length = parts[0].lower(), len(parts[0])
            if prefix in PREFIXES and len(tag) > length:
                prop = tag[length + 1 :]
                prop = prop[:1].lower() + prop[1:]
                found.setdefault((prefix, prop), []).append(value)
    return found


def _hw_type(page: Page) -> tuple[str, str]:
    hw_type = guess = ""
    for key, _ in page.metas:
        short = key[key.rfind("citation_") :] if "citation_" in key else ""
        hw_type = HW_TYPES.get(short, hw_type)
        if short in ("citation_title", "citation_series_title"):
            guess = guess or "journalArticle"
    return hw_type, guess


def zotero_item(page: Page, location: str) -> dict[str, object]:
    """The item Zotero's Embedded Metadata translator saves of a page served at `location`."""
    rdf = _statements(page)

    def one(*keys: tuple[str, str]) -> str:
        return next((rdf[k][0] for k in keys if k in rdf), "")

    hw_type, guess = _hw_type(page)
    z_type = one(("z", "itemType"))
    # RDF.js detectType: z:itemType first; Embedded Metadata.js: a hwType wins over it.
    item_type = hw_type or z_type or guess or ("webpage" if rdf else "")
    item: dict[str, object] = {"itemType": item_type}
    # RDF.js importItem.
    item["title"] = one(("dc", "title"), ("dcterms", "title"), ("og", "title"))
    item["publicationTitle"] = one(("dc", "source"), ("dcterms", "source"))
    item["abstractNote"] = one(("og", "description"), ("dcterms", "abstract"))
    item["archiveLocation"] = one(("dc", "coverage"), ("dcterms", "coverage"))
    item["language"] = one(("dc", "language"), ("dcterms", "language"))
    item["rights"] = one(("dc", "rights"), ("dcterms", "rights"))
    item["date"] = one(("og", "published_time"), ("article", "published_time"), ("dc", "date"))
    item["url"] = one(("og", "url"))
    if z_type:  # "extra for Zotero RDF"
        item["extra"] = one(("dc", "description"))
    elif not item["abstractNote"]:
        item["abstractNote"] = one(("dc", "description"), ("dcterms", "description"))
    if item_type == "webpage" and not item["publicationTitle"]:
        item["websiteTitle"] = one(("og", "site_name"))
    tags = list(rdf.get(("dc", "subject"), []))
    creators = list(rdf.get(("dc", "creator"), []))
    for (prefix, prop), values in rdf.items():  # "OTHER FIELDS": every z: name
        if prefix == "z" and prop != "itemType":
            item[prop] = values[0]
    # Embedded Metadata.js addHighwireMetadata.
    for key, name in HIGHWIRE:
        if value := page.first(key).strip():
            item[name] = " ".join(value.split())
    creators = page.all("citation_author") or creators
    if not tags:
        tags = [t.strip() for v in page.all("citation_keywords") for t in v.split(";") if t.strip()]
    first, last = page.first("citation_firstpage"), page.first("citation_lastpage")
    if first:
        item["pages"] = first + (f"-{last}" if last else "")
    if issns := page.all("citation_issn"):
        item["ISSN"] = ", ".join(issns)
    if not item["url"]:
        item["url"] = page.first("citation_abstract_html_url") or page.first(
            "citation_fulltext_html_url"
        )
    # Embedded Metadata.js addLowQualityMetadata.
    if not item["abstractNote"]:
        item["abstractNote"] = page.first("description")
    if not item["url"]:
        item["url"] = page.link("canonical") or location
    if not item["language"]:
        item["language"] = page.first("language") or page.lang
    item["libraryCatalog"] = urlparse(location).netloc
    kept = FIELDS.get(item_type, set())
    result = {k: v for k, v in item.items() if v and (k in kept or k == "itemType")}
    # finalDataCleanup: "Unless called from another translator, don't include
    # automatic tags" - the keywords read are dropped when a user saves the page.
    result["creators"], result["tags"] = creators, []
    result["keywords read"] = tags
    return result


def scholar_problems(page: Page) -> list[str]:
    """What Google Scholar's inclusion guidelines find missing on a journal article's page.

    "The title tag, citation_title, ... at least one citation_author, ... and
    citation_publication_date"; journal papers add citation_journal_title,
    citation_volume, citation_firstpage/lastpage where known; the date is
    "2010/5/12" or the year alone; each author in a separate tag; and the page
    shows the abstract (or the full text) to every reader.
    """
    problems = []
    for key in ("citation_title", "citation_author", "citation_publication_date"):
        if not page.first(key):
            problems.append(f"no {key}")
    for key in ("citation_journal_title", "citation_volume"):
        if not page.first(key):
            problems.append(f"no {key} (a journal paper)")
    date = page.first("citation_publication_date")
    if date and not re.fullmatch(r"\d{4}(/\d{1,2}(/\d{1,2})?)?", date):
        problems.append(f"citation_publication_date {date!r} is not 2010/5/12 or a year")
    if any(";" in a for a in page.all("citation_author")):
        problems.append("several authors in one citation_author")
    abstract = page.first("citation_abstract")
    if abstract and abstract not in page.text:
        problems.append("the abstract is not on the page")
    problems += [f"{key} outside <head>" for key in page.body_metas if key.startswith("citation_")]
    return problems


# Zotero RIS.js `fieldMap` (and `degenerateImportFieldMap` for JF, EP): the tags the
# edition writes, and the field each becomes for the item type of the record.
RIS_FIELDS = {
    "JOUR": {
        "AU": "creators",
        "TI": "title",
        "T2": "publicationTitle",
        "JF": "publicationTitle",
        "VL": "volume",
        "PY": "date",
        "DA": "date",
        "SP": "pages",
        "EP": "pages",
        "SN": "ISSN",
        "DO": "DOI",
        "UR": "url",
        "LA": "language",
        "AB": "abstractNote",
        "KW": "tags",
        "JO": "journalAbbreviation",
    },
    "MANSCPT": {
        "AU": "creators",
        "TI": "title",
        "DB": "archive",
        "AN": "archiveLocation",
        "CY": "place",
        "UR": "url",
        "AB": "abstractNote",
        "KW": "tags",
    },
}
