"""Editorial decisions (content/<slug>/editorial.yaml): emendations, overrides, metadata.

The file is written by people only; no command writes it, so a re-import of the
source never loses a decision. The build applies it to the imported article and
an emendation whose text vanished is an error naming its line in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from edition.config import value_problem
from edition.errors import Problems
from edition.model import Emendation
from edition.yamlfile import YamlError, compose, construct, read_text

EDITORIAL_FILE = "editorial.yaml"
TOP_KEYS = ("emendations", "overrides", "metadata", "reviewed")
REVIEWED_KEYS = ("code", "match", "reason", "who", "when")
EMENDATION_KEYS = ("sic", "corr", "p", "note", "bib", "reason", "who", "when")
OVERRIDE_KEYS = ("note", "citations", "citation", "bib_key")
METADATA_KEYS = ("doi", "pages", "licence", "url", "issued", "language")


@dataclass(frozen=True)
class Override:
    note: int
    citations: tuple[dict[str, Any], ...]  # replacement citations, read by hand
    citation: str  # a citation's text whose bibliography link is set by hand
    bib_key: str
    line: int


@dataclass(frozen=True)
class Reviewed:
    """A check warning the editors looked at and decided to leave as printed."""

    code: str  # the warning's code, e.g. "abbreviation-variant"
    match: str  # text the warning's message must contain
    reason: str
    who: str
    when: str
    line: int

    def covers(self, code: str, message: str) -> bool:
        return code == self.code and self.match in message


@dataclass(frozen=True)
class Editorial:
    path: str
    emendations: tuple[Emendation, ...] = ()
    overrides: tuple[Override, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    reviewed: tuple[Reviewed, ...] = ()


def _compose(text: str, path: str) -> tuple[yaml.Node | None, Problems]:
    problems = Problems()
    try:
        return compose(text, path), problems
    except YamlError as exc:
        problems.items.extend(exc.problems)
        return None, problems


def _mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {str(k.value): (k, v) for k, v in node.value}


def _scalar(node: yaml.Node) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def parse_editorial(text: str, path: str) -> tuple[Editorial, Problems]:
    """Read editorial.yaml text into decisions, each with its line; report what is wrong."""
    node, problems = _compose(text, path)
    empty = Editorial(path)
    if node is None:
        return empty, problems
    if not isinstance(node, yaml.MappingNode):
        problems.error(path, node.start_mark.line + 1, "editorial.yaml is not a mapping", "")
        return empty, problems
    top = _mapping(node)
    _unknown(top, TOP_KEYS, path, problems)
    emendations, overrides, metadata = [], [], []
    if "emendations" in top:
        for item in _items(top["emendations"][1], "emendations", path, problems):
            emendation = _emendation(item, path, problems)
            if emendation:
                emendations.append(emendation)
    if "overrides" in top:
        for item in _items(top["overrides"][1], "overrides", path, problems):
            override = _override(item, path, problems)
            if override:
                overrides.append(override)
    if "metadata" in top:
        meta = top["metadata"][1]
        if not isinstance(meta, yaml.MappingNode):
            problems.error(path, meta.start_mark.line + 1, "metadata must be a mapping", "")
        else:
            fields = _mapping(meta)
            _unknown(fields, METADATA_KEYS, path, problems)
            metadata = [(k, _scalar(v)) for k, (_, v) in fields.items() if k in METADATA_KEYS]
            metadata = [(k, v) for k, v in metadata if _metadata_ok(k, v, fields, path, problems)]
    reviewed = []
    if "reviewed" in top:
        for item in _items(top["reviewed"][1], "reviewed", path, problems):
            fields = _mapping(item)
            _unknown(fields, REVIEWED_KEYS, path, problems)
            values = {k: _scalar(v) for k, (_, v) in fields.items()}
            line = item.start_mark.line + 1
            if not values.get("code") or not values.get("match") or not values.get("reason"):
                problems.error(
                    path,
                    line,
                    "a reviewed warning needs 'code', 'match' and 'reason'",
                    "copy the code from `edition check --format json`",
                    "editorial",
                )
                continue
            reviewed.append(
                Reviewed(
                    values["code"],
                    values["match"],
                    values["reason"],
                    values.get("who", ""),
                    values.get("when", ""),
                    line,
                )
            )
    return (
        Editorial(path, tuple(emendations), tuple(overrides), tuple(metadata), tuple(reviewed)),
        problems,
    )


def _metadata_ok(name: str, value: str, fields: dict, path: str, problems: Problems) -> bool:
    """Report a metadata value that cannot be what it names (only a language is checked)."""
    wrong = value_problem(name, value) if name == "language" and value else ""
    if wrong:
        problems.error(
            path,
            fields[name][1].start_mark.line + 1,
            f"metadata language {value!r} {wrong}",
            "an ISO 639 code, optionally with a script or region: ru, sr-Latn, de-AT",
            "editorial",
        )
    return not wrong


def _unknown(fields: dict, known: tuple[str, ...], path: str, problems: Problems) -> None:
    for name, (key, _) in fields.items():
        if name not in known:
            problems.error(
                path,
                key.start_mark.line + 1,
                f"unknown key {name!r}",
                f"known keys here: {', '.join(known)}",
                "editorial-key",
            )


def _items(node: yaml.Node, name: str, path: str, problems: Problems) -> list[yaml.MappingNode]:
    if not isinstance(node, yaml.SequenceNode):
        problems.error(
            path, node.start_mark.line + 1, f"{name} must be a list", "start items with '- '"
        )
        return []
    items = []
    for item in node.value:
        if isinstance(item, yaml.MappingNode):
            items.append(item)
        else:
            problems.error(
                path, item.start_mark.line + 1, f"an item of {name} must be a mapping", ""
            )
    return items


def _emendation(node: yaml.MappingNode, path: str, problems: Problems) -> Emendation | None:
    fields = _mapping(node)
    line = node.start_mark.line + 1
    _unknown(fields, EMENDATION_KEYS, path, problems)
    values = {k: _scalar(v) for k, (_, v) in fields.items()}
    missing = [k for k in ("sic", "corr", "reason", "who", "when") if not values.get(k)]
    targets = [k for k in ("p", "note", "bib") if k in values]
    if missing:
        problems.error(
            path,
            line,
            f"emendation lacks {', '.join(missing)}",
            "every emendation needs sic, corr, reason, who and when",
            "emendation-field",
        )
        return None
    if len(targets) != 1:
        problems.error(
            path,
            line,
            "emendation needs exactly one of p, note, bib",
            "say where the text is: p: 12, note: 5 or bib: <key>",
            "emendation-target",
        )
        return None
    target = targets[0]
    if target != "bib" and not values[target].isdigit():
        problems.error(
            path,
            line,
            f"{target} must be a number, not {values[target]!r}",
            "",
            "emendation-target",
        )
        return None
    return Emendation(
        values["sic"],
        values["corr"],
        target,
        values[target],
        values["reason"],
        values["who"],
        values["when"],
        line,
    )


def _override(node: yaml.MappingNode, path: str, problems: Problems) -> Override | None:
    fields = _mapping(node)
    line = node.start_mark.line + 1
    _unknown(fields, OVERRIDE_KEYS, path, problems)
    note = _scalar(fields["note"][1]) if "note" in fields else ""
    if not note.isdigit():
        problems.error(path, line, "override needs the note's number (note: N)", "", "override")
        return None
    citations: tuple[dict[str, Any], ...] = ()
    if "citations" in fields:
        data = construct(fields["citations"][1], path)
        if not isinstance(data, list) or not all(isinstance(c, dict) for c in data):
            problems.error(
                path,
                line,
                "citations must be a list of mappings",
                "see docs/editorial.md",
                "override",
            )
            return None
        citations = tuple(data)
    citation = _scalar(fields["citation"][1]) if "citation" in fields else ""
    bib_key = _scalar(fields["bib_key"][1]) if "bib_key" in fields else ""
    if not citations and not bib_key:
        problems.error(
            path,
            line,
            "override changes nothing",
            "give citations, or citation and bib_key",
            "override",
        )
        return None
    return Override(int(note), citations, citation, bib_key, line)


def load_editorial(folder: Path, shown: str = "") -> tuple[Editorial | None, Problems]:
    """Read `folder`/editorial.yaml if there is one (None when absent)."""
    path = folder / EDITORIAL_FILE
    if not path.exists() and not path.is_symlink():
        return None, Problems()
    name = shown or str(path)
    try:
        text = read_text(path, name)
    except YamlError as exc:
        problems = Problems()
        problems.items.extend(exc.problems)
        return None, problems
    return parse_editorial(text, name)
