"""Bibliography entries in other journals' styles: APA, GOST, German, French, archives.

Each reader starts from a head that marks its style unmistakably — APA's
`Surname, A. B. (1999).`, GOST's `Иванов И. И.` (initials after the surname,
no comma), German's `Name, Vorname:`, French's `DUPONT Jean,` (the surname in
capitals) — and returns the BibTeX type and fields,
or None so that the Chicago reader in `bibliography` gets the line. When the
head is read but the rest fits none of the style's forms, the entry is `misc`
with only what the head says (names, year); `bibliography` warns about it.
Nothing is filled in from a guess: a field is set only where a form matched.
"""

from __future__ import annotations

import re

from edition.model import ARCHIVAL
from edition.text.names import split_names

_U = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper())
U = f"[{re.escape(_U)}]"  # an uppercase letter, Latin or Cyrillic
_PAGES = r"\d+(?:\s*[–-]\s*\d+)?"
_ITALIC = re.compile(r"\*([^*]+)\*")
_URL = re.compile(r"<(https?://[^>\s]+)>")
# Words of an institution, never of a person's name (`NATO Archives, *Report*, ...`).
_INSTITUTION = re.compile(
    r"ar(?:k?h|ch?)iv|архив|\bfonds?\b|ministr|министер|committee|комитет|office|bureau|"
    r"council|agency|institut|университет|universit|library|bibliot|museum|музей",
    re.I,
)


def plain(text: str) -> str:
    """Drop Markdown italics and fold runs of whitespace."""
    return " ".join(text.replace("*", "").split())


def _found(match: re.Match[str]) -> dict[str, str]:
    """The groups that matched; a place keeps its full stop (`М.`, `Frankfurt a. M.`)."""
    out = {}
    for name, value in match.groupdict().items():
        if value and value.strip():
            value = plain(value).strip(" ,")
            out[name] = value if name == "address" else value.rstrip(".")
    if "pages" in out:
        out["pages"] = re.sub(r"\s*[–-]\s*", "–", out["pages"])
    return out


def _names(people: list[str]) -> dict[str, str]:
    return {"author": " and ".join(people), "x-lead": people[0]}


_BARE_URL = re.compile(
    r"[.,]?\s*(?:(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(?P<doi>10\.\S+)"
    r"|(?P<url>https?://\S+))\s*$"
)


def read_styled(text: str) -> tuple[str, dict[str, str]] | None:
    """An APA, GOST or German entry's type and fields, or None: Chicago's reader gets it."""
    link: dict[str, str] = {}
    head = text.strip()
    if found := _URL.search(head):
        link["url"] = found.group(1)
        head = (head[: found.start()] + head[found.end() :]).strip()
    elif found := _BARE_URL.search(head):
        link = {k: v.rstrip(".") for k, v in found.groupdict().items() if v}
        head = head[: found.start()].strip()
    for reader in (read_apa, read_gost, read_german, read_french):
        if styled := reader(head):
            return styled[0], {**styled[1], **link}
    return None


# --- APA: Surname, A. B., & Other, C. (1999). Title. City: Publisher. -------------------

_APA_NAME = re.compile(rf"({U}[\w'’-]*(?:\s{U}[\w'’-]*){{0,2}}),\s*((?:{U}[\w]?\.\s*-?\s*){{1,3}})")
_APA_HEAD = re.compile(
    r"^(?P<names>[^()]+?)\s*(?:\((?P<role>Eds?|Hrsg|Hg|Éds?|Dir|Ur|Ред)\.?\)\.?\s*)?"
    r"\((?P<year>\d{4})[a-z]?(?:,\s*[^)]*)?\)\.\s+(?P<rest>.+)$",
    re.I,
)
_APA_COLLECTION = re.compile(
    r"^(?P<title>.+?)\.\s+In\s+(?:(?P<editor>[^()]+?)\s*\((?:Eds?|Hrsg|Hg)\.\),\s*)?"
    rf"(?P<booktitle>.+?)\s*\(pp?\.\s*(?P<pages>{_PAGES})\)\.\s*"
    r"(?:(?P<address>[^.:]+):\s*)?(?P<publisher>[^:]+?)\.?$"
)
_APA_ARTICLE = re.compile(
    r"^(?P<title>.+?)\.\s+(?P<journal>[^.,]+),\s*(?P<volume>\d+)(?:\s*\((?P<number>[^)]+)\))?"
    rf",\s*(?P<pages>{_PAGES})\.?$"
)
_APA_BOOK = re.compile(
    r"^(?P<title>.+?)(?:\.|(?<=[?!]))\s+(?P<address>[^.:?!]+):\s*(?P<publisher>[^.:]+?)\.?$"
)


def _apa_names(text: str) -> list[str] | None:
    """`Smith, J. A., & Doe, B.` -> names, or None unless the text is nothing else."""
    found = [f"{s}, {' '.join(i.split())}" for s, i in _APA_NAME.findall(text)]
    rest = re.sub(r",|&|\.\.\.|\b(?:and|und|i|и|et)\b|\s", "", _APA_NAME.sub("", text))
    return found if found and not rest else None


def read_apa(text: str) -> tuple[str, dict[str, str]] | None:
    """An APA entry's type and fields; None when its head is not APA's."""
    head = _APA_HEAD.match(text)
    people = _apa_names(head["names"]) if head else None
    if not head or people is None:
        return None
    role = "editor" if head["role"] else "author"
    fields = {role: " and ".join(people), "x-lead": people[0], "year": head["year"]}
    rest = head["rest"].strip()
    if found := _APA_COLLECTION.match(rest):
        got = _found(found)
        if "editor" in got:
            got["editor"] = " and ".join(split_names(got["editor"]))
        return "incollection", {**fields, **got}
    flat = plain(rest)
    if found := _APA_ARTICLE.match(flat):
        return "article", {**fields, **_found(found)}
    italic = _ITALIC.match(rest)
    if found := _APA_BOOK.match(flat):
        book = _found(found)
        if italic and not book["title"].startswith(plain(italic.group(1)).rstrip(".")):
            return "misc", fields
        return "book", {**fields, **book}
    return "misc", fields


# --- GOST: Иванов И. И. Название. М.: Наука, 1990. 300 с. --------------------------------

_GOST_NAME = rf"{U}[\w'’-]+\s+(?:{U}\.\s*){{1,2}}"
_GOST_HEAD = re.compile(rf"^(?P<names>{_GOST_NAME}(?:,\s*{_GOST_NAME})*)\s*(?P<rest>\S.*)$")
_GOST_IMPRINT = (
    r"(?P<address>[^.:,/]{1,30}?\.?)\s*(?::\s*(?P<publisher>[^:,]+?))?,\s*(?P<year>\d{4})"
)
_GOST_BOOK = re.compile(
    r"^(?P<title>.+?)(?:\s/\s(?P<note>[^/]+?))?(?:\.|(?<=[?!]))\s+"
    + _GOST_IMPRINT
    + r"\.?(?:\s+(?P<pagetotal>\d+)\s*[сcSsp]\.?)?$"
)
_GOST_JOURNAL = re.compile(
    r"^(?P<journal>.+?)\.\s+(?P<year>\d{4})\.\s*"
    r"(?:(?:Т|Вып|Кн|Vol|Bd|Sv)\.\s*(?P<volume>[\w-]+)\s*[.,]\s*)?"
    r"(?:(?:№|No\.?|no\.?|Nr\.|Br\.|br\.)\s*(?P<number>[\w/-]+)\s*\.\s*)?"
    rf"(?:(?:С|с|P|p|S|s)\.\s*(?P<pages>{_PAGES})\.?)?$"
)
_GOST_COLLECTION = re.compile(
    r"^(?P<booktitle>.+?)(?:\s/\s(?P<note>[^/]+?))?\.\s+"
    + _GOST_IMPRINT
    + rf"\.\s*(?:(?:С|с|P|p|S|s)\.\s*(?P<pages>{_PAGES})\.?)?$"
)


def _gost_name(name: str) -> str:
    """`Иванов И. И.` -> `Иванов, И. И.`, the form BibTeX reads."""
    family, _, given = name.strip().partition(" ")
    return f"{family}, {' '.join(given.replace('.', '. ').split())}"


def read_gost(text: str) -> tuple[str, dict[str, str]] | None:
    """A GOST entry's type and fields; None when the line is not GOST's."""
    work = re.sub(r"\.\s+[—–]\s+", ". ", text.strip())  # `. — ` separates the areas
    head = _GOST_HEAD.match(work)
    if head:
        people = [_gost_name(n) for n in re.findall(_GOST_NAME, head["names"])]
        fields, rest = _names(people), head["rest"].strip()
    elif "//" in work or " / " in work:
        fields, rest = {}, work
    else:
        return None
    title, slashes, host = rest.partition("//")
    if slashes:
        title = title.strip().rstrip(".")
        host = host.strip()
        if found := _GOST_JOURNAL.match(host):
            return "article", {**fields, "title": plain(title), **_found(found)}
        if found := _GOST_COLLECTION.match(host):
            return "incollection", {**fields, "title": plain(title), **_found(found)}
        return ("misc", fields) if fields else None
    if found := _GOST_BOOK.match(rest):
        return "book", {**fields, **_found(found)}
    return ("misc", fields) if fields else None


# --- German: Name, Vorname: Titel. Ort 1999. --------------------------------------------

_DE_HEAD = re.compile(
    r"^(?P<names>[^:()]{3,120}?)\s*(?:\((?P<role>Hg|Hrsg|Hgg|Bearb)\.?\))?:\s+(?P<rest>.+)$"
)
_DE_PLACE = rf"{U}[^\d:.,]*?(?:\s[a-z]{{1,2}}\.\s?{U}[a-z]*\.?)?"
_DE_ARTICLE = re.compile(
    r"^(?P<title>.+?)[,.]\s+in:\s+(?P<journal>[^,(:]+?)\s+(?P<volume>\d+)(?:/(?P<number>\d+))?"
    r"\s*\((?P<year>\d{4})\)(?:,?\s*(?:H\.|Heft|Nr\.)?\s*(?P<issue>\d+))?"
    rf",\s*S\.\s*(?P<pages>{_PAGES})\.?$"
)
_DE_COLLECTION = re.compile(
    r"^(?P<title>.+?)[,.]\s+in:\s+(?:(?P<editor>[^:()]+?)\s*\((?:Hg|Hrsg|Hgg)\.?\):\s*)?"
    rf"(?P<booktitle>.+?)[,.]\s+(?P<address>{_DE_PLACE})(?::\s*(?P<publisher>[^\d,]+?))?,?\s+"
    rf"(?P<year>\d{{4}}),\s*S\.\s*(?P<pages>{_PAGES})\.?$"
)
_DE_BOOK = re.compile(
    rf"^(?P<title>.+)[.,]\s+(?P<address>{_DE_PLACE})(?::\s*(?P<publisher>[^\d]+?))?,?\s+"
    r"(?P<year>\d{4})\.?$"
)


def _german_names(text: str) -> list[str] | None:
    """`Müller, Hans/Schmidt, E.` -> names, or None unless each is `Surname, Given`."""
    people = [p.strip() for p in re.split(r"\s*[/;]\s*|\s+(?:und|u\.)\s+", text) if p.strip()]
    return people if people and all(_german_person(p) for p in people) else None


def _german_person(person: str) -> bool:
    """`Müller, Hans`, `Müller, H. J.`: a surname, a comma, up to three given names."""
    family, comma, given = person.partition(",")
    tokens = given.split()
    initial = [bool(re.fullmatch(r"[^\W\d_]{1,2}\.", t)) for t in tokens]
    return (
        bool(comma)
        and bool(re.fullmatch(rf"(?:von |van |de )?{U}[\w'’-]*(?:[ -]{U}[\w'’-]*)?", family))
        and 1 <= len(tokens) <= 3
        and all(i or re.fullmatch(rf"{U}[\w'’-]*", t) for t, i in zip(tokens, initial, strict=True))
        # `E. W. Albania` is a Chicago name and a title's first word: no name after initials
        and not any(a and not b for a, b in zip(initial, initial[1:], strict=False))
    )


def read_german(text: str) -> tuple[str, dict[str, str]] | None:
    """A German entry's type and fields; None when its head is not `Name, Vorname:`."""
    head = _DE_HEAD.match(text.strip())
    people = _german_names(head["names"]) if head else None
    if head and _INSTITUTION.search(head["names"]):
        return None
    if not head or people is None:
        return None
    role = "editor" if head["role"] else "author"
    fields = {role: " and ".join(people), "x-lead": people[0]}
    rest = plain(head["rest"])
    if found := _DE_ARTICLE.match(rest):
        got = _found(found)
        number = got.pop("issue", "") or got.get("number", "")
        return "article", {
            **fields,
            **got,
            **({"number": number} if number else {}),
        }
    if found := _DE_COLLECTION.match(rest):
        return "incollection", {**fields, **_found(found)}
    if found := _DE_BOOK.match(rest):
        return "book", {**fields, **_found(found)}
    return "misc", fields


# --- French: DUPONT Jean, *Titre*, Paris, PUF, 1999. ----------------------------------

_CAPS = rf"{U}{{2,}}[{re.escape(_U)}'’-]*"  # a surname set in capitals
_FR_PERSON = rf"{_CAPS}(?:\s{_CAPS})?\s+{U}[\w'’-]*\.?"
_FR_HEAD = re.compile(
    rf"^(?P<names>{_FR_PERSON}(?:(?:,\s*|\s+et\s+){_FR_PERSON})*)"
    r"(?:\s*\((?P<role>dir|éd|éds|coord)\.?\))?,\s+(?P<rest>.+)$"
)
_FR_IMPRINT = r"(?P<address>[^,]+),\s*(?P<publisher>[^,]+),\s*(?P<year>\d{4})"
_FR_BOOK = re.compile(rf"^\*(?P<title>[^*]+)\*,\s*{_FR_IMPRINT}\.?$")
_FR_ARTICLE = re.compile(
    r"^«\s*(?P<title>[^»]+?)\s*»,\s*\*(?P<journal>[^*]+)\*,\s*(?:vol\.\s*(?P<volume>\w+),\s*)?"
    r"(?:n[o°]\s*(?P<number>[\w/-]+),\s*)?(?P<year>\d{4}),\s*p\.\s*"
    rf"(?P<pages>{_PAGES})\.?$"
)
_FR_COLLECTION = re.compile(
    r"^«\s*(?P<title>[^»]+?)\s*»,\s*(?:dans|in)\s+(?:(?P<editor>[^*]+?)\s*\((?:dir|éd)\.\),\s*)?"
    rf"\*(?P<booktitle>[^*]+)\*,\s*{_FR_IMPRINT},\s*p\.\s*(?P<pages>{_PAGES})\.?$"
)


def _french_name(person: str) -> str:
    """`DUPONT Jean` -> `DUPONT, Jean`: the surname is the part in capitals."""
    words = person.split()
    family = [w for w in words if w.isupper() and len(w) > 1]
    given = [w for w in words if w not in family]
    return f"{' '.join(family)}, {' '.join(given)}"


def read_french(text: str) -> tuple[str, dict[str, str]] | None:
    """A French entry's type and fields; None unless it opens `DUPONT Jean,`."""
    head = _FR_HEAD.match(text.strip())
    if not head or _INSTITUTION.search(head["names"]):
        return None
    people = [_french_name(p) for p in re.findall(_FR_PERSON, head["names"])]
    role = "editor" if head["role"] else "author"
    fields = {role: " and ".join(people), "x-lead": people[0]}
    rest = head["rest"].strip()
    for entry_type, form in (("article", _FR_ARTICLE), ("incollection", _FR_COLLECTION)):
        if found := form.match(rest):
            got = _found(found)
            if editors := re.findall(_FR_PERSON, got.get("editor", "")):
                got["editor"] = " and ".join(_french_name(p) for p in editors)
            return entry_type, {**fields, **got}
    if found := _FR_BOOK.match(rest):
        return "book", {**fields, **_found(found)}
    return "misc", fields


# --- archives: `РГАНИ. Ф. 3. Оп. 14.`, `AJ, fond 507` ------------------------------------

_FOND = r"(?:Ф|ф|F|f|Fond|fond|Фонд|фонд|Fonds|fonds)\.?\s*(?:№\s*)?"
_ABBR = rf"{U}[{re.escape(_U)}-]{{1,7}}(?:\s{U}{{1,4}})?"
_ARCHIVE_LINE = re.compile(  # `РГАНИ. Ф. 3.`, or `Arhiv Jugoslavije (AJ), fond 507`
    rf"^(?:[^()]{{3,150}}?\s*\((?P<own>{_ABBR})\)|(?P<abbr>{_ABBR}))\s*[.,:]?\s+"
    rf"{_FOND}(?P<fond>[{re.escape(_U)}]?-?\d+[\w-]*)"
)
_LEVEL = re.compile(r"\b(Оп|оп|Op|op|Inv|inv|Д|д|D|d|Папка|папка|П|п)(?:\.\s*|\s+)(\d+[\w-]*)")
# The levels a key names; a sheet or page (`Л.`, `p.`) does not: the entry is a file.
_LEVEL_KEY = {"оп": "op", "op": "op", "inv": "op", "д": "d", "d": "d", "папка": "p", "п": "p"}


def read_archive_line(text: str) -> dict[str, str] | None:
    """Fields of `РГАНИ. Ф. 3. Оп. 14. Д. 463.`: an archive's abbreviation, then a fond."""
    text = text.strip()
    found = _ARCHIVE_LINE.match(text)
    if not found:
        return None
    unit = [f"f{found['fond']}"]
    for level, number in _LEVEL.findall(text[found.end() :]):
        if level.lower() in _LEVEL_KEY:
            unit.append(_LEVEL_KEY[level.lower()] + number)
    return {
        "title": plain(text).rstrip(". "),
        "howpublished": ARCHIVAL,
        "shorthand": found["own"] or found["abbr"],
        "x-unit": "-".join(unit),  # the key's tail: rgani-f3-op14
    }


# --- Chicago without italics: `Griffith, E. W. Albania and the Rift. Cambridge: ...` ----

_NAME_WORD = rf"{U}[\w'’-]+"
_INITIALS = rf"{U}\w?\.(?:\s*{U}\w?\.)*"
_GIVEN = rf"(?:{_INITIALS}|{_NAME_WORD}(?:\s{_NAME_WORD})?)"
_PLAIN_NAMES = re.compile(
    rf"^(?P<names>{_NAME_WORD}(?:\s{_NAME_WORD})?,\s+{_GIVEN}"
    rf"(?:(?:,\s*|,?\s+and\s+)(?:{_INITIALS}\s*|{_NAME_WORD}\s(?:{_NAME_WORD}\s)?){_NAME_WORD})*)"
    rf"(?:(?<=\.)\s+|\.\s+)(?P<rest>{U}.*)$"
)


def read_plain_names(head: str) -> tuple[list[str], str] | None:
    """(names, rest) of an entry set without italics: the names end at their full stop."""
    found = _PLAIN_NAMES.match(head)
    if not found:
        return None
    family, _, others = found["names"].strip().partition(",")
    given, *more = re.split(rf",?\s+and\s+|,\s+(?={U}\w?\.)", others.strip())
    names = [f"{family}, {given.strip()}", *(m.strip() for m in more)]
    # `Elidor.` ends the list; `E. W.` keeps its initials' stops
    return [re.sub(r"(?<=[^\W\d_]{3})\.$", "", n) for n in names], found["rest"]
