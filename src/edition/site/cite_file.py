"""How the archive pages describe themselves, and the RIS record of an archival file.

A file page is an archival document to a reference manager: Zotero's Embedded
Metadata translator reads `z:itemType`, `z:archive`, `z:archiveLocation` and
`z:place` (its own namespace; every `z:` name becomes the item field of that name),
Scholar and others the `citation_*` title and abstract. A file page has no
`DC.description`: beside `z:itemType`, Zotero would put it in Extra.
The fond, opis and archive pages, and the archives index, are web pages with a
title and a description of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from edition.citations.registry import Archive, Registry
from edition.citations.tree import ArchiveTree, UnitNode, archive_location
from edition.config import Config
from edition.model import Article
from edition.site.cite import ris_record, script_json
from edition.site.cite_base import Head, page_url, present
from edition.site.markup import plain
from edition.site.words import Words, english

DESCRIPTION_LENGTH = 300


def _counted(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _short(text: str) -> str:
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1] + "…"


def file_title(node: UnitNode, archive: Archive) -> str:
    """The title the edition gives a file: `RGANI, f. 3, op. 14, d. 463`."""
    return f"{archive.short}, {archive_location(archive, node.path)}"


def file_location(node: UnitNode, archive: Archive) -> str:
    """Where the file is in its archive, with the sheets the edition cites."""
    return archive_location(archive, node.path, node.sheets)


def archive_name(archive: Archive) -> str:
    """The archive as a reference manager records it (as the CSL-JSON record does)."""
    return f"{archive.name} ({archive.short})"


def _article_ref(article: Article, t: Words) -> str:
    authors = f" {t('and')} ".join(a.name for a in article.authors)
    cover = article.cover
    title = plain(article.title).rstrip(".")
    return f"{authors}, “{title}”, {cover.journal} {cover.volume_number} ({cover.year})"


def file_description(
    node: UnitNode, archive: Archive, articles: Mapping[str, Article], t: Words | None = None
) -> str:
    """What a file is and which articles cite it, in which notes (in `t`'s words)."""
    t = t or english()
    notes: dict[str, list[int]] = {}
    for ref in node.citations:
        notes.setdefault(ref.article, [])
        if ref.note not in notes[ref.article]:
            notes[ref.article].append(ref.note)
    cited = []
    for slug, numbers in notes.items():
        article = articles.get(slug)
        which = _article_ref(article, t) if article else slug
        listed = ", ".join(map(str, numbers))
        cited.append(f"{which}, {t('head_notes', count=len(numbers), numbers=listed)}")
    where = ", ".join(n for n in (archive.name_english, archive.city) if n)
    text = f"{archive.short}, {file_location(node, archive)}"
    text += f" ({where})." if where else "."
    return text + (f" {t('cited_in')} {'; '.join(cited)}." if cited else "")


def file_head(
    node: UnitNode, registry: Registry, articles: Iterable[Article], t: Words | None = None
) -> Head:
    """A file page's <head> metadata: an archival document with archive, location, place."""
    archive = registry.get(node.archive)
    title = file_title(node, archive)
    description = file_description(node, archive, {a.slug: a for a in articles}, t)
    location = file_location(node, archive)
    ld = {
        "@context": "https://schema.org",
        "@type": "ArchiveComponent",
        "name": title,
        "description": description,
        "itemLocation": location,
        "holdingArchive": {
            "@type": "ArchiveOrganization",
            "name": archive_name(archive),
            **({"location": archive.city} if archive.city else {}),
        },
    }
    return Head(
        description=_short(description),
        names=present(
            [
                ("z:itemType", "manuscript"),
                ("z:archive", archive_name(archive)),
                ("z:archiveLocation", location),
                ("z:place", archive.city),
                ("citation_title", title),
                ("citation_abstract", description),
                ("DC.title", title),
            ]
        ),
        properties=_web_page(title, description),
        json_ld=script_json(ld),
    )


def _web_page(title: str, description: str) -> tuple[tuple[str, str], ...]:
    return present(
        [("og:type", "website"), ("og:title", title), ("og:description", _short(description))]
    )


def _page_head(title: str, description: str) -> Head:
    names = [("DC.title", title), ("DC.description", description)]
    return Head(_short(description), present(names), _web_page(title, description))


def unit_head(node: UnitNode, registry: Registry, t: Words | None = None) -> Head:
    """An archive's, fond's or opis's page: what it holds that the edition cites, in `t`."""
    archive = registry.get(node.archive)
    t = t or english()
    files = t("count_archival_files", count=node.files)
    counts = t("head_cited", count=node.files, files=files, times=_times(node, t)).text
    if node.level == "archive":
        names = ", ".join(n for n in (archive.name, archive.name_english) if n)
        place = f", {archive.city}" if archive.city else ""
        return _page_head(archive.short, f"{archive.short} ({names}{place}): {counts}.")
    title = f"{archive.short}, {archive_location(archive, node.path)}"
    fond = archive.fond_title(dict(node.path).get("fond", ""))
    where = ", ".join(n for n in (archive.name_english, archive.city) if n)
    text = f"{title}: {fond}. " if fond else f"{title}. "
    return _page_head(title, text + counts + (f" ({where})." if where else "."))


def index_head(tree: ArchiveTree, registry: Registry, t: Words | None = None) -> Head:
    """The archives index: every archival file the edition cites, by archive, in `t`."""
    shorts = ", ".join(registry.get(node.archive).short for node in tree.archives)
    t = t or english()
    files = t("count_archival_files", count=tree.files)
    archives = t("in_archives", count=len(tree.archives))
    counts = t(
        "head_index", count=tree.files, files=files, times=_times(tree, t), archives=archives
    )
    description = counts.text + (f": {shorts}." if shorts else ".")
    return _page_head(t("archives_title").text, description)


def _times(counted: UnitNode | ArchiveTree, t: Words) -> str:
    return t("count_times", count=counted.citation_count).text


def file_ris_path(node: UnitNode) -> str:
    """The file's RIS record beside its page: `archives/rgani/…/delo-463/rgani-…-delo-463.ris`."""
    parts = node.url.strip("/").split("/")[1:]
    return f"{node.url}{'-'.join(parts)}.ris"


def file_ris(
    node: UnitNode, registry: Registry, articles: Iterable[Article], config: Config
) -> str:
    """The file as a RIS `MANSCPT` record.

    DB (name of database) and AN (accession number) hold the archive and the
    location within it: the tags Zotero reads as `archive` and `archiveLocation`
    and writes them to; CY is the place.
    """
    archive = registry.get(node.archive)
    description = file_description(node, archive, {a.slug: a for a in articles})
    rows = [
        ("TY", "MANSCPT"),
        ("TI", file_title(node, archive)),
        ("DB", archive_name(archive)),
        ("AN", file_location(node, archive)),
        ("CY", archive.city),
        ("UR", page_url(config, node.url)),
        ("AB", description),
    ]
    return ris_record(rows)
