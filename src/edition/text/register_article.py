"""An article's register: the table's names and the names the article itself shows.

register_gather.py finds the candidates; this module drops those the table knows,
gives an abbreviation the article spells out to the table's entry it belongs to
(`People's Republic of Albania (PRA)`), and makes an entry of each other name,
with its printed forms, the other spellings the transliteration rules give and,
only where the rules read every word back one way, a derived Russian form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from edition.model import Article
from edition.text.register import (
    Entry,
    Name,
    NameTable,
    find_mentions,
    fold_text,
    gather_register,
)
from edition.text.register_gather import (
    Candidate,
    Clues,
    abbreviations_in,
    bibliography_candidates,
    common_words,
    default_clues,
    find_all_candidates,
    plain_text,
)
from edition.text.spellings import (
    Rules,
    System,
    default_rules,
    to_cyrillic,
    to_latin,
    word_forms,
    words,
)

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_INITIAL = re.compile(r"[^\W\d_]{1,2}\.")


@dataclass(frozen=True)
class ArticleNames:
    """The table an article's register is read with, and what import could not place."""

    table: NameTable
    unexplained: tuple[str, ...]  # abbreviations the article uses that no entry has


@dataclass(frozen=True)
class Register:
    """An article's register: its entries and the abbreviations no entry explains."""

    entries: tuple[Entry, ...]
    unexplained: tuple[str, ...]


# A build asks three times an article (import for register.yaml, the names page, the
# article's cards): the answers are kept by what the register reads of the article
# and by the table's identity (one object a names.yaml: site.edition_names).
_MADE: dict[tuple, Register] = {}
_TABLE: list[NameTable] = []  # the table the kept answers are of
_KEPT = 16384


def article_register(article: Article, table: NameTable) -> tuple[Entry, ...]:
    """Every name the article mentions: the table's and those the article shows, with
    each paragraph, note and bibliography entry mentioning it."""
    return made_register(article, table).entries


def made_register(article: Article, table: NameTable) -> Register:
    """The article's register with the table (see article_register) and what it leaves
    unexplained; made once for the same text and table."""
    if not _TABLE or _TABLE[0] is not table:
        _MADE.clear()
        _TABLE[:] = [table]
    key = _read_by_register(article)
    made = _MADE.get(key)
    if made is None:
        names = article_names(article, table)
        entries = gather_register(article, names.table, bibliography=True)
        made = Register(entries, names.unexplained)
        if len(_MADE) >= _KEPT:
            _MADE.pop(next(iter(_MADE)))
        _MADE[key] = made
    return made


def _read_by_register(article: Article) -> tuple:
    """All of the article that article_names and gather_register read: two articles
    alike in these have the same register."""
    return (
        tuple((p.n, p.level, p.text) for p in article.paragraphs),
        tuple(
            (n.n, n.text, tuple((c.kind, c.archive, c.text) for c in n.citations))
            for n in article.notes
        ),
        tuple((e.key, e.original, e.fields) for e in article.bibliography),
    )


def article_names(
    article: Article, table: NameTable, rules: Rules | None = None, clues: Clues | None = None
) -> ArticleNames:
    """The table with the article's own names added (origin "article")."""
    rules, clues = rules or default_rules(), clues or default_clues()
    texts = [p.text for p in article.paragraphs if not p.level] + [n.text for n in article.notes]
    bib = [e.original for e in article.bibliography]
    common = common_words([plain_text(t) for t in texts] + bib)
    given = given_names(table)
    found = find_all_candidates(texts, clues, given, common)
    fields = [e.field(f) for e in article.bibliography for f in ("author", "editor") if e.field(f)]
    found += bibliography_candidates(fields)
    ignored = {_folded_key(i) for i in table.ignored}
    found = [c for c in found if _folded_key(c.printed) not in ignored]
    names = list(table.names)
    new: list[Name] = []
    persons: dict[str, list[str]] = {}
    known = find_mentions([c.printed for c in found], table)
    by_candidate: dict[int, list[tuple[Name, str]]] = {}
    for name, where in known:
        for index, printed in where:
            by_candidate.setdefault(index, []).append((name, printed))
    organisations: dict[str, list[str]] = {}  # abbreviation -> its long forms
    for index, candidate in enumerate(found):
        hits = by_candidate.get(index, [])
        if candidate.kind == "archives":
            continue
        if candidate.kind == "persons":
            surname = _folded_key(_surname_of(candidate))
            if surname and not any(surname in _folded_key(p).split() for _, p in hits):
                persons.setdefault(surname, []).append(candidate.printed)
        else:
            _organisation(candidate, hits, names, organisations)
    for abbr, forms in organisations.items():
        new.append(
            Name(
                "organisations",
                forms[0],
                also=tuple(forms[1:]),
                abbreviations=(abbr,),
                origin="article",
            )
        )
    for forms in persons.values():
        new += _persons(forms, rules)
    keys = {n.key for n in names}
    for name in new:  # a gathered name never takes an entry's id (`A. Gromov`, `A Gromov`)
        if name.key not in keys:
            keys.add(name.key)
            names.append(name)
    made = NameTable(tuple(names), table.ignored)
    archives = {c.abbreviation for c in found if c.kind == "archives"}
    return ArticleNames(made, _unexplained(article, texts, made, archives))


def given_names(table: NameTable) -> frozenset[str]:
    """The first words of the table's persons' names (Nikolai, Enver, Никита), lowercase."""
    found = set()
    for name in table.names:
        if name.kind == "persons":
            for form in name.forms:
                parts = form.split()
                if len(parts) > 1 and not parts[0].endswith("."):
                    found.add(parts[0].lower())
    return frozenset(found)


def _folded_key(text: str) -> str:
    return " ".join(words(fold_text(text).lower()))


def _surname_of(candidate: Candidate) -> str:
    """The surname of `N. S. Khrushchev` or `Shikin I. V.`: the last word not an initial."""
    parts = [p for p in candidate.printed.split() if not _INITIAL.fullmatch(p)]
    return parts[-1] if parts else ""


def _organisation(
    candidate: Candidate,
    hits: list[tuple[Name, str]],
    names: list[Name],
    organisations: dict[str, list[str]],
) -> None:
    """Give the abbreviation to the table's entry the long form is, or keep a new one."""
    abbr, key = candidate.abbreviation, _folded_key(candidate.printed)
    if any(abbr in n.abbreviations or abbr in n.also for n in names):
        return  # known already, or another entry's: the long form is no new name
    whole = [n for n, printed in hits if _folded_key(printed) == key]
    if whole:
        # By kind and name: an earlier abbreviation may have replaced the entry already.
        at = next(
            i for i, n in enumerate(names) if (n.kind, n.name) == (whole[0].kind, whole[0].name)
        )
        entry = names[at]
        names[at] = replace(
            entry,
            abbreviations=(*entry.abbreviations, abbr),
            gathered=(*entry.gathered, abbr),
        )
        return
    forms = organisations.setdefault(abbr, [])
    if candidate.printed not in forms:
        forms.append(candidate.printed)


def _persons(forms: list[str], rules: Rules) -> list[Name]:
    """One entry per person of a surname: forms whose initials agree are one person."""
    groups: list[list[str]] = []
    for form in dict.fromkeys(forms):
        for group in groups:
            if all(_agree(form, other) for other in group):
                group.append(form)
                break
        else:
            groups.append([form])
    shared = len(groups) > 1  # two persons of one surname: neither is found by it alone
    made = []
    for group in groups:
        heading = max(group, key=lambda f: (len(f.split()), len(f)))
        others = [f for f in group if f != heading]
        latin, russian = spellings_of(heading, rules)
        also = tuple(dict.fromkeys(f for f in (*others, *latin) if f != heading))
        made.append(
            Name(
                "persons",
                heading,
                also=also,
                derived=russian,
                origin="article",
                by_surname=not shared,
            )
        )
    return made


def _given(form: str) -> list[str]:
    """The first letters of a form's given names and initials: `N. S. Khrushchev` → N, S."""
    parts = form.split()
    if len(parts) > 1 and all(_INITIAL.fullmatch(p) for p in parts[1:]):  # Shikin I. V.
        return [p[0] for p in parts[1:]]
    return [p[0] for p in parts[:-1]]


def _agree(one: str, other: str) -> bool:
    a, b = _given(one), _given(other)
    # `W. E. Griffith` in a note and `Griffith, E. W.` in the bibliography: print
    # swaps initials more often than an article cites two such namesakes.
    return a[: len(b)] == b[: len(a)] or sorted(a) == sorted(b)


def spellings_of(
    printed: str, rules: Rules | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's other Latin spellings and its Russian reading ((), when some word
    reads more than one way or is no Russian word: a guess is not offered)."""
    rules = rules or default_rules()
    parts = printed.split()
    if _CYRILLIC.search(printed):  # printed in Cyrillic: its own form; Latin in each system
        spelt = [[_latin(p, system) for p in parts] for system in rules.systems]
        return tuple(dict.fromkeys(" ".join(w) for w in spelt if all(w))), ()
    latin = []
    folded = fold_text(printed)
    if folded != printed:
        latin.append(folded)  # Mëhilli → Mehilli
    cyrillic: list[str | None] = []
    for k, part in enumerate(parts):
        if _INITIAL.fullmatch(part):
            readings = to_cyrillic(part[:-1].lower(), rules)
            cyrillic.append(_cap(readings[0]) + "." if len(readings) == 1 else None)
            continue
        forms = word_forms(part, rules) if "-" not in part else ()
        readings = [f for f in forms if _CYRILLIC.search(f)]
        cyrillic.append(_cap(readings[0]) if len(readings) == 1 else None)
        for form in forms:
            if not _CYRILLIC.search(form) and form != fold_text(part).lower():
                latin.append(" ".join([*parts[:k], _cap(form), *parts[k + 1 :]]))
    russian = (" ".join(c for c in cyrillic if c),) if cyrillic and all(cyrillic) else ()
    return tuple(dict.fromkeys(latin)), russian


def _latin(part: str, system: System) -> str:
    """A Cyrillic word or initial in one system, capitalised ("" if it cannot be)."""
    stop = "." if part.endswith(".") else ""
    word = to_latin(part.rstrip(".").lower(), system)
    return _cap(word) + stop if word else ""


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _unexplained(
    article: Article, texts: list[str], table: NameTable, archives: set[str]
) -> tuple[str, ...]:
    """Abbreviations the article uses that no entry has (archives' names left out)."""
    have = {w for n in table.names for f in n.forms for w in f.split()}
    archives = {a.lower() for a in archives} | {
        w.lower()
        for n in article.notes
        for c in n.citations
        if c.kind == "archival"
        for w in (c.archive, *words(c.text))
        if w
    }
    found = [a for t in texts for a in abbreviations_in(t)]
    return tuple(a for a in dict.fromkeys(found) if a not in have and a.lower() not in archives)
