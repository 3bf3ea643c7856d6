"""The site to render: every article, and the archive tree their notes make."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from edition.citations.registry import Registry
from edition.citations.sheets import unit_url
from edition.citations.tree import ArchiveTree, Unit, article_units, tree_of_units
from edition.config import Config
from edition.errors import BuildError
from edition.model import Article, Citation
from edition.site.search_markup import site_known
from edition.site.words import (
    INTERFACE_FILE,
    Tables,
    Words,
    load_tables,
    packaged_tables,
    words_for,
)
from edition.text.register import NameTable, merge_names, parse_names, shipped_names
from edition.text.spellings import Known

NAMES_FILE = "names.yaml"  # content/names.yaml: the edition's own table of names


@dataclass(frozen=True)
class Site:
    """Everything the pages need, gathered before the first page is rendered.

    Without a registry (it failed to load) there is no tree and no file page.
    """

    config: Config
    articles: list[Article]
    registry: Registry | None = None
    tree: ArchiveTree | None = None
    units: dict[str, list[Unit]] = field(default_factory=dict)  # by article slug
    names: NameTable = field(default_factory=shipped_names)  # the registers' table
    interface: Tables = field(default_factory=packaged_tables)  # the pages' words (site/words.py)

    @cached_property
    def known(self) -> Known:
        """Every word's known forms, for search (see site/search_markup.py)."""
        return site_known(self.names, self.registry)

    def archival_url(self, citation: Citation) -> str:
        """The path of a citation's file page under the site root, or ""."""
        return unit_url(citation, self.registry) if self.registry is not None else ""

    def words(self, lang: str = "", texts: Iterable[str] = ()) -> Words:
        """The interface words of a page in `lang` (the edition's language when "").

        A site-wide page of an edition in plain `sr` takes the script its articles'
        titles are written in.
        """
        if not lang:
            lang, texts = self.config.language, texts or (a.title for a in self.articles)
        return words_for(self.interface, lang, texts)


def make_site(config: Config, articles: list[Article], registry: Registry | None) -> Site:
    """The site of these articles, with their archive tree when the registry loaded."""
    names = edition_names(config.content, config.shown(config.content / NAMES_FILE))
    interface = load_tables(config.templates, config.shown(config.templates / INTERFACE_FILE))
    if registry is None:
        return Site(config, articles, names=names, interface=interface)
    units = {a.slug: article_units(a, registry) for a in articles}
    tree = tree_of_units(registry, (u for found in units.values() for u in found))
    return Site(config, articles, registry, tree, units, names, interface)


def edition_names(content: Path, shown: str) -> NameTable:
    """The shipped table of names with content/names.yaml's entries added or replacing."""
    path = content / NAMES_FILE
    if not path.exists():
        return shipped_names()
    return _merged_names(path.read_text("utf-8"), shown)


@lru_cache(maxsize=2)
def _merged_names(text: str, shown: str) -> NameTable:
    """One table object for one names.yaml, asked for by the import and by the site:
    the registers made at import are kept by the table's identity."""
    table, problems = parse_names(text, shown)
    if problems:
        raise BuildError(problems)
    return merge_names(shipped_names(), table)
