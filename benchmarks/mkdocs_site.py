"""The same text as an mkdocs-material site: each article one Markdown page with footnotes.

The peer an editor would pick. Its built-in search plugin writes one index of every page
(search/search_index.json), which the browser fetches whole with the search worker
before a first query can run.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from benchmarks import corpus

CONFIG = """site_name: Edition (mkdocs-material)
theme:
  name: material
plugins:
  - search
markdown_extensions:
  - footnotes
"""
_MARKERS = re.compile(f"[{corpus.SUPERSCRIPTS}]+")


def to_markdown(text: str, title: str) -> str:
    """One article in Markdown: header, paragraphs with [^n] references, notes, bibliography."""
    article = corpus.parse(text)
    digits = str.maketrans(corpus.SUPERSCRIPTS, "0123456789")

    def reference(found: re.Match[str]) -> str:
        number = int(found.group(0).translate(digits))
        return f"[^{number}]" if number in article.notes else found.group(0)

    parts = [f"# {title}", *(line for line in article.header.split("\n") if line.strip())]
    parts += [_MARKERS.sub(reference, paragraph) for paragraph in article.paragraphs]
    parts += [f"[^{n}]: {note}" for n, note in sorted(article.notes.items())]
    parts.append(article.bibliography)
    return "\n\n".join(parts) + "\n"


def write_project(sources: Path, folder: Path) -> Path:
    """An mkdocs project of every source in `sources`; returns its folder."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    names = []
    for source in sorted(sources.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        (docs / f"{source.stem}.md").write_text(to_markdown(text, source.stem), encoding="utf-8")
        names.append(source.stem)
    index = ["# Articles", "", *(f"- [{name}]({name}.md)" for name in names)]
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return folder


def first_query_bytes(site: Path) -> int:
    """What a first query costs: the whole index and the search worker, gzipped as sent."""
    files = [site / "search" / "search_index.json"]
    files += sorted((site / "assets" / "javascripts" / "workers").glob("search*.js"))
    return sum(len(gzip.compress(path.read_bytes(), 6)) for path in files if path.is_file())
