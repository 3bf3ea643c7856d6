"""The archive registry: the one shipped in the package, and an edition's additions.

`data/archives.yaml` ships with the package; an edition's `content/archives.yaml`
is optional and adds archives, aliases and fond titles, or overrides a shipped
entry by slug. Both are read from YAML nodes (never constructed as Python
objects), so every problem has its file and line.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml

from edition.citations.archive import (
    ARCHIVE_KEYS,
    CYRILLIC,
    LEVEL_RE,
    RESERVED,
    SHEET_PARTS_RE,
    SHEETS,
    SLUG_RE,
    Archive,
    Registry,
    name_key,
)
from edition.errors import BuildError, Problem, Problems
from edition.yamlfile import YamlError, compose, read_text

__all__ = [
    "ARCHIVE_KEYS",
    "CYRILLIC",
    "SHEET_PARTS_RE",
    "SHEETS",
    "SLUG_RE",
    "Archive",
    "Registry",
    "edition_registry",
    "parse_registry",
    "read_registry",
    "shipped_registry",
]

# --- loading -----------------------------------------------------------------------------


REGISTRY_FILE = "archives.yaml"  # in the edition's content folder
SHIPPED = Path(__file__).resolve().parent.parent / "data" / REGISTRY_FILE
SHIPPED_SHOWN = "edition/data/archives.yaml"  # how problems in the shipped file are located


@lru_cache(maxsize=1)
def shipped_registry() -> Registry:
    """The registry shipped in the package; raise BuildError if it is broken."""
    registry, problems = parse_registry(SHIPPED.read_text(encoding="utf-8"), SHIPPED_SHOWN)
    if any(p.severity == "error" for p in problems):
        raise BuildError(problems)
    return registry


def edition_registry(content: Path, shown: str, problems: Problems) -> Registry | None:
    """The shipped registry with the edition's optional `content/archives.yaml` applied.

    None, with problems located in whichever file has them, if it is unusable.
    """
    try:
        return read_registry(str(content / REGISTRY_FILE), shown)
    except BuildError as exc:
        problems.items.extend(exc.problems)
        return None


def read_registry(path: str, shown: str = "") -> Registry:
    """The shipped registry with the edition file at `path` applied when it exists.

    Raise BuildError listing every problem; `shown` is how `path` is named in them.
    """
    base = shipped_registry()
    shown = shown or path
    if not Path(path).exists():
        return base
    try:
        text = read_text(Path(path), shown)
    except YamlError as err:
        raise BuildError(err.problems) from None
    registry, problems = parse_registry(text, shown, base)
    if any(p.severity == "error" for p in problems):
        raise BuildError(problems)
    return registry


def parse_registry(
    text: str, path: str, base: Registry | None = None
) -> tuple[Registry, list[Problem]]:
    """Build a Registry from YAML text, with problems located at file:line.

    With a `base` registry the text adds to it: an entry with the slug of a base
    archive overrides the keys it gives (its aliases and fond titles are added).
    """
    problems: list[Problem] = []
    known = {a.slug: a for a in base.archives} if base else {}

    def bad(node: yaml.Node | None, message: str, hint: str = "") -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        problems.append(Problem("error", path, line, message, hint, "archive-registry"))

    empty = Registry(base.archives if base else (), path)
    try:  # tags, duplicate keys and aliases are checked by yamlfile's one loader
        root = compose(text, path)
    except YamlError as err:
        problems.extend(err.problems)
        return empty, problems
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
        return empty, problems
    merged = dict(known)
    for node in entries.value:
        archive = _archive(node, bad, known, path)
        if archive is not None:
            merged[archive.slug] = archive
    archives = tuple(merged.values())
    seen: dict[str, str] = {}
    for archive in archives:
        for name in (archive.slug, *archive.names):
            other = seen.setdefault(name_key(name), archive.slug)
            if other != archive.slug:
                where = next((a for a in archives if a.slug == other), archive)
                clash = archive if archive.path == path else where
                problems.append(
                    Problem(
                        "error",
                        path,
                        clash.line if clash.path == path else 0,
                        f"the name {name!r} is used by both {other!r} and {archive.slug!r}",
                        "an archive's names must be its own",
                        "archive-registry",
                    )
                )
    return Registry(archives, path), problems


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


def _archive(node: yaml.Node, bad, known: dict[str, Archive], path: str) -> Archive | None:
    """One entry: a new archive, or an override of the known archive with its slug."""
    keys = _mapping(node, bad, "an archive")
    if not keys:
        return None
    for key, value in keys.items():
        if key not in ARCHIVE_KEYS:
            bad(value, f"unrecognised key {key!r}", f"known keys: {', '.join(ARCHIVE_KEYS)}")
    if "slug" not in keys:
        bad(node, "the archive has no 'slug'", "every archive needs it")
        return None
    slug = _text(keys["slug"], bad, "slug")
    if slug and not SLUG_RE.match(slug):
        bad(keys["slug"], f"slug {slug!r} is not lowercase ASCII", "use e.g. avp-rf")
    shipped = known.get(slug)
    missing = [k for k, required in ARCHIVE_KEYS.items() if required and k not in keys]
    if shipped is None:
        for key in missing:
            bad(node, f"the archive has no {key!r}", "every archive needs it")
        if missing:
            return None
    levels = _texts(keys["levels"], bad, "levels") if "levels" in keys else shipped.levels
    for level in levels:
        if not LEVEL_RE.match(level) or level in RESERVED:
            bad(keys["levels"], f"level {level!r} must be a lowercase ASCII word", "e.g. fond")
    styles = shipped.abbreviations if shipped else ()
    if "abbreviations" in keys:
        styles = _styles(keys["abbreviations"], levels, bad)
    elif shipped and "levels" in keys:
        for _, table in styles:
            for level, _ in table:
                if level not in levels and level != SHEETS:
                    bad(keys["levels"], f"the shipped abbreviations name level {level!r}")
    fonds = _fonds(keys["fonds"], bad) if "fonds" in keys else ()
    aliases = _texts(keys["aliases"], bad, "aliases") if "aliases" in keys else ()
    given = {
        k: _text(keys[k], bad, k)
        for k in ("short", "short_cyrillic", "name", "name_english", "name_russian", "city")
        if k in keys
    }
    if "catalogue" in keys:
        given["catalogue"] = _text(keys["catalogue"], bad, "catalogue")
        if not given["catalogue"].startswith(("http://", "https://")):
            bad(keys["catalogue"], "catalogue must be a web address", "e.g. https://rgani.ru/")
    line = node.start_mark.line + 1
    if shipped is not None:
        titles = dict(shipped.fonds) | dict(fonds)
        more = tuple(a for a in aliases if a not in shipped.aliases)
        return replace(
            shipped,
            levels=levels,
            abbreviations=styles,
            fonds=tuple(titles.items()),
            aliases=shipped.aliases + more,
            line=line,
            path=path,
            **given,
        )
    return Archive(
        slug=slug,
        levels=levels,
        abbreviations=styles,
        fonds=fonds,
        aliases=aliases,
        line=line,
        path=path,
        **given,
    )


def _styles(node: yaml.Node, levels: tuple[str, ...], bad) -> tuple:
    styles = []
    for style, table_node in _mapping(node, bad, "abbreviations").items():
        table = []
        for level, abbrs in _mapping(table_node, bad, f"style {style}").items():
            if level not in levels and level != SHEETS:
                bad(abbrs, f"style {style} names level {level!r}, not in {list(levels)}")
            table.append((level, _texts(abbrs, bad, f"abbreviations of {level}")))
        styles.append((style, tuple(table)))
    return tuple(styles)


def _fonds(node: yaml.Node, bad) -> tuple[tuple[str, str], ...]:
    return tuple(
        (number, _text(title, bad, f"title of fond {number}"))
        for number, title in _mapping(node, bad, "fonds").items()
    )
