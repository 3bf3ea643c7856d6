"""The archive registry (content/archives.yaml): archives, their levels and names.

Data, not code: an editor adds an archive by editing the YAML. It is read from
YAML nodes (never constructed as Python objects), so every problem has a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from edition.errors import BuildError, Problem, Problems
from edition.yamlfile import YamlError, compose, read_text

ARCHIVE_KEYS = {
    "slug": True,
    "short": True,
    "short_cyrillic": True,
    "name": True,
    "name_english": True,
    "name_russian": False,
    "aliases": False,
    "city": True,
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
CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)


@dataclass(frozen=True)
class Archive:
    """One archive: its names, hierarchy, abbreviations per style, known fond titles."""

    slug: str
    short: str
    short_cyrillic: str
    name: str  # transliterated full name
    name_english: str
    city: str
    levels: tuple[str, ...]  # top to bottom, e.g. ("fond", "opis", "delo")
    # style -> ((level or "list", (abbreviation, ...)), ...)
    abbreviations: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    fonds: tuple[tuple[str, str], ...] = ()
    name_russian: str = ""
    aliases: tuple[str, ...] = ()
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """Every name an author may use for the archive."""
        found = (self.short, self.short_cyrillic, self.name, self.name_english, self.name_russian)
        return tuple(n for n in (*found, *self.aliases) if n)

    def fond_title(self, number: str) -> str:
        """Return the fond's title, or "" when the registry does not know it."""
        return dict(self.fonds).get(number, "")

    @cached_property
    def styles(self) -> dict[str, dict[str, str]]:
        """Map each style to {abbreviation: level or "list"}."""
        return {
            style: {abbr: level for level, abbrs in table for abbr in abbrs}
            for style, table in self.abbreviations
        }


@dataclass(frozen=True)
class Registry:
    archives: tuple[Archive, ...]
    path: str = ""

    @cached_property
    def _by_name(self) -> dict[str, Archive]:
        found: dict[str, Archive] = {}
        for archive in self.archives:
            for name in (archive.slug, *archive.names):
                found.setdefault(_name_key(name), archive)
        return found

    def get(self, name: str) -> Archive | None:
        """Find an archive by slug or any of its names, Latin or Cyrillic, any case."""
        return self._by_name.get(_name_key(name))

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


def _name_key(name: str) -> str:
    return " ".join(name.casefold().replace(".", " ").split())


# --- loading -----------------------------------------------------------------------------


REGISTRY_FILE = "archives.yaml"  # in the edition's content folder


def edition_registry(content: Path, shown: str, problems: Problems) -> Registry | None:
    """The edition's registry (`content/archives.yaml`); None, with problems, if unusable."""
    path = content / REGISTRY_FILE
    if not path.exists():
        problems.error(
            shown,
            0,
            "the archive registry is missing",
            "copy content/archives.yaml from the edition's repository",
        )
        return None
    try:
        return read_registry(str(path))
    except BuildError as exc:
        problems.items.extend(exc.problems)
        return None


def read_registry(path: str) -> Registry:
    """Read and validate the registry; raise BuildError listing every problem."""
    try:
        text = read_text(Path(path), path)
    except YamlError as err:
        raise BuildError(err.problems) from None
    registry, problems = parse_registry(text, path)
    if any(p.severity == "error" for p in problems):
        raise BuildError(problems)
    return registry


def parse_registry(text: str, path: str) -> tuple[Registry, list[Problem]]:
    """Build a Registry from YAML text, with problems located at file:line."""
    problems: list[Problem] = []

    def bad(node: yaml.Node | None, message: str, hint: str = "") -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        problems.append(Problem("error", path, line, message, hint, "archive-registry"))

    try:
        root = _compose(text, path)
    except YamlError as err:
        problems.extend(err.problems)
        return Registry((), path), problems
    top = _mapping(root, bad, "the registry", "start with `archives:`")
    for key_node, _ in root.value if isinstance(root, yaml.MappingNode) else ():
        if key_node.value != "archives":
            bad(
                key_node,
                f"unrecognised key {key_node.value!r} at the top level",
                "the only key is `archives`",
            )
    entries = top.get("archives")
    if not isinstance(entries, yaml.SequenceNode):
        bad(entries or root, "`archives` must be a list of archives", "start each with `- slug:`")
        return Registry((), path), problems
    archives: list[Archive] = []
    seen: dict[str, str] = {}
    for node in entries.value:
        archive = _archive(node, bad)
        if archive is None:
            continue
        for name in (archive.slug, *archive.names):
            other = seen.setdefault(_name_key(name), archive.slug)
            if other != archive.slug:
                bad(node, f"the name {name!r} is used by both {other!r} and {archive.slug!r}")
        archives.append(archive)
    return Registry(tuple(archives), path), problems


def _compose(text: str, path: str) -> yaml.Node | None:
    """The checked YAML node tree (tags, duplicate keys, aliases): yamlfile's one loader."""
    return compose(text, path)


def _mapping(node: yaml.Node | None, bad, what: str, hint: str = "") -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        bad(node, f"{what} must be a mapping of keys to values", hint)
        return {}
    return {str(k.value): v for k, v in node.value}


def _text(node: yaml.Node | None, bad, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        bad(node, f"{what} must be a non-empty text")
        return ""
    return str(node.value).strip()


def _texts(node: yaml.Node | None, bad, what: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        bad(node, f"{what} must be a list, e.g. [a, b]")
        return ()
    return tuple(t for t in (_text(n, bad, f"each of {what}") for n in node.value) if t)


def _archive(node: yaml.Node, bad) -> Archive | None:
    keys = _mapping(node, bad, "an archive")
    if not keys:
        return None
    for key, value in keys.items():
        if key not in ARCHIVE_KEYS:
            bad(value, f"unrecognised key {key!r}", f"known keys: {', '.join(ARCHIVE_KEYS)}")
    missing = [key for key, required in ARCHIVE_KEYS.items() if required and key not in keys]
    for key in missing:
        bad(node, f"the archive has no {key!r}", "every archive needs it")
    slug = _text(keys["slug"], bad, "slug") if "slug" in keys else ""
    if slug and not SLUG_RE.match(slug):
        bad(keys["slug"], f"slug {slug!r} is not lowercase ASCII", "use e.g. avp-rf")
    if missing:
        return None
    levels = _texts(keys["levels"], bad, "levels")
    for level in levels:
        if not LEVEL_RE.match(level) or level in RESERVED:
            bad(keys["levels"], f"level {level!r} must be a lowercase ASCII word", "e.g. fond")
    styles = []
    for style, table_node in _mapping(keys["abbreviations"], bad, "abbreviations").items():
        table = []
        for level, abbrs in _mapping(table_node, bad, f"style {style}").items():
            if level not in levels and level != SHEETS:
                bad(abbrs, f"style {style} names level {level!r}, not in {list(levels)}")
            table.append((level, _texts(abbrs, bad, f"abbreviations of {level}")))
        styles.append((style, tuple(table)))
    fonds = (
        tuple(
            (number, _text(title, bad, f"title of fond {number}"))
            for number, title in _mapping(keys.get("fonds"), bad, "fonds").items()
        )
        if "fonds" in keys
        else ()
    )
    return Archive(
        slug=slug,
        short=_text(keys["short"], bad, "short"),
        short_cyrillic=_text(keys["short_cyrillic"], bad, "short_cyrillic"),
        name=_text(keys["name"], bad, "name"),
        name_english=_text(keys["name_english"], bad, "name_english"),
        name_russian=_text(keys["name_russian"], bad, "name_russian")
        if "name_russian" in keys
        else "",
        city=_text(keys["city"], bad, "city"),
        levels=levels,
        abbreviations=tuple(styles),
        fonds=fonds,
        aliases=_texts(keys["aliases"], bad, "aliases") if "aliases" in keys else (),
        line=node.start_mark.line + 1,
    )
