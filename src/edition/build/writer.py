"""Write the site atomically: a new folder is filled, then swapped in."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from edition.build.files import Output, write_if_changed
from edition.build.making import make_all


def _outside(path: str) -> bool:
    return path[:1] == "/" or (".." in path and ".." in path.split("/"))


class StaleSite(Exception):
    """The live site lacks a file its manifest lists: it cannot be carried over."""


# The keys of the files of the live site and of the one before it, in the cache folder.
MANIFESTS = ("outputs.live.json", "outputs.prev.json")

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
        make_all(pending, self.staging, progress, pages_done or (lambda: None))
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
