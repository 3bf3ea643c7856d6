"""references.bib: the bibliography entries written as BibTeX with bibtexparser."""

from __future__ import annotations

from collections.abc import Sequence

from edition.model import BibEntry

# The text of each bibliography written or told (remember_bibtex): import writes
# references.bib and the build writes it again, often in another process.
_WRITTEN: dict[tuple[BibEntry, ...], str] = {}
_KEPT = 1024


def to_bibtex(entries: Sequence[BibEntry]) -> str:
    """Write entries as BibTeX with bibtexparser, in the order given."""
    key = tuple(entries)
    text = _WRITTEN.get(key)
    if text is None:
        text = _to_bibtex(key)
        remember_bibtex(key, text)
    return text


def remember_bibtex(entries: Sequence[BibEntry], text: str) -> None:
    """Keep what to_bibtex wrote of these entries in another process (an import's
    worker), so this one need not write it again (nor import bibtexparser)."""
    if len(_WRITTEN) >= _KEPT:
        _WRITTEN.pop(next(iter(_WRITTEN)))
    _WRITTEN[tuple(entries)] = text


def _to_bibtex(entries: tuple[BibEntry, ...]) -> str:
    import bibtexparser  # only when BibTeX is written: it is slow to import
    from bibtexparser.middlewares.parsestack import default_unparse_stack
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    for entry in entries:
        fields = [Field(name, _balanced(value)) for name, value in entry.fields]
        library.add(Entry(entry.entry_type, entry.key, fields))
    # The library is ours alone, so the middleware may change it instead of deep-copying it.
    stack = default_unparse_stack(allow_inplace_modification=True)
    return bibtexparser.write_string(library, unparse_stack=stack)


def _balanced(value: str) -> str:
    """Replace braces that do not pair up: BibTeX would read past the value."""
    if "{" not in value and "}" not in value:
        return value
    depth = 0
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                break
    if depth == 0:
        return value
    return value.replace("{", "(").replace("}", ")")
