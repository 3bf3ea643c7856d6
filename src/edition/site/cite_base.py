"""What every citation of an article is made of: its URL, pages, language, date, names.

Pure functions of an Article and the Config. An unknown value is "" (or None),
and the formats leave it out rather than guess it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from edition.config import Config
from edition.model import Article, Author

# ISO 639-1 -> the babel language name biblatex's `langid` takes (after the table
# Zotero's BibLaTeX export uses, babel manual 3.9h). A code not here gets no langid.
BABEL = {
    "bg": "bulgarian",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hr": "croatian",
    "hu": "magyar",
    "it": "italian",
    "la": "latin",
    "mk": "macedonian",
    "nl": "dutch",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sl": "slovene",
    "sq": "albanian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
    "uk": "ukrainian",
}
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class Head:
    """What a page says of itself in <head>, for reference managers and search engines.

    `names` are `<meta name>` pairs (Highwire Press `citation_*`, Dublin Core
    `DC.*`, Zotero's `z:*`), `properties` `<meta property>` pairs (Open Graph),
    `json_ld` a schema.org record ("" for none).
    """

    description: str
    names: tuple[tuple[str, str], ...] = ()
    properties: tuple[tuple[str, str], ...] = ()
    json_ld: Markup = Markup("")


def present(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The pairs whose value is known, with runs of white space made one space."""
    return tuple((k, " ".join(v.split())) for k, v in pairs if v and v.strip())


def page_url(config: Config, path: str) -> str:
    """A page's absolute URL, or '' when site_url is not set (never a guessed one)."""
    if not config.site_url:
        return ""
    return f"{config.site_url.rstrip('/')}{config.base_url}{path}"


def article_url(config: Config, slug: str) -> str:
    """The article page's absolute URL, or '' when site_url is not set."""
    return page_url(config, f"articles/{slug}/")


def article_pages(article: Article) -> tuple[str, str]:
    """First and last printed page: the editors' record, else what the import read."""
    meta = article.metadata
    if meta.first_page:
        return meta.first_page, meta.last_page
    return article.first_page, article.last_page


def page_range(article: Article, dash: str = "–") -> str:
    """'347–370', '347' for one page (or the last unknown), '' when unknown."""
    first, last = article_pages(article)
    return f"{first}{dash}{last}" if first and last and first != last else first


def article_language(article: Article, config: Config) -> str:
    """The article's language: as the editors set it, else as detected, else the site's."""
    return article.metadata.language or article.language or config.language


def babel_language(code: str) -> str:
    """biblatex's langid for an ISO 639 code ('en-GB' -> 'english'), '' if unknown."""
    return BABEL.get(code.split("-", 1)[0].lower(), "")


def issued(article: Article) -> tuple[int, ...]:
    """The date of issue as (year[, month[, day]]): the editors' `issued`, else the year."""
    match = _ISO_DATE.fullmatch(article.metadata.issued.strip())
    if match:
        return tuple(int(part) for part in match.groups() if part)
    return (article.cover.year,)


def family_given(author: Author) -> tuple[str, str]:
    """'Andrey Edemskiy' -> ('Edemskiy', 'Andrey'): the family name is the last word."""
    given, _, family = author.name.rpartition(" ")
    return family, given


def inverted(author: Author) -> str:
    """'Andrey Edemskiy' -> 'Edemskiy, Andrey'."""
    family, given = family_given(author)
    return f"{family}, {given}" if given else family


def issns(article: Article) -> tuple[str, ...]:
    """The journal's ISSNs, print first."""
    return tuple(i for i in (article.cover.issn, article.cover.eissn) if i)
