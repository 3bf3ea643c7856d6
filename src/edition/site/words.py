"""The pages' interface words ("Notes", "Close", ...) in the page's language.

The words are data: `templates/interface.yaml` in the package, with an edition's
own `templates/interface.yaml` adding languages or replacing single words. A
page's words are looked up along a chain of tables, the page's language first
(`sr-Latn` before `sr`), English last; a word English gave a page in another
language says so (`lang="en"`), so a missing translation is marked, never blank.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from jinja2 import UndefinedError
from markupsafe import Markup, escape

from edition.errors import BuildError, Problem
from edition.yamlfile import YamlError, compose, construct, read_text

INTERFACE_FILE = "interface.yaml"
PACKAGED_WORDS = Path(__file__).resolve().parent.parent / "templates" / INTERFACE_FILE
FALLBACK = "en"
SCRIPT_PREFIX = "js_"  # words the page's scripts show: given to them as JSON
SEARCH_SCRIPT_PREFIX = "search_js_"  # the search page's script's words
# A word: its text, or its text by plural category (one, few, many, other).
Value = str | Mapping[str, str]
Tables = Mapping[str, Mapping[str, Value]]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SCRIPTS = {"Cyrl": re.compile(r"[\u0400-\u04ff]"), "Latn": re.compile(r"[A-Za-z\u00c0-\u024f]")}


@dataclass(frozen=True)
class Word:
    """One interface word as shown: its text and, when not the page's, its language."""

    text: str
    lang: str = ""  # "" = the page's language

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        """In element content: the text, in a span of its own language when foreign."""
        return (
            f'<span lang="{escape(self.lang)}">{escape(self.text)}</span>'
            if self.lang
            else str(escape(self.text))
        )

    @property
    def attrs(self) -> Markup:
        """` lang="en"` for the element whose attribute shows the word, when foreign."""
        return Markup(f' lang="{escape(self.lang)}"') if self.lang else Markup("")


def plural_category(lang: str, n: int) -> str:
    """CLDR's plural category of an integer: one, few, many or other."""
    base = lang.split("-", 1)[0].lower()
    if base in ("ru", "uk", "be", "sr", "hr", "bs"):
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many" if base in ("ru", "uk", "be") else "other"
    if base == "fr":
        return "one" if n in (0, 1) else "other"
    return "one" if n == 1 else "other"


def _same_language(a: str, b: str) -> bool:
    return a.split("-", 1)[0].lower() == b.split("-", 1)[0].lower()


@dataclass(frozen=True)
class Words:
    """A page's words: `t("notes")`, `t("note_n", n=3)`, `t("cited_in", count=2)`.

    `chain` holds the tables looked in, first match wins, English last.
    """

    lang: str  # the page's language tag
    chain: tuple[tuple[str, Mapping[str, Value]], ...]
    # The words asked for without values, by (key, count): a page asks for the same
    # few hundreds of times (every note's "Back", every card's kind).
    _known: dict[tuple[str, int | None], Word] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __call__(self, key: str, count: int | None = None, **values: object) -> Word:
        if values:
            return self._word(key, count, values)
        word = self._known.get((key, count))
        if word is None:
            word = self._known[key, count] = self._word(key, count, values)
        return word

    def _word(self, key: str, count: int | None, values: dict[str, object]) -> Word:
        tag, value = self._entry(key)
        if count is not None:
            values.setdefault("n", count)
        text = _PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), _chosen(value, tag, count))
        return Word(text, self._foreign(tag))

    def __contains__(self, key: str) -> bool:
        return any(key in table for _, table in self.chain)

    def html(self, key: str, count: int | None = None, **values: object) -> Markup:
        """A word with markup filled in: `t.html("not_found_home", link=Markup("<a ...>"))`.

        The word's text is escaped, and so is every value but Markup (a link, italics).
        """
        tag, value = self._entry(key)
        if count is not None:
            values.setdefault("n", count)
        parts = _PLACEHOLDER.split(_chosen(value, tag, count))  # text, name, text, ...
        filled = (
            values.get(part, f"{{{part}}}") if i % 2 else part for i, part in enumerate(parts)
        )
        html = "".join(str(escape(part)) for part in filled)
        lang = self._foreign(tag)
        return Markup(f'<span lang="{escape(lang)}">{html}</span>' if lang else html)

    def _entry(self, key: str) -> tuple[str, Value]:
        for tag, table in self.chain:
            if key in table:
                return tag, table[key]
        raise UndefinedError(f"no interface word {key!r} in {INTERFACE_FILE}, not even in English")

    def _foreign(self, tag: str) -> str:
        return "" if _same_language(tag, self.lang) else tag

    def script_words(self, prefix: str = SCRIPT_PREFIX) -> Markup:
        """The words (keys starting with `prefix`) the page's scripts show, as JSON for a
        `<script type="application/json">`: {"words": {key: text, or texts by plural},
        "langs": {key: language of a foreign word}}."""
        words: dict[str, Value] = {}
        langs: dict[str, str] = {}
        keys = dict.fromkeys(k for _, table in self.chain for k in table)
        for key in (k for k in keys if k.startswith(prefix)):
            tag, value = self._entry(key)
            words[key] = value if isinstance(value, str) else dict(value)
            if lang := self._foreign(tag):
                langs[key] = lang
        text = json.dumps({"words": words, "langs": langs}, ensure_ascii=False, sort_keys=True)
        # No "</script>" or "<!--" can end the element early.
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e"))


def _chosen(value: Value, tag: str, count: int | None) -> str:
    if isinstance(value, str):
        return value
    category = plural_category(tag, count if count is not None else 0)
    return value.get(category) or value.get("other") or next(iter(value.values()))


def script_of(texts: Iterable[str]) -> str:
    """The script most letters of the texts are in: 'Cyrl' or 'Latn' ('' for none)."""
    texts = list(texts)  # counted once per script: a generator would be spent by the first
    counts = {name: sum(len(p.findall(t)) for t in texts) for name, p in _SCRIPTS.items()}
    best = max(counts, key=lambda name: counts[name])
    return best if counts[best] else ""


def chain_of(tables: Tables, lang: str, script: str = "") -> tuple[str, ...]:
    """The tables a page in `lang` looks words up in: 'sr-Latn-RS' -> sr-Latn-RS, sr-Latn, sr, en.

    A tag without a script whose language has tables by script (`sr-Cyrl`,
    `sr-Latn`) takes the one of the text's `script`. Tags match in any case.
    """
    by_lower = {tag.lower(): tag for tag in tables}
    parts = lang.split("-")
    tags = ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]
    if len(parts) == 1 and script:
        tags.insert(0, f"{lang}-{script}")
    found = [by_lower[t] for t in dict.fromkeys(t.lower() for t in tags) if t in by_lower]
    return (*(t for t in found if t != FALLBACK), FALLBACK)


def words_for(tables: Tables, lang: str, texts: Iterable[str] = ()) -> Words:
    """A page's words in `lang`; the `texts` choose between a language's scripts."""
    scripted = "-" not in lang and any(t.lower().startswith(f"{lang.lower()}-") for t in tables)
    script = script_of(texts) if scripted else ""
    return Words(lang, tuple((tag, tables[tag]) for tag in chain_of(tables, lang, script)))


@cache
def packaged_tables() -> Tables:
    """The words shipped in the package."""
    return _read(PACKAGED_WORDS, PACKAGED_WORDS.name)


def load_tables(edition_templates: Path, shown: str) -> Tables:
    """The shipped words with the edition's `templates/interface.yaml` merged in, word by word."""
    tables = {tag: dict(table) for tag, table in packaged_tables().items()}
    own = edition_templates / INTERFACE_FILE
    if own.is_file() and own != PACKAGED_WORDS:
        for tag, table in _read(own, shown).items():
            tables.setdefault(tag, {}).update(table)
    return tables


def _read(path: Path, shown: str) -> dict[str, dict[str, Value]]:
    try:
        node = compose(read_text(path, shown), shown)
        data = construct(node, shown)
    except YamlError as exc:
        raise BuildError(exc.problems) from None
    problems = list(_shape_problems(data, _lines(node), shown))
    if problems:
        raise BuildError(problems)
    return {str(tag): dict(table or {}) for tag, table in (data or {}).items()}


def _lines(node: yaml.Node | None) -> dict[tuple[str, ...], int]:
    """The line of each language and each word's key: (tag,) and (tag, key)."""
    lines: dict[tuple[str, ...], int] = {}
    for tag, table in node.value if isinstance(node, yaml.MappingNode) else ():
        lines[(str(tag.value),)] = tag.start_mark.line + 1
        for key, _ in table.value if isinstance(table, yaml.MappingNode) else ():
            lines[(str(tag.value), str(key.value))] = key.start_mark.line + 1
    return lines


def _shape_problems(
    data: object, lines: dict[tuple[str, ...], int], shown: str
) -> Iterable[Problem]:
    hint = "a mapping of language tags to words: `ru: {notes: Примечания}`"
    if data is None:
        return
    if not isinstance(data, dict):
        yield Problem("error", shown, 1, "is not a mapping of languages", hint, "interface")
        return
    for tag, table in data.items():
        line = lines.get((str(tag),), 1)
        if table is not None and not isinstance(table, dict):
            yield Problem("error", shown, line, f"{tag!r} does not hold words", hint, "interface")
            continue
        for key, value in (table or {}).items():
            by_plural = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
            good = isinstance(value, str) or (by_plural and bool(value))
            if not good:
                what = f"{tag}: {key!r} must be a text, or texts by plural (one, few, other)"
                at = lines.get((str(tag), str(key)), line)
                yield Problem("error", shown, at, what, hint, "interface")


@cache
def english() -> Words:
    """The shipped English words: for a caller that names no page language."""
    return words_for(packaged_tables(), FALLBACK)
