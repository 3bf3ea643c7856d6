"""The whole pipeline, top to bottom: import sources, then build the site."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import archives, bibliography, citations, editorial
from .config import Config
from .content import ContentError, dump_article, load_article
from .errors import BuildError, Problem, Problems
from .model import Article, Note
from .output import discard, swap_in, write_if_changed, write_tree
from .reader import decode_source, parse_article
from .render import Page, Site, article_context, environment, home_context, render_page

REGISTRY_FILE = "archives.yaml"


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    imported: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    search: object | None = None


def slug_for(source: Path) -> str:
    return source.stem.lower()


def read_article(
    data: bytes, path: str, slug: str, registry: archives.Registry
) -> tuple[Article | None, Problems]:
    """Source bytes to a fully parsed article: text, notes' citations, bibliography."""
    problems = Problems()
    text = decode_source(data, path, problems)
    if text is None:
        return None, problems
    article, found = parse_article(text, path, slug, bibliography.parse_bibliography)
    problems.extend(found)
    if article is None:
        return None, problems
    notes = tuple(
        replace(n, citations=citations.parse_note(n.text, registry)) for n in article.notes
    )
    return replace(article, notes=resolve_notes(notes, article)), problems


def resolve_notes(notes: tuple[Note, ...], article: Article) -> tuple[Note, ...]:
    """Link bibliographic citations to entries and resolve Ibid. and inherited levels."""
    entries = article.bibliography

    def lookup(citation):
        return bibliography.match_citation(citation.text, entries)

    return citations.resolve(notes, lookup)


def import_sources(config: Config, force: bool = False) -> tuple[list[str], Problems]:
    """Import every source whose text changed since its article.yaml was written."""
    problems = Problems()
    registry = load_registry(config, problems)
    imported: list[str] = []
    if registry is None:
        return imported, problems
    for source in sorted(config.sources.glob("*.txt")):
        slug = slug_for(source)
        data = source.read_bytes()
        digest = hashlib.sha256(data + importer_fingerprint(config).encode()).hexdigest()
        target = config.content / slug / "article.yaml"
        if not force and _imported_digest(target) == digest:
            continue
        shown = _shown(source, config)
        article, found = read_article(data, shown, slug, registry)
        problems.extend(found)
        if article is None:
            continue  # errors: keep the previous content untouched
        write_if_changed(target, dump_article(article, digest).encode("utf-8"))
        bib = bibliography.to_bibtex(article.bibliography)
        write_if_changed(config.content / slug / "references.bib", bib.encode("utf-8"))
        imported.append(slug)
    return imported, problems


def importer_fingerprint(config: Config) -> str:
    """A hash of the code and registry that shape article.yaml: a change re-imports."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("reader.py", "cover.py", "citations.py", "bibliography.py", "content.py"):
        digest.update((package / name).read_bytes())
    registry = config.content / REGISTRY_FILE
    if registry.exists():
        digest.update(registry.read_bytes())
    return digest.hexdigest()


def _shown(path: Path, config: Config) -> str:
    """A path as the user should see it: relative to the project when possible."""
    root = config.sources.parent
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _imported_digest(target: Path) -> str:
    if not target.exists():
        return ""
    with target.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("import_sha256:"):
                return line.split(":", 1)[1].strip()
    return ""


def load_registry(config: Config, problems: Problems) -> archives.Registry | None:
    path = config.content / REGISTRY_FILE
    registry, found = archives.load_registry(path)
    problems.items.extend(found)
    return registry


def load_articles(config: Config, problems: Problems) -> list[Article]:
    articles = []
    for path in sorted(config.content.glob("*/article.yaml")):
        try:
            articles.append(load_article(path))
        except ContentError as exc:
            problems.items.append(exc.problem)
    return articles


def gather(config: Config) -> tuple[Site, Problems]:
    """Load and resolve everything the pages need; no file is written."""
    problems = Problems()
    registry = load_registry(config, problems)
    articles = []
    for article in load_articles(config, problems):
        article = replace(article, notes=resolve_notes(article.notes, article))
        # The editor's decisions come last: an override beats the parser.
        folder = config.content / article.slug
        decisions, found = editorial.load_editorial(
            folder, _shown(folder, config) + "/editorial.yaml"
        )
        problems.extend(found)
        if decisions is not None:
            article, found = editorial.apply_editorial(article, decisions)
            problems.extend(found)
        articles.append(article)
    if registry is None:
        return Site(config, articles), problems
    tree = archives.build_tree(articles, registry)
    site = Site(config, articles, archival_url=lambda c: archives.file_url(c, registry) or "")
    site.extra["tree"] = tree
    site.extra["registry"] = registry
    return site, problems


def render_site(site: Site) -> list[Page]:
    env = environment(site.config.templates)
    pages = [render_page(env, "home.html", "", site, **home_context(site))]
    for article in site.articles:
        path = f"articles/{article.slug}/"
        pages.append(render_page(env, "article.html", path, site, **article_context(article, site)))
    return pages


def build(config: Config, search: bool = True, strict: bool = False) -> BuildResult:
    """Build the site into config.out; the previous site survives any failure."""
    # First gather all data: parse, resolve, check.
    site, problems = gather(config)
    if problems.errors or (strict and problems.warnings):
        raise BuildError(problems.errors + (problems.warnings if strict else []))
    pages = render_site(site)

    # Then write: everything into a staging folder, indexed, then swapped in.
    files = {f"{p.path}index.html": p.html.encode("utf-8") for p in pages}
    for article in site.articles:
        folder = config.content / article.slug
        for name in ("article.yaml", "references.bib"):
            if (folder / name).exists():
                files[f"articles/{article.slug}/{name}"] = (folder / name).read_bytes()
    copies = [
        (asset, f"assets/{asset.relative_to(config.templates / 'assets')}")
        for asset in sorted((config.templates / "assets").rglob("*"))
        if asset.is_file()
    ]
    staging = write_tree(config.out, files, copies)
    result = BuildResult(
        pages=len(pages), files=len(files) + len(copies), warnings=problems.warnings
    )
    try:
        if search:
            from . import search as search_stage

            result.search = search_stage.index_site(staging, config.base_url)
    except BaseException:
        discard(staging)
        raise
    swap_in(staging, config.out)
    return result
