"""Write the site atomically: a new folder is filled, then swapped in."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from edition.build.files import Output, write_if_changed
from edition.build.making import make_all
from edition.build.outfolder import (
    MARKER,
    Trash,
    exchange,
    is_ours,
    manifest_hash,
    tree_problems,
    write_marker,
)
from edition.build.search_delta import ENTRY
from edition.build.search_files import tidy_index
from edition.errors import BuildError


def _outside(path: str) -> bool:
    return path[:1] == "/" or (".." in path and ".." in path.split("/"))


class StaleSite(Exception):
    """The live site lacks a file its manifest lists: it cannot be carried over."""


# The manifests (the key of every file of a tree) in the cache folder: the live
# site's, the one before's, and the new one's while a swap is under way. A new
# one found at the start means a build was killed during its swap: which tree
# is which is unknown, so none is trusted (that build is a full one). The fourth
# says how the one before differs from the live one, so a quick rebuild need not
# read the one before (7 MB at 1,000 articles): it holds the live manifest's hash
# and the stat of the previous manifest's file, and is used only while both match.
MANIFESTS = ("outputs.live.json", "outputs.prev.json", "outputs.new.json", "outputs.diff.json")


class SiteWriter:
    """Builds the new site beside the live one and swaps it in, in one atomic step.

    The site before the live one is kept (`._site.prev`) with a manifest of the
    key of every file in it. The next build recycles that tree: a file whose
    key is the same is already right, an unchanged file of the live site is
    hard-linked in, and only changed files are written. So a small correction
    costs a small write, not a copy of the whole site. Files are always
    replaced by rename, never rewritten in place: a recycled file may be a
    hard link shared with the live site.

    The swap exchanges the two folders with one renameat2(RENAME_EXCHANGE)
    where the system has it: at every instant the live folder is one complete
    build. Elsewhere it is two renames, and a build killed between them is
    repaired by the next (`_recover`). Every tree we make holds a marker,
    written once it is complete; a tree without one is never published.
    Nothing big is deleted before the new tree is written: it is renamed into
    a trash folder emptied once the new site is live.
    """

    def __init__(self, target: Path, cache_folder: Path | None) -> None:
        self.target = target
        self.staging = target.with_name(f".{target.name}.new")
        self.prev = target.with_name(f".{target.name}.prev")
        self.old = target.with_name(f".{target.name}.old")  # only between two renames
        self.trash = Trash(target.with_name(f".{target.name}.trash"))
        self.folder = cache_folder
        self.written: dict[str, str] = {}  # path -> key of every file of the new tree
        # The hash of the live manifest as read, and of the one this build leaves: a
        # quick rebuild carries files over only if it is the manifest its state knew.
        self.live_key, self.left_key = "", ""
        found = tree_problems(target, cache_folder)
        if found:
            raise BuildError(found)
        self._recover()
        # A swap under way when a build was killed: no manifest is known to be right.
        self.trusted = self.folder is not None and not (self.folder / MANIFESTS[2]).exists()
        self.live = self._manifest(0) if is_ours(target) else {}
        self.base: dict[str, str] = {}  # what the recycled tree holds

    def _recover(self) -> None:
        """A build killed between the two renames of the fallback swap left no live site."""
        if self.target.exists() or self.target.is_symlink():
            return
        for tree in (self.staging, self.old):
            if is_ours(tree):  # complete: the marker is written last
                os.replace(tree, self.target)
                return

    def _manifest(self, which: int) -> dict[str, str]:
        """The live (0) or previous (1) tree's manifest, if it is known to be right."""
        if not self.trusted:
            return {}
        assert self.folder is not None
        try:
            raw = (self.folder / MANIFESTS[which]).read_bytes()
            data = json.loads(raw)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        if which == 0:
            self.live_key = manifest_hash(raw)
        # Only paths inside the site: the manifest says which files to link and delete.
        return {p: k for p, k in data.items() if isinstance(k, str) and not _outside(p)}

    def _base(self) -> dict[str, str]:
        """The previous tree's manifest: the live one and the difference, else read whole."""
        if self.folder is None or not (self.trusted and self.live):
            return self._manifest(1)
        try:
            diff = json.loads((self.folder / MANIFESTS[3]).read_bytes())
            if diff["live"] != self.live_key or diff["prev"] != _stat(self.folder):
                return self._manifest(1)  # made beside other manifests than these
            base = dict(self.live)
            for path, key in diff["paths"].items():
                if key is None:
                    base.pop(path, None)
                elif isinstance(key, str) and not _outside(path):
                    base[path] = key
            return base
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return self._manifest(1)

    def _keep_diff(self) -> None:
        """Before the swap: how the live manifest (the one before, after it) differs from
        the new. Any older difference goes first: it must never pair with another tree."""
        assert self.folder is not None
        with contextlib.suppress(OSError):
            (self.folder / MANIFESTS[3]).unlink(missing_ok=True)
            paths: dict[str, str | None] = {
                p: k for p, k in self.live.items() if self.written.get(p) != k
            }
            paths.update(dict.fromkeys(self.written.keys() - self.live.keys()))
            if len(paths) > len(self.written) // 4:
                return  # most files changed (a full build): reading the manifest is as quick
            # The live manifest's file becomes the previous one by a rename: same stat.
            stat = os.stat(self.folder / MANIFESTS[0])
            prev = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
            data = {"live": self.left_key, "prev": prev, "paths": paths}
            self._keep(MANIFESTS[3], json.dumps(data).encode("utf-8"))

    def begin(self, search: bool = True) -> Path:
        """Recycle the tree before last when its manifest is known, else start empty.

        A tree left by a killed build (no marker: it was not finished) goes to
        the trash. The recycled tree's marker is removed first: from then on it
        is a tree under construction. Its search index stays for Pagefind to
        write over (it skips the files it would write the same), unless this
        build makes no index: then no stale index may go live.
        """
        self.trash.put(self.staging)
        self.trash.put(self.old)
        base = self._base() if is_ours(self.prev) else {}
        if base:
            os.replace(self.prev, self.staging)
            (self.staging / MARKER).unlink()
            self.base = base
        else:
            self.trash.put(self.prev)
            self.staging.mkdir(parents=True)
        if not search:
            self.trash.put(self.staging / "pagefind")
        return self.staging

    def produce(
        self,
        outputs: Sequence[Output],
        progress: Callable[[int, int], None] | None = None,
        keep_live: bool = False,
        pages_done: Callable[[], None] | None = None,
    ) -> tuple[int, int]:
        """Bring every output up to date in the staging tree. Returns (made, reused).

        With `keep_live`, every file of the live site that is not among the
        outputs is kept as it is (a quick rebuild knows they did not change).
        Making is done in a pool of forked processes when there is a lot of it;
        each worker writes what it makes, so no page travels between processes.
        Pages (HTML) are made first; `pages_done` is called once they all are
        (before the other files, when they are made in this process): the
        search indexer can start on them.
        """
        pending = []
        if keep_live:
            remade = {output.path for output in outputs}
            for path, key in self.live.items():
                if path in remade:
                    continue
                self.written[path] = key
                if self.base.get(path) != key:  # the recycled tree has an older one
                    try:
                        _link(self.target / path, self.staging / path)
                    except OSError:
                        raise StaleSite(path) from None
        for output in outputs:
            self.written[output.path] = output.key
            new = self.staging / output.path
            if self.base.get(output.path) == output.key and new.is_file():
                continue  # the recycled tree has it already
            old = self.target / output.path
            if self.live.get(output.path) == output.key and old.is_file():
                _link(old, new)
            else:
                pending.append(output)
        # What the recycled tree has and the new site has not goes before any page is
        # made: the indexer, started once the pages are, must not find a stale one.
        for rel in self.base.keys() - self.written.keys():
            path = self.staging / rel
            path.unlink(missing_ok=True)
            _prune(path.parent, self.staging)
        pending.sort(key=lambda output: not output.path.endswith(".html"))  # stable
        make_all(pending, self.staging, progress, pages_done or (lambda: None))
        return len(pending), len(outputs) - len(pending)

    def finish(self) -> None:
        """Tidy the search index, mark the tree complete, swap it in; keep the old as prev."""
        index = self.staging / "pagefind"
        # Byte-reproducible, nothing stale; the live site's own index (a quick rebuild
        # keeps it) was tidied when it was made: 0.5 s at 1,000 articles, for nothing.
        if index.is_dir() and not _same_file(index / ENTRY, self.target / "pagefind" / ENTRY):
            tidy_index(index)
        raw = json.dumps(self.written, sort_keys=True).encode("utf-8")
        self.left_key = manifest_hash(raw)
        # State before the swap: the new manifest is kept (which says a swap is under
        # way), the tree marked complete; only then does it become live.
        kept = self._keep(MANIFESTS[2], raw)
        if kept and self.live:
            self._keep_diff()
        elif self.folder is not None:
            with contextlib.suppress(OSError):
                (self.folder / MANIFESTS[3]).unlink(missing_ok=True)
        write_marker(self.staging)
        self.trash.put(self.prev)
        if self.target.is_dir():
            if not exchange(self.staging, self.target):
                os.replace(self.target, self.old)  # no live site until the next rename
                os.replace(self.staging, self.target)
                os.replace(self.old, self.prev)
            else:
                os.replace(self.staging, self.prev)  # the site before, kept to be recycled
        else:
            os.replace(self.staging, self.target)
        if not (kept and self.live):
            self.trash.put(self.prev)  # without its manifest it could never be recycled
        if kept:
            assert self.folder is not None
            with contextlib.suppress(OSError):
                if self.live:
                    os.replace(self.folder / MANIFESTS[0], self.folder / MANIFESTS[1])
                else:
                    (self.folder / MANIFESTS[1]).unlink(missing_ok=True)
                os.replace(self.folder / MANIFESTS[2], self.folder / MANIFESTS[0])  # swap done
        self.trash.empty()

    def _keep(self, name: str, raw: bytes) -> bool:
        if self.folder is None:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_if_changed(self.folder / name, raw)
        except OSError:
            return False  # a manifest that cannot be written only makes the next build slower
        return True

    def discard(self) -> None:
        """After a failure: the staging tree goes, the live site is untouched."""
        self.trash.put(self.staging)
        self.trash.empty()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _stat(folder: Path) -> list[int]:
    """The previous manifest's file, as the difference records it."""
    stat = os.stat(folder / MANIFESTS[1])
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _link(old: Path, new: Path) -> None:
    new.parent.mkdir(parents=True, exist_ok=True)
    tmp = new.with_name(f".{new.name}.link")
    try:
        os.link(old, tmp)
    except OSError:
        shutil.copyfile(old, tmp)
    os.replace(tmp, new)


def _prune(folder: Path, root: Path) -> None:
    """Remove folders left empty, up to (not including) `root`."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
