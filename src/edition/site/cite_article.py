"""What an article page says of itself in <head>, in every form the readers take.

Google Scholar and Zotero read the Highwire Press `citation_*` tags first; Zotero's
Embedded Metadata translator also reads Dublin Core `DC.*` and Open Graph; search
engines read the description and schema.org JSON-LD.
"""

from __future__ import annotations

from edition.config import Config
from edition.model import Article
from edition.site import cite
from edition.site.cite_base import Head, article_language, article_url, issued, present
from edition.site.markup import plain

DESCRIPTION_LENGTH = 300  # what search engines show; the full abstract is citation_abstract


def dublin_core(article: Article, language: str) -> list[tuple[str, str]]:
    """DC.* tags: the last resort of Scholar, and a second source for Zotero."""
    tags = [("DC.title", plain(article.title))]
    tags += [("DC.creator", author.name) for author in article.authors]
    tags += [
        ("DC.date", "-".join(f"{part:02d}" for part in issued(article))),
        ("DC.language", language),
        ("DC.publisher", article.cover.institute),
        ("DC.rights", article.metadata.licence),
    ]
    tags += [("DC.subject", keyword) for keyword in article.keywords]
    return tags


def article_head(article: Article, config: Config) -> Head:
    """The article page's <head> metadata: the full abstract, pages, DOI, language, URL."""
    url = article_url(config, article.slug)
    language = article_language(article, config)
    abstract = " ".join(plain(article.abstract).split())
    return Head(
        description=abstract[:DESCRIPTION_LENGTH],
        names=present(cite.highwire(article, url, language) + dublin_core(article, language)),
        properties=present(cite.opengraph(article)),
        json_ld=cite.json_ld(article, url, language),
    )
