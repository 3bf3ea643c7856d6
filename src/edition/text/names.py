"""Names, dates and folded words: what notes and bibliography are compared by."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from edition.text.spellings import latin_letters

# Transliteration (scholarly, as Balcanica prints Russian and Serbian: the edition's one
# table, data/translit.yaml) turns a word typed partly in Cyrillic, `sovetской`, into
# the Latin it stands for, `sovetskoi`.
_TRANSLIT = str.maketrans(latin_letters())
# Look-alikes: a Cyrillic letter typed where the Latin one that looks the same was meant.
_LOOKALIKE = str.maketrans("АВЕКМНОРСТХаеорсухіјѕ", "ABEKMHOPCTXaeopcyxijs")
_EXTRA = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_STOPWORDS = frozenset(
    ("a", "an", "the", "and", "or", "of", "on", "in", "at", "to", "for", "from", "by", "with")
    + ("into", "its", "his", "her", "their", "i", "v", "na", "s", "o", "k", "u", "za", "iz")
    + ("ob", "po", "od", "der", "die", "das", "des", "und", "le", "la", "les", "du", "de", "et")
)
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip


@lru_cache(maxsize=65536)
def fold(text: str, lookalike: bool = False) -> str:
    """Lowercase ASCII-ish form: diacritics dropped, Cyrillic transliterated."""
    if text.isascii() and not lookalike:
        return text.lower().translate(_EXTRA)
    if lookalike:
        text = text.translate(_LOOKALIKE)
    text = text.lower().translate(_TRANSLIT)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_EXTRA)


@lru_cache(maxsize=65536)
def word_forms(word: str) -> frozenset[str]:
    """Both readings of a word: transliterated and with look-alike letters folded."""
    return frozenset({fold(word), fold(word, lookalike=True)})


def significant_words(text: str) -> list[str]:
    """Words of a title that carry meaning, as printed (stopwords, initials, digits out)."""
    words = re.findall(r"[^\W\d_][\w'’]*", text.replace("*", ""))
    return [w for w in words if len(w) > 1 and fold(w) not in _STOPWORDS]


def split_names(text: str) -> list[str]:
    """Split `Mastny, V. and M. Byrne` or `A, B & C et al.` into names as printed."""
    text = text.strip()
    others = re.search(r",?\s*et\s+al\.?\s*$", text)
    if others:
        text = text[: others.start()]
    elif re.search(r"[^\W\d_]{2}\.$", text):  # a full stop after a surname ends the list
        text = text[:-1]
    chunks = [c.strip() for c in re.split(r",\s*|\s+and\s+|\s*&\s*", text) if c.strip()]
    names: list[str] = []
    for chunk in chunks:
        if re.fullmatch(r"(?:[^\W\d_]{1,2}\.\s*)+", chunk) and names and "," not in names[-1]:
            names[-1] = f"{names[-1]}, {chunk}"  # `Surname, I.`: the initials belong to it
        else:
            names.append(chunk)
    return names + ["others"] if others else names


def surname(name: str) -> str:
    """The family name of `Griffith, E. W.` or `W. E. Griffith`."""
    if "," in name:
        return name.split(",")[0].strip()
    parts = name.split()
    return parts[-1] if parts else ""


def initials(name: str) -> tuple[str, ...]:
    """The initials of a name, in printed order."""
    given = name.split(",", 1)[1] if "," in name else " ".join(name.split()[:-1])
    return tuple(re.findall(r"([^\W\d_]{1,2})\.", given))


def parse_date(text: str) -> str:
    """`25 November 2017` -> `2017-11-25`; "" when the text is not such a date."""
    found = re.fullmatch(r"\s*(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\s*\.?", text)
    if not found or found.group(2).lower() not in _MONTHS:
        return ""
    day, month, year = found.groups()
    return f"{year}-{_MONTHS[month.lower()]:02d}-{int(day):02d}"
