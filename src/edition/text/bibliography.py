"""The bibliography: printed entries -> BibEntry -> BibTeX, and notes -> entries.

Choices (the BibTeX is read by people and by reference managers):

- Entry types: ``book`` (italic title, also edited volumes), ``article`` (quoted
  title + italic journal), ``incollection`` (quoted title + ``In *Book*``),
  ``online`` (a ``<url>`` and no imprint) and, for an archive, ``misc`` with
  ``howpublished = {Archival collection}``: there is no standard archive type,
  and ``@misc`` is the one every BibTeX style, biblatex, Zotero and JabRef accept.
  An archive's sub-line (``— Fonds 2, 3 and 10``) is its own ``misc`` entry with
  ``xref`` naming the archive (biblatex's link without inheritance, which, unlike
  ``crossref``, does not need the parent printed after its children); the
  archive gets ``shorthand`` (RGANI), which `match_archive` goes by. An archive
  line per fond (``РГАНИ. Ф. 3. Оп. 14.``, the Russian way) is a ``misc`` of its
  own; when one archive has several, none keeps the shorthand (a note would
  link to the first fond's line whatever fond it cites). Under an archive
  heading (``Архивы``, ``Arhivski izvori``: `data/labels.yaml`) an entry no
  reader could type is an archive's.
- Other journals' styles (APA, GOST, German, French; `bibliography_styles`) are read
  before Chicago's; a list printed without ``- `` markers is read one entry a
  line (`bibliography_lines`), with a warning.
- Values are Unicode as printed; Markdown italics (``*``) are removed from
  fields, a bracketed translation goes to ``titleaddon``, a missing name to
  ``others`` (``et al.``), an accessed date to ``urldate`` (ISO), GOST's
  statement of responsibility (``/ под ред. ...``) to ``note`` as printed
  (its names are in the genitive), its page count to ``pagetotal``, an
  APA DOI to ``doi``.
- ``x-original`` keeps the printed entry verbatim (without its list marker) and
  ``x-section`` its section; BibTeX styles ignore unknown fields.
- Keys: surname + year + first significant title word (``freedman1970economic``),
  or title word + year (``kpss2003``), or the archive's shorthand (``rgani``)
  with the levels an archive line names (``rgani-f3-op14``), lowercase ASCII;
  equal keys all get ``a``, ``b``... in printed order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from edition.errors import Problem
from edition.model import ARCHIVAL, BibEntry
from edition.text.bibliography_lines import is_unmarked, mark_entries
from edition.text.bibliography_styles import read_archive_line, read_plain_names, read_styled
from edition.text.labels import is_heading_label
from edition.text.names import fold, parse_date, significant_words, split_names, surname

_ITALIC = re.compile(r"\*([^*]+)\*")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_URL = re.compile(r"<(https?://[^>\s]+)>")
_ACCESSED = re.compile(r"\(\s*(?:last\s+)?accessed(?:\s+on)?\s+([^)]*?)\s*\)", re.I)
_IMPRINT = re.compile(r":\s*(?P<publisher>[^:]+?),\s*(?P<year>\d{4})[a-z]?\.?\s*$")
_PLACE_YEAR = re.compile(
    r"\*\.?\s+(?P<address>[^\W\d][^.:,*]*?\.?),\s*(?P<year>\d{4})[a-z]?\.?\s*$"
)
_NAMES = re.compile(
    r"^(?:[^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*){0,3},\s+(?:[^\W\d_]{1,2}\.\s*)+"
    r"|(?:[^\W\d_]{1,2}\.\s*)+[^\W\d_])"
)
_EDS = re.compile(r",?\s*\(?\b(eds?)\.\)?\s*\.?\s*$")
_ARCHIVE_WORD = re.compile(r"ar(?:k?h|ch?)iv|arquivo|архив|levéltár|\bfonds?\b", re.I)
_JOURNAL = re.compile(
    r"\*(?P<journal>[^*]+)\*\s*,?\s*(?:vol\.\s*)?(?P<volume>\d+)?"
    r"(?:\s*[./,]\s*(?:no\.\s*)?(?P<number>\d+))?\s*"
    r"(?:\((?P<month>[^)\d]*?)\s*(?P<year>\d{4})\))?"
    r"(?:\s*[,:]\s*(?:pp?\.\s*)?(?P<pages>\d+(?:\s*[–-]\s*\d+)?))?\s*\.?\s*$"
)
_FUNCTION_WORDS = {"of", "the", "and", "for", "des", "der", "de", "la", "du", "i", "и", "za"}


def parse_bibliography(
    lines: Sequence[tuple[int, str]], path: str
) -> tuple[tuple[BibEntry, ...], list[Problem]]:
    """Parse the lines after the `Bibliography` heading into entries, in printed order."""
    problems: list[Problem] = []
    if is_unmarked(lines):
        first = next(n for n, t in lines if t.strip())
        problems.append(_warn(path, first, "bib-unmarked", _UNMARKED))
        lines = mark_entries(lines)
    raw = _group_entries(lines, path, problems)
    drafts = []
    for section, text, line, is_sub in raw:
        entry_type, fields = _parse_entry(text, section, is_sub)
        _check_entry(text, line, entry_type, fields, path, problems)
        drafts.append((section, fields, entry_type, text, line, is_sub))
    keys = _dedupe(_base_keys([(d[1], d[5]) for d in drafts]))
    # Notes find an archive's entry by its shorthand; with one line per fond
    # (`РГАНИ. Ф. 3.`, `РГАНИ. Ф. 5.`) that would pick the first fond for all.
    per_fond = Counter(d[1]["shorthand"] for d in drafts if d[1].get("x-unit"))
    entries: list[BibEntry] = []
    parent = ""
    for (section, fields, entry_type, text, line, is_sub), key in zip(drafts, keys, strict=True):
        fields.pop("x-lead", None)
        if fields.pop("x-unit", None) and per_fond[fields["shorthand"]] > 1:
            fields.pop("shorthand")
        parent = parent if is_sub else key
        if is_sub and parent != key:
            fields = {**fields, "xref": parent}
        ordered = tuple((k, fields[k]) for k in sorted(fields, key=_field_order) if fields[k])
        entries.append(
            BibEntry(key, section, entry_type, ordered, text, line, parent if is_sub else "")
        )
    if not entries:
        problems.append(
            _warn(path, lines[0][0] if lines else 0, "bib-empty", "the bibliography is empty")
        )
    return tuple(entries), problems


def _group_entries(
    lines: Sequence[tuple[int, str]], path: str, problems: list[Problem]
) -> list[tuple[str, str, int, bool]]:
    """Split lines into (section, text, line, is_sub); join wrapped lines to their entry."""
    out: list[tuple[str, str, int, bool]] = []
    section = ""
    items = list(lines)
    for i, (number, line) in enumerate(items):
        text = line.strip()
        if not text:
            continue
        if text.startswith(("- ", "— ", "– ")) and len(text) > 2:
            is_sub = not text.startswith("- ")
            if is_sub and not out:
                problems.append(
                    _warn(path, number, "bib-orphan", f"sub-line {text!r} has no entry above it")
                )
                is_sub = False
            out.append((section, text[2:].strip(), number, is_sub))
        elif _is_heading(items, i):
            section = text
        elif out:
            prev = out[-1]
            glue = "" if prev[1].endswith("-") else " "
            out[-1] = (prev[0], prev[1] + glue + text, prev[2], prev[3])
        else:
            problems.append(
                _warn(
                    path,
                    number,
                    "bib-stray-line",
                    f"line {text!r} is neither a heading nor an entry",
                )
            )
    return out


def _is_heading(items: Sequence[tuple[int, str]], i: int) -> bool:
    """Tell a section heading: short, alone after a blank line, and followed by entries."""
    text = items[i][1].strip()
    before_blank = i == 0 or not items[i - 1][1].strip()
    after = next((t.strip() for _, t in items[i + 1 :] if t.strip()), "- ")
    return (
        before_blank
        and len(text) <= 80
        and text[0].isupper()
        and not text.endswith((".", ",", ";", ":"))
        and after.startswith("- ")
    )


def _parse_entry(text: str, section: str, is_sub: bool) -> tuple[str, dict[str, str]]:
    """Read one printed entry into a BibTeX type and fields."""
    fields: dict[str, str] = {"x-original": text, "x-section": section}
    if is_sub:
        return "misc", {**fields, "title": text.rstrip("."), "howpublished": ARCHIVAL}
    if found := read_archive_line(text):
        return "misc", {**fields, **found}
    styled = read_styled(text)
    entry_type, read = (styled[0], {**fields, **styled[1]}) if styled else _chicago(text, fields)
    # Under `Архивы` an entry no reader could type is an archive's; a book stays a book.
    archival = read.get("howpublished") == ARCHIVAL
    if entry_type == "misc" and not archival and is_heading_label("archives", section):
        return "misc", {**fields, "title": _plain(text).rstrip("."), "howpublished": ARCHIVAL}
    return entry_type, read


def _chicago(text: str, fields: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Read a Chicago-style entry (the bundled journal's) into a BibTeX type and fields."""
    fields = dict(fields)
    head = text
    url = _URL.search(head)
    accessed = _ACCESSED.search(head)
    if accessed:
        fields["urldate"] = parse_date(accessed.group(1)) or accessed.group(1)
        head = head[: accessed.start()] + head[accessed.end() :]
    if url:
        fields["url"] = url.group(1)
        head = head[: url.start()] + head[url.end() :]
    head = head.strip().rstrip(".").strip()
    imprint = _IMPRINT.search(head + ".")
    if imprint:
        before = head[: imprint.start()]
        cut = before.rfind(". ")
        fields["address"] = before[cut + 2 if cut >= 0 else 0 :].strip()
        fields["publisher"] = imprint["publisher"].strip()
        fields["year"] = imprint["year"]
        head = before[: max(cut, 0)].strip()
    elif place := _PLACE_YEAR.search(head + "."):  # `*Title*. Princeton, 2008.`: no publisher
        fields["address"], fields["year"] = place["address"].strip(), place["year"]
        head = head[: place.start() + 1]
    marker = re.search(r"[*“\"]", head)
    unmarked = None if marker else read_plain_names(head)
    if unmarked:  # no italics to end the names: their full stop does
        fields["author"] = " and ".join(unmarked[0])
        fields["x-lead"] = unmarked[0][0]
        head = unmarked[1]
    elif marker and _NAMES.match(head[: marker.start()]):
        prefix = head[: marker.start()].strip()
        eds = _EDS.search(prefix)
        prefix = prefix[: eds.start()] if eds else prefix
        fields["editor" if eds else "author"] = " and ".join(split_names(prefix))
        fields["x-lead"] = split_names(prefix)[0]  # the name the key is made from
        head = head[marker.start() :]
    quoted = _QUOTED.match(head)
    if quoted:
        fields["title"] = _plain(quoted.group(1) or quoted.group(2)).rstrip(".,")
        rest = head[quoted.end() :]
        _take_translation(rest, fields)
        rest = re.sub(r"^\s*\[[^\]]*\]", "", rest).lstrip(" .,")
        in_book = re.match(r"In\s+\*(?P<book>[^*]+)\*(?P<rest>.*)$", rest)
        journal = _JOURNAL.match(rest)
        if in_book:
            return "incollection", {**fields, **_collection(in_book["book"], in_book["rest"])}
        if journal:
            found = {k: v.strip() for k, v in journal.groupdict().items() if v and v.strip()}
            return "article", {**fields, **found}
        return "misc", fields
    if _ARCHIVE_WORD.search(head) and not (marker or url or imprint):
        return "misc", {**fields, **_archive(head)}
    title = re.split(r"\s\[|,\s*eds?\.\s|,\s*vol\.\s", head)[0]
    _take_translation(head[len(title) :], fields)
    editors = re.search(r",\s*eds?\.\s+(.+)$", head)
    if editors:
        fields["editor"] = " and ".join(split_names(editors.group(1)))
    fields["title"] = _plain(title).rstrip(":,. ")
    if url and "publisher" not in fields:
        fields["title"] = fields["title"].rstrip(":")
        year = re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", fields["title"])
        return "online", {**fields, "year": year[-1]} if year else fields
    return ("book" if marker or imprint else "misc"), fields


_ORDER = (
    ("author", "editor", "title", "titleaddon", "booktitle", "journal", "volume", "number")
    + ("pages", "pagetotal", "month", "year", "publisher", "address", "howpublished")
    + ("shorthand", "note", "doi", "url", "urldate", "xref", "x-section", "x-original")
)


def _field_order(name: str) -> tuple[int, str]:
    """Order fields as a reader expects them, unknown ones last."""
    return (_ORDER.index(name) if name in _ORDER else len(_ORDER), name)


def _take_translation(rest: str, fields: dict[str, str]) -> None:
    """Keep a bracketed translation that follows the title, as `titleaddon`."""
    found = re.match(r"\s*[.,]?\s*\[([^\]]+)\]", rest)
    if found:
        fields["titleaddon"] = _plain(found.group(1))


def _collection(booktitle: str, rest: str) -> dict[str, str]:
    """Read `In *Book*, vol. 2, eds. A, B & C, 447–464` into fields."""
    fields = {"booktitle": _plain(booktitle)}
    if volume := re.search(r"\bvol\.\s*(\w+)", rest):
        fields["volume"] = volume.group(1)
    if pages := re.search(r",\s*(?:pp?\.\s*)?(\d+\s*[–-]\s*\d+|\d+)\s*\.?\s*$", rest):
        fields["pages"] = pages.group(1)
        rest = rest[: pages.start()]
    if editors := re.search(r"\beds?\.\s+(.+)$", rest):
        fields["editor"] = " and ".join(split_names(editors.group(1)))
    return fields


def _archive(head: str) -> dict[str, str]:
    """Read `Name [Translation], Place` of an archive."""
    fields = {"howpublished": ARCHIVAL}
    found = re.match(r"(?P<title>[^\[]+?)\s*\[(?P<tr>[^\]]+)\]\s*,?\s*(?P<place>.*)$", head)
    if found:
        fields.update(title=found["title"], titleaddon=found["tr"], address=found["place"])
    else:
        title, _, place = head.rpartition(", ")
        fields.update(title=title or place, address=place if title else "")
    own = re.search(r"\(([A-ZЀ-Я][A-ZЀ-Яa-zа-џ ]{1,9})\)", fields["title"])
    words = [w for w in re.findall(r"[^\W\d_]+", fields["title"]) if w not in _FUNCTION_WORDS]
    fields["shorthand"] = own.group(1) if own else "".join(w[0].upper() for w in words)
    return fields


def _plain(text: str) -> str:
    """Drop Markdown italics and fold runs of whitespace."""
    return " ".join(text.replace("*", "").split())


def _check_entry(
    text: str, line: int, entry_type: str, fields: Mapping[str, str], path: str, problems: list
) -> None:
    if text.count("*") % 2:
        problems.append(_warn(path, line, "bib-unclosed-italic", f"unclosed '*' in {text!r}"))
    for word in re.findall(r"\w+", text):
        scripts = {
            "cyrillic" if "\u0400" <= c <= "\u04ff" else "latin" for c in word if c.isalpha()
        }
        if len(scripts) > 1:
            problems.append(
                _warn(path, line, "bib-mixed-script", f"{word!r} mixes Latin and Cyrillic letters")
            )
    if text.count("{") != text.count("}"):
        problems.append(_warn(path, line, "bib-braces", f"unbalanced braces in {text!r}"))
    if entry_type == "misc" and fields.get("howpublished") != ARCHIVAL:
        problems.append(
            _warn(path, line, "bib-unknown-type", f"cannot tell what kind of work {text!r} is")
        )


def _base_keys(drafts: Sequence[tuple[Mapping[str, str], bool]]) -> list[str]:
    """Make each entry's key before deduplication; a sub-line keys under its archive."""
    keys: list[str] = []
    archive = ""
    for fields, is_sub in drafts:
        word = _title_word(fields)
        if is_sub:
            keys.append(f"{archive}-{word}")
            continue
        if fields.get("howpublished") == ARCHIVAL:
            archive = _slug(fields.get("shorthand", "")) or word
            if fields.get("x-unit"):  # one line per fond: rgani-f3-op14
                unit = (_slug(part) for part in fields["x-unit"].split("-"))
                archive = "-".join([archive, *(u for u in unit if u)])
        elif fields.get("x-lead"):
            archive = _slug(surname(fields["x-lead"])) + fields.get("year", "") + word
        else:
            archive = word + fields.get("year", "")
        keys.append(archive)
    return keys


def _title_word(fields: Mapping[str, str]) -> str:
    words = significant_words(fields.get("title", ""))
    return _slug(words[0]) if words else "anon"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _dedupe(keys: list[str]) -> list[str]:
    """Suffix every key that occurs more than once with a, b, c... in printed order."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        if keys.count(key) > 1:
            seen[key] = seen.get(key, 0) + 1
            key += _letters(seen[key])
        out.append(key)
    return out


def _letters(n: int) -> str:
    text = ""
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


_UNMARKED = "the entries have no '- ' markers: each line was read as one entry"
_HINTS = {
    "bib-unmarked": "check that no entry was split or joined; mark each entry with '- '",
    "bib-empty": "entries are lines starting with '- '",
    "bib-orphan": "put it under the archive it belongs to",
    "bib-stray-line": "start each entry with '- '",
    "bib-unclosed-italic": "close the italics or remove the stray '*'",
    "bib-mixed-script": "retype the word in one script",
    "bib-braces": "BibTeX needs '{' and '}' in pairs",
    "bib-unknown-type": "the entry is kept as printed; expected Chicago (*Title* with an "
    "imprint, a quoted title with a journal or 'In *Book*'), APA, GOST, German or French, "
    "a <url>, or an archive",
}


def _warn(path: str, line: int, code: str, message: str) -> Problem:
    return Problem("warning", path, line, message, _HINTS[code], code)
