"""The one safe YAML loader for every file an editor writes or import makes.

Every YAML file the tool reads goes through here: bytes are decoded as UTF-8
(a bad byte is reported at its line), the text is composed into nodes (by
libyaml when present), and the nodes are checked before anything is built of
them: tags other than YAML's own are refused, a key given twice is reported
(YAML would silently keep the last), and aliases may not expand past a bound
(a 1 KB "billion laughs" would otherwise run for minutes). Files read as nodes
(editorial.yaml, archives.yaml) keep each node's line; the others are
constructed from the checked nodes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from edition.errors import Problem

_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml: ~10x faster, same nodes
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge")
}
MAX_BYTES = 50_000_000  # a YAML file of the edition, even article.yaml of a book, is far less
MAX_NODES = 1_000_000  # nodes once every alias is expanded
MAX_DEPTH = 200  # nesting of lists and mappings
# Control characters a value may not hold (a quoted escape makes them): invalid in XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class YamlError(Exception):
    """A YAML file that cannot be read, as located problems (`problem` is the first)."""

    def __init__(self, problem: Problem, *more: Problem) -> None:
        super().__init__("\n".join(str(p) for p in (problem, *more)))
        self.problem = problem
        self.problems = [problem, *more]


def _error(path: str, line: int, message: str, hint: str = "", code: str = "yaml") -> Problem:
    return Problem("error", path, line, message, hint, code)


def read_text(path: Path, shown: str = "") -> str:
    """A file's text, decoded as UTF-8; a folder, a huge file or a bad byte is a YamlError."""
    name = shown or str(path)
    try:
        if path.is_dir():
            raise YamlError(_error(name, 0, "is a folder, not a file", "it must be a YAML file"))
        if not path.is_file():
            raise YamlError(_error(name, 0, "is not a regular file", "it must be a YAML file"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(
                _error(name, 0, f"is {size:,} bytes (more than {MAX_BYTES:,})", "is it YAML?")
            )
        data = path.read_bytes()
    except OSError as exc:
        raise YamlError(_error(name, 0, f"cannot be read: {exc.strerror or exc}")) from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """UTF-8 bytes as text (a BOM dropped); a bad byte is reported at its own line."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(
            _error(
                name,
                line,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                "save the file as UTF-8",
                "encoding",
            )
        ) from None


def compose(text: str, name: str) -> yaml.Node | None:
    """The checked node tree of a YAML text (None for an empty one); else a YamlError."""
    try:
        try:
            node = yaml.compose(text, Loader=_FAST) if _FAST else None
        except yaml.YAMLError:
            node = None  # read again by PyYAML, whose messages and lines are the ones shown
        if node is None:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or str(exc)).strip()
        raise YamlError(
            _error(name, mark.line + 1 if mark else 1, f"invalid YAML: {what}", _hint(what))
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise YamlError(
            _error(
                name,
                line,
                f"invalid YAML: control character {chr(exc.character)!r} is not allowed",
                "binary data? a YAML file holds plain text only",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(_error(name, 1, f"invalid YAML: {exc}")) from None
    except RecursionError:
        raise YamlError(_error(name, 1, "invalid YAML: nested too deeply")) from None
    problems = node_problems(node, name)
    if problems:
        raise YamlError(*problems)
    return node


def _hint(what: str) -> str:
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "tag" in what:
        return "YAML tags such as !!python/object are not allowed"
    return "check the indentation and quoting near this line"


def node_problems(root: yaml.Node | None, name: str) -> list[Problem]:
    """Tags, keys given twice, aliases expanding too far, nesting too deep: in one walk."""
    problems: list[Problem] = []
    sizes: dict[int, int] = {}  # id -> nodes once expanded, for every node finished
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)] if root is not None else []
    open_: set[int] = set()  # nodes whose children are being walked
    while stack:
        node, depth, done = stack.pop()
        if done:
            children = _children(node)
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 0) for c in children)
            open_.discard(id(node))
            continue
        line = node.start_mark.line + 1
        if id(node) in open_:
            problems.append(
                _error(
                    name, line, "a YAML alias refers to a node that contains it", "", "yaml-alias"
                )
            )
            return problems
        if id(node) in sizes:
            continue  # an alias of a node already checked
        if depth > MAX_DEPTH:
            problems.append(_error(name, line, f"nested deeper than {MAX_DEPTH} levels"))
            return problems
        if node.tag not in PLAIN_TAGS:
            problems.append(
                _error(
                    name,
                    line,
                    f"YAML tag {node.tag!r} is not allowed",
                    f"{Path(name).name} holds plain text, numbers, lists and mappings only",
                    "yaml-tag",
                )
            )
        if isinstance(node, yaml.MappingNode):
            problems += _duplicates(node, name)
        elif isinstance(node, yaml.ScalarNode) and _CONTROL.search(node.value):
            char = _CONTROL.search(node.value).group()  # type: ignore[union-attr]
            problems.append(
                _error(
                    name,
                    line,
                    f"control character U+{ord(char):04X} in a value",
                    "an escape such as \\a or \\x07 in quotes? such characters break the TEI",
                )
            )
        sizes[id(node)] = 0  # visited; the real size is set once its children are
        open_.add(id(node))
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node))
    if root is not None and sizes.get(id(root), 0) > MAX_NODES:
        problems.append(
            _error(
                name,
                1,
                f"YAML aliases expand to more than {MAX_NODES:,} values",
                "an alias bomb? use aliases (*name) only for small shared parts",
                "yaml-alias",
            )
        )
    return problems


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _duplicates(node: yaml.MappingNode, name: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag.endswith(":merge"):
            continue
        line = key.start_mark.line + 1
        if str(key.value) in seen:
            problems.append(
                _error(
                    name,
                    line,
                    f"duplicate key {key.value!r} (first given at line {seen[str(key.value)]})",
                    "YAML keeps only the last value: keep one of them",
                    "yaml-duplicate",
                )
            )
        seen.setdefault(str(key.value), line)
    return problems


def construct(node: yaml.Node | None, name: str) -> Any:
    """Python data from checked nodes (safe: no tag but YAML's own got this far)."""
    if node is None:
        return None
    try:
        return yaml.SafeLoader("").construct_document(node)
    except (yaml.YAMLError, RecursionError) as exc:
        line = node.start_mark.line + 1
        raise YamlError(_error(name, line, f"invalid YAML: {str(exc).splitlines()[0]}")) from None


def load_yaml(path: Path, shown: str = "") -> Any:
    """Load a YAML file safely; every problem is a YamlError with its line."""
    name = shown or str(path)
    return construct(compose(read_text(path, name), name), name)
