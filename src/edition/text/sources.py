"""The sources of an edition: which files of sources/ are read, and the slug of each.

One listing for `import`, `build` and `check`. A file's name becomes its
slug, the folder name under content/ and the article's URL, so a name that
would escape content/ (`...txt`), break a link (`#`, `?`, `%`) or collide with
another's in another case is refused, as are files that are not plain files
inside sources/ (a FIFO would block the read forever, a link may lead anywhere).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from edition.config import Config
from edition.errors import Problem

SUFFIXES = (".txt", ".pdf")  # the kinds of source read (content/source_import.py)
# Files an editor keeps in sources/ that are no source: not warned about.
NOTES = ("readme", "readme.md", "readme.txt", ".gitkeep")
MAX_BYTES = 50_000_000  # a journal article's text is well under 1 MB
# Letters (any alphabet), digits, and single - _ or . between them.
_SLUG = re.compile(r"^[^\W_]+(?:[-_.][^\W_]+)*$")


@dataclass(frozen=True)
class Source:
    path: Path
    slug: str


def slug_problem(slug: str) -> str:
    """Why a slug cannot name a folder and a URL, or ""."""
    if not _SLUG.match(slug):
        return "its name makes a bad URL: use letters, digits and - _ . between them"
    return ""


def list_sources(config: Config) -> tuple[list[Source], list[Problem]]:
    """The sources to read, sorted by name, and the problems of those that cannot be read."""
    folder = config.sources
    problems: list[Problem] = []
    found: list[Source] = []
    if not folder.is_dir():
        return found, problems
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        return found, [_problem(config.shown(folder), f"cannot be read: {exc.strerror}")]
    real_folder = folder.resolve()
    slugs: dict[str, str] = {}
    for name in names:
        path = folder / name
        is_source = name.lower().endswith(SUFFIXES)
        if name.startswith(".#") or name.lower() in NOTES or (name[0] == "." and not is_source):
            continue  # an editor's lock file, a hidden file, or the folder's own README
        if not is_source:
            if not (folder / name).is_dir():
                problems.append(
                    Problem(
                        "warning",
                        config.shown(folder / name),
                        0,
                        f"'{name}' in sources/ is not read (only .txt and .pdf are)",
                        "convert it to PDF or plain text, or move it out of sources/",
                        "unread-source",
                    )
                )
            continue
        shown = config.shown(path)
        wrong = _file_problem(path, real_folder)
        if wrong:
            problems.append(_problem(shown, wrong))
            continue
        slug = name.rsplit(".", 1)[0].lower()
        wrong = slug_problem(slug)
        if wrong:
            problems.append(_problem(shown, wrong, "rename the file"))
            continue
        if slug in slugs:
            same = slugs[slug].rsplit(".", 1)[0] == shown.rsplit(".", 1)[0]
            why = (
                f"is a second source of '{slug}' beside {slugs[slug]!r}"
                if same
                else f"has the same name as {slugs[slug]!r} but for case"
            )
            problems.append(_problem(shown, why, "keep one of them: each source makes one article"))
            continue
        slugs[slug] = shown
        found.append(Source(path, slug))
    return found, problems


def _file_problem(path: Path, real_folder: Path) -> str:
    """Why a path is not a plain file of sources/ (a link may point inside it), or ""."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return "is a symbolic link to nothing"
    except (RuntimeError, OSError) as exc:
        return f"cannot be followed ({getattr(exc, 'strerror', None) or 'a symbolic link loop'})"
    if real_folder not in real.parents:
        return "is a symbolic link leading outside the sources folder"
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe or a device?)"
    size = os.stat(real).st_size
    if size > MAX_BYTES:
        return f"is {size:,} bytes (more than {MAX_BYTES:,}): is it a text?"
    return ""


def _problem(path: str, message: str, hint: str = "") -> Problem:
    return Problem("error", path, 0, message, hint or "sources/ holds the texts only", "source")
