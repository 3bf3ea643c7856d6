"""What `check` reports about a note's citations: unread, in doubt, unresolved."""

from __future__ import annotations

from collections.abc import Sequence

from edition.citations.sheets import sheet_key
from edition.errors import Problem
from edition.model import Citation, Note


def citation_problems(notes: Sequence[Note], path: str) -> list[Problem]:
    """Report unreadable and unresolved citations, backwards ranges, suspicious files."""
    problems = []
    files: dict[tuple[str, str, str], tuple[str, int]] = {}  # (archive, fond, delo) -> opis
    warned: set[tuple[str, str, str]] = set()
    prev: Citation | None = None
    prev_note = 0
    for note in notes:
        for c in note.citations:
            where = f"note {note.n}"
            follows = prev is not None
            before, before_note = prev, prev_note
            if c.kind != "unparsed":  # Ibid. runs past prose to the last citation
                prev, prev_note = c, note.n
            if c.doubt:
                problems.append(_doubt(c, where, path, note.line))
                continue
            if c.kind == "unparsed":
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f'{where}: cannot read the citation "{c.text}"',
                        "it is kept as written; for an archive, use a form such as "
                        "'RGANI, f. 5, op. 49, d. 131, l. 3', or add the archive to "
                        "content/archives.yaml",
                        "unparsed-citation",
                    )
                )
            elif c.ibid and c.kind == "archival" and not c.archive and follows:
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f'{where}: "{c.text}" cites a file, but the citation before it '
                        f'(note {before_note}: "{before.text}") is not archival',
                        "the Ibid. chain is broken: write the archival citation out in full",
                        "ibid-chain-broken",
                    )
                )
            elif c.ibid and not follows:
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f'{where}: "{c.text}" follows no citation it can refer to',
                        "write the citation out in full",
                        "unresolved-ibid",
                    )
                )
            elif c.kind == "archival" and not c.archive:
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f'{where}: "{c.text}" names no archive',
                        "name the archive, e.g. 'RGANI, f. 5, ...'",
                        "no-archive",
                    )
                )
            for r in c.sheets:
                if sheet_key(r.first) > sheet_key(r.last):
                    problems.append(
                        Problem(
                            "warning",
                            path,
                            note.line,
                            f'{where}: the sheets "{r.first}–{r.last}" in "{c.text}" run backwards',
                            "check the numbers against the print",
                            "backwards-range",
                        )
                    )
            fond, opis, delo = c.level("fond"), c.level("opis"), c.level("delo")
            if c.kind != "archival" or not (c.archive and fond and opis and delo):
                continue
            key = (c.archive, fond, delo)
            first = files.setdefault(key, (opis, note.n))
            if first[0] != opis and key not in warned:
                warned.add(key)
                problems.append(
                    Problem(
                        "warning",
                        path,
                        note.line,
                        f"{where}: file {delo} of fond {fond} is cited under opis {opis} here "
                        f"and under opis {first[0]} in note {first[1]}",
                        "one of the two opis numbers may be a misprint",
                        "delo-in-two-opisi",
                    )
                )
    return problems


DOUBTS = {
    "ambiguous-style": (
        "can be read in more than one style; only what the readings agree on is linked",
        "write the citation so that one style fits all of it (e.g. 'f. 5, op. 49, d. 131' "
        "or 'F 5, inv. 49, f. 131'), or record the reading in editorial.yaml",
    ),
    "read-in-part": (
        "is read only in part; only the part read is linked",
        "check the unread part against the print (a misprint of a level?)",
    ),
    "no-top-level": (
        "names no fond (or the archive's top level), so it is not linked to a file",
        "add the fond as printed elsewhere in the article, or record it in editorial.yaml",
    ),
    "level-typo": (
        "has a level abbreviation that looks misprinted; it is read with the likely form",
        "check it against the print and record the correction as an emendation",
    ),
}


def _doubt(c: Citation, where: str, path: str, line: int) -> Problem:
    """The problem of a citation read in doubt, with its readings."""
    readings = "; ".join(c.readings)
    if c.doubt == "unknown-archive":
        name = c.readings[0] if c.readings and c.readings[0] else "(no name found)"
        return Problem(
            "warning",
            path,
            line,
            f'{where}: "{c.text}" cites an archive the registry does not know: "{name}"',
            "add it to content/archives.yaml, e.g.\n    "
            + unknown_archive_snippet(name).replace("\n", "\n    "),
            "unknown-archive",
        )
    message, hint = DOUBTS.get(c.doubt, ("is in doubt", "check it against the print"))
    label = "readings: " if c.doubt == "ambiguous-style" else ""
    return Problem(
        "warning",
        path,
        line,
        f'{where}: "{c.text}" {message} ({label}{readings})',
        hint,
        c.doubt,
    )


def unknown_archive_snippet(name: str) -> str:
    """A content/archives.yaml entry to fill in for an archive the registry lacks."""
    slug = "-".join(
        "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in name.lower()).split()
    )
    return (
        "archives:\n"
        f"  - slug: {slug or 'my-archive'}\n"
        f"    short: {name or 'ABBR'}\n"
        "    name: (the full name, transliterated)\n"
        "    name_english: (the English name)\n"
        "    city: (where it is)\n"
        "    levels: [fond, opis, delo]\n"
        "    abbreviations:\n"
        "      A: {fond: [f.], opis: [op.], delo: [d.], list: [l., ll.]}"
    )
