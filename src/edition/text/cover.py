"""Read the journal's cover block: publisher, volume, year, ISSN, contents."""

from __future__ import annotations

import re
from collections.abc import Sequence

from edition.errors import Problems
from edition.model import Cover, TocEntry
from edition.text.blocks import Block

ROMAN = re.compile(r"^[IVXLCDM]+$")
_VOLUME_YEAR = re.compile(r"([IVXLCDM]+|\d{1,3})\s*[·•,/|]\s*(\d{4})")
_NAME_LIKE = re.compile(r"[^\W\d_][^\d@<>*:;]{2,78}[^\W\d_]")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(numeral: str) -> int:
    """'L' -> 50, 'XLIX' -> 49."""
    total = 0
    values = [_ROMAN_VALUES[c] for c in numeral.upper()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


def parse_toc(line: str) -> tuple[TocEntry, ...]:
    """Split a contents line ('A. B, *Title* • C. D, *Title* ❧') into entries."""
    entries = []
    for part in line.replace("❧", "").split("•"):
        part = part.strip()
        if not part:
            continue
        match = re.match(r"^(.*?),\s*(\*.*)$", part)
        authors, title = (match.group(1), match.group(2)) if match else ("", part)
        names = tuple(a.strip() for a in re.split(r"\s+&\s+|\s+and\s+|;\s*", authors) if a.strip())
        entries.append(TocEntry(names, title.strip().strip("*").strip()))
    return tuple(entries)


_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "at",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "de",
    "la",
    "le",
}


def smart_title(text: str) -> str:
    """'ANNUAL OF THE INSTITUTE' -> 'Annual of the Institute'."""
    words = text.lower().split()
    return " ".join(
        w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def parse_cover(blocks: Sequence[Block], path: str, problems: Problems) -> Cover:
    """Pick the cover's parts by their form, wherever the extractor put them."""
    found: dict[str, str] = {}
    caps: list[str] = []
    plain: list[str] = []
    toc: tuple[TocEntry, ...] = ()
    toc_index = -1
    lines = [(n, t.strip()) for b in blocks for n, t in b.lines]
    for index, (_, text) in enumerate(lines):
        if "•" in text:
            toc, toc_index = parse_toc(text), index
        elif (m := _VOLUME_YEAR.fullmatch(text)) and "volume" not in found:
            found["volume"], found["year"] = m.group(1), m.group(2)  # 'L · 2019'
        elif ROMAN.match(text) and "volume" not in found:
            found["volume"] = text
        elif re.fullmatch(r"\d{4}", text) and "year" not in found:
            found["year"] = text
        elif m := re.match(r"^eISSN\s+(\S+)", text):
            found["eissn"] = m.group(1)
        elif m := re.match(r"^ISSN\s+(\S+)", text):
            found["issn"] = m.group(1)
        elif m := re.match(r"^(?:UDC|УДК|UDK)\s+(.+)$", text):
            found["udc"] = m.group(1)
        elif re.match(r"^DOI:?\s*10\.\d+/", text, re.I):
            continue  # the article's DOI, printed on its first page: no journal's name
        elif m := re.fullmatch(r"<(https?://[^>]+)>", text):
            found["url"] = m.group(1)
        elif (m := re.fullmatch(r"([^\d]+?)\s+(\d{4})", text)) and _is_caps(m.group(1)):
            found["place"] = smart_title(m.group(1))
            found.setdefault("year", m.group(2))
        elif _is_caps(text):
            caps.append((index, text))
        elif _NAME_LIKE.fullmatch(text) and not found:
            plain.append(text)  # before the volume, year or ISSN
    before = [t for i, t in caps if toc_index < 0 or i < toc_index]
    after = [t for i, t in caps if toc_index >= 0 and i > toc_index]
    academy = next((t for t in before if "ACADEMY" in t or "UNIVERSITY" in t), "")
    institute = next((t for t in before if "INSTITUTE" in t and t != academy), "")
    others = [t for t in before if t not in (academy, institute)]
    # A journal's name in capitals, or else the first short line of words (`Südosteuropäische
    # Hefte`) that is nothing else the cover carries.
    known = found.keys() & {"volume", "year", "issn"}
    journal = others[-1] if others else plain[0] if plain and known else ""
    if not journal and lines:
        problems.warning(
            path,
            lines[0][0],
            "no journal name found in the cover block",
            "the journal's name is an all-capitals line before the contents",
            "cover",
        )
    volume = found.get("volume", "")
    return Cover(
        journal=smart_title(journal) if _is_caps(journal) else journal,
        subtitle=smart_title(after[0]) if after else "",
        volume=volume,
        volume_number=int(volume) if volume.isdigit() else roman_to_int(volume) if volume else 0,
        year=int(found.get("year", 0)),
        academy=smart_title(academy),
        institute=smart_title(institute),
        place=found.get("place", ""),
        issn=found.get("issn", ""),
        eissn=found.get("eissn", ""),
        udc=found.get("udc", ""),
        url=found.get("url", ""),
        toc=toc,
    )
