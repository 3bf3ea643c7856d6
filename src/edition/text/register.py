"""Registers of names: the persons, places and organisations an article mentions.

The table of names is data (`data/exonyms.yaml`, extended by an edition's
`content/names.yaml`); this module reads it, finds every mention of every name
in an article's paragraphs and notes, and gives search the forms of each word.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from importlib import resources

import yaml

from edition.errors import Problem
from edition.model import Article
from edition.text.spellings import words

KINDS = ("persons", "places", "organisations")
LISTS = (*KINDS, "ignore")
FIELDS = ("name", "also", "russian", "native", "abbreviations", "dates", "about")


@dataclass(frozen=True)
class Name:
    """One entry of the table: a person, place or organisation and all its forms."""

    kind: str  # one of KINDS
    name: str
    also: tuple[str, ...] = ()
    russian: tuple[str, ...] = ()
    native: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    dates: str = ""
    about: str = ""
    path: str = ""
    line: int = 0
    # Where the entry came from: "table" (data/exonyms.yaml), "edition"
    # (content/names.yaml) or "article" (gathered from the article's own text).
    origin: str = "table"
    # Russian forms the transliteration rules read back from the printed name: a
    # reading, never a form known to be in use, so never among `russian`.
    derived: tuple[str, ...] = ()
    gathered: tuple[str, ...] = ()  # forms the article added to a table's entry (its PRA)
    by_surname: bool = True  # a person found by the surname alone (not if two share it)

    @property
    def key(self) -> str:
        """The entry's id on the register page: `name-enver-hoxha`."""
        return _name_key(self.name)

    @cached_property  # asked for again and again; the fields never change
    def forms(self) -> tuple[str, ...]:
        """Every form, heading first: Latin, Russian, native, abbreviations."""
        found = (self.name, *self.also, *self.russian, *self.native, *self.abbreviations)
        return tuple(dict.fromkeys(found))

    def matched(self) -> tuple[str, ...]:
        """What is looked for in the text: every form and, for a person, each surname."""
        found = list(self.forms)
        if self.kind == "persons" and self.by_surname:
            found += [form.split()[-1] for form in self.forms if " " in form]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class NameTable:
    names: tuple[Name, ...]
    # Printed forms an editor said are no names (content/names.yaml `ignore:`):
    # import gathers no entry for them from an article.
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """Where a name is mentioned: a paragraph ("p"), a note ("note") or a
    bibliography entry ("bib", its `key`; n is its place in the list), and how."""

    target: str
    n: int
    printed: str
    key: str = ""

    @property
    def anchor(self) -> str:
        """The mention's id on the article page: p-3, fn-12, bib-KEY."""
        if self.target == "bib":
            return f"bib-{self.key}"
        return f"{'p' if self.target == 'p' else 'fn'}-{self.n}"


@dataclass(frozen=True)
class Entry:
    name: Name
    mentions: tuple[Mention, ...]

    @property
    def printed(self) -> tuple[str, ...]:
        """The forms the article prints, in order of first mention."""
        return tuple(dict.fromkeys(m.printed for m in self.mentions))


@lru_cache(maxsize=1 << 14)  # every mark, card and page asks for an entry's id
def _name_key(name: str) -> str:
    return "name-" + "-".join(words(fold_text(name).lower()))


def fold_text(text: str) -> str:
    """Diacritics dropped (Mëhilli → Mehilli, Đilas → Dilas), case kept."""
    return text if text.isascii() else text.translate(_FOLDED)


@cache
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Folding(dict):
    """str.translate's table for _fold_char, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLDED = _Folding()


def _folded_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, for each of its characters, its offset in `text`
    (None when the two line up: almost every text)."""
    if text.isascii():
        return text, None
    plain = text.translate(_FOLDED)
    if len(plain) == len(text):
        return plain, None
    parts = [_fold_char(c) for c in text]
    offsets = [i for i, part in enumerate(parts) for _ in part]
    return plain, offsets + [len(text)]


def parse_names(text: str, path: str, origin: str = "edition") -> tuple[NameTable, list[Problem]]:
    """Read a table of names; problems name the file and line."""
    problems: list[Problem] = []

    def bad(line: int, message: str, hint: str = "") -> None:
        problems.append(Problem("error", path, line, message, hint, "names"))

    try:
        try:  # libyaml when present (the shipped table: 0.1 s a process in pure Python)
            root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:  # the pure-Python reader's message, as before
            root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        bad(mark.line + 1 if mark else 0, f"not valid YAML: {getattr(exc, 'problem', exc)}")
        return NameTable(()), problems
    if root is None:
        return NameTable(()), problems
    if not isinstance(root, yaml.MappingNode):
        bad(root.start_mark.line + 1, "expected `persons:`, `places:`, `organisations:` lists")
        return NameTable(()), problems
    names: list[Name] = []
    ignored: list[str] = []
    for key_node, value in root.value:
        kind = key_node.value
        if kind == "ignore":
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            if all(isinstance(i, yaml.ScalarNode) and str(i.value).strip() for i in items):
                ignored += [str(i.value).strip() for i in items]
            else:
                bad(value.start_mark.line + 1, "`ignore:` must be a list of names as printed")
            continue
        if kind not in KINDS:
            bad(key_node.start_mark.line + 1, f"unknown list {kind!r}", f"use {', '.join(LISTS)}")
            continue
        if not isinstance(value, yaml.SequenceNode):
            bad(value.start_mark.line + 1, f"`{kind}:` must be a list of entries")
            continue
        for item in value.value:
            name = _entry(kind, item, path, bad)
            if name is not None:
                names.append(replace(name, origin=origin))
    return NameTable(tuple(names), tuple(ignored)), problems


def _entry(kind: str, node: yaml.Node, path: str, bad) -> Name | None:  # noqa: ANN001
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        bad(line, "an entry must be a mapping with at least `name:`")
        return None
    values: dict[str, tuple[str, ...]] = {}
    for key_node, value in node.value:
        key = key_node.value
        if key not in FIELDS:
            bad(key_node.start_mark.line + 1, f"unknown field {key!r}", f"use {', '.join(FIELDS)}")
            continue
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        if not all(isinstance(i, yaml.ScalarNode) and str(i.value).strip() for i in items):
            bad(value.start_mark.line + 1, f"`{key}:` must be text or a list of texts")
            continue
        values[key] = tuple(str(i.value).strip() for i in items)
    if not values.get("name"):
        bad(line, "an entry needs a `name:`")
        return None
    one = {k: values.get(k, ("",))[0] for k in ("name", "dates", "about")}
    many = {k: values.get(k, ()) for k in ("also", "russian", "native", "abbreviations")}
    return Name(kind, **one, **many, path=path, line=line)


@cache
def shipped_names() -> NameTable:
    """The table shipped with edition (data/exonyms.yaml)."""
    text = resources.files("edition").joinpath("data/exonyms.yaml").read_text("utf-8")
    table, problems = parse_names(text, "edition/data/exonyms.yaml", origin="table")
    if problems:  # a broken shipped table is a bug of the package, not of an edition
        raise ValueError(problems[0].message)
    return table


def merge_names(base: NameTable, edition: NameTable) -> NameTable:
    """The edition's entries replace the base's of the same name; new ones are added."""
    own = {(n.kind, n.name) for n in edition.names}
    kept = tuple(n for n in base.names if (n.kind, n.name) not in own)
    ignored = tuple(dict.fromkeys(base.ignored + edition.ignored))
    return NameTable(kept + edition.names, ignored)


_TOKEN = re.compile(r"\w+(?:-\w+)*")  # a hyphenated compound is one word: Soviet-Albanian


_Index = dict[str, list[tuple[tuple[str, ...], int]]]
_BASE: list[tuple[NameTable, _Index]] = []  # the edition's table and its index (one a site)
_LAST: list[tuple[NameTable, _Index]] = []  # the last article's table (the base and its own)


def _by_first(table: NameTable) -> _Index:
    """The table's forms as words, by their first word, the longest form first. An
    article's table (the edition's, a few entries replaced or added) changes the edition's."""
    for kept in (_BASE, _LAST):
        if kept and kept[0][0] is table:
            return kept[0][1]
    base = _BASE[0] if _BASE else None
    if base is not None and _derived(base[0], table):
        by_first = _changed_index(base[0], base[1], table)
        _LAST[:] = [(table, by_first)]
        return by_first
    by_first = {}
    for index, name in enumerate(table.names):
        for parts in _form_words(name):
            by_first.setdefault(parts[0], []).append((parts, index))
    for candidates in by_first.values():
        candidates.sort(key=lambda c: -len(c[0]))  # stable: by entry, then form, at a length
    _BASE[:] = [(table, by_first)]
    return by_first


def _form_words(name: Name) -> list[tuple[str, ...]]:
    """The words of each form looked for, diacritics dropped (`matched`, in order)."""
    found = (tuple(_TOKEN.findall(fold_text(form))) for form in name.matched())
    return [parts for parts in found if parts]


def _derived(base: NameTable, table: NameTable) -> bool:
    """Whether the table is the base with at most a few entries replaced, others added."""
    if len(table.names) < len(base.names):
        return False
    same = sum(map(operator.is_, base.names, table.names))
    return len(table.names) - same <= max(64, len(base.names) // 8)


def _changed_index(base: NameTable, index: _Index, table: NameTable) -> _Index:
    """The base's index with the entries the table replaces or adds: as if read anew."""
    old, new = base.names, table.names
    changed = [i for i, o in enumerate(old) if new[i] is not o]
    changed += range(len(old), len(new))
    gone = set(changed)
    added: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    touched: set[str] = set()
    for i in changed:
        if i < len(old):
            touched.update(parts[0] for parts in _form_words(old[i]))
        for parts in _form_words(new[i]):
            added.setdefault(parts[0], []).append((parts, i))
    by_first = dict(index)
    for word in touched | added.keys():
        kept = [c for c in index.get(word, ()) if c[1] not in gone]
        # Stable, by length then entry: the added ones where a whole reading puts them.
        candidates = sorted(kept + added.get(word, []), key=lambda c: (-len(c[0]), c[1]))
        if candidates:
            by_first[word] = candidates
        else:
            by_first.pop(word, None)
    return by_first


def find_mentions(texts: list[str], table: NameTable) -> list[tuple[Name, list[tuple[int, str]]]]:
    """Each name of the table found in the texts: (index of the text, form printed).

    Forms match whole words, diacritics ignored, capitals as printed (`US`, never
    `us`); the forms are looked up by their first word, so a text is read once.
    """
    by_first = _by_first(table)
    where: dict[int, list[tuple[int, str]]] = {}
    for i, text in enumerate(texts):
        plain, offsets = _folded_with_offsets(text)
        words_ = _TOKEN.findall(plain)
        firsts = by_first.keys() & set(words_)  # most texts name no one: read no further
        if not firsts:
            continue
        tokens: list[re.Match[str]] = []  # the words' places, found once a name is
        found: dict[int, str] = {}
        for at in _places(words_, firsts):
            for parts, index in by_first[words_[at]]:
                if index not in found and tuple(words_[at : at + len(parts)]) == parts:
                    tokens = tokens or list(_TOKEN.finditer(plain))
                    start, end = tokens[at].start(), tokens[at + len(parts) - 1].end()
                    if offsets is not None:
                        start, end = offsets[start], offsets[end - 1] + 1
                    found[index] = " ".join(text[start:end].split())
        for index, printed in found.items():
            where.setdefault(index, []).append((i, printed))
    return [(table.names[index], where[index]) for index in sorted(where)]


def _places(words_: list[str], firsts: set[str]) -> list[int]:
    """Where the words are, in order: list.index scans in C, a Python step per place only."""
    found = []
    for word in firsts:
        at = words_.index(word)
        while True:
            found.append(at)
            try:
                at = words_.index(word, at + 1)
            except ValueError:
                break
    return sorted(found)


def gather_register(
    article: Article, table: NameTable, bibliography: bool = False
) -> tuple[Entry, ...]:
    """Every name of the table the article mentions, with each paragraph and note
    (and, asked for, each bibliography entry)."""
    blocks = [("p", p.n, "") for p in article.paragraphs] + [
        ("note", n.n, "") for n in article.notes
    ]
    texts = [p.text for p in article.paragraphs] + [n.text for n in article.notes]
    if bibliography:
        blocks += [("bib", i, e.key) for i, e in enumerate(article.bibliography, 1)]
        texts += [e.original for e in article.bibliography]
    entries = [
        Entry(name, tuple(Mention(*blocks[i][:2], printed, blocks[i][2]) for i, printed in where))
        for name, where in find_mentions(texts, table)
    ]
    return tuple(sorted(entries, key=lambda e: (KINDS.index(e.name.kind), fold_text(e.name.name))))
