"""A large edition's index in shards: groups of pages indexed by parallel Pagefind processes.

Pagefind holds a whole index in memory (2.9 GB for the 22,000 pages of 1,000 articles),
so past SHARD_PAGES pages the site's pages are split by folder into shards of about
that many, each indexed into its own bundle (pagefind/, pagefind-1/, ...) by its own
process, PARALLEL at a time. The search page merges them (search-index.js, mergeIndex).
The total work is the same; a shard costs the reader a few requests at query time.
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from edition.build import pagefind
from edition.build.pagefind import Indexing, SearchStats
from edition.site.search_markup import indexed_glob, is_indexed

SHARD_PAGES = 12_000
PARALLEL = 2
BASE = "pagefind"
_SAFE = re.compile(r"^[\w.-]+$")  # a folder name that needs no escaping in a glob


def bundle_name(n: int) -> str:
    """The folder of shard `n`: pagefind/ for the first (or only) one."""
    return BASE if n == 0 else f"{BASE}-{n}"


def shard_globs(pages: Iterable[str], limit: int | None = None) -> list[str | None]:
    """One Pagefind glob per shard (None: the whole site), for the site's HTML pages."""
    limit = limit or SHARD_PAGES
    pages = sorted(pages)
    if len(pages) <= limit or not all(_SAFE.match(part) for p in pages for part in p.split("/")):
        return [None]
    units: list[tuple[int, str]] = []
    _split("", pages, max(1, limit // 4), units)
    count = -(-len(pages) // limit)
    bins: list[list[str]] = [[] for _ in range(count)]
    loads = [0] * count
    for size, glob in sorted(units, key=lambda unit: (-unit[0], unit[1])):
        lightest = loads.index(min(loads))
        bins[lightest].append(glob)
        loads[lightest] += size
    return [g[0] if len(g) == 1 else "{" + ",".join(sorted(g)) + "}" for g in bins if g]


def index_globs(pages: Iterable[str], limit: int | None = None) -> list[str]:
    """One Pagefind glob per shard over the pages search indexes (INDEXED): Pagefind
    reads only those, never the 4,000 file pages of 200 articles."""
    globs = shard_globs([p for p in pages if is_indexed(p)], limit)
    return [glob or indexed_glob() for glob in globs]


def _split(prefix: str, pages: list[str], unit: int, out: list[tuple[int, str]]) -> None:
    """Cut the pages under `prefix` into folders of at most `unit` pages (or single pages)."""
    if len(pages) <= unit:
        out.append((len(pages), f"{prefix}**/*.html"))
        return
    children: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        rest = page[len(prefix) :]
        if "/" in rest:
            children[rest.split("/", 1)[0]].append(page)
        else:
            out.append((1, page))  # a page of this folder itself
    for name, below in sorted(children.items()):
        _split(f"{prefix}{name}/", below, unit, out)


def index_shards(
    site: Path, globs: list[str] | list[str | None], base_url: str, language: str | None
) -> SearchStats:
    """Index each shard into its bundle, PARALLEL processes at a time; their stats summed."""
    started = time.perf_counter()
    running: list[Indexing] = []
    done: list[SearchStats] = []
    try:
        for n, glob in enumerate(globs):
            if len(running) >= PARALLEL:
                done.append(running.pop(0).wait())
            running.append(pagefind.start_index(site, base_url, language, glob, bundle_name(n)))
        while running:
            done.append(running.pop(0).wait())
    except BaseException:
        for indexing in running:
            indexing.cancel()
        raise
    return SearchStats(
        pages=sum(s.pages for s in done),
        words=sum(s.words for s in done),
        seconds=round(time.perf_counter() - started, 3),
        bundle_bytes=sum(s.bundle_bytes for s in done),
        index_bytes=sum(s.index_bytes for s in done),
        files=sum(s.files for s in done),
        version=done[0].version if done else "",
    )


def site_pages(site: Path) -> list[str]:
    """The HTML pages of a built site, as paths from its root (no search bundle)."""
    pages = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(BASE):
            pages.append(rel)
    return pages


def main(argv: list[str]) -> int:
    """Shards as separate CI jobs (docs/benchmarks.md): count, index one, write the manifest.

    python -m edition.build.search_shards count SITE        -> how many shards
    python -m edition.build.search_shards index SITE N [LANG] -> SITE/pagefind[-N]/
    python -m edition.build.search_shards manifest SITE     -> SITE/search-index.json
    """
    from edition.build import search_delta

    if len(argv) < 2 or argv[0] not in ("count", "index", "manifest"):
        print(main.__doc__, file=sys.stderr)
        return 2
    site = Path(argv[1])
    globs = index_globs(site_pages(site))
    if argv[0] == "count":
        print(len(globs))
    elif argv[0] == "index":
        n = int(argv[2])
        language = argv[3] if len(argv) > 3 else None  # the edition's, as a build forces it
        stats = pagefind.start_index(site, "/", language, globs[n], bundle_name(n)).wait()
        print(f"shard {n} of {len(globs)}: {stats.pages} pages into {bundle_name(n)}/")
    else:
        bundles = [bundle_name(n) for n in range(len(globs))]
        missing = [name for name in bundles if not (site / name / "pagefind-entry.json").is_file()]
        if missing:
            print(f"{site}: shards not there: {', '.join(missing)}", file=sys.stderr)
            return 1
        search_delta.write_manifest(site, bundles)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
