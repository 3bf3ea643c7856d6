"""Bibliography entries that no note cites."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from edition.errors import Problem
from edition.model import BibEntry

UNCITED_HINT = "it is kept; check whether a note cites it in a form the matcher missed"


def bibliography_problems(
    entries: Sequence[BibEntry], citations_by_key: Mapping[str, Sequence[object]], path: str
) -> list[Problem]:
    """Flag entries no note cites (an archive counts as cited if one of its parts is)."""
    cited = {key for key, found in citations_by_key.items() if found}
    cited |= {e.parent for e in entries if e.key in cited and e.parent}
    cited |= {e.key for e in entries if e.parent in cited}
    message = "bibliography entry {!r} is cited in no note"
    return [
        Problem("warning", path, e.line, message.format(e.key), UNCITED_HINT, "bib-uncited")
        for e in entries
        if e.key not in cited
    ]
