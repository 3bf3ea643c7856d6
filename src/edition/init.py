"""`edition init`: a new edition's folder, with every file a build and a deployment need."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from edition.errors import Problem

SCAFFOLD = Path(__file__).resolve().parent / "templates" / "init"


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to the new edition's folder
    text: str


def scaffold(title: str, package: str) -> list[NewFile]:
    """The files of a new edition: config, sources/, content/, templates/, workflow."""

    def read(name: str) -> str:
        return (SCAFFOLD / name).read_text("utf-8")

    return [
        NewFile("edition.yaml", read("edition.yaml").replace("Scholarly Edition", title, 1)),
        NewFile("sources/README.md", read("sources-README.md")),
        NewFile("content/.gitkeep", ""),
        NewFile("templates/README.md", read("templates-README.md")),
        NewFile(".gitignore", read("gitignore")),
        NewFile(".github/workflows/pages.yml", read("pages.yml").replace("{package}", package)),
        NewFile("README.md", read("README.md").replace("{title}", title)),
    ]


def tool_package() -> str:
    """What the workflow installs: this version of the tool."""
    try:
        return f"edition=={version('edition')}"
    except PackageNotFoundError:
        return "edition"


def init_edition(folder: Path, title: str = "Scholarly Edition") -> list[Problem]:
    """Write a new edition into `folder`; refuse, writing nothing, if any file exists."""
    files = scaffold(title, tool_package())
    taken = [f.path for f in files if (folder / f.path).exists() or (folder / f.path).is_symlink()]
    if folder.exists() and not folder.is_dir():
        return [Problem("error", str(folder), 0, "is a file, not a folder", "name a new folder")]
    if taken:
        return [
            Problem(
                "error",
                str(folder / path),
                0,
                "already exists: `edition init` never overwrites a file",
                "run it in an empty folder, or move the file away first",
                "init-exists",
            )
            for path in taken
        ]
    for new in files:
        target = folder / new.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:  # never over a file made meanwhile
            handle.write(new.text)
    return []
