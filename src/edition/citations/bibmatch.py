"""Link a citation in a note to its bibliography entry, and say how the two differ.

Notes and bibliography disagree in small ways (initials in another order, a
diacritic, a word typed in Cyrillic letters), so matching goes by folded surname
plus title words, never by exact string.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from edition.model import ARCHIVAL, BibEntry
from edition.text.names import fold, initials, parse_date, significant_words, surname, word_forms

_TITLE = re.compile(r"\*([^*]+)\*|“([^”]+)”|\"([^\"]+)\"")
_URL = re.compile(r"<(https?://[^>\s]+)>")
_ACCESSED = re.compile(r"\(\s*(?:last\s+)?accessed(?:\s+on)?\s+([^)]*?)\s*\)", re.I)
_LOCATOR = re.compile(
    r",\s*(?P<loc>(?:vol\.\s*\w+,\s*)?(?:pp?\.\s*)?\d+(?:\s*[–-]\s*\d+)?"
    r"(?:,\s*\d+(?:\s*[–-]\s*\d+)?)*)\s*[.;]?\s*$"
)
_NAME = re.compile(r"((?:(?<!\w)[A-ZÀ-ÞĀ-ŽА-ЯЂ-Џ][a-zа-я]?\.\s*)+)([^\W\d_][\w'’-]+)")
_IMPRINT = re.compile(r"\((?P<address>[^():]+):\s*(?P<publisher>[^()]+?),\s*(?P<year>\d{4})\)")


def match_citation(text: str, entries: Sequence[BibEntry]) -> tuple[str, str]:
    """Find the entry one citation refers to: (bib key, pages cited) or ("", "")."""
    works = [e for e in entries if e.field("howpublished") != ARCHIVAL]
    url = _URL.search(text)
    if url:
        for entry in works:
            if entry.field("url") and _same_url(entry.field("url"), url.group(1)):
                return entry.key, _pages(text)
    title = _TITLE.search(text)
    prefix = text[: title.start()] if title else text
    named = {form for w in re.findall(r"[^\W\d_][\w'’-]+", prefix) for form in word_forms(w)}
    cited = [word_forms(w) for w in significant_words(title.group(0))] if title else []
    by_name = [e for e in works if _surname_forms(e) & named]
    if by_name and not cited:
        return (by_name[0].key, _pages(text)) if len(by_name) == 1 else ("", "")
    pool, needed = (by_name, 0.5) if by_name else (works, 0.8)
    if not cited or (not by_name and len(cited) < 2):
        return "", ""  # one title word alone (`*Pravda*`) is too weak to go by
    best, best_score = None, 0.0
    for entry in pool:
        words = _title_forms(entry)
        score = sum(1 for forms in cited if forms & words) / len(cited)
        if score > best_score:
            best, best_score = entry, score
    if best is None or best_score < needed:
        return "", ""
    return best.key, _pages(text)


def match_archive(archive: str, fond: str, entries: Sequence[BibEntry]) -> str:
    """Key of the entry for an archive (and the part listing `fond`), or ""."""
    wanted = word_forms(re.sub(r"\W", "", archive))
    for entry in entries:
        if entry.field("howpublished") != ARCHIVAL or entry.parent:
            continue
        names = {entry.field("shorthand"), entry.field("title")}
        if not any(word_forms(re.sub(r"\W", "", n)) & wanted for n in names if n):
            continue
        for part in entries:
            listed = {int(n) for n in re.findall(r"\d+", part.field("title"))}
            if part.parent == entry.key and fond.isdigit() and int(fond) in listed:
                return part.key
        return entry.key
    return ""


def compare_citation(text: str, entry: BibEntry) -> list[str]:
    """List what an editor should check where a note's citation differs from its entry."""
    out = _compare_names(text, entry)
    title = _note_title(text)
    mine = entry.field("title")
    if title and mine and not _is_short_form(title, mine):
        out += _diff_words("title", title, mine)
    translation = re.search(r"\[([^\]]+)\]", text)
    if translation and entry.field("titleaddon"):
        out += _diff_words("translated title", translation.group(1), entry.field("titleaddon"))
    imprint = _IMPRINT.search(text)
    if imprint:
        for name in ("address", "publisher", "year"):
            if entry.field(name) and _norm(imprint[name]) != _norm(entry.field(name)):
                out.append(
                    f"{name}: {imprint[name]!r} in the note, "
                    f"{entry.field(name)!r} in the bibliography"
                )
    if entry.entry_type in ("article", "incollection"):
        out += _compare_range(text, entry)
    url, accessed = _URL.search(text), _ACCESSED.search(text)
    if url and entry.field("url") and not _same_url(url.group(1), entry.field("url")):
        out.append(f"URL: {url.group(1)} in the note, {entry.field('url')} in the bibliography")
    if accessed and entry.field("urldate"):
        when = parse_date(accessed.group(1)) or accessed.group(1)
        if when != entry.field("urldate"):
            out.append(f"accessed {when} in the note, {entry.field('urldate')} in the bibliography")
    return out


def _compare_names(text: str, entry: BibEntry) -> list[str]:
    """Compare every printed `I. Surname` in the note with the entry's names."""
    names = [n for f in ("author", "editor") for n in entry.field(f).split(" and ") if n]
    out = []
    for given, family in _NAME.findall(text):
        printed = f"{given.strip()} {family}"
        for name in names:
            if fold(surname(name), True) != fold(family, True):
                continue
            if surname(name) != family:
                out.append(
                    f"author's name spelled {family!r} in the note, "
                    f"{surname(name)!r} in the bibliography"
                )
            mine, theirs = initials(printed), initials(name)
            if mine != theirs and sorted(mine) == sorted(theirs):
                out.append(
                    f"initials in another order: {printed!r} in the note, "
                    f"{name!r} in the bibliography"
                )
            elif mine != theirs:
                out.append(
                    f"initials differ: {printed!r} in the note, {name!r} in the bibliography"
                )
    return out


def _compare_range(text: str, entry: BibEntry) -> list[str]:
    """Compare the page range of a full citation of an article or a chapter."""
    if not re.search(r"\(\D*\d{4}\)|\bIn\s+\*", text):
        return []  # a short citation gives the pages cited, not the extent
    found = re.search(r"(\d+\s*[–-]\s*\d+)", text[text.rfind(")") :])
    if not found:
        return []
    mine, theirs = _norm(found.group(1)), _norm(entry.field("pages"))
    if mine == theirs:
        return []
    return [
        f"page range {found.group(1)} in the note, "
        f"{entry.field('pages') or 'none'} in the bibliography"
    ]


def _note_title(text: str) -> str:
    """The title as the note prints it: a quoted title, or from the first italics on."""
    found = _TITLE.search(text)
    url = _URL.search(text)
    if url and (not found or found.start() > url.start()):
        return text[: url.start()].strip(" :,")  # a web document's title runs up to its URL
    if not found:
        return ""
    if not found.group(1):
        return found.group(2) or found.group(3)
    rest = text[found.end() :]
    stop = re.search(r"\s\[|\s\(|,\s*eds?\.|,\s*(?:vol\.|pp?\.)?\s*\d|;|,\s*\*|\.\s*$|$", rest)
    return (found.group(1) + rest[: stop.start()]).replace("*", "")


def _is_short_form(title: str, full: str) -> bool:
    """A short title is the full one's first words (`Economic Warfare`)."""
    short, long = [fold(w) for w in _words(title)], [fold(w) for w in _words(full)]
    return len(short) < len(long) and long[: len(short)] == short


def _diff_words(what: str, note: str, entry: str) -> list[str]:
    a, b = ([w.strip(",:;“”‘’\"'") for w in t.replace("*", "").split()] for t in (note, entry))
    out = []
    matcher = difflib.SequenceMatcher(a=_words(note), b=_words(entry))
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            mine, theirs = " ".join(a[i1:i2]) or "(nothing)", " ".join(b[j1:j2]) or "(nothing)"
            out.append(f"{what} wording: {mine!r} in the note, {theirs!r} in the bibliography")
    return out


def _words(text: str) -> list[str]:
    """Words for comparison: one per printed word, punctuation around it dropped."""
    return [_norm(w.strip(".,:;“”‘’\"'")) for w in text.replace("*", "").split()]


def _norm(text: str) -> str:
    """Typography that does not change meaning: quote and dash forms, spaces."""
    text = text.translate(str.maketrans("’‘“”–—", "''\"\"--"))
    return " ".join(text.split()).strip(" .,:;").replace(" - ", "-")


def _pages(text: str) -> str:
    """The locator at the end of a citation, after brackets and parentheses are dropped."""
    bare = text
    while re.search(r"\([^()]*\)|\[[^\[\]]*\]", bare):
        bare = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", bare)
    found = _LOCATOR.search(bare)
    if not found:
        return ""
    return re.sub(r"(?:^|(?<=,\s))pp?\.\s*", "", found.group("loc")).strip()


def _same_url(a: str, b: str) -> bool:
    return re.sub(r"^https?://(www\.)?|/$", "", a) == re.sub(r"^https?://(www\.)?|/$", "", b)


def _surname_forms(entry: BibEntry) -> set[str]:
    names = [n for f in ("author", "editor") for n in entry.field(f).split(" and ")]
    return {form for n in names if n and n != "others" for form in word_forms(surname(n))}


def _title_forms(entry: BibEntry) -> set[str]:
    return {f for w in significant_words(entry.field("title")) for f in word_forms(w)}
