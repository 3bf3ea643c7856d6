"""Import: source texts -> content/<slug>/article.yaml and references.bib.

Only sources whose bytes (or the importer's code and registry) changed are
parsed: many in a process pool, a few in one forked child, while the caller
goes on (`start_import`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

from . import archives, bibliography, check, citations
from .batch import can_fork, in_child
from .cache import Cache, FileHashes, code_digest, digest
from .config import Config
from .content import article_data, dump_article
from .errors import BuildError, Problems
from .model import Article, Note
from .output import write_if_changed
from .reader import decode_source, parse_article

REGISTRY_FILE = "archives.yaml"
# The modules that turn a source text into article.yaml: a change re-imports.
IMPORT_CODE = (
    "bibliography.py",
    "bibmatch.py",
    "bibnames.py",
    "check.py",
    "citations.py",
    "content.py",
    "importer.py",
    "cover.py",
    "model.py",
    "reader.py",
    "rejoin.py",
    "registry.py",
    "sheets.py",
)
# The modules that turn article.yaml into an Article.
ARTICLE_CODE = ("content.py", "model.py")
# The modules whose code shapes a rendered page: a change to any re-renders all.


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
    problems.items.extend(check.source_problems(text, path))
    if problems.errors:
        return None, problems
    article, found = parse_article(text, path, slug, bibliography.parse_bibliography)
    problems.extend(found)
    if article is None:
        return None, problems
    problems.items.extend(check.truncation_problems(article, text.splitlines()))
    if problems.errors:
        return None, problems
    notes = tuple(
        replace(n, citations=citations.parse_note(n.text, registry)) for n in article.notes
    )
    return replace(article, notes=resolve_notes(notes, article)), problems


def resolve_notes(notes: tuple[Note, ...], article: Article) -> tuple[Note, ...]:
    """Link citations to bibliography entries and resolve Ibid. and inherited levels.

    Books are matched by author and title; a web citation by its URL; an
    archival one to the archive's entry (or its fonds' sub-entry), so that the
    bibliography's "cited in notes" lists every note that uses it.
    """
    entries = article.bibliography

    def lookup(citation):
        return bibliography.match_citation(citation.text, entries)

    def linked(citation):
        if citation.bib_key:
            return citation
        if citation.kind == "web":
            key, _ = bibliography.match_citation(citation.text, entries)
        elif citation.kind == "archival" and citation.archive:
            key = bibliography.match_archive(citation.archive, citation.level("fond"), entries)
        else:
            return citation
        return replace(citation, bib_key=key) if key else citation

    resolved = citations.resolve(notes, lookup)
    return tuple(replace(n, citations=tuple(linked(c) for c in n.citations)) for n in resolved)


# Below this many changed sources a process pool costs more than it saves.
POOL_MIN = 8


def import_sources(
    config: Config, force: bool = False, cache: Cache | None = None
) -> tuple[list[str], Problems]:
    """Import every source whose text changed since its article.yaml was written.

    With a cache, the imported articles are kept in it, so the build that
    follows uses them as they are instead of parsing the YAML just written.
    """
    return start_import(config, force, cache).wait()


class Importing:
    """An import under way in other processes; `wait()` writes what they made.

    The caller goes on meanwhile (the build imports its rendering modules, some
    80 ms, while the sources are parsed on the other core).
    """

    def __init__(self, imported: list[str], problems: Problems, keep, results) -> None:  # noqa: ANN001
        self.imported, self.problems, self._keep, self._results = imported, problems, keep, results

    def wait(self) -> tuple[list[str], Problems]:
        for result in self._results():
            self._keep(result)
        return self.imported, self.problems


def start_import(config: Config, force: bool = False, cache: Cache | None = None) -> Importing:
    """Start importing the changed sources (see import_sources); `wait()` for the result."""
    problems = Problems()
    imported: list[str] = []
    registry = load_registry(config, problems)
    if registry is None:
        return Importing(imported, problems, None, list)
    fingerprint = importer_fingerprint(config)
    hashes = cache.hashes if cache is not None else FileHashes(None)
    jobs = []
    for source in sorted(config.sources.glob("*.txt")):
        slug = slug_for(source)
        source_digest = digest(hashes.sha(source), fingerprint)
        target = config.content / slug / "article.yaml"
        if force or hashes.derived(target, _imported_digest) != source_digest:
            jobs.append((source.read_bytes(), _shown(source, config), slug, source_digest))
    registry_path = str(config.content / REGISTRY_FILE)
    digests = {job[2]: job[3] for job in jobs}

    def keep(result) -> None:
        """Write what a job made; with a cache, keep the article for the build."""
        slug, yaml_text, bib_text, cached, found, article = result
        problems.items.extend(found)
        if yaml_text is None:
            return  # errors: keep the previous content untouched
        raw = yaml_text.encode("utf-8")
        write_if_changed(config.content / slug / "article.yaml", raw)
        if cache is not None:
            key = digest(hashlib.sha256(raw).hexdigest(), code_digest(ARTICLE_CODE))
            meta = {"import_sha256": digests[slug]}  # what was just written, not read back
            cache.objects[key] = replace(article, meta={**meta, "input": key})
            cache.put("article", key, cached)
        write_if_changed(config.content / slug / "references.bib", bib_text.encode("utf-8"))
        imported.append(slug)

    _worker_init(registry_path, registry)  # a forked child has it; pool workers load it
    if not jobs:
        results = list
    elif len(jobs) >= POOL_MIN and (os.cpu_count() or 1) > 1:
        results = _in_pool(jobs, registry_path)
    elif can_fork():
        results = _in_child(jobs)
    else:
        results = lambda: map(_import_one, jobs)  # noqa: E731
    return Importing(imported, problems, keep, results)


def _in_pool(jobs: list, registry_path: str):  # noqa: ANN202
    """Many sources: a process pool, its results written as they come."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(initializer=_worker_init, initargs=(registry_path,))
    # Submitted now: the workers start while the caller goes on.
    found = pool.map(_import_one, jobs, chunksize=max(1, len(jobs) // 32))

    def results():  # noqa: ANN202
        with pool:
            yield from found

    return results


def _in_child(jobs: list):  # noqa: ANN202
    """A few sources: one forked child parses them; if it fails, they are parsed here."""
    made = in_child(lambda: [_import_one(job) for job in jobs])

    def results():  # noqa: ANN202
        got = made()
        return got if got is not None else [_import_one(job) for job in jobs]

    return results


_worker_registry: archives.Registry | None = None


def _worker_init(path: str, registry: archives.Registry | None = None) -> None:
    global _worker_registry
    _worker_registry = registry or archives.load_registry(path)


def _import_one(job: tuple[bytes, str, str, str]):
    """Parse one source into its YAML, BibTeX and Article (runs in a worker process)."""
    data, shown, slug, source_digest = job
    article, found = read_article(data, shown, slug, _worker_registry)
    if article is None:
        return slug, None, "", b"", found.items, None
    yaml_text = dump_article(article, source_digest)
    bib_text = bibliography.to_bibtex(article.bibliography)
    # The build's cache of the parsed article, made here rather than in the parent.
    cached = json.dumps(article_data(article, source_digest), ensure_ascii=False).encode()
    return slug, yaml_text, bib_text, cached, found.items, article


def importer_fingerprint(config: Config) -> str:
    """A hash of the code and registry that shape article.yaml: a change re-imports."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for name in IMPORT_CODE:
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
    if not path.exists():
        problems.error(
            str(path),
            0,
            "the archive registry is missing",
            "copy content/archives.yaml from the edition's repository",
        )
        return None
    try:
        return archives.load_registry(str(path))
    except BuildError as exc:
        problems.items.extend(exc.problems)
        return None
