"""Search that stays current after a quick rebuild: a delta index beside the base.

A full build indexes every page into the base (pagefind/, with pagefind-1/... when
sharded) and records, in the cache, the fragment id each page has there. A quick
rebuild indexes only the pages it re-made, with those of the quick rebuilds since the
last full one, into pagefind-delta/ (a fraction of a second), and names the base's
ids of those pages as stale. The search page (assets/search-index.js) reads
search-index.json at the site root, merges the shards and the delta (Pagefind's
mergeIndex) and drops the stale hits. The next full build, or a delta past FOLD_AT
pages, folds the delta back into the base.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from edition.build import pagefind
from edition.build.cache import Cache
from edition.build.pagefind import SearchStats
from edition.site.search_markup import is_indexed

MANIFEST = "search-index.json"  # at the site root: what the search page merges
DELTA = "pagefind-delta"
PAGE_IDS = "search-pages.json"  # in the cache: the base's fragment id of every page
FOLD_AT = 400  # delta pages past which a full index is cheaper to read and to keep
_SOURCE = ".delta-pages"  # the delta's pages, linked into a folder of their own


def page_url(path: str) -> str:
    """The URL Pagefind stores for a page: `a/b/index.html` -> `/a/b/`."""
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def extras(site: Path) -> list[Path]:
    """What a build of the search index leaves besides pagefind/: shards, delta, manifest."""
    found = [site / MANIFEST, site / DELTA, site / _SOURCE]
    with contextlib.suppress(OSError):
        found += [p for p in site.iterdir() if p.name.startswith("pagefind-") and p.is_dir()]
    return [p for p in found if p.exists() or p.is_symlink()]


def clear(site: Path) -> None:
    """Take the shards, the delta and the manifest out of a (staging) site.

    They are renamed aside and deleted by a process of their own: deleting a large
    tree right before Pagefind writes one makes every new file slow on this kind of disk.
    """
    discard(site, extras(site))


ENTRY = "pagefind-entry.json"  # names every file of a bundle


def discard(site: Path, paths: list[Path]) -> None:
    """Rename the paths aside (beside the site) and delete them in a process of their own."""
    aside = []
    for path in paths:
        target = site.with_name(f".{site.name}.trash-{os.getpid()}-{time.monotonic_ns()}")
        with contextlib.suppress(OSError):
            os.replace(path, target)
            aside.append(str(target))
    if aside:
        try:
            subprocess.Popen(["rm", "-rf", *aside], start_new_session=True)
        except OSError:
            for target in aside:
                shutil.rmtree(target, ignore_errors=True)


def fragment_urls(bundle: Path, known: dict[str, str] | None = None) -> dict[str, str]:
    """Fragment id -> page URL, for every fragment of a Pagefind bundle.

    A fragment's name is a hash of its content, so an id read once is kept (`known`).
    Only the start of each gzipped fragment is inflated: its URL comes first.
    """
    known = known or {}
    found: dict[str, str] = {}
    try:
        names = os.listdir(bundle / "fragment")
    except OSError:
        return found
    for name in names:
        if not name.endswith(".pf_fragment"):
            continue
        page = name[: -len(".pf_fragment")]
        if page in known:
            found[page] = known[page]
            continue
        url = _fragment_url(bundle / "fragment" / name)
        if url is not None:
            found[page] = url
    return found


def _fragment_url(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
        text = zlib.decompressobj(wbits=31).decompress(head, 2048)
    except (OSError, zlib.error):
        return None
    start = text.find(b'{"url":"')
    end = text.find(b'"', start + 8)
    if start < 0 or end < 0:
        return None
    return text[start + 8 : end].decode("utf-8", "replace")


def _entry_key(site: Path, bundles: list[str]) -> str:
    """Which index this is: its bundles' pagefind-entry.json (they name their hashes)."""
    h = hashlib.sha256()
    for name in bundles:
        try:
            h.update(name.encode() + b"\0" + (site / name / "pagefind-entry.json").read_bytes())
        except OSError:
            return ""
    return h.hexdigest()


def finish_full(site: Path, cache: Cache, bundles: list[str]) -> None:
    """After a full index: write the manifest and record each page's ids in the base."""
    write_manifest(site, bundles)
    saved = _load_ids(cache)
    known = {page: url for ids in saved.get("ids", {}).values() for page, url in ids.items()}
    ids = {name: fragment_urls(site / name, known) for name in bundles}
    data = {"entry": _entry_key(site, bundles), "ids": ids}
    cache.put_file(PAGE_IDS, json.dumps(data, separators=(",", ":")).encode("utf-8"))


def write_manifest(
    site: Path,
    bundles: list[str],
    delta: str | None = None,
    pages: list[str] | tuple[str, ...] = (),
    stale: list[list[str]] | None = None,
    delta_ids: list[str] | None = None,
) -> None:
    data = {"indexes": [f"{name}/" for name in bundles], "delta": delta and f"{delta}/"}
    if delta:
        data["pages"] = sorted(pages)  # what the delta holds: the next quick rebuild adds to it
        data["stale"] = stale or []  # [bundle, id, url]: hits of the base to drop
        data["delta_ids"] = delta_ids or []  # the delta's own ids (a page kept as it was)
    (site / MANIFEST).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _load_ids(cache: Cache) -> dict:
    raw = cache.get_file(PAGE_IDS)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("ids"), dict) else {}


@dataclass(frozen=True)
class Delta:
    """A quick rebuild's search: the base kept as it is, the delta made anew."""

    bundles: list[str]  # the base's bundles in the live site
    pages: list[str]  # every page the delta indexes (paths in the site)
    stale: list[list[str]]  # [bundle, id, url] of the base's hits of those pages


def plan(live: Path, cache: Cache, remade: list[str]) -> Delta | None:
    """The delta index for pages re-made by a quick rebuild, or None: index it all."""
    try:
        manifest = json.loads((live / MANIFEST).read_text(encoding="utf-8"))
        bundles = [name.rstrip("/") for name in manifest["indexes"]]
        earlier = list(manifest.get("pages") or [])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    saved = _load_ids(cache)
    if not bundles or saved.get("entry") != _entry_key(live, bundles):
        return None  # the ids recorded are not those of the live index
    # Only the pages search indexes: a delta of file pages alone, which have no
    # data-pagefind-body, would have Pagefind index the whole of every one.
    pages = sorted(set(earlier) | {p for p in remade if is_indexed(p)})
    if len(pages) > FOLD_AT or any(not isinstance(p, str) or ".." in p for p in pages):
        return None
    urls = {page_url(p) for p in pages}
    stale = [
        [name, page, url]
        for name in bundles
        for page, url in sorted(saved["ids"].get(name, {}).items())
        if url in urls
    ]
    return Delta(bundles, pages, stale)


def index_delta(staging: Path, delta: Delta, base_url: str, language: str | None) -> SearchStats:
    """Index the delta's pages of the staging site into its pagefind-delta/."""
    if not delta.pages:  # nothing re-made since the full index: the base alone
        write_manifest(staging, delta.bundles)
        return SearchStats(0, 0, 0.0, 0, 0, 0, "")
    source = staging / _SOURCE
    shutil.rmtree(source, ignore_errors=True)
    for page in delta.pages:
        target = source / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(staging / page, target)
        except OSError:
            shutil.copyfile(staging / page, target)
    output = (staging / DELTA).absolute()
    try:
        stats = pagefind.start_index(source, base_url, language, bundle=output).wait()
    finally:
        shutil.rmtree(source, ignore_errors=True)
    ids = sorted(fragment_urls(output))
    write_manifest(staging, delta.bundles, DELTA, delta.pages, delta.stale, ids)
    return stats


def adopt_base(live: Path, staging: Path, bundles: list[str]) -> None:
    """Give the staging site the live site's base index; the live site keeps its own.

    The base changes only at full builds, so the recycled tree (the site before the
    live one) often holds that base already: then nothing is done. Otherwise the
    live base is hard-linked in file by file (its files are never written in place),
    so the live site stays whole until the swap, wherever the build is killed. An
    older index the recycled tree holds is set aside and deleted in the background.
    """
    for name in bundles:
        mine, theirs = staging / name, live / name
        if _same_bundle(mine, theirs):
            continue
        if mine.exists():
            discard(staging, [mine])
        _link_tree(theirs, mine)


def _same_bundle(a: Path, b: Path) -> bool:
    """Two bundles are the same index when their entry files are (they name every file)."""
    try:
        return (a / ENTRY).read_bytes() == (b / ENTRY).read_bytes()
    except OSError:
        return False


def _link_tree(source: Path, target: Path) -> None:
    for folder, _, names in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(folder) / name, into / name)
            except OSError:
                shutil.copyfile(Path(folder) / name, into / name)
