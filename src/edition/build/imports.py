"""Import what changed: sources -> content/<slug>/article.yaml and references.bib.

Only sources whose bytes (or the importer's code and registry) changed are
parsed: many in a process pool, a few in one forked child, while the caller
goes on (`start_import`). What a source becomes is content/source_import.py's.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from edition.build.cache import Cache, FileHashes, digest
from edition.build.files import write_if_changed
from edition.build.keys import article_code, import_code
from edition.build.workers import can_fork, in_child
from edition.citations.registry import REGISTRY_FILE, Registry, edition_registry, read_registry
from edition.config import Config
from edition.content.article_yaml import article_data
from edition.content.bibtex import remember_bibtex
from edition.content.register_yaml import REGISTER_FILE, dump_register
from edition.errors import BuildError, Problems
from edition.site.site import NAMES_FILE, edition_names
from edition.text.register import NameTable
from edition.text.sources import list_sources

if TYPE_CHECKING:  # the readers are loaded only when a source is to be imported
    from edition.content.source_import import Imported

# Below this many changed sources a process pool costs more than it saves.
POOL_MIN = 8

Job = tuple[bytes, str, str, str]  # source bytes, path as shown, slug, source digest


def load_registry(config: Config, problems: Problems) -> Registry | None:
    """The edition's archive registry, its problems added to `problems`."""
    return edition_registry(config.content, config.shown(config.content / REGISTRY_FILE), problems)


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

    def __init__(
        self,
        imported: list[str],
        problems: Problems,
        keep: Callable[[tuple[Imported, bytes]], None] | None,
        results: Callable[[], Iterable[tuple[Imported, bytes]]],
    ) -> None:
        self.imported, self.problems, self._keep, self._results = imported, problems, keep, results

    def wait(self) -> tuple[list[str], Problems]:
        for result in self._results():
            if self._keep is not None:
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
    jobs: list[Job] = []
    sources, found = list_sources(config)
    problems.items.extend(found)
    for source, slug in ((s.path, s.slug) for s in sources):
        source_digest = digest(hashes.sha(source), fingerprint)
        target = config.content / slug / "article.yaml"
        if force or hashes.derived(target, imported_digest) != source_digest:
            jobs.append((source.read_bytes(), config.shown(source), slug, source_digest))
    registry_path = str(config.content / REGISTRY_FILE)

    try:
        names: NameTable | None = edition_names(
            config.content, config.shown(config.content / NAMES_FILE)
        )
    except BuildError as exc:
        problems.items.extend(exc.problems)
        names = None

    def keep(result: tuple[Imported, bytes]) -> None:
        """Write what a job made; with a cache, keep the article for the build."""
        made, cached = result
        problems.items.extend(made.problems)
        if made.yaml_text is None or made.article is None:
            return  # errors: keep the previous content untouched
        raw = made.yaml_text.encode("utf-8")
        # article.yaml last: it records the source's digest, so a build killed before
        # it is written imports the source again (references.bib is never left stale).
        write_if_changed(config.content / made.slug / "references.bib", made.bib_text.encode())
        remember_bibtex(made.article.bibliography, made.bib_text)  # the build writes it again
        if names is not None:  # the register of names, for review (content/names.yaml corrects)
            register = dump_register(made.article, names).encode("utf-8")
            write_if_changed(config.content / made.slug / REGISTER_FILE, register)
        write_if_changed(config.content / made.slug / "article.yaml", raw)
        if cache is not None:
            key = digest(hashlib.sha256(raw).hexdigest(), article_code())
            cache.objects[key] = replace(made.article, input_key=key)
            cache.put("article", key, cached)
        imported.append(made.slug)

    if jobs:  # the readers (0.2 s to load): before any fork, so the workers share them
        from edition.content.source_import import import_source  # noqa: F401
    _worker_init(registry_path, registry)  # a forked child has it; pool workers load it
    if not jobs:
        results: Callable[[], Iterable[tuple[Imported, bytes]]] = list
    elif len(jobs) >= POOL_MIN and (os.cpu_count() or 1) > 1:
        results = _in_pool(jobs, registry_path)
    elif can_fork():
        results = _in_child(jobs)
    else:
        results = lambda: map(_import_one, jobs)  # noqa: E731
    return Importing(imported, problems, keep, results)




def _in_pool(jobs: list[Job], registry_path: str) -> Callable[[], Iterable]:
    """Many sources: a process pool, its results written as they come."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(initializer=_worker_init, initargs=(registry_path,))
    # Submitted now: the workers start while the caller goes on.
    found = pool.map(_import_one, jobs, chunksize=max(1, len(jobs) // 32))

    def results() -> Iterable:
        with pool:
            yield from found

    return results


def _in_child(jobs: list[Job]) -> Callable[[], Iterable]:
    """A few sources: one forked child parses them; if it fails, they are parsed here."""
    made = in_child(lambda: [_import_one(job) for job in jobs])

    def results() -> Iterable:
        got = made()
        return got if got is not None else [_import_one(job) for job in jobs]

    return results


_worker_registry: Registry | None = None


def _worker_init(path: str, registry: Registry | None = None) -> None:
    global _worker_registry
    _worker_registry = registry or read_registry(path)


def _import_one(job: Job) -> tuple[Imported, bytes]:
    """Parse one source (in a worker process), with the build's cache entry of it."""
    from edition.content.source_import import import_source

    data, shown, slug, source_digest = job
    assert _worker_registry is not None
    made = import_source(data, shown, slug, _worker_registry, source_digest)
    cached = b""
    if made.article is not None:  # the build's cache of the parsed article, made here
        cached = json.dumps(article_data(made.article, source_digest), ensure_ascii=False).encode()
    return made, cached


def importer_fingerprint(config: Config) -> str:
    """A hash of the code and registry that shape article.yaml: a change re-imports."""
    registry, names = config.content / REGISTRY_FILE, config.content / NAMES_FILE
    return digest(
        import_code(),
        registry.read_bytes() if registry.exists() else b"",
        names.read_bytes() if names.exists() else b"",
    )


def imported_digest(target: Path) -> str:
    """The source digest an article.yaml records (its `import_sha256`), or ""."""
    if not target.exists():
        return ""
    with target.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("import_sha256:"):
                return line.split(":", 1)[1].strip()
    return ""
