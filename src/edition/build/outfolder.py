"""The output folder is ours alone: which folders we may write, the marker, the swap.

A tree the tool made holds a marker file, written once the tree is complete.
A folder without the marker is the user's: it is never deleted or published.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

from edition.config import Config
from edition.errors import Problem

MARKER = ".edition-site"  # in every tree we make; upload-pages-artifact skips dot files
_RENAME_EXCHANGE = 2  # linux/fs.h


def is_ours(tree: Path) -> bool:
    """A folder this tool made and finished (its marker is written last)."""
    try:
        return json.loads((tree / MARKER).read_text(encoding="utf-8")) == _MARK
    except (OSError, ValueError):
        return False


_MARK = {"made_by": "edition"}  # the same in every build: two builds stay byte-identical


def write_marker(tree: Path) -> None:
    tmp = tree / f"{MARKER}.tmp"
    tmp.write_text(json.dumps(_MARK), encoding="utf-8")
    os.replace(tmp, tree / MARKER)


def manifest_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def out_problems(config: Config, cache_folder: Path | None) -> list[Problem]:
    """Why `config.out` must not be written, if it must not (nothing is touched)."""
    out = Path(os.path.abspath(config.out))
    root = Path(os.path.abspath(config.sources.parent))
    for name, folder in (
        ("the project", root),
        ("the sources", config.sources),
        ("the content", config.content),
        ("the templates", config.templates),
    ):
        folder = Path(os.path.abspath(folder))
        if _inside(folder, out):
            what = "is" if folder == out else "contains"
            return [_problem(str(config.out), f"the output folder {what} {name} ({folder})")]
        if name != "the project" and _inside(out, folder):
            return [_problem(str(config.out), f"the output folder is inside {name} ({folder})")]
    return tree_problems(out, cache_folder)


def tree_problems(out: Path, cache_folder: Path | None) -> list[Problem]:
    """Why the folder `out` is not ours to replace: a file, a link, the user's files."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        return [_problem(str(out), "the output folder exists and is not a folder")]
    if (
        out.is_dir()
        and not is_ours(out)
        and any(out.iterdir())
        and not _old_build(out, cache_folder)
    ):
        return [
            _problem(
                str(out),
                "the output folder holds files this tool did not make: a build would delete"
                " or publish them",
                "empty it yourself if it is yours to lose",
            )
        ]
    return []


def _old_build(out: Path, cache_folder: Path | None) -> bool:
    """A site an earlier version made (no marker yet): every file is in its manifest."""
    try:
        assert cache_folder is not None
        manifest = json.loads((cache_folder / "outputs.live.json").read_bytes())
    except (AssertionError, OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or not manifest:
        return False
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in manifest and not rel.startswith("pagefind/"):
            return False
    return True


_HINT = "write the site to a folder of its own, e.g. `out: _site` in edition.yaml"


def _problem(path: str, message: str, hint: str = "") -> Problem:
    return Problem(
        "error", path, 0, message, f"{hint}; or {_HINT}" if hint else _HINT, "out-folder"
    )


def exchange(new: Path, live: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    if renameat2(at_cwd, os.fsencode(new), at_cwd, os.fsencode(live), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(live))


class Trash:
    """Trees to delete once the new site is live: renamed aside now, deleted at the end.

    Creating many files right after deleting many is slow on ext4 (new inodes
    skip recently deleted ones), so nothing big is deleted before writing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, path: Path) -> None:
        if not path.exists() and not path.is_symlink():
            return
        self.folder.mkdir(exist_ok=True)
        n = 0
        while (self.folder / str(n)).exists():
            n += 1
        os.replace(path, self.folder / str(n))

    def empty(self) -> None:
        with contextlib.suppress(OSError):
            shutil.rmtree(self.folder)
