"""Other spellings of a word: Russian transliteration systems and letter folding.

The rules are data (`data/translit.yaml`); this module only applies them. A Latin
name is read back into Cyrillic (the pivot), and the Cyrillic is written out again
in every system, so `Velichanskaia`, `Velichanskaya`, `Velichanskaja` and
`Величанская` all lead to one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product

import yaml

_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_AFTER = set("аеёиоуыэюяъь")  # letters after which BGN writes е as "ye"
_MAX_PARTIAL = 64  # readings kept per position while parsing; bounds the work


@dataclass(frozen=True, eq=False)  # hashed by identity: holds dicts
class System:
    """One Cyrillic → Latin system: letters, word-initial letters, word endings."""

    name: str
    letters: dict[str, str]
    initial: dict[str, str]
    endings: dict[str, str]


@dataclass(frozen=True, eq=False)  # hashed by identity: holds a dict
class Known:
    """Forms known to be in use (data/exonyms.yaml, content/names.yaml), by lowercase word.

    A word with known forms gets those and no rule readings: the rules would
    read `Albania` into a non-word, the table knows `Албания`.
    """

    forms: dict[str, tuple[str, ...]]


NO_KNOWN = Known({})


@dataclass(frozen=True, eq=False)  # hashed by identity: holds dicts
class Rules:
    systems: tuple[System, ...]
    reverse: dict[str, tuple[str, ...]]  # Latin piece -> Cyrillic letters
    reverse_initial: dict[str, tuple[str, ...]]
    reverse_endings: dict[str, tuple[str, ...]]
    impossible: re.Pattern[str]
    max_readings: int
    min_length: int
    stopwords: frozenset[str]
    looks_russian: re.Pattern[str]
    fold: dict[str, tuple[str, ...]]
    terms: dict[str, tuple[str, ...]]
    other_cyrillic: dict[str, str]


def parse_rules(text: str) -> Rules:
    """Read the rules from the text of a translit.yaml file."""
    # libyaml when present: the rules file is read on every build (~10x faster).
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    raw = data["systems"]

    def merged(name: str, key: str) -> dict[str, str]:
        spec = raw[name]
        base = merged(spec["base"], key) if "base" in spec else {}
        return {**base, **spec.get(key, {})}

    systems = tuple(
        System(name, merged(name, "letters"), merged(name, "initial"), merged(name, "endings"))
        for name in raw
    )
    rev = data["reverse"]
    never = set(rev["never"])
    reverse: dict[str, list[str]] = {}
    endings: dict[str, list[str]] = {}
    for system in systems:
        for cyr, lat in [*system.letters.items(), *system.initial.items()]:
            if lat and cyr not in never:
                _add(reverse, lat, cyr)
        for cyr, lat in system.endings.items():
            _add(endings, lat, cyr)
    return Rules(
        systems=systems,
        reverse=_frozen(reverse),
        reverse_initial={k: tuple(v) for k, v in rev["initial"].items()},
        reverse_endings=_frozen(endings),
        impossible=re.compile("|".join(rev["impossible"])),
        max_readings=rev["max_readings"],
        min_length=rev["min_length"],
        stopwords=frozenset(data["stopwords"]),
        looks_russian=re.compile("|".join(f"(?:{p})" for p in rev.get("looks_russian", [".*"]))),
        fold={k: tuple(v) for k, v in data["fold"].items()},
        terms={k: tuple(v) for k, v in data["terms"].items()},
        other_cyrillic=dict(data.get("other_cyrillic", {})),
    )


def _add(table: dict[str, list[str]], key: str, value: str) -> None:
    values = table.setdefault(key, [])
    if value not in values:
        values.append(value)


def _frozen(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in table.items()}


@cache
def default_rules() -> Rules:
    """The rules shipped with edition."""
    text = resources.files("edition").joinpath("data/translit.yaml").read_text("utf-8")
    return parse_rules(text)


def latin_letters(system: str = "lc", rules: Rules | None = None) -> dict[str, str]:
    """The one Cyrillic → Latin letter table (lowercase): a system's letters, then
    the other Slavic letters. citations/registry.py and text/names.py read this."""
    rules = rules or default_rules()
    found = next(s for s in rules.systems if s.name == system)
    return {**found.letters, **rules.other_cyrillic}


def to_latin(word: str, system: System) -> str:
    """Write a lowercase Russian word in one system; "" if it has other letters."""
    stem, tail = word, ""
    for ending in sorted(system.endings, key=len, reverse=True):
        if word.endswith(ending) and len(word) > len(ending):
            stem, tail = word[: -len(ending)], system.endings[ending]
            break
    out = []
    for i, letter in enumerate(stem):
        if letter in system.initial and (i == 0 or stem[i - 1] in _AFTER):
            out.append(system.initial[letter])
        elif letter in system.letters:
            out.append(system.letters[letter])
        else:
            return ""
    return "".join(out) + tail


def to_cyrillic(word: str, rules: Rules) -> list[str]:
    """Read a lowercase Latin word back into Cyrillic, with the fewest pieces.

    Returns at most `max_readings` readings, none with an impossible letter pair;
    [] if some letter has no Cyrillic reading (w, q, x, c: not a Russian name).
    """
    n = len(word)
    longest = max(map(len, rules.reverse))
    # best[i]: (pieces needed for word[i:], its readings), filled from the end
    best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
    best[n] = (0, [""])
    for i in range(n - 1, -1, -1):
        found: tuple[int, list[str]] | None = None
        for size in range(1, min(longest, n - i) + 1):
            rest = best[i + size]
            if rest is None:
                continue
            piece = word[i : i + size]
            letters = list(rules.reverse.get(piece, ()))
            if i == 0:
                letters += rules.reverse_initial.get(piece, ())
            if i + size == n:
                letters += rules.reverse_endings.get(piece, ())
            if not letters:
                continue
            count = rest[0] + 1
            readings = [a + b for a, b in product(letters, rest[1])]
            if found is None or count < found[0]:
                found = (count, readings)
            elif count == found[0]:
                found[1].extend(readings)
        if found is not None:
            found = (found[0], list(dict.fromkeys(found[1]))[:_MAX_PARTIAL])
        best[i] = found
    if best[0] is None:
        return []
    good = [r for r in best[0][1] if not rules.impossible.search(r)]
    return good[: rules.max_readings]


def word_forms(word: str, rules: Rules | None = None, known: Known = NO_KNOWN) -> tuple[str, ...]:
    """Other spellings of one word under which a reader may look for it, lowercase.

    Every form is a known form or a rule's reading of a word shaped like a
    Russian name, read one way only: an ambiguous reading (`Mikhail`: михаил or
    михайл) is left out rather than guessed.
    """
    return _word_forms(word, rules or default_rules(), known)


@cache
def _word_forms(word: str, rules: Rules, known: Known) -> tuple[str, ...]:
    low = word.lower()
    forms: list[str] = []
    # An abbreviation's forms are keyed in capitals (US), a word's in lowercase (us).
    own = known.forms.get(word) if word.isupper() else None
    if own is None:
        own = known.forms.get(low)
    if own is not None:
        forms += own
    elif _CYRILLIC.search(low):
        forms += [to_latin(low, s) for s in rules.systems]
    elif low in rules.terms:
        forms += rules.terms[low]
    else:
        forms += _folded(low, rules)
        readings = to_cyrillic(low, rules) if _may_be_name(word, low, rules) else []
        if len(readings) == 1:
            forms.append(readings[0])
            forms += [to_latin(readings[0], s) for s in rules.systems]
    return tuple(f for f in dict.fromkeys(forms) if f and f != low)


def _may_be_name(word: str, low: str, rules: Rules) -> bool:
    return (
        word[:1].isupper()
        and low.isascii()
        and len(low) >= rules.min_length
        and low not in rules.stopwords
        and rules.looks_russian.search(low) is not None
    )


def _folded(low: str, rules: Rules) -> list[str]:
    if not any(ch in rules.fold for ch in low):
        return []
    choices = [rules.fold.get(ch, (ch,)) for ch in low]
    return ["".join(letters) for letters in product(*choices)]


def words(text: str) -> list[str]:
    """The words of a text, in order, as runs of letters."""
    return _WORD.findall(text)


def folded_forms(text: str, rules: Rules | None = None, known: Known = NO_KNOWN) -> list[str]:
    """Extra index terms for a text: every other spelling of its words, once."""
    rules = rules or default_rules()
    seen: dict[str, None] = {}
    for word in dict.fromkeys(words(text)):
        for form in _word_forms(word, rules, known):
            seen.setdefault(form)
    present = {w.lower() for w in words(text)}
    return [f for f in seen if f not in present]
