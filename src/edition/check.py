"""The editorial report: problems an editor should look at, each with file:line and a hint.

Checking never changes a file. It reads each source as `import` would, applies
editorial.yaml as `build` would, and looks at the result for what a parser
cannot decide: unparsed citations, uncited entries, names spelt two ways,
suspicious archival references, mixed alphabets, abbreviations in several forms.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from edition.citations import bibcheck, bibmatch
from edition.citations import grammar as citations
from edition.citations.registry import REGISTRY_FILE, edition_registry
from edition.config import Config
from edition.content import editorial
from edition.content.emend import apply_editorial
from edition.content.source_import import read_source
from edition.errors import Problem, Problems, placed
from edition.model import Article, Citation
from edition.text.sources import list_sources

_WORD = re.compile(r"[^\W\d_]+")
_ABBREVIATION = re.compile(r"(?<![^\W\d_])[A-ZА-ЯЁ]{2,6}(?![^\W\d_])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
# "Communist Party of China (CPC)": capitalised words, with small joining words.
_EXPANSION = re.compile(
    r"((?:[A-Z][\w’'-]+\s+(?:(?:of|the|and|for|de|des|du)\s+)*){1,8}[A-Z][\w’'-]+)\s*"
    r"\(([A-Z]{2,6})\)"
)
_SMALL = {"of", "the", "and", "for", "de", "des", "du"}


def scripts_of(word: str) -> set[str]:
    """The alphabets of a word's letters: {'LATIN', 'CYRILLIC', ...}."""
    return {unicodedata.name(ch, "?").split(" ")[0] for ch in word if ch.isalpha()}


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Latin and Cyrillic letters, in order of appearance."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        if {"LATIN", "CYRILLIC"} <= scripts_of(word) and word not in found:
            found.append(word)
    return found


def abbreviations(text: str) -> list[str]:
    """Abbreviations in capitals (Latin or Cyrillic), Roman numerals left out."""
    return [a for a in _ABBREVIATION.findall(text) if not _ROMAN.match(a) and len(set(a)) > 1]


def expansions(text: str) -> list[tuple[str, str]]:
    """(expansion, abbreviation) pairs written as 'Full Name (ABBR)'."""
    return [(m.group(1), m.group(2)) for m in _EXPANSION.finditer(text)]


def _expansion_key(expansion: str) -> frozenset[str]:
    words = re.findall(r"[\w’'-]+", expansion.lower())
    return frozenset(w for w in words if w not in _SMALL)


def abbreviation_variants(texts: Sequence[str]) -> list[list[tuple[str, int]]]:
    """Groups of abbreviations that are one name written differently, with counts.

    Two forms are one name when they use the same letters in another order
    (PLA, ALP, LPA) or are given in parentheses after the same expansion.
    Each group is sorted by frequency, most used first.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(abbreviations(text))
    groups: dict[object, set[str]] = defaultdict(set)
    for form in counts:
        groups["".join(sorted(form))].add(form)
    by_expansion: dict[frozenset[str], set[str]] = defaultdict(set)
    for text in texts:
        for expansion, form in expansions(text):
            by_expansion[_expansion_key(expansion)].add(form)
    merged: list[set[str]] = [g for g in groups.values() if len(g) > 1]
    merged += [g for g in by_expansion.values() if len(g) > 1]
    result, seen = [], set()
    for group in merged:
        key = frozenset(group)
        if key in seen:
            continue
        seen.add(key)
        result.append(sorted(((f, counts[f]) for f in group), key=lambda fc: (-fc[1], fc[0])))
    return sorted(result, key=lambda g: g[0][0])


_ORDINAL = re.compile(r"(?<!\w)(\d+)(st|nd|rd|th)(?!\w)")


def ordinal_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def wrong_ordinals(text: str) -> list[tuple[str, str]]:
    """(as written, as it should be) for ordinals with the wrong suffix: 22th -> 22nd."""
    return [
        (m.group(), m.group(1) + ordinal_suffix(int(m.group(1))))
        for m in _ORDINAL.finditer(text)
        if ordinal_suffix(int(m.group(1))) != m.group(2)
    ]


def locate(lines: Sequence[str], start: int, needle: str) -> int:
    """The first line at or after `start` (1-based) containing `needle`, else `start`."""
    for number in range(max(start, 1), len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return start


def _texts(article: Article) -> list[tuple[str, int]]:
    """Every piece of the article's text with the source line it starts at."""
    pieces = [(article.title, article.title_line), (article.abstract, article.title_line)]
    pieces += [(p.text, p.line) for p in article.paragraphs]
    pieces += [(n.text, n.line) for n in article.notes]
    pieces += [(e.original, e.line) for e in article.bibliography]
    return pieces


def check_article(article: Article, lines: Sequence[str]) -> list[Problem]:
    """The editorial problems of one parsed article; `lines` are its source's lines.

    A PDF's lines are those read from it; its problems are named by page and line.
    """
    path = article.source
    problems = Problems()
    problems.items.extend(citations.citation_problems(article.notes, path))
    by_key: dict[str, list[tuple[int, Citation]]] = defaultdict(list)
    entries = {e.key: e for e in article.bibliography}
    for note in article.notes:
        for c in note.citations:
            if c.kind != "bibliographic":
                if c.bib_key in entries:  # an archive or a web page listed in the bibliography
                    by_key[c.bib_key].append((note.n, c))
                continue
            if not c.bib_key or c.bib_key not in entries:
                problems.warning(
                    path,
                    note.line,
                    f"note {note.n}: short citation {c.text!r} has no bibliography entry",
                    "add the work to the bibliography, or link it by hand in editorial.yaml"
                    " (overrides: note, citation, bib_key)",
                    "citation-without-entry",
                )
                continue
            by_key[c.bib_key].append((note.n, c))
            for difference in bibmatch.compare_citation(c.text, entries[c.bib_key]):
                problems.warning(
                    path,
                    note.line,
                    f"note {note.n}: {c.text!r} differs from the bibliography: {difference}",
                    f"compare with the entry at line {entries[c.bib_key].line}; correct one of"
                    " them with an emendation",
                    "citation-differs",
                )
    problems.items.extend(bibcheck.bibliography_problems(article.bibliography, by_key, path))
    for text, start in _texts(article):
        for word in mixed_script_words(text):
            cyrillic = "".join(ch for ch in word if "CYRILLIC" in unicodedata.name(ch, ""))
            problems.warning(
                path,
                locate(lines, start, word),
                f"word {word!r} mixes Latin and Cyrillic letters (Cyrillic: {cyrillic!r})",
                "an extraction artefact? record the word in one alphabet as an emendation",
                "mixed-script",
            )
    for text, start in _texts(article):
        for wrong, right in wrong_ordinals(text):
            problems.warning(
                path,
                _locate_word(lines, start, wrong),
                f"ordinal {wrong!r} should be {right!r}",
                "a misprint? record the correction as an emendation",
                "ordinal",
            )
    problems.items.extend(_abbreviation_problems(article, lines))
    return placed(problems.items, path, article.page_lines)


def _abbreviation_problems(article: Article, lines: Sequence[str]) -> list[Problem]:
    pieces = _texts(article)
    problems = Problems()
    for group in abbreviation_variants([t for t, _ in pieces]):
        main, main_count = group[0]
        for form, count in group[1:]:
            start = next(s for t, s in pieces if form in abbreviations(t))
            others = ", ".join(f"{f!r} ({c}×)" for f, c in group if f != form)
            problems.warning(
                article.source,
                _locate_word(lines, start, form),
                f"abbreviation {form!r} ({count}×) is also written {others}",
                f"one organisation, one abbreviation? the most used form is {main!r}"
                f" ({main_count}×); record the choice as emendations",
                "abbreviation-variant",
            )
    return problems.items


def _locate_word(lines: Sequence[str], start: int, word: str) -> int:
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
    for number in range(max(start, 1), len(lines) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return start


def check_project(config: Config) -> list[Problem]:
    """Read every source as import would, apply editorial.yaml, and check it; write nothing."""
    problems = Problems()
    registry_shown = config.shown(config.content / REGISTRY_FILE)
    registry = edition_registry(config.content, registry_shown, problems)
    if registry is None:
        return problems.items
    sources, found = list_sources(config)
    problems.items.extend(found)
    for source, slug in ((s.path, s.slug) for s in sources):
        shown = config.shown(source)
        article, lines, found = read_source(source.read_bytes(), shown, slug, registry)
        problems.extend(found)
        if article is None:
            continue
        folder = config.content / slug
        decisions, found = editorial.load_editorial(
            folder, f"{config.shown(folder)}/editorial.yaml"
        )
        problems.extend(found)
        if decisions is not None:
            article, found = apply_editorial(article, decisions)
            problems.extend(found)
        found = check_article(article, lines)
        if decisions is not None:
            found = mark_reviewed(found, decisions)
        problems.items.extend(found)
    return _unique(problems.items)


# The bibliography parser flags mixed alphabets too; the check says it better.
_SUPERSEDED = {"bib-mixed-script"}


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.path, p.line, p.message)
        if key not in seen and p.code not in _SUPERSEDED:
            seen.add(key)
            out.append(p)
    return out


def mark_reviewed(problems: list[Problem], decisions: editorial.Editorial) -> list[Problem]:
    """Warnings the editors recorded under `reviewed:` become 'reviewed', not warnings.

    A recorded review that matches nothing is itself a warning: the text changed.
    """
    out, used = [], set()
    for p in problems:
        review = next((r for r in decisions.reviewed if r.covers(p.code, p.message)), None)
        if p.severity == "warning" and review is not None:
            used.add(review.line)
            p = replace(p, severity="reviewed", hint=f"reviewed: {review.reason}")
        out.append(p)
    for review in decisions.reviewed:
        if review.line not in used:
            out.append(
                Problem(
                    "warning",
                    decisions.path,
                    review.line,
                    f"reviewed warning {review.code!r} matching {review.match!r} no longer occurs",
                    "remove the entry, or update its 'match'",
                    "stale-review",
                )
            )
    return out


def format_text(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    errors = sum(p.severity == "error" for p in problems)
    reviewed = sum(p.severity == "reviewed" for p in problems)
    lines = [str(p) for p in problems]
    lines.append(
        f"{errors} error(s), {len(problems) - errors - reviewed} warning(s), {reviewed} reviewed"
    )
    return "\n".join(lines) + "\n"


def format_json(problems: Iterable[Problem]) -> str:
    items = [
        {
            "severity": p.severity,
            "path": p.path,
            "line": p.line,
            "code": p.code,
            "message": p.message,
            "hint": p.hint,
        }
        for p in problems
    ]
    return json.dumps({"problems": items}, ensure_ascii=False, indent=2) + "\n"


def exit_code(problems: Sequence[Problem], strict: bool) -> int:
    """1 when there are errors, or warnings under --strict; else 0."""
    if any(p.severity == "error" for p in problems):
        return 1
    return 1 if strict and any(p.severity == "warning" for p in problems) else 0
