"""How to cite the article itself: Chicago, BibTeX, RIS, and the <head> metadata.

Pure functions of an Article and its absolute URL ('' when the site's origin is
not configured: URL fields are then left out rather than guessed).
"""

from __future__ import annotations

import json
import re
import unicodedata

from markupsafe import Markup, escape

from edition.config import Config
from edition.model import Article, Author
from edition.site.markup import plain


def article_url(config: Config, slug: str) -> str:
    """The article page's absolute URL, or '' when site_url is not set."""
    if not config.site_url:
        return ""
    return f"{config.site_url.rstrip('/')}{config.base_url}articles/{slug}/"


def _inverted(author: Author) -> str:
    """'Andrey Edemskiy' -> 'Edemskiy, Andrey' (the family name is the last word)."""
    given, _, family = author.name.rpartition(" ")
    return f"{family}, {given}" if given else family


def _pages(article: Article) -> str:
    first, last = article.metadata.first_page, article.metadata.last_page
    return f"{first}–{last}" if first and last and first != last else first


def _names(article: Article) -> str:
    names = [_inverted(a) if i == 0 else a.name for i, a in enumerate(article.authors)]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def chicago(article: Article, url: str) -> Markup:
    """Chicago notes-bibliography style, journal title in italics."""
    title = plain(article.title).rstrip(".")
    cover = article.cover
    text = escape(f"{_names(article)}. “{title}.” ")
    text += Markup("<i>{}</i>").format(cover.journal)
    text += escape(f" {cover.volume_number} ({cover.year})")
    pages = _pages(article)
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
    return text.replace("\\", "").replace("{", "").replace("}", "")


def bibtex(article: Article, url: str) -> str:
    cover = article.cover
    fields = [
        ("author", " and ".join(_inverted(a) for a in article.authors)),
        ("title", plain(article.title)),
        ("journal", cover.journal),
        ("volume", str(cover.volume_number)),
        ("year", str(cover.year)),
        ("pages", _pages(article).replace("–", "--")),
        ("issn", cover.issn),
        ("doi", article.metadata.doi),
        ("url", url),
        ("keywords", ", ".join(article.keywords)),
    ]
    body = ",\n".join(f"  {k} = {{{_bib_value(v)}}}" for k, v in fields if v)
    return f"@article{{{bibtex_key(article)},\n{body}\n}}\n"


def ris(article: Article, url: str) -> str:
    """RIS (CRLF line ends, as the format's specification asks)."""
    cover = article.cover
    first, last = article.metadata.first_page, article.metadata.last_page
    rows = [("TY", "JOUR")]
    rows += [("AU", _inverted(a)) for a in article.authors]
    rows += [
        ("TI", plain(article.title)),
        ("JO", cover.journal),
        ("VL", str(cover.volume_number)),
        ("PY", str(cover.year)),
        ("SP", str(first)),
        ("EP", str(last)),
        ("SN", cover.issn),
        ("DO", article.metadata.doi),
        ("UR", url),
        ("AB", plain(article.abstract)),
    ]
    rows += [("KW", k) for k in article.keywords]
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in rows if value]
    return "\r\n".join([*lines, "ER  - ", ""])


def highwire(article: Article, url: str) -> list[tuple[str, str]]:
    """Google Scholar's citation_* tags, one citation_reference per bibliography entry."""
    cover = article.cover
    tags = [("citation_title", plain(article.title))]
    for author in article.authors:
        tags.append(("citation_author", author.name))
        if author.affiliation:
            tags.append(("citation_author_institution", author.affiliation))
    tags += [
        ("citation_journal_title", cover.journal),
        ("citation_volume", str(cover.volume_number)),
        ("citation_publication_date", str(cover.year)),
        ("citation_issn", cover.issn),
        ("citation_issn", cover.eissn),
        ("citation_publisher", cover.institute),
        ("citation_firstpage", article.metadata.first_page),
        ("citation_lastpage", article.metadata.last_page),
        ("citation_doi", article.metadata.doi),
        ("citation_fulltext_html_url", url),
        ("citation_keywords", "; ".join(article.keywords)),
    ]
    tags += [
        ("citation_reference", " ".join(plain(e.original).split())) for e in article.bibliography
    ]
    return [(name, value) for name, value in tags if value]


def opengraph(article: Article, url: str, site_title: str) -> list[tuple[str, str]]:
    abstract = " ".join(plain(article.abstract).split())
    tags = [
        ("og:type", "article"),
        ("og:title", plain(article.title)),
        ("og:description", abstract[:297] + "…" if len(abstract) > 300 else abstract),
        ("og:site_name", site_title),
        ("og:url", url),
        ("article:published_time", str(article.cover.year)),
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
        "abstract": " ".join(plain(article.abstract).split()),
        "keywords": list(article.keywords),
        "inLanguage": language,
        "datePublished": str(article.cover.year),
        "isPartOf": {
            "@type": "PublicationVolume",
            "volumeNumber": str(cover.volume_number),
            "isPartOf": {
                "@type": "Periodical",
                "name": cover.journal,
                "issn": [i for i in (cover.issn, cover.eissn) if i],
            },
        },
        "citation": [" ".join(plain(e.original).split()) for e in article.bibliography],
    }
    if url:
        data["url"] = url
    meta = article.metadata
    if meta.first_page:
        data["pageStart"] = meta.first_page
    if meta.last_page:
        data["pageEnd"] = meta.last_page
    if meta.doi:
        data["sameAs"] = f"https://doi.org/{meta.doi}"
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def downloads(article: Article, config: Config) -> dict[str, bytes]:
    """The citation files offered for download, by path under the site root."""
    url = article_url(config, article.slug)
    folder = f"articles/{article.slug}/"
    return {
        f"{folder}{article.slug}.bib": bibtex(article, url).encode("utf-8"),
        f"{folder}{article.slug}.ris": ris(article, url).encode("utf-8"),
    }


def download_paths(article: Article) -> list[str]:
    """The paths `downloads` writes, without making the files."""
    folder = f"articles/{article.slug}/"
    return [f"{folder}{article.slug}.bib", f"{folder}{article.slug}.ris"]
