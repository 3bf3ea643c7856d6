"""Write the site atomically: a new folder is filled, then swapped in."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .batch import can_fork, in_child
from .errors import BuildError, Problem


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write a content file only when its bytes differ (keeps mtimes and diffs quiet)."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


@dataclass(frozen=True)
class Output:
    """A file of the site: its path, the hash of all it is made from, how to make it."""

    path: str
    key: str
    make: Callable[[], bytes]


def _outside(path: str) -> bool:
    return path[:1] == "/" or (".." in path and ".." in path.split("/"))


class StaleSite(Exception):
    """The live site lacks a file its manifest lists: it cannot be carried over."""


# The keys of the files of the live site and of the one before it, in the cache folder.
MANIFESTS = ("outputs.live.json", "outputs.prev.json")

# Below this many files to make, a process pool costs more than it saves.
POOL_MIN = 400
# From this many pages to make, a small build shares them with one forked child.
SPLIT_MIN = 8


class SiteWriter:
    """Builds the new site beside the live one and swaps it in with renames.

    The site before the live one is kept (`._site.prev`) with a manifest of the
    key of every file in it. The next build recycles that tree: a file whose
    key is the same is already right, an unchanged file of the live site is
    hard-linked in, and only changed files are written. So a small correction
    costs a small write, not a copy of the whole site. Files are always
    replaced by rename, never rewritten in place: a recycled file may be a
    hard link shared with the live site.
    """

    def __init__(self, target: Path, cache_folder: Path | None) -> None:
        self.target = target
        self.staging = target.with_name(f".{target.name}.new")
        self.prev = target.with_name(f".{target.name}.prev")
        self.folder = cache_folder
        self.written: dict[str, str] = {}  # path -> key of every file of the new tree
        # The hash of the live manifest as read, and of the one this build leaves: a
        # quick rebuild carries files over only if it is the manifest its state knew.
        self.live_key, self.left_key = "", ""
        self.live = self._manifest("live") if target.exists() else {}
        self.base: dict[str, str] = {}  # what the recycled tree holds

    def _manifest(self, name: str) -> dict[str, str]:
        if self.folder is None:
            return {}
        try:
            raw = (self.folder / f"outputs.{name}.json").read_bytes()
            data = json.loads(raw)
        except (OSError, ValueError):
            return {}
        if name == "live":
            self.live_key = hashlib.sha256(raw).hexdigest()
        if not isinstance(data, dict):
            return {}
        # Only paths inside the site: the manifest says which files to link and delete.
        for path in [p for p, key in data.items() if not isinstance(key, str) or _outside(p)]:
            del data[path]
        return data

    def _save(self, name: str, manifest: dict[str, str]) -> None:
        if self.folder is None:
            return
        data = json.dumps(manifest, sort_keys=True).encode("utf-8")
        if name == "live":
            self.left_key = hashlib.sha256(data).hexdigest()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_if_changed(self.folder / f"outputs.{name}.json", data)
        except OSError:
            pass  # a manifest that cannot be written only makes the next build slower

    def begin(self) -> Path:
        """Recycle the tree before last when its manifest is known, else start empty."""
        if self.staging.exists():
            shutil.rmtree(self.staging)  # left by a build that was killed
        base = self._manifest("prev") if self.prev.is_dir() else {}
        if base:
            os.replace(self.prev, self.staging)
            self.base = base
        else:
            if self.prev.exists():
                shutil.rmtree(self.prev)
            self.staging.mkdir(parents=True)
        # The index is made anew from the pages, every time.
        shutil.rmtree(self.staging / "pagefind", ignore_errors=True)
        return self.staging

    def write(self, rel: str, data: bytes, key: str = "") -> None:
        write_file(self.staging, rel, data)
        self.written[rel] = key

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
        pending.sort(key=lambda output: not output.path.endswith(".html"))  # stable
        _make_all(pending, self.staging, progress, pages_done or (lambda: None))
        return len(pending), len(outputs) - len(pending)

    def finish(self) -> None:
        """Drop what the new site no longer has, then swap it in; keep the old as prev."""
        for rel in self.base.keys() - self.written.keys():
            path = self.staging / rel
            path.unlink(missing_ok=True)
            _prune(path.parent, self.staging)
        if self.prev.exists():
            shutil.rmtree(self.prev)
        if self.target.exists():
            os.replace(self.target, self.prev)
        os.replace(self.staging, self.target)
        self._save("prev", {})  # until the tree before is known again
        if self.prev.exists() and self.live and self.folder is not None:
            # The live site became the site before: so did its manifest. If that
            # fails, the tree before is only not recycled.
            with contextlib.suppress(OSError):
                os.replace(self.folder / MANIFESTS[0], self.folder / MANIFESTS[1])
        self._save("live", self.written)
        if self.folder is None and self.prev.exists():
            shutil.rmtree(self.prev)  # without manifests it could never be recycled

    def discard(self) -> None:
        """After a failure: the staging tree is gone, the live site untouched."""
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self._save("prev", {})


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


def write_file(staging: Path, rel: str, data: bytes) -> None:
    """Write a new file in place; replace an existing one by rename.

    A file already in the staging tree may be a hard link shared with the live
    site, so it is never written into. Most files of a build are new: they are
    created exclusively, without the extra rename, and their folder made only
    when missing.
    """
    path = staging / rel
    try:
        _create(path, data)
        return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            _create(path, data)
            return
        except FileExistsError:
            pass
    except FileExistsError:
        pass
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _create(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)


_PENDING: Sequence[Output] = ()
_STAGING = Path()


def _make_at(index: int) -> list[Problem]:
    output = _PENDING[index]
    try:
        write_file(_STAGING, output.path, output.make())
    except BuildError as exc:  # its problems travel back; the exception would not pickle
        return exc.problems
    return []


def _make_split(outputs: Sequence[Output], staging: Path) -> None:
    """Make outputs in two processes: every other one in a forked child, the rest here.

    A small build would otherwise leave the second core idle. The child sends
    back its problems; if it fails otherwise, its share is made here.
    """
    mine, theirs = outputs[0::2], outputs[1::2]

    def make_theirs() -> list[Problem]:
        try:
            for output in theirs:
                write_file(staging, output.path, output.make())
        except BuildError as exc:
            return exc.problems
        return []

    problems = in_child(make_theirs)
    try:
        for output in mine:
            write_file(staging, output.path, output.make())
    finally:
        found = problems()  # the child is waited for even when this share failed
    if found is None:  # the child failed: its share is made here, raising the real error
        found = make_theirs()
    if found:
        raise BuildError(found)


def _make_all(
    pending: Sequence[Output],
    staging: Path,
    progress: Callable[[int, int], None] | None,
    pages_done: Callable[[], None],
) -> None:
    """Make every pending output, pages first; call `pages_done` once the pages are made.

    Made in this process, the other files are made while the indexer that
    `pages_done` starts works on the other core. A pool keeps both cores busy,
    so there `pages_done` comes after everything: Pagefind and the pool slow
    each other down more than they overlap (measured at 200 articles).
    """
    global _PENDING, _STAGING
    total = len(pending)
    pages = sum(output.path.endswith(".html") for output in pending)
    report = progress or (lambda done, total: None)
    cores = os.cpu_count() or 1
    if total < POOL_MIN or cores < 2 or threading.active_count() > 1:
        done = 0
        if pages >= SPLIT_MIN and can_fork():
            _make_split(pending[:pages], staging)
            done = pages
            report(done, total)
        for output in pending[done:pages]:
            write_file(staging, output.path, output.make())
            done += 1
            report(done, total)
        pages_done()
        for output in pending[pages:]:
            write_file(staging, output.path, output.make())
            done += 1
            report(done, total)
        return
    # Forked workers inherit the gathered site: nothing is pickled but problems.
    import multiprocessing

    _PENDING, _STAGING = pending, staging
    done = 0
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(cores) as pool:
            for problems in pool.imap_unordered(_make_at, range(total), chunksize=32):
                if problems:
                    raise BuildError(problems)
                done += 1
                report(done, total)
    finally:
        _PENDING, _STAGING = (), Path()
    pages_done()
