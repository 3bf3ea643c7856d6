"""An imported article made ready to show: citations linked, the editors' decisions applied."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from edition.citations.link import resolve_notes
from edition.content.editorial import EDITORIAL_FILE, load_editorial
from edition.content.emend import apply_editorial
from edition.errors import Problems
from edition.model import Article


def edited(article: Article, folder: Path, shown: str, problems: Problems) -> Article:
    """Resolve the notes again (an editor may have changed one), then apply editorial.yaml.

    `shown` is the folder as the user sees it; problems name its editorial.yaml.
    """
    article = replace(article, notes=resolve_notes(article.notes, article))
    # The editor's decisions come last: an override beats the parser.
    decisions, found = load_editorial(folder, f"{shown}/{EDITORIAL_FILE}")
    problems.extend(found)
    if decisions is not None:
        article, found = apply_editorial(article, decisions)
        problems.extend(found)
    return article
