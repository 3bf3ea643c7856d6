"""content/<slug>/register.yaml: the article's register of names, as import found it.

Generated, like article.yaml: an editor reads it to review what was found, and
corrects or adds names in content/names.yaml (hand-written, never overwritten),
from which the next import regenerates this file.
"""

from __future__ import annotations

import yaml

from edition.model import Article
from edition.text.register import KINDS, Entry, NameTable, gather_register

REGISTER_FILE = "register.yaml"
HEADER = """\
# The register of names of this article, written by `edition import` from the
# source and the table of names (the package's data/exonyms.yaml and
# content/names.yaml). Do not edit: correct or add a name in content/names.yaml;
# the next import rewrites this file. Mentions: p-N paragraph, fn-N note.
"""


def register_data(entries: tuple[Entry, ...]) -> dict[str, list[dict[str, object]]]:
    """The entries by kind, each with its forms as printed and its mentions."""
    data: dict[str, list[dict[str, object]]] = {}
    for entry in entries:
        name = entry.name
        row: dict[str, object] = {"name": name.name, "printed": list(entry.printed)}
        for field in ("also", "russian", "native", "abbreviations"):
            if value := getattr(name, field):
                row[field] = list(value)
        for field in ("dates", "about"):
            if value := getattr(name, field):
                row[field] = value
        row["mentions"] = [f"{'p' if m.target == 'p' else 'fn'}-{m.n}" for m in entry.mentions]
        data.setdefault(name.kind, []).append(row)
    return {kind: data[kind] for kind in KINDS if kind in data}


def dump_register(article: Article, table: NameTable) -> str:
    """The text of an article's register.yaml."""
    data = register_data(gather_register(article, table))
    # libyaml's emitter when present (the same text, several times faster).
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    options = {"allow_unicode": True, "sort_keys": False, "width": 100}
    body = yaml.dump(data, Dumper=dumper, **options) if data else "{}\n"
    return HEADER + body
