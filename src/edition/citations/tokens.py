"""Level tokens (`op. 14`, `Д. 463`, `ll. 5–6`) and reading a run of them in one style.

A run is read in every style of the archive; the style that reads most of it wins.
Where two styles read the same length into different levels, the reading is in
doubt and only the levels they agree on are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from edition.citations.archive import SHEETS, Archive, Registry
from edition.citations.sheets import normalize_sheet
from edition.model import SheetRange

L = "a-zа-яё"  # letters that may follow a number (3а, 14a)
_VERSO = rf"(?:ob|об)(?![{L}])\.?"
# A number's suffix: 3а, 12-а, 4-os (special fonds and files).
_SUFFIX = rf"(?:-[{L}]{{1,3}}(?![{L}])|[{L}](?![{L}]))"
_SHEET = rf"\d+{_SUFFIX}?(?:\s*{_VERSO})?"
_SHEET_ITEM = rf"{_SHEET}(?:\s*[–—-]\s*{_SHEET})?"
SHEET_LIST_RE = re.compile(rf"{_SHEET_ITEM}(?:\s*[,;]\s*{_SHEET_ITEM})*", re.I)
SHEET_ITEM_RE = re.compile(rf"({_SHEET})(?:\s*[–—-]\s*({_SHEET}))?", re.I)
# A unit's number: 463, 0129, 3а, 12-а, or with a letter prefix as GARF writes fonds (R-5446).
NUMBER_RE = re.compile(rf"(?:[{L}]{{1,2}}-)?\d+{_SUFFIX}?$", re.I)
NUMBER_START_RE = re.compile(rf"(?:[{L}]{{1,2}}-)?\d+{_SUFFIX}?(?![\w/])", re.I)
# A value may not run on into `/` or a word: `14/AP` is not fond 14.
_VALUE = rf"(?:[{L}]{{1,2}}-)?{SHEET_LIST_RE.pattern}(?![/\w])"
# What may stand between two tokens of one citation without being read: no level-like
# token, no title, no quotation, no link, no new citation.
MAX_GAP = 130
_GAP_BAD = re.compile(r"[;*_“”«»\"<>()\[\]]|https?:")
_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)(?:\s*(?:g|гг?|yy?)\.)?")
LEVELISH_RE = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,5}\.\s*\d")


@dataclass(frozen=True)
class Token:
    """A level's abbreviation and its value, with any unread text before it."""

    label: str
    value: str
    start: int
    end: int
    gap: str = ""  # text between the token before and this one ("" when adjacent)


@dataclass(frozen=True)
class Reading:
    """A run of tokens read in one style."""

    style: str
    used: int  # how many tokens of the run it reads
    levels: tuple[tuple[str, str], ...]
    sheets: tuple[str, ...]
    remark: str
    typos: tuple[str, ...]  # "O. (read as Op.)"


@lru_cache(maxsize=16)
def token_re(labels: str) -> re.Pattern[str]:
    """One token right here: separator, an abbreviation (markup may wrap it), its value."""
    return re.compile(
        rf"[ \t]*[,.]?[ \t]*[*_]*(?<![^\W\d_])({labels})[*_]*\s*({_VALUE})",
        re.I,
    )


def typo_forms(registry: Registry) -> dict[str, str]:
    """Abbreviations with one letter dropped (`O.` for `Op.`) that mean nothing else."""
    known = {a for table in registry.all_styles.values() for a in table}
    folded = {a.casefold() for a in known}
    forms: dict[str, str] = {}
    for abbr in sorted(known):
        letters = abbr[:-1]
        if not abbr.endswith(".") or len(letters) < 2 or not letters.isalpha():
            continue
        for i in range(len(letters)):
            form = letters[:i] + letters[i + 1 :] + "."
            if form.casefold() not in folded:
                forms.setdefault(form, abbr)
    return forms


def labels_pattern(registry: Registry, typos: dict[str, str]) -> str:
    """A regex alternation of every abbreviation and typo form, longest first."""
    labels = {a for t in registry.all_styles.values() for a in t}
    # Several-letter abbreviations may lose their dot (`Op 16`, `inv 14`); typo forms
    # may not, or `in 1961` would be an opis.
    dotless = {a[:-1] for a in labels if a.endswith(".") and len(a) > 2 and a[:-1].isalpha()}
    alternatives = sorted(labels | dotless | set(typos), key=len, reverse=True)
    return "|".join(
        re.escape(a) + ("" if a.endswith(".") else r"(?![^\W\d_])") for a in alternatives
    )


def read_tokens(
    text: str, pos: int, pattern: re.Pattern[str], end: int, stop: re.Pattern[str]
) -> list[Token]:
    """The run of tokens from `pos`; unread text (a remark, provenance) may stand between.

    `stop` matches what may not stand in such a gap (an archive's name, Ibid.).
    """
    tokens: list[Token] = []
    while True:
        m = pattern.match(text, pos)
        gap = ""
        if m is None and tokens:
            m = pattern.search(text, pos, min(end, pos + MAX_GAP))
            if m is not None:
                gap = text[pos : m.start(1)]
                if not gap_ok(gap) or stop.search(gap):
                    m = None
        if m is None:
            return tokens
        tokens.append(Token(m.group(1), m.group(2), m.start(1), m.end(), gap))
        pos = m.end()


def gap_ok(gap: str) -> bool:
    """Whether unread text may stand between two tokens: words and years, no other number."""
    if len(gap) > MAX_GAP or _GAP_BAD.search(gap) or LEVELISH_RE.search(gap):
        return False
    return not re.search(r"\d", _YEAR_RE.sub("", gap))


def read_run(
    tokens: Sequence[Token],
    styles: dict[str, dict[str, str]],
    order: Sequence[str],
    typos: dict[str, str],
) -> list[Reading]:
    """Every style's reading of the run, exact case before any case; the longest only."""
    best: list[Reading] = []
    for fold in (False, True):
        for style, table in styles.items():
            lookup = {k.casefold(): v for k, v in table.items()} if fold else table
            reading = _read(style, tokens, lookup, order, typos, fold)
            if reading.used == 0:
                continue
            if not best or reading.used > best[0].used:
                best = [reading]
            elif reading.used == best[0].used:
                best.append(reading)
        if best and best[0].used == len(tokens):
            break
    return best


def _level_of(label: str, lookup: dict[str, str], fold: bool) -> str | None:
    key = label.casefold() if fold else label
    return lookup.get(key) or (lookup.get(key + ".") if not key.endswith(".") else None)


def _read(style, tokens, lookup, order, typos, fold) -> Reading:
    levels: list[tuple[str, str]] = []
    sheets: list[str] = []
    remark: list[str] = []
    found_typos: list[str] = []
    last, used = -1, 0
    for i, token in enumerate(tokens):
        level = _level_of(token.label, lookup, fold)
        typo = ""
        if level is None and token.label in typos:
            level = _level_of(typos[token.label], lookup, fold)
            typo = f"{token.label} (read as {typos[token.label]})"
        if level == SHEETS and not (token.gap and not (levels or sheets)):
            sheets.append(token.value)
        elif level in order and order.index(level) > last and not sheets:
            number = NUMBER_START_RE.match(token.value)
            rest = token.value[number.end() :] if number else ""
            if not number or (rest and not gap_ok(rest)):
                break
            for words in (token.gap, rest):  # `f. 3, 1945, op. 12`: the year is a remark
                if words.strip(" ,.:"):
                    remark.append(words.strip(" ,.:"))
            last = order.index(level)
            levels.append((level, number.group(0)))
        else:
            break
        if typo:
            found_typos.append(typo)
        used = i + 1
    return Reading(style, used, tuple(levels), tuple(sheets), "; ".join(remark), tuple(found_typos))


def describe_reading(reading: Reading) -> str:
    """A reading in plain words: `style A: fond 3, opis 14, delo 463`."""
    parts = [f"{level} {number}" for level, number in reading.levels]
    if reading.sheets:
        parts.append("sheets " + ", ".join(reading.sheets))
    return f"style {reading.style}: " + (", ".join(parts) or "nothing")


def choose_reading(
    readings: list[Reading], prefer: str, archive: Archive | None
) -> tuple[Reading, str, list[Reading]]:
    """The reading to keep, "ambiguous-style" if readings of as much differ, and those.

    The style of the citation before decides, unless it reads a level where another
    style reads only a sheet (`p. 12` after `f. 06, op. 9, p. 18` in AVP RF: papka or
    page?): that stays in doubt. With no archive known (an Ibid. read with every
    archive's tables), a bare sheet number is a sheet.
    """
    distinct: dict[tuple, Reading] = {}
    for r in readings:
        distinct.setdefault((r.levels, r.sheets), r)
    if len(distinct) == 1:
        return readings[0], "", []
    sheet_only = [r for r in readings if not r.levels]
    if archive is None and sheet_only:
        return sheet_only[0], "", []
    preferred = [r for r in readings if r.style == prefer]
    if preferred and not (preferred[0].levels and sheet_only):
        return preferred[0], "", []
    return readings[0], "ambiguous-style", list(distinct.values())


def agreed_levels(readings: Sequence[Reading]) -> tuple[tuple[str, str], ...]:
    """The levels every reading gives, from the top, until they differ."""
    agreed = []
    for parts in zip(*(r.levels for r in readings), strict=False):
        if len(set(parts)) > 1:
            break
        agreed.append(parts[0])
    return tuple(agreed)


# --- sheets -----------------------------------------------------------------------------


def parse_sheets(text: str) -> tuple[SheetRange, ...]:
    """Read a sheet list (`1–9`, `63, 69`, `73–77; 89–96`, `5ob.–6`) into ranges."""
    ranges = []
    for m in SHEET_ITEM_RE.finditer(text):
        first = normalize_sheet(m.group(1))
        ranges.append(SheetRange(first, normalize_sheet(m.group(2)) if m.group(2) else first))
    return tuple(ranges)


def parse_sheet_values(values: Sequence[str]) -> tuple[SheetRange, ...]:
    """Read the values of several sheet tokens into ranges."""
    return tuple(r for v in values for r in parse_sheets(v))
