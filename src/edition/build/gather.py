"""Gather: every article loaded, resolved and edited, with the archive tree; nothing written.

The parsed article.yaml is kept by content hash, in memory and as JSON on
disk, so an unchanged one is never parsed as YAML twice.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from edition.build.cache import Cache, digest, tree_digest
from edition.build.imports import load_registry
from edition.build.keys import article_code, page_code
from edition.citations.registry import REGISTRY_FILE
from edition.config import Config
from edition.content.article_yaml import article_data, article_from_data, load_article
from edition.content.edit import edited
from edition.content.editorial import EDITORIAL_FILE
from edition.errors import Problem, Problems
from edition.model import Article
from edition.site.site import NAMES_FILE, Site, make_site
from edition.yamlfile import YamlError


def base_key(config: Config) -> str:
    """A hash of all that shapes every page: templates, the package's code, config, registry."""
    registry, names = config.content / REGISTRY_FILE, config.content / NAMES_FILE
    return digest(
        tree_digest(config.templates),
        page_code(),
        repr(config),
        registry.read_bytes() if registry.exists() else b"",
        names.read_bytes() if names.exists() else b"",
    )


def load_one(config: Config, path: Path, cache: Cache, problems: Problems) -> Article | None:
    """One article.yaml, resolved, with its editor's decisions applied.

    The article's `input_key` is the hash of everything read for it: article.yaml
    and editorial.yaml.
    """
    key = parsed_key(cache, path)
    article = cache.objects.get(key)
    if article is None:
        data = cache.get_json("article", key)
        try:
            article = article_from_data(data, str(path)) if data is not None else None
        except YamlError:
            article = None  # a broken cache entry is only a miss: read the file again
        try:
            if article is None:
                article = load_article(path)
                cache.put_json("article", key, article_data(article, article.import_sha256))
        except YamlError as exc:
            problems.items.append(exc.problem)
            return None
        cache.objects[key] = article
    article = edited(article, path.parent, config.shown(path.parent), problems)
    return replace(article, input_key=input_key(cache, path))


def parsed_key(cache: Cache, path: Path) -> str:
    """The key of an article.yaml as parsed: its bytes and the code that reads them."""
    return digest(cache.hashes.sha(path), article_code())


def input_key(cache: Cache, path: Path) -> str:
    """The key of all that is read for an article: article.yaml and editorial.yaml."""
    return digest(parsed_key(cache, path), cache.hashes.sha(path.parent / EDITORIAL_FILE))


def article_paths(config: Config) -> list[Path]:
    return sorted(config.content.glob("*/article.yaml"))


def gather(
    config: Config, cache: Cache | None = None
) -> tuple[Site, Problems, dict[str, list[Problem]]]:
    """Load and resolve everything the pages need; no file is written.

    Each article's own problems are returned apart too (by slug), so a later
    quick rebuild can report them without loading the article again.
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
    return make_site(config, articles, registry), problems, found


def front_matter(article: Article) -> Article:
    """What the site-wide pages (home, feed) may show of an article: no text or notes.

    They are rendered from this alone, so their keys (the `summary` of each
    article) cover all they can show, and a corrected note never re-renders them.
    The emendations touch only paragraphs, notes and entries; the keys are of inputs.
    """
    return replace(
        article,
        paragraphs=(),
        notes=(),
        bibliography=(),
        page_breaks=(),
        emendations=(),
        import_sha256="",
        input_key="",
    )


def summary(article: Article) -> str:
    return digest(repr(front_matter(article)))
