"""The forms a table of names gives each word, for the search's hidden spellings."""

from __future__ import annotations

import re

from edition.text.register import NameTable, fold_text
from edition.text.spellings import Known, Rules, default_rules, to_latin

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def known_forms(table: NameTable, rules: Rules | None = None) -> Known:
    """Each word's forms: every one-word form of an entry stands for the others, and
    a person's or place's forms of as many words stand word for word (Enver Hoxha /
    Энвер Ходжа). An organisation's long forms are not paired word for word: its
    languages order words differently (Party of Labour of Albania / Partia e Punës
    e Shqipërisë).

    A Russian form is also written out in every system of the rules (Ходжа →
    khodzha, hodzha): a real word, transliterated.
    """
    rules = rules or default_rules()
    groups: dict[str, dict[str, None]] = {}
    for name in table.names:
        by_length: dict[int, list[list[str]]] = {}
        for form in name.forms:
            parts = form.split()
            if len(parts) == 1 or name.kind != "organisations":
                by_length.setdefault(len(parts), []).append(parts)
        if name.kind == "persons":  # the surnames stand for each other too
            surnames = [[p[-1]] for size, forms in by_length.items() if size > 1 for p in forms]
            by_length.setdefault(1, []).extend(surnames)
        for forms in by_length.values():
            for column in zip(*forms, strict=True):
                _join(groups, column, rules)
    return Known({word: tuple(forms) for word, forms in groups.items()})


def _spellings(column: tuple[str, ...], rules: Rules) -> list[str]:
    """The words of one column, lowercase, with Russian ones transliterated and
    Latin ones also without diacritics. A Russian abbreviation is not transliterated
    (АПТ is not "apt"): the table gives its Latin forms where they are in use."""
    found = [w.lower() for w in column]
    for word in column:
        if not _CYRILLIC.search(word):
            found.append(fold_text(word).lower())
        elif not _is_abbreviation(word):
            found += [to_latin(word.lower(), system) for system in rules.systems]
    return [w for w in dict.fromkeys(found) if w]


def _join(groups: dict[str, dict[str, None]], column: tuple[str, ...], rules: Rules) -> None:
    spellings = _spellings(column, rules)
    # An abbreviation stands for its entry only in capitals: `US`, never the word `us`.
    capitals = {w.lower() for w in column if _is_abbreviation(w)}
    keys = [w for w in column if _is_abbreviation(w)] + [w for w in spellings if w not in capitals]
    for key in dict.fromkeys(keys):
        group = groups.setdefault(key, {})
        group.update(dict.fromkeys(w for w in spellings if w != key.lower()))


def _is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper()
