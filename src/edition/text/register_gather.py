"""Names an article prints that the table of names lacks: the clues that show them.

Conservative, because a wrong entry is worse than none: capitalised words are a
name only with a clue beside them — initials (`N. S. Khrushchev`), a title
(`comrade Novikov`, `Marshal Grechko`), a given name the table knows (`Nikolai
Novikov`), an abbreviation in parentheses that spells the words before it
(`Romanian Workers' Party (RWP)`), or a bibliography's author and editor fields.
A word the article also prints in lowercase is a common word, never a name, so
sentence-initial capitals, months and headings make no entry. One pass over
each text's words: no search of every text for every name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from edition.text.names import split_names

_Tokens = list[re.Match[str]]  # the words and marks of a text, with their places
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*|\S")
_MARKUP = re.compile(r"\[\^\d+\]|<[^<>\s]+>|\*")  # note markers, <url>, *italics*
_POSSESSIVE = re.compile(r"['’]s$")
_ROMAN = re.compile(r"[IVX]+")
_CAPITALISED = re.compile(r"(?<![\w'’-])[^\W\d_a-zа-яё][^\W\d_]{1,9}(?![\w-])")
_LOWER_WORD = re.compile(r"[^\W\d_]+")
_SPACED = re.compile(r"(\b[^\W\d_]{1,2}\.)(?=[^\W\d_])")  # N.S. Khrushchev → N. S. Khrushchev


@dataclass(frozen=True)
class Clues:
    """The words that show a name (data/name_clues.yaml), lowercase."""

    comrades: frozenset[str]  # before a name in any case
    titles: frozenset[str]  # before a name when capitalised
    not_names: frozenset[str]
    function_words: frozenset[str]
    initialisms: frozenset[str]  # in capitals
    digraphs: frozenset[str]  # two letters that are one initial: Yu, Zh, Lj


@dataclass(frozen=True)
class Candidate:
    """A name the article prints, as printed, and the clue that showed it."""

    kind: str  # persons, organisations, or archives (never an entry: the archive pages are theirs)
    printed: str
    clue: str  # initials, title, given name, abbreviation, bibliography
    abbreviation: str = ""  # an organisation's, as printed in parentheses


@cache
def default_clues() -> Clues:
    """The clues shipped with edition."""
    text = resources.files("edition").joinpath("data/name_clues.yaml").read_text("utf-8")
    return parse_clues(text)


def parse_clues(text: str) -> Clues:
    """Read the clues from the text of a name_clues.yaml file."""
    data = yaml.safe_load(text)
    keys = ("comrades", "titles", "not_names")
    low = {k: frozenset(str(w).lower() for w in data[k]) for k in keys}
    return Clues(
        comrades=low["comrades"],
        titles=low["titles"],
        not_names=low["not_names"],
        function_words=frozenset(str(w).lower() for w in data["function_words"]),
        initialisms=frozenset(str(w) for w in data["initialisms"]),
        digraphs=frozenset(str(w) for w in data["digraphs"]),
    )


def plain_text(markdown: str) -> str:
    """The words of a block as printed: note markers, URLs and italics marks out."""
    return _MARKUP.sub(" ", markdown)


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word the texts print in lowercase: such a word is not a name."""
    printed = set().union(*map(_LOWER_WORD.findall, texts))
    return frozenset(w for w in printed if w.islower())


@dataclass(frozen=True)
class _Context:
    clues: Clues
    given: frozenset[str]  # given names the table knows, lowercase
    common: frozenset[str]
    # _name_word's answers by word: an article's texts repeat their capitalised words.
    named: dict[str, bool | None] = field(default_factory=dict)


def find_candidates(
    text: str, clues: Clues, given: frozenset[str], common: frozenset[str]
) -> list[Candidate]:
    """The names a text shows by a clue, in order (a text is read once)."""
    return _candidates(text, _Context(clues, given, common))


def find_all_candidates(
    texts: Iterable[str], clues: Clues, given: frozenset[str], common: frozenset[str]
) -> list[Candidate]:
    """find_candidates of each text in turn, their candidates in one list."""
    ctx = _Context(clues, given, common)
    return [c for text in texts for c in _candidates(text, ctx)]


def _candidates(text: str, ctx: _Context) -> list[Candidate]:
    clues = ctx.clues
    source = plain_text(text)
    toks = list(_TOKEN.finditer(source))  # a token's word is toks[i][0]: no tuple a token
    found: list[Candidate] = []
    comrades, digraphs = clues.comrades, clues.digraphs
    # Where a clue may start: no clue starts with a lowercase word but `comrade`, nor
    # with a mark but `(` (a mark is no initial, title or name word).
    starts = [
        i
        for i, m in enumerate(toks)
        if (word := m[0])[0].isupper()
        or word == "("
        or word in comrades
        or word in digraphs
        or (not word[0].islower() and word.lower() in comrades)
    ]
    end = 0
    for i in starts:
        if i < end:
            continue  # inside the name found before
        word = toks[i][0]
        low = word.lower()
        end = 0
        if low in comrades or (low in clues.titles and word[0].isupper()):
            after = i + 1 + (_dot_after(toks, i))
            end = _person(toks, after, ctx)
            if end:
                found.append(Candidate("persons", _span(source, toks, after, end), "title"))
        elif _is_initial(toks, i, clues):
            end = _person(toks, i, ctx)
            if end and _initials_count(toks, i, clues) and not _is_initialism(toks, i, clues):
                found.append(Candidate("persons", _span(source, toks, i, end), "initials"))
            else:
                end = 0
        elif _name_word(word, ctx) is False:
            end = _surnames(toks, i + 1, ctx)
            if end > i + 1:
                found.append(Candidate("persons", _span(source, toks, i, end), "given name"))
            else:
                end = 0
        elif word == "(" and i + 2 < len(toks) and toks[i + 2][0] == ")":
            org = _organisation(toks, i, source, ctx)
            if org is not None:
                found.append(org)
    return found


def _dot_after(toks: _Tokens, i: int) -> int:
    return int(i + 1 < len(toks) and toks[i + 1][0] == "." and toks[i + 1].start() == toks[i].end())


def _is_initial(toks: _Tokens, i: int, clues: Clues) -> bool:
    """`N.` or `Yu.`: one capital (a digraph's two letters) and a full stop right after."""
    word = toks[i][0]
    short = (len(word) == 1 and word.isupper()) or word in clues.digraphs
    return short and bool(_dot_after(toks, i))


def _initials_count(toks: _Tokens, i: int, clues: Clues) -> int:
    count = 0
    while i < len(toks) and _is_initial(toks, i, clues):
        count, i = count + 1, i + 2
    return count if count <= 3 else 0


def _is_initialism(toks: _Tokens, i: int, clues: Clues) -> bool:
    """`U. S. Navy`: letters that spell an initialism, not a person's initials."""
    letters = ""
    while i < len(toks) and _is_initial(toks, i, clues):
        letters, i = letters + toks[i][0], i + 2
    return letters in clues.initialisms


def _name_word(word: str, ctx: _Context) -> bool | None:
    """True for a word that may be a surname, False for a given name the table knows
    (also a name word), None for a word that is no name."""
    if word in ctx.named:
        return ctx.named[word]
    ctx.named[word] = answer = _answer(word, ctx)
    return answer


def _answer(word: str, ctx: _Context) -> bool | None:
    bare = _POSSESSIVE.sub("", word)
    low = bare.lower()
    if not bare[:1].isupper() or bare.isupper() or not any(c.islower() for c in bare):
        return None
    if low in ctx.clues.not_names or low in ctx.clues.titles or low in ctx.common:
        return None
    return low not in ctx.given


def _person(toks: _Tokens, i: int, ctx: _Context) -> int:
    """The end of a person's name starting at token i: initials, then name words,
    then (Russian order: `Shikin I. V.`) initials; 0 if there is none."""
    start = i
    while i < len(toks) and _is_initial(toks, i, ctx.clues):
        i += 2
    if i - start > 6:
        return 0
    words_start = i
    end = _surnames(toks, i, ctx)
    if end == words_start:
        return 0
    if end - words_start == 1 and _name_word(toks[words_start][0], ctx) is False:
        return 0  # a given name alone (comrade Enver) is the table's person, not a new one
    if start == words_start:  # Russian order: the initials follow
        after = end
        while after < len(toks) and _is_initial(toks, after, ctx.clues) and after - end < 6:
            after += 2
        end = after
    return end


def _surnames(toks: _Tokens, i: int, ctx: _Context) -> int:
    """The end of a run of up to three name words starting at token i (a possessive
    ends it: `Novikov's Moscow` is no name)."""
    end = i
    while end < len(toks) and end - i < 3 and _name_word(toks[end][0], ctx) is not None:
        end += 1
        if _POSSESSIVE.search(toks[end - 1][0]):
            break
    return end


def _span(source: str, toks: _Tokens, start: int, end: int) -> str:
    """The printed words from token `start` to `end`, a possessive 's dropped."""
    text = " ".join(source[toks[start].start() : toks[end - 1].end()].split())
    return _POSSESSIVE.sub("", _SPACED.sub(r"\1 ", text))


def _organisation(toks: _Tokens, i: int, source: str, ctx: _Context) -> Candidate | None:
    """`Long Name (ABBR)`: the shortest run of words before the parenthesis, from a
    capitalised word, whose initials spell the abbreviation (small words may be skipped)."""
    abbr = toks[i + 1][0]
    letters = [c for c in abbr if c.isupper()]
    if not (2 <= len(letters) <= 8 and abbr[0].isupper() and len(abbr) - len(letters) <= 2):
        return None
    if _ROMAN.fullmatch(abbr):
        return None
    limit = 2 * len(abbr) + 2
    run: list[str] = []
    start = i
    while start > 0 and len(run) < limit:
        word, at = toks[start - 1][0], toks[start - 1].start()
        start -= 1
        if word in "'’" and start > 0 and toks[start - 1].end() == at:
            continue  # Workers' Party: the apostrophe belongs to the word before
        if not word[0].isalpha():
            return None
        run.insert(0, word)
        small = ctx.clues.function_words
        if (
            word[0].isupper()
            and word.lower() not in small
            and _spells(run, "".join(letters), small)
        ):
            # An archive is no organisation of the register: its pages are the archive's.
            kind = "archives" if _archival(run) else "organisations"
            return Candidate(kind, _span(source, toks, start, i), "abbreviation", abbr)
    return None


_ARCHIVE_WORDS = {"archive", "archives", "arkhiv", "архив", "arhiv", "archiv", "arhivi"}


def _archival(run: list[str]) -> bool:
    return any(w.lower() in _ARCHIVE_WORDS for w in run)


def _spells(run: list[str], abbr: str, small: frozenset[str]) -> bool:
    """Do the words' initials give the abbreviation, each word one letter (a small
    word may give none, a hyphenated word one per part)?"""
    parts = [p for w in run for p in w.split("-") if p]

    @cache
    def fits(w: int, a: int) -> bool:
        if w == len(parts):
            return a == len(abbr)
        word = parts[w]
        if a < len(abbr) and word[0].upper() == abbr[a] and fits(w + 1, a + 1):
            return True
        return word.lower() in small and fits(w + 1, a)

    return fits(0, 0)


def bibliography_candidates(fields: Iterable[str]) -> list[Candidate]:
    """The persons of author and editor fields (`Mastny, V. and M. Byrne`), as
    `V. Mastny`, `M. Byrne`; a name not shaped like a person's is left out."""
    clues = default_clues()
    found = []
    for value in fields:
        one = re.fullmatch(r"[^,]+,[^,]+", value.strip()) and not re.search(r"\sand\s|&", value)
        for name in [value] if one else split_names(value):
            person = _bib_person(name, clues)
            if person:
                found.append(Candidate("persons", person, "bibliography"))
    return found


def _bib_person(name: str, clues: Clues) -> str:
    """`Mastny, V.` → `V. Mastny`, `Mëhilli, Elidor` → `Elidor Mëhilli`, `M. Byrne` as it
    is; "" for what may be a body's name (`Central Intelligence Agency`)."""
    name = name.strip()
    if "," in name:
        surname, given = (p.strip() for p in name.split(",", 1))
        given_parts, surname_parts = given.split(), surname.split()
    else:
        parts = name.split()
        given_parts, surname_parts = parts[:-1], parts[-1:]
        if not all(_BIB_INITIAL.fullmatch(p) for p in given_parts):
            return ""  # full given names without a comma: a person's or a body's
    if not (1 <= len(given_parts) <= 3 and 1 <= len(surname_parts) <= 2):
        return ""
    for part in surname_parts:
        low = part.lower()
        if not part[:1].isupper() or part.isupper() or low in clues.not_names:
            return ""
    for part in given_parts:
        if not (_BIB_INITIAL.fullmatch(part) or _BIB_GIVEN.fullmatch(part)):
            return ""
        if part.lower() in clues.not_names:
            return ""
    return " ".join([*given_parts, *surname_parts])


_BIB_INITIAL = re.compile(r"[^\W\d_]{1,2}\.")
_BIB_GIVEN = re.compile(r"[^\W\d_][^\W\d_'’-]+")


def abbreviations_in(text: str) -> list[str]:
    """Abbreviations a text uses (two to eight capitals, not a Roman numeral), in order."""
    found = []
    for word in _CAPITALISED.findall(plain_text(text)):
        if word[1:].islower():
            continue  # one capital at most (Moscow): most words, told at once
        capitals = sum(c.isupper() for c in word)
        shaped = 2 <= capitals <= 8 and capitals >= len(word) - 1 and word[0].isupper()
        if shaped and not _ROMAN.fullmatch(word):
            found.append(word)
    return list(dict.fromkeys(found))
