"""content/<slug>/register.yaml: the article's register of names, as import found it.

Generated, like article.yaml: an editor reads it to review what was found, and
corrects or adds names in content/names.yaml (hand-written, never overwritten),
from which the next import regenerates this file.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from edition.model import Article
from edition.text.register import KINDS, Entry, NameTable
from edition.text.register_article import made_register

REGISTER_FILE = "register.yaml"
HEADER = """\
# The register of names of this article, written by `edition import` from the
# source and the table of names (the package's data/exonyms.yaml and
# content/names.yaml). Do not edit: correct or add a name in content/names.yaml
# (an entry of the same `name` replaces this one; `ignore: [as printed]` drops a
# name gathered from the article); the next import rewrites this file.
# from: table (data/exonyms.yaml), names.yaml, or article (gathered from its text:
# printed forms and the transliteration rules' spellings; `russian derived` is the
# rules' reading, not a form known to be in use). gathered: forms the article
# added to the table's entry. Mentions: p-N paragraph, fn-N note, bib-KEY entry.
"""
ORIGINS = {"table": "table", "edition": "names.yaml", "article": "article"}


def register_data(
    entries: tuple[Entry, ...], unexplained: tuple[str, ...] = ()
) -> dict[str, object]:
    """The entries by kind, each with its origin, its forms as printed and its mentions."""
    data: dict[str, list[dict[str, object]]] = {}
    for entry in entries:
        name = entry.name
        row: dict[str, object] = {
            "name": name.name,
            "from": ORIGINS[name.origin],
            "printed": list(entry.printed),
        }
        for field in ("also", "russian", "native", "abbreviations"):
            if value := getattr(name, field):
                row[field] = list(value)
        if name.derived:
            row["russian derived"] = list(name.derived)
        if name.gathered:
            row["gathered"] = list(name.gathered)
        for field in ("dates", "about"):
            if value := getattr(name, field):
                row[field] = value
        row["mentions"] = [m.anchor for m in entry.mentions]
        data.setdefault(name.kind, []).append(row)
    found: dict[str, object] = {kind: data[kind] for kind in KINDS if kind in data}
    if unexplained:
        found["abbreviations not explained"] = list(unexplained)
    return found


def dump_register(article: Article, table: NameTable) -> str:
    """The text of an article's register.yaml."""
    made = made_register(article, table)  # kept: the build's pages read it again
    data = register_data(made.entries, made.unexplained)
    if not data:
        return HEADER + "{}\n"
    return HEADER + (plain_text(data) or yaml_text(data))


def yaml_text(data: dict[str, object]) -> str:
    """The register as PyYAML writes it: the reference text, for any scalar."""
    # libyaml's emitter when present (the same text, several times faster).
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=WIDTH)


WIDTH = 100  # libyaml folds a plain scalar at a space past this column
# What PyYAML's emitter always writes plain, unquoted and on one line: a letter or digit
# first, then letters, digits, single spaces and punctuation that is no indicator in a
# block context; never ": " or " #". Anything else is left to yaml_text.
_PLAIN = re.compile(r"[^\W_](?: ?[\w.,;()'’‘–—/&+-])*")
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


def _plain(value: object) -> bool:
    """Whether PyYAML writes this scalar as it is (a string it would not read as another type)."""
    return type(value) is str and _plain_text(value)


@lru_cache(maxsize=1 << 16)  # the table's names and the anchors recur in every article
def _plain_text(value: str) -> bool:
    if not _PLAIN.fullmatch(value):
        return False
    return not any(pattern.match(value) for _, pattern in _RESOLVERS.get(value[0], ()))


def plain_text(data: dict[str, object]) -> str | None:
    """yaml_text's text built directly, or None where a scalar might be quoted or folded.

    PyYAML's representer builds a node for every scalar in Python (most of the cost of
    yaml.dump); the register's shape is fixed (kinds, then entries of text and lists of
    text), so when every scalar is plain the block layout is written here.
    """
    lines: list[str] = []
    for kind, rows in data.items():
        if not _plain(kind) or not isinstance(rows, list) or not rows:
            return None
        lines.append(kind + ":")
        for row in rows:
            if isinstance(row, str):  # a list of text: "abbreviations not explained"
                lines.append("- " + row)
                if not _plain(row):
                    return None
                continue
            if not isinstance(row, dict) or not row:
                return None
            lead = "- "
            for key, value in row.items():
                if not _plain(key):
                    return None
                if isinstance(value, list):
                    if not value or not all(map(_plain, value)):
                        return None
                    lines.append(f"{lead}{key}:")
                    lines.extend("  - " + item for item in value)
                elif _plain(value):
                    lines.append(f"{lead}{key}: {value}")
                else:
                    return None
                lead = "  "
    if any(len(line) > WIDTH for line in lines):
        return None
    return "\n".join(lines) + "\n"
