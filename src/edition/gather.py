"""Gather: every article loaded, resolved and edited, with the archive tree; nothing written."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import archives, editorial
from .cache import Cache, code_digest, digest, tree_digest
from .config import Config
from .content import ContentError, article_data, article_from_data, load_article
from .errors import Problems
from .importer import ARTICLE_CODE, REGISTRY_FILE, _shown, load_registry, resolve_notes
from .model import Article
from .render import Site

# Every module and rule file of the package can shape a page: any change re-renders.
PAGE_CODE = tuple(
    str(p.relative_to(Path(__file__).parent))
    for p in sorted(Path(__file__).parent.rglob("*"))
    if p.suffix in (".py", ".yaml")
)


def base_key(config: Config) -> str:
    """A hash of all that shapes every page: templates, the package's code, config, registry."""
    registry = config.content / REGISTRY_FILE
    return digest(
        tree_digest(config.templates),
        code_digest(PAGE_CODE),
        repr(config),
        registry.read_bytes() if registry.exists() else b"",
    )


def load_one(config: Config, path: Path, cache: Cache, problems: Problems) -> Article | None:
    """One article.yaml, resolved, with its editor's decisions applied.

    The parsed article is kept by content hash (in memory, and as JSON on disk),
    so an unchanged article.yaml is never parsed as YAML twice. The article's
    `input` is the hash of everything read for it: article.yaml and editorial.yaml.
    """
    key = parsed_key(cache, path)
    article = cache.objects.get(key)
    if article is None:
        data = cache.get_json("article", key)
        try:
            if data is not None:
                article = article_from_data(data, str(path))
            else:
                article = load_article(path)
                cache.put_json("article", key, article_data(article, _import_sha(article)))
        except ContentError as exc:
            problems.items.append(exc.problem)
            return None
        cache.objects[key] = article
    article = replace(article, notes=resolve_notes(article.notes, article))
    # The editor's decisions come last: an override beats the parser.
    folder = path.parent
    decisions, found = editorial.load_editorial(folder, _shown(folder, config) + "/editorial.yaml")
    problems.extend(found)
    if decisions is not None:
        article, found = editorial.apply_editorial(article, decisions)
        problems.extend(found)
    return replace(article, meta={**article.meta, "input": input_key(cache, path)})


def parsed_key(cache: Cache, path: Path) -> str:
    """The key of an article.yaml as parsed: its bytes and the code that reads them."""
    return digest(cache.hashes.sha(path), code_digest(ARTICLE_CODE))


def input_key(cache: Cache, path: Path) -> str:
    """The key of all that is read for an article: article.yaml and editorial.yaml."""
    return digest(parsed_key(cache, path), cache.hashes.sha(path.parent / editorial.EDITORIAL_FILE))


def _import_sha(article: Article) -> str:
    return article.meta.get("import_sha256", "")


def article_paths(config: Config) -> list[Path]:
    return sorted(config.content.glob("*/article.yaml"))


def gather(config: Config, cache: Cache | None = None) -> tuple[Site, Problems]:
    """Load and resolve everything the pages need; no file is written.

    Each article's own problems are kept apart too (`site.extra["found"]`), so
    a later quick rebuild can report them without loading the article again.
    """
    cache = cache or Cache(None)
    problems = Problems()
    registry = load_registry(config, problems)
    articles, found = [], {}
    for path in article_paths(config):
        own = Problems()
        article = load_one(config, path, cache, own)
        problems.extend(own)
        if article is not None:
            articles.append(article)
            found[article.slug] = own.items
    site = make_site(config, articles, registry)
    site.extra["found"] = found
    return site, problems


def make_site(config: Config, articles: list[Article], registry) -> Site:
    """The site of these articles, with their archive tree when the registry loaded."""
    if registry is None:
        return Site(config, articles)
    units = {a.slug: archives.article_units(a, registry) for a in articles}
    tree = archives.tree_of_units(registry, (u for found in units.values() for u in found))
    site = Site(config, articles, archival_url=lambda c: archives.unit_url(c, registry))
    site.extra.update(tree=tree, registry=registry, units=units)
    return site


def article_input(article: Article) -> str:
    """The hash of everything read for this article (article.yaml, editorial.yaml)."""
    return article.meta.get("input", "")


def front_matter(article: Article) -> Article:
    """What the site-wide pages (home, feed) may show of an article: no text or notes.

    They are rendered from this alone, so their keys (the `summary` of each
    article) cover all they can show, and a corrected note never re-renders them.
    """
    meta = {k: v for k, v in sorted(article.meta.items()) if v and k not in VOLATILE_META}
    return replace(article, paragraphs=(), notes=(), bibliography=(), page_breaks=(), meta=meta)


def summary(article: Article) -> str:
    return digest(repr(front_matter(article)))


# Meta of the text, not the front matter: keys of the inputs, and the emendations
# (they touch only paragraphs, notes and bibliography entries).
VOLATILE_META = ("input", "import_sha256", "emendations")
