"""Archives and the registry of them: names, levels, abbreviations per style, fond titles.

Data, not code (see data/archives.yaml); registry.py reads it from YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from edition.text.spellings import latin_letters

ARCHIVE_KEYS = {
    "slug": True,
    "short": True,
    "short_cyrillic": False,
    "name": True,
    "name_english": True,
    "name_russian": False,
    "aliases": False,
    "city": True,
    "catalogue": False,
    "levels": True,
    "abbreviations": True,
    "fonds": False,
}
SHEETS = "list"  # the abbreviation table's key for sheets; not a level
# Names a level may not take: they are Citation fields recorded in `inherited`.
RESERVED = {SHEETS, "archive", "sheets", "pages", "bib_key", "url", "accessed"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LEVEL_RE = re.compile(r"^[a-z]+$")
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "merge")
}
SHEET_PARTS_RE = re.compile(r"(\d+)([a-zа-яё]?)\s*((?:ob|об)\.?)?$", re.I)
# Cyrillic letters in URLs: the one transliteration table (data/translit.yaml), hard
# and soft signs as hyphens.
CYRILLIC = {**latin_letters(), "ъ": "-", "ь": "-"}


@dataclass(frozen=True)
class Archive:
    """One archive: its names, hierarchy, abbreviations per style, known fond titles."""

    slug: str
    short: str
    name: str  # transliterated full name
    name_english: str
    city: str
    levels: tuple[str, ...]  # top to bottom, e.g. ("fond", "opis", "delo")
    # style -> ((level or "list", (abbreviation, ...)), ...)
    abbreviations: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    fonds: tuple[tuple[str, str], ...] = ()
    short_cyrillic: str = ""  # "" where the archive has no Cyrillic abbreviation
    name_russian: str = ""
    aliases: tuple[str, ...] = ()
    catalogue: str = ""  # the archive's own website or online catalogue
    line: int = 0
    path: str = ""  # the registry file the entry (or its last override) comes from

    @property
    def names(self) -> tuple[str, ...]:
        """Every name an author may use for the archive."""
        found = (self.short, self.short_cyrillic, self.name, self.name_english, self.name_russian)
        return tuple(n for n in (*found, *self.aliases) if n)

    def fond_title(self, number: str) -> str:
        """Return the fond's title, or "" when the registry does not know it."""
        return dict(self.fonds).get(number, "")

    @property
    def location_table(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The table a unit's place is written with: style A, else the archive's first."""
        tables = dict(self.abbreviations)
        if "A" in tables:
            return tables["A"]
        return self.abbreviations[0][1] if self.abbreviations else ()

    @cached_property
    def styles(self) -> dict[str, dict[str, str]]:
        """Map each style to {abbreviation: level or "list"}."""
        return {
            style: {abbr: level for level, abbrs in table for abbr in abbrs}
            for style, table in self.abbreviations
        }


@dataclass(frozen=True)
class Registry:
    """The archives an edition knows: the package's, with the edition's additions."""

    archives: tuple[Archive, ...]
    path: str = ""

    @cached_property
    def _by_name(self) -> dict[str, Archive]:
        found: dict[str, Archive] = {}
        for archive in self.archives:
            for name in (archive.slug, *archive.names):
                found.setdefault(name_key(name), archive)
        return found

    def get(self, name: str) -> Archive | None:
        """Find an archive by slug or any of its names, Latin or Cyrillic, any case."""
        return self._by_name.get(name_key(name))

    @cached_property
    def name_pattern(self) -> re.Pattern[str]:
        """A regex matching any archive name; longest names first."""
        names = sorted({n for a in self.archives for n in a.names}, key=len, reverse=True)
        body = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)

    @cached_property
    def all_styles(self) -> dict[str, dict[str, str]]:
        """Every style's abbreviations over all archives (for text whose archive is unknown)."""
        merged: dict[str, dict[str, str]] = {}
        for archive in self.archives:
            for style, table in archive.styles.items():
                for abbr, level in table.items():
                    merged.setdefault(style, {}).setdefault(abbr, level)
        return merged

    @cached_property
    def label_alternation(self) -> str:
        """A regex alternation of every abbreviation, longest first, not inside a word."""
        labels = sorted({a for t in self.all_styles.values() for a in t}, key=len, reverse=True)
        return "|".join(re.escape(a) + ("" if a.endswith(".") else r"(?![^\W\d_])") for a in labels)

    @cached_property
    def all_levels(self) -> tuple[str, ...]:
        """Every level name in a hierarchy order consistent with each archive's."""
        order: list[str] = []
        for archive in self.archives:
            for i, level in enumerate(archive.levels):
                if level in order:
                    continue
                after = [order.index(x) for x in archive.levels[:i] if x in order]
                order.insert(max(after) + 1 if after else 0, level)
        return tuple(order)


def name_key(name: str) -> str:
    return " ".join(name.casefold().replace(".", " ").split())
