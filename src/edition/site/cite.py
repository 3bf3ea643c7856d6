"""How to cite the article itself: Chicago, BibTeX, RIS, CSL-JSON, and the <head> metadata.

Pure functions of an Article and its absolute URL ('' when the site's origin is
not configured: URL fields are then left out rather than guessed).
"""

from __future__ import annotations

import json
import re
import unicodedata

from markupsafe import Markup, escape

from edition.config import Config
from edition.model import Article
from edition.site.cite_base import (
    article_language,
    article_pages,
    article_url,
    babel_language,
    family_given,
    inverted,
    issns,
    issued,
    page_range,
)
from edition.site.markup import plain


def _names(article: Article) -> str:
    names = [inverted(a) if i == 0 else a.name for i, a in enumerate(article.authors)]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _abstract(article: Article) -> str:
    return " ".join(plain(article.abstract).split())


def chicago(article: Article, url: str) -> Markup:
    """Chicago notes-bibliography style, journal title in italics."""
    title = plain(article.title).rstrip(".")
    cover = article.cover
    text = escape(f"{_names(article)}. “{title}.” ")
    text += Markup("<i>{}</i>").format(cover.journal)
    text += escape(f" {cover.volume_number} ({cover.year})")
    pages = page_range(article)
    text += escape(f": {pages}." if pages else ".")
    if doi := article.metadata.doi:
        text += escape(f" https://doi.org/{doi}.")
    elif url:
        text += escape(f" {url}.")
    return Markup(text)


def bibtex_key(article: Article) -> str:
    """family name + year + first significant title word, ASCII lowercase."""
    family = article.authors[0].name.rpartition(" ")[2] if article.authors else "anon"
    words = [w for w in re.findall(r"\w+", plain(article.title)) if len(w) > 3]
    raw = f"{family}{article.cover.year}{words[0] if words else ''}"
    ascii_ = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_.lower()) or "article"


def _bib_value(text: str) -> str:
    # Braces delimit values; unbalanced ones from untrusted text would break the entry.
    text = text.replace("\\", "").replace("{", "").replace("}", "")
    return " ".join(text.split())


def bibtex(article: Article, url: str, language: str = "") -> str:
    """A biblatex-compatible @article; `language` (ISO 639) gives its langid."""
    cover = article.cover
    fields = [
        ("author", " and ".join(inverted(a) for a in article.authors)),
        ("title", plain(article.title)),
        ("journal", cover.journal),
        ("volume", str(cover.volume_number)),
        ("year", str(cover.year)),
        ("pages", page_range(article, "--")),
        ("issn", ", ".join(issns(article))),
        ("doi", article.metadata.doi),
        ("url", url),
        ("langid", babel_language(language)),
        ("keywords", ", ".join(article.keywords)),
        ("abstract", _abstract(article)),
    ]
    body = ",\n".join(f"  {k} = {{{_bib_value(v)}}}" for k, v in fields if v)
    return f"@article{{{bibtex_key(article)},\n{body}\n}}\n"


def ris(article: Article, url: str, language: str = "") -> str:
    """RIS (CRLF line ends, as the format's specification asks).

    The journal is T2 (the 2011 specification's "Journal" of JOUR) and JF (the
    older full-name tag): JO is the abbreviation, and Zotero reads it as one.
    """
    cover = article.cover
    first, last = article_pages(article)
    date = issued(article)
    rows = [("TY", "JOUR")]
    rows += [("AU", inverted(a)) for a in article.authors]
    rows += [
        ("TI", plain(article.title)),
        ("T2", cover.journal),
        ("JF", cover.journal),
        ("VL", str(cover.volume_number)),
        ("PY", str(date[0])),
        ("DA", "/".join(f"{part:02d}" for part in date) if len(date) > 1 else ""),
        ("SP", first),
        ("EP", last if last != first else ""),
        ("SN", ", ".join(issns(article))),
        ("DO", article.metadata.doi),
        ("UR", url),
        ("LA", language),
        ("AB", _abstract(article)),
    ]
    rows += [("KW", k) for k in article.keywords]
    return ris_record(rows)


def ris_record(rows: list[tuple[str, str]]) -> str:
    """One RIS record from (tag, value) rows; empty values are left out."""
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in rows if value.strip()]
    return "\r\n".join([*lines, "ER  - ", ""])


def csl_json(article: Article, url: str, language: str = "") -> dict[str, object]:
    """The article as a CSL-JSON `article-journal` item (the csl-data.json schema)."""
    cover = article.cover
    first, last = article_pages(article)
    item: dict[str, object] = {
        "id": bibtex_key(article),
        "type": "article-journal",
        "title": plain(article.title),
        "author": [
            {"family": f, "given": g} if g else {"literal": f}
            for f, g in (family_given(a) for a in article.authors)
        ],
        "container-title": cover.journal,
        "volume": str(cover.volume_number),
        "issued": {"date-parts": [list(issued(article))]},
        "page": page_range(article, "-"),
        "page-first": first,
        "ISSN": ", ".join(issns(article)),
        "DOI": article.metadata.doi,
        "URL": url,
        "language": language,
        "abstract": _abstract(article),
        "keyword": ", ".join(article.keywords),
        "publisher": cover.institute,
        "publisher-place": cover.place,
    }
    return {k: v for k, v in item.items() if v}


def highwire(article: Article, url: str, language: str = "") -> list[tuple[str, str]]:
    """Google Scholar's citation_* tags, one citation_reference per bibliography entry."""
    cover = article.cover
    first, last = article_pages(article)
    tags = [("citation_title", plain(article.title))]
    for author in article.authors:
        tags.append(("citation_author", author.name))
        if author.affiliation:
            tags.append(("citation_author_institution", author.affiliation))
    tags += [
        ("citation_journal_title", cover.journal),
        ("citation_volume", str(cover.volume_number)),
        # Scholar: "2010/5/12", or the year alone.
        ("citation_publication_date", "/".join(str(part) for part in issued(article))),
        *(("citation_issn", issn) for issn in issns(article)),
        ("citation_publisher", cover.institute),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_doi", article.metadata.doi),
        ("citation_language", language),
        ("citation_abstract", _abstract(article)),
        ("citation_abstract_html_url", url),
        ("citation_fulltext_html_url", url),
        ("citation_keywords", "; ".join(article.keywords)),
    ]
    tags += [
        ("citation_reference", " ".join(plain(e.original).split())) for e in article.bibliography
    ]
    return [(name, value) for name, value in tags if value]


def opengraph(article: Article) -> list[tuple[str, str]]:
    """Open Graph; og:url and og:site_name are the page's and the site's (_head.html)."""
    abstract = _abstract(article)
    tags = [
        ("og:type", "article"),
        ("og:title", plain(article.title)),
        ("og:description", abstract[:297] + "…" if len(abstract) > 300 else abstract),
        ("article:published_time", "-".join(f"{p:02d}" for p in issued(article))),
    ]
    tags += [("article:author", a.name) for a in article.authors]
    tags += [("article:tag", k) for k in article.keywords]
    return [(name, value) for name, value in tags if value]


def json_ld(article: Article, url: str, language: str) -> Markup:
    """schema.org ScholarlyArticle, safe inside <script>: '<', '>' and '&' escaped."""
    cover = article.cover
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": plain(article.title),
        "name": plain(article.title),
        "author": [
            {
                "@type": "Person",
                "name": a.name,
                **(
                    {"affiliation": {"@type": "Organization", "name": a.affiliation}}
                    if a.affiliation
                    else {}
                ),
            }
            for a in article.authors
        ],
        "abstract": _abstract(article),
        "keywords": list(article.keywords),
        "inLanguage": language,
        "datePublished": "-".join(f"{p:02d}" for p in issued(article)),
        "isPartOf": {
            "@type": "PublicationVolume",
            "volumeNumber": str(cover.volume_number),
            "isPartOf": {
                "@type": "Periodical",
                "name": cover.journal,
                "issn": list(issns(article)),
            },
        },
        "citation": [" ".join(plain(e.original).split()) for e in article.bibliography],
    }
    if url:
        data["url"] = url
    first, last = article_pages(article)
    if first:
        data["pageStart"] = first
    if last:
        data["pageEnd"] = last
    if article.metadata.doi:
        data["sameAs"] = f"https://doi.org/{article.metadata.doi}"
    return script_json(data)


def script_json(data: object) -> Markup:
    """JSON that cannot close the <script> holding it: '<', '>' and '&' escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def download_paths(article: Article) -> list[str]:
    """The paths `downloads` writes, without making the files."""
    stem = f"articles/{article.slug}/{article.slug}"
    return [f"{stem}.bib", f"{stem}.ris", f"{stem}.json"]


DOWNLOAD_LABELS = ("BibTeX", "RIS", "CSL-JSON")


def downloads(article: Article, config: Config) -> dict[str, bytes]:
    """The citation files offered for download, by path under the site root."""
    url = article_url(config, article.slug)
    language = article_language(article, config)
    csl = json.dumps([csl_json(article, url, language)], ensure_ascii=False, indent=2) + "\n"
    made = (bibtex(article, url, language), ris(article, url, language), csl)
    return {
        path: text.encode("utf-8") for path, text in zip(download_paths(article), made, strict=True)
    }
