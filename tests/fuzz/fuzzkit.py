"""Helpers of the fuzz suite: projects, snapshots, runs of the command in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SOURCE, make_project

FAULTS = Path(__file__).with_name("faults.py")
OURS = (".edition-cache",)  # besides the out folder and the trees beside it
# What import writes in content/<slug>/ (a killed import may leave the temporary
# file it renames from; the next import writes it again and renames it).
IMPORTED = tuple(
    name
    for file in ("article.yaml", "references.bib", "register.yaml")
    for name in (file, f".{file}.tmp")
)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (following the folder itself), path -> bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def outside_out(project: Path, out: str = "_site") -> dict[str, bytes]:
    """The project's files that no build may change: all but the site, its trees, the cache."""
    found = {}
    for path in sorted(project.rglob("*")):
        rel = path.relative_to(project)
        top = rel.parts[0]
        if top in OURS or top == out or top.startswith(f".{out}."):
            continue
        if path.is_file() and path.name not in IMPORTED:
            found[rel.as_posix()] = path.read_bytes()
    return found


def run(project: Path, *args: str, fault: tuple[int, str, str] | None = None, timeout=120):
    """`edition ARGS` in a subprocess (with a fault hook): (exit code, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "EDITION_LOCK_WAIT": "0.5"}
    if fault is None:
        command = [sys.executable, "-m", "edition.cli", *args]
    else:
        at, mode, swap = fault
        command = [sys.executable, str(FAULTS), str(at), mode, swap, "--", *args]
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=timeout
    )
    return done.returncode, done.stderr


def fresh(tmp: Path, name: str) -> Path:
    """A project of the bundled article in tmp/name."""
    (tmp / name).mkdir()
    return make_project(tmp / name, [SOURCE])


def copy(project: Path, to: Path) -> Path:
    shutil.copytree(project, to, symlinks=True)
    return to


def edit_note(project: Path, old: str = "Ibid. p. 53.", new: str = "Ibid. p. 54.") -> None:
    source = project / "sources" / SOURCE.name
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
