"""content/<slug>/register.yaml: the article's register of names, as import found it.

Generated, like article.yaml: an editor reads it to review what was found, and
corrects or adds names in content/names.yaml (hand-written, never overwritten),
from which the next import regenerates this file.
"""

from __future__ import annotations

import yaml

from edition.content.article_yaml import yaml_node

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
    return HEADER + yaml_text(data)


def yaml_text(data: dict[str, object]) -> str:
    """The register as PyYAML's `yaml.dump` writes it, from nodes made directly.

    The representer builds every scalar's node in Python (most of yaml.dump's cost);
    the data is plain (str, lists, dicts), so yaml_node makes the same nodes faster.
    """
    node = yaml_node(data, literal=False)
    return yaml.serialize(node, Dumper=_DUMPER, allow_unicode=True, width=WIDTH)


WIDTH = 100  # libyaml folds a plain scalar at a space past this column
# libyaml's emitter when present (the same text, several times faster).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
