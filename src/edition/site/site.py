"""The site to render: every article, and the archive tree their notes make."""

from __future__ import annotations

from dataclasses import dataclass, field

from edition.citations.registry import Registry
from edition.citations.sheets import unit_url
from edition.citations.tree import ArchiveTree, Unit, article_units, tree_of_units
from edition.config import Config
from edition.model import Article, Citation


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

    def archival_url(self, citation: Citation) -> str:
        """The path of a citation's file page under the site root, or ""."""
        return unit_url(citation, self.registry) if self.registry is not None else ""


def make_site(config: Config, articles: list[Article], registry: Registry | None) -> Site:
    """The site of these articles, with their archive tree when the registry loaded."""
    if registry is None:
        return Site(config, articles)
    units = {a.slug: article_units(a, registry) for a in articles}
    tree = tree_of_units(registry, (u for found in units.values() for u in found))
    return Site(config, articles, registry, tree, units)
