"""Synthetic corpus for benchmarks and tests: the bundled article, varied and re-paginated.

Run: ``python benchmarks/corpus.py --count N --out DIR [--seed S]``.

The module has its own coarse reader of the source form (header, body paragraphs
rejoined across print page breaks, notes, bibliography) so that it does not depend
on ``edition``'s reader. Every break the generator lays out is decidable from the
text itself with these rules, so a reader's output can be compared with the truth:

- a body block continues the paragraph before it (across the notes at the foot of
  a page, if any) unless that paragraph ends a sentence: ``.?!`` before any closing
  quotes, brackets and note markers;
- a fragment ending in ``-`` ends with a line-break hyphen (joined: ``obvi-`` +
  ``ous``) unless the next fragment starts with a capital or a digit, or the same
  hyphenated pair occurs elsewhere in the article (kept: ``Soviet-`` + ``Albanian``).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

BUNDLED = Path(__file__).resolve().parent.parent / "sources" / "balcanica-2019-edemskiy.txt"

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
_TO_SUPERSCRIPTS = str.maketrans("0123456789", SUPERSCRIPTS)
_NO_SUPERSCRIPTS = str.maketrans("", "", SUPERSCRIPTS)
_MARKER = re.compile("[\u00b2\u00b3\u00b9\u2070-\u2079]+")  # the superscript digits
_NOTE = re.compile(f"^([{SUPERSCRIPTS}]+) (.*)$", re.DOTALL)
_CLOSERS = "\"'”’»)]*" + SUPERSCRIPTS
_HEAD_WORD = re.compile(r"\w+")
_WORD_END = re.compile(r"\w+$")
_TAIL_WORD = re.compile(r"(\w+)-$")
_COMPOUND = re.compile(r"(?<=\w)-(?=\w)")
_ALPHA_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Break:
    """Where a print page broke: in paragraph `paragraph` (0-based) at `offset`.

    `kind` is "paragraph" (the page ended with a paragraph, then notes), "space"
    (between two words), "hyphen" (inside a word; line-break hyphen removed) or
    "compound" (after a real compound's hyphen, kept). A page that ends with a
    paragraph and has no notes leaves no trace and is not recorded.
    """

    paragraph: int
    offset: int
    kind: str


@dataclass(frozen=True)
class CoarseArticle:
    """An article in the source form, split coarsely into its parts."""

    header: str  # everything up to and including the "Keywords:" line, verbatim
    paragraphs: tuple[str, ...]  # body paragraphs, rejoined across page breaks
    notes: Mapping[int, str]  # note number -> text as printed, without its marker
    author_note: str | None  # the "* ..." note, verbatim
    bibliography: str  # from the "Bibliography" line to the end, verbatim
    breaks: tuple[Break, ...]


def to_superscript(number: int) -> str:
    return str(number).translate(_TO_SUPERSCRIPTS)


def ends_sentence(text: str) -> bool:
    """Tell whether `text` ends a sentence (ignoring closing quotes and note markers)."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in (".", "?", "!")


def hyphen_pairs(text: str) -> Counter[tuple[str, str]]:
    """Count each pair of words joined by a hyphen inside one line of `text`."""
    pairs: Counter[tuple[str, str]] = Counter()
    hyphen = text.find("-")
    while hyphen != -1:
        left = _WORD_END.search(text, max(0, hyphen - 80), hyphen)
        right = _HEAD_WORD.match(text, hyphen + 1)
        if left and right:
            pairs[_bare(left.group()), _bare(right.group())] += 1
        hyphen = text.find("-", hyphen + 1)
    return pairs


def keeps_hyphen(left: str, right: str, pairs: Mapping[tuple[str, str], int]) -> bool:
    """Tell whether `left-` at a page end and `right` after it form a real compound."""
    left, right = _bare(left), _bare(right)
    return right[:1].isupper() or right[:1].isdigit() or pairs.get((left, right), 0) > 0


def _bare(word: str) -> str:
    return word.translate(_NO_SUPERSCRIPTS)


def parse(text: str) -> CoarseArticle:
    """Split an article in the source form into header, paragraphs, notes, bibliography."""
    lines = text.split("\n")
    keywords = next(i for i, line in enumerate(lines) if line.startswith("Keywords:"))
    bib = next(i for i in range(keywords + 1, len(lines)) if lines[i].strip() == "Bibliography")
    pairs = hyphen_pairs(text)
    paragraphs: list[str] = []
    notes: dict[int, str] = {}
    author_note = None
    breaks: list[Break] = []
    after_notes = False
    for block in _blocks(lines[keywords + 1 : bib]):
        note = _NOTE.match(block)
        if note:
            notes[int(note.group(1).translate(_TO_DIGITS))] = note.group(2)
        elif block.startswith("* "):
            author_note = block
        elif paragraphs and not ends_sentence(paragraphs[-1]):
            paragraphs[-1], kind, offset = _join(paragraphs[-1], block, pairs)
            breaks.append(Break(len(paragraphs) - 1, offset, kind))
        else:
            if after_notes and paragraphs:
                breaks.append(Break(len(paragraphs), 0, "paragraph"))
            paragraphs.append(block)
        after_notes = bool(note) or block.startswith("* ")
    return CoarseArticle(
        header="\n".join(lines[: keywords + 1]),
        paragraphs=tuple(paragraphs),
        notes=notes,
        author_note=author_note,
        bibliography="\n".join(lines[bib:]),
        breaks=tuple(breaks),
    )


def _blocks(lines: Sequence[str]) -> Iterator[str]:
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            yield " ".join(block)
            block = []


def _join(before: str, after: str, pairs: Mapping[tuple[str, str], int]) -> tuple[str, str, int]:
    """Join a paragraph's fragments across a page break: (text, kind, offset)."""
    tail = _TAIL_WORD.search(before)
    head = _HEAD_WORD.match(after)
    if tail and head:
        if keeps_hyphen(tail.group(1), head.group(), pairs):
            return before + after, "compound", len(before)
        return before[:-1] + after, "hyphen", len(before) - 1
    return f"{before} {after}", "space", len(before) + 1


@cache
def bundled() -> CoarseArticle:
    """Return the bundled article, parsed coarsely."""
    return parse(BUNDLED.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class _Cut:
    """The end of a page: its last fragment is paragraphs[paragraph][:end] + suffix."""

    paragraph: int
    end: int
    resume: tuple[int, int]  # (paragraph, offset) where the next page starts
    suffix: str  # "-" after a line-break hyphen


def repaginate(
    paragraphs: Sequence[str],
    notes: Mapping[int, str],
    rng: random.Random,
    *,
    header: str,
    bibliography: str,
    author_note: str | None = None,
    first_page: tuple[int, int] = (300, 1500),
    page: tuple[int, int] = (1800, 4200),
    hyphen_rate: float = 0.25,
    compound_rate: float = 0.2,
) -> str:
    """Lay the article out again in the source form, with page breaks drawn from `rng`.

    Page lengths (characters of body text) are drawn from `first_page` and `page`.
    A page ends between words, inside a word (`hyphen_rate`: line-break hyphen) or
    after a compound's hyphen (`compound_rate`), only where the module's rules
    decide it back; the notes whose markers fall on a page follow its text, the
    author note follows the first page. `parse` of the result gives `paragraphs`.
    """
    for n, text in enumerate(paragraphs):
        if not ends_sentence(text):
            raise ValueError(f"paragraph {n + 1} does not end a sentence: {text[-40:]!r}")
    pairs = hyphen_pairs("\n".join([header, *paragraphs, *notes.values(), bibliography]))
    markers = [
        [(m.start(), int(m.group().translate(_TO_DIGITS))) for m in _MARKER.finditer(text)]
        for text in paragraphs
    ]
    blocks = [header]
    start = (0, 0)
    while start[0] < len(paragraphs):
        first = len(blocks) == 1
        budget = rng.randint(*(first_page if first else page))
        cut = _find_cut(paragraphs, markers, start, budget, first and bool(author_note))
        if cut is not None:
            cut = _shape_cut(paragraphs[cut.paragraph], cut, rng, pairs, hyphen_rate, compound_rate)
        last = len(paragraphs) - 1
        end = (last, len(paragraphs[last])) if cut is None else (cut.paragraph, cut.end)
        numbers = []
        for j in range(start[0], end[0] + 1):
            lo = start[1] if j == start[0] else 0
            hi = end[1] if j == end[0] else len(paragraphs[j])
            fragment = paragraphs[j][lo:hi] + (cut.suffix if cut and j == end[0] else "")
            if fragment:
                blocks.append(fragment)
            numbers += [n for pos, n in markers[j] if lo <= pos < hi]
        if first and author_note:
            blocks.append(author_note)
        for n in numbers:
            if n not in notes:
                raise ValueError(f"note marker {n} has no note")
            blocks.append(f"{to_superscript(n)} {notes[n]}")
        start = (len(paragraphs), 0) if cut is None else cut.resume
    return "\n\n".join(blocks) + "\n\n" + bibliography


def _find_cut(
    paragraphs: Sequence[str],
    markers: Sequence[Sequence[tuple[int, int]]],
    start: tuple[int, int],
    budget: int,
    has_note: bool,
) -> _Cut | None:
    """Find the first legal page end at least `budget` characters after `start`."""
    j, target = start[0], start[1] + budget
    while j < len(paragraphs) and target >= len(paragraphs[j]):
        target -= len(paragraphs[j])
        j += 1
    while j < len(paragraphs):
        text = paragraphs[j]
        space = text.find(" ", target)
        while space != -1:
            if _can_cut_at(text, space):
                return _Cut(j, space, (j, space + 1), "")
            space = text.find(" ", space + 1)
        # A page that ends with its paragraph is visible only through its notes.
        has_note = has_note or any(
            pos >= (start[1] if k == start[0] else 0)
            for k in range(start[0], j + 1)
            for pos, _ in markers[k]
        )
        if j + 1 < len(paragraphs) and has_note:
            return _Cut(j, len(text), (j + 1, 0), "")
        j, target = j + 1, 0
    return None


def _can_cut_at(text: str, space: int) -> bool:
    """Tell whether a page may end at this space and the reader still see a continuation."""
    if space == 0 or space + 1 >= len(text) or " " in (text[space - 1], text[space + 1]):
        return False
    before, after = text[space - 1], text[space + 1]
    return (before.isalpha() or before in "0123456789,;") and after not in "*-–—" + SUPERSCRIPTS


def _shape_cut(
    text: str,
    cut: _Cut,
    rng: random.Random,
    pairs: Counter[tuple[str, str]],
    hyphen_rate: float,
    compound_rate: float,
) -> _Cut:
    """Move a cut between words to a compound's hyphen or into a word, now and then."""
    if cut.end == len(text):
        return cut
    roll = rng.random()
    window = min(len(text), cut.end + 400)
    if roll < compound_rate:
        for m in _COMPOUND.finditer(text, cut.end, window):
            hyphen = m.start()
            left = _WORD_END.search(text, max(0, hyphen - 80), hyphen)
            right = _HEAD_WORD.match(text, hyphen + 1)
            pair = (_bare(left.group()), _bare(right.group())) if left and right else None
            # Broken here, the pair must still be readable somewhere else.
            if pair and (keeps_hyphen(*pair, {}) or pairs[pair] >= 2):
                pairs[pair] -= 1
                return _Cut(cut.paragraph, hyphen + 1, (cut.paragraph, hyphen + 1), "")
    elif roll < compound_rate + hyphen_rate:
        for word in _ALPHA_WORD.finditer(text, cut.end, window):
            before = text[word.start() - 1]
            after = text[word.end() : word.end() + 1]
            # Whole words outside compounds only: the article's pairs must not change.
            if len(word.group()) < 6 or before.isalnum() or before in "-_":
                continue
            if after and (after.isalnum() or after in "-_"):
                continue
            k = rng.randint(3, len(word.group()) - 3)
            left, right = word.group()[:k], word.group()[k:]
            if right[0].islower() and not keeps_hyphen(left, right, pairs):
                split = word.start() + k
                return _Cut(cut.paragraph, split, (cut.paragraph, split), "-")
    return cut


# Archives cited in style (D): ARCHIVE, F n, inv. n, f. n, pp. a–b.
ARCHIVES: dict[str, tuple[str, str]] = {
    "RGANI": (
        "Rossiiskii gosudarstvennyi arkhiv noveishei istorii",
        "Russian State Archives of Contemporary History",
    ),
    "RGASPI": (
        "Rossiiskii gosudarstvennyi arkhiv sotsial'no-politicheskoi istorii",
        "Russian State Archive of Socio-Political History",
    ),
    "GARF": (
        "Gosudarstvennyi arkhiv Rossiiskoi Federatsii",
        "State Archive of the Russian Federation",
    ),
    "AVP RF": (
        "Arkhiv vneshnei politiki Rossiiskoi Federatsii",
        "Archive of Foreign Policy of the Russian Federation",
    ),
}
# fmt: off
_FIRST_NAMES = (
    "Andrey", "Milan", "Jelena", "Dragan", "Ana", "Nikola", "Vesna", "Petar", "Marija", "Stefan",
    "Ivana", "Bojan", "Katarina", "Aleksandar", "Dimitar", "Elena", "Georgi", "Ilir", "Teuta",
    "Besnik", "Yannis", "Eleni", "Kostas", "Sofia", "Mihai", "Ioana", "Tamás", "Zsófia", "Pavel",
    "Olga",
)
_LAST_NAMES = (
    "Edemskiy", "Kovačević", "Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević",
    "Stojanović", "Ilić", "Popović", "Dimitrov", "Georgiev", "Ivanova", "Hoxhaj", "Krasniqi",
    "Berisha", "Shehu", "Papadopoulos", "Konstantinou", "Georgiou", "Ionescu", "Popescu",
    "Dumitrescu", "Horváth", "Nagy", "Kiss", "Novák", "Horák", "Kowalski", "Nowak", "Volkov",
    "Sokolova", "Lebedev", "Morozova", "Pavlović", "Radić", "Lazić", "Šarić", "Babić", "Vuković",
)
_AFFILIATIONS = (
    ("Institute for Slavic Studies,", "Russian Academy of Sciences"),
    ("Institute for Balkan Studies,", "Serbian Academy of Sciences and Arts"),
    ("Institute of History,", "Bulgarian Academy of Sciences"),
    ("Institute of History,", "Academy of Albanological Studies, Tirana"),
    ("Department of History,", "University of Belgrade"),
    ("Institute of World History,", "Russian Academy of Sciences"),
)
_LEADS = (
    "Additional Evidence on", "New Light on", "Rethinking", "Documents on", "Reassessing",
    "Archival Notes on", "Soviet Perspectives on", "The Diplomacy of", "Behind the Scenes of",
    "Reconsidering",
)
_TOPICS = (
    "the Final Break", "the Growing Rift", "the Quiet Rapprochement", "the Economic Pressure",
    "the Naval Dispute", "the Ideological Quarrel", "the Trade Negotiations",
    "the Diplomatic Isolation",
)
_CAPITALS = (
    ("Moscow", "Tirana"), ("Moscow", "Belgrade"), ("Moscow", "Beijing"), ("Belgrade", "Tirana"),
    ("Sofia", "Belgrade"), ("Athens", "Belgrade"), ("Bucharest", "Moscow"), ("Tirana", "Beijing"),
    ("Budapest", "Moscow"), ("Warsaw", "Moscow"),
)
# fmt: on
_ARCHIVE_HEAD = re.compile(
    r"(?:(?P<name>[^()\[\],]+) \((?P<abbr>[A-Z][A-Z ]*[A-Z])\) \[(?P<english>[^\]]+)\]"
    r"|(?P<short>[A-Z]{2,}(?: RF)?)), (?=F\s?\d)"
)
_ARCHIVE_NUMBERS = re.compile(
    r"(?P<fond>\bF\s?)(?P<f>\d+)|(?P<opis>\binv\.\*?\s?)(?P<o>\d+)"
    r"|(?P<delo>\bf\.\s?)(?P<d>\d+)|(?P<sheets>\bpp?\.\s?)(?P<s>\d[\d–;, ]*\d|\d)"
)
_CITATION_END = re.compile(r"\. (?=[A-Z])| \[|\.?$")
_LEGEND = re.compile(r" \[F - [^\]]*\]")
_UNPUBLISHED = re.compile(
    r"(Unpublished sources\n\n)(.*?)(?=\n\n(?:Published sources|Literature)\b)", re.DOTALL
)


def synthetic_article(seed: int, index: int) -> CoarseArticle:
    """Return the truth of article `index` of corpus `seed`: what a reader should find.

    The bundled article with another author and title, some paragraphs dropped or
    repeated with their notes (renumbered 1..n), archival citations moved to other
    archives and files. `breaks` is empty: `layout` decides them.
    """
    rng = random.Random(f"edition-corpus/{seed}/{index}")
    base = bundled()
    paragraphs, notes = _vary_notes(base.paragraphs, base.notes, rng)
    legend = next((m.group() for text in base.notes.values() if (m := _LEGEND.search(text))), "")
    notes, fonds = _vary_archives(notes, rng, legend)
    author, institute, academy, title = _identity(seed, index)
    return CoarseArticle(
        header=_vary_header(base.header, author, institute, academy, title),
        paragraphs=tuple(paragraphs),
        notes=notes,
        author_note=f"* {_email(author)}",
        bibliography=_vary_unpublished(base.bibliography, fonds),
        breaks=(),
    )


def layout(article: CoarseArticle, rng: random.Random, **options: Any) -> str:
    """Lay `article` out in the source form with new page breaks (see `repaginate`)."""
    return repaginate(
        article.paragraphs,
        article.notes,
        rng,
        header=article.header,
        bibliography=article.bibliography,
        author_note=article.author_note,
        **options,
    )


def synthesize(seed: int, index: int) -> str:
    """Return article `index` of corpus `seed` in the source form."""
    rng = random.Random(f"edition-corpus/{seed}/{index}/layout")
    return layout(synthetic_article(seed, index), rng)


def _vary_notes(
    paragraphs: Sequence[str], notes: Mapping[int, str], rng: random.Random
) -> tuple[list[str], dict[int, str]]:
    """Drop and repeat some paragraphs with their notes, renumbering notes 1..n."""
    drop, repeat = rng.uniform(0, 0.2), rng.uniform(0, 0.2)
    chosen = []
    for i, text in enumerate(paragraphs):
        if i == 0 or rng.random() >= drop:
            chosen.extend([text] * (2 if rng.random() < repeat else 1))
    renumbered: dict[int, str] = {}

    def renumber(marker: re.Match[str]) -> str:
        renumbered[len(renumbered) + 1] = notes[int(marker.group().translate(_TO_DIGITS))]
        return to_superscript(len(renumbered))

    return [_MARKER.sub(renumber, text) for text in chosen], renumbered


def _vary_archives(
    notes: Mapping[int, str], rng: random.Random, legend: str
) -> tuple[dict[int, str], dict[str, list[int]]]:
    """Move archival citations to other archives and files; spell each archive out once.

    `legend` (the source's " [F - Fonds/*fond*; ...]") goes to the first archival note.
    """
    fonds: dict[int, tuple[str, int]] = {}  # original fond -> (archive, fond)
    numbers: dict[tuple[int, ...], int] = {}  # original (fond, opis[, delo]) -> number
    cited: dict[str, list[int]] = {}  # archive -> fonds, in order of first citation
    varied = {}
    for n, text in sorted(notes.items()):
        head = _ARCHIVE_HEAD.match(text)
        if not head:
            varied[n] = text
            continue
        rest = text[head.end() :].replace(legend, "", 1) if legend else text[head.end() :]
        stop = _CITATION_END.search(rest).start()
        path: list[int] = []

        def vary(m: re.Match[str], path: list[int] = path) -> str:
            if m["fond"]:
                path[:] = [int(m["f"])]
                if path[0] not in fonds:
                    fonds[path[0]] = (rng.choice(list(ARCHIVES)), rng.randint(1, 999))
                return m["fond"] + str(fonds[path[0]][1])
            if m["sheets"]:
                values = [int(v) for v in re.findall(r"\d+", m["s"])]
                shift = rng.randint(1 - min(values), 300)
                return m["sheets"] + re.sub(r"\d+", lambda v: str(int(v.group()) + shift), m["s"])
            level, value = ("opis", m["o"]) if m["opis"] else ("delo", m["d"])
            path[:] = [*path[: 1 if level == "opis" else 2], int(value)]
            key = tuple(path)
            if key not in numbers:
                numbers[key] = rng.randint(1, 80) if level == "opis" else rng.randint(1, 2000)
            return m[level] + str(numbers[key])

        citation = _ARCHIVE_NUMBERS.sub(vary, rest[:stop])
        archive, fond = fonds[path[0]] if path else (head["abbr"] or head["short"], 0)
        if archive in cited:
            prefix = f"{archive}, "
        else:
            name, english = ARCHIVES.get(archive, (head["name"] or archive, head["english"] or ""))
            prefix = f"{name} ({archive}) [{english}], "
            citation += "" if cited else legend
            cited[archive] = []
        if fond and fond not in cited[archive]:
            cited[archive].append(fond)
        varied[n] = prefix + citation + rest[stop:]
    return varied, cited


def _vary_unpublished(bibliography: str, cited: Mapping[str, list[int]]) -> str:
    """List the archives and fonds actually cited under "Unpublished sources"."""
    entries = []
    for archive, fonds in cited.items():
        name, english = ARCHIVES.get(archive, (archive, archive))
        numbers = [str(f) for f in sorted(fonds)]
        listed = (
            f"{', '.join(numbers[:-1])} and {numbers[-1]}" if len(numbers) > 1 else "".join(numbers)
        )
        entries.append(
            f"- {name} [{english}], Moscow\n— Fond{'s' if len(numbers) > 1 else ''} {listed}"
        )
    if not entries:
        return bibliography
    return _UNPUBLISHED.sub(lambda m: m.group(1) + "\n".join(entries), bibliography, count=1)


def _identity(seed: int, index: int) -> tuple[str, str, str, str]:
    """Pick author, affiliation and title: distinct for each index of a corpus."""

    def digits(sizes: Sequence[int], salt: int) -> list[int]:
        total = 1
        for size in sizes:
            total *= size
        # A bijection on 0..total-1 (the multiplier is a prime larger than total).
        k = (index * 1_000_003 + seed * 7_919 + salt) % total
        picked = []
        for size in sizes:
            k, d = divmod(k, size)
            picked.append(d)
        return picked

    first, last, place = digits((len(_FIRST_NAMES), len(_LAST_NAMES), len(_AFFILIATIONS)), 1)
    lead, topic, pair, year, span = digits((len(_LEADS), len(_TOPICS), len(_CAPITALS), 40, 3), 2)
    a, b = _CAPITALS[pair]
    title = (
        f"{_LEADS[lead]} {_TOPICS[topic]} between {a} and {b} in {1945 + year}–{1946 + year + span}"
    )
    return f"{_FIRST_NAMES[first]} {_LAST_NAMES[last]}", *_AFFILIATIONS[place], title


def _email(author: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", author).encode("ascii", "ignore").decode().lower()
    first, last = ascii_name.replace("đ", "d").split()[0], ascii_name.split()[-1]
    return f"{first[:3]}-{last[:5]}@example.org"


def _vary_header(header: str, author: str, institute: str, academy: str, title: str) -> str:
    """Put another author, affiliation and title in the header and the volume's contents."""
    lines = header.split("\n")
    at = next(i for i, line in enumerate(lines) if line.endswith("*") and not line.startswith("*"))
    aff = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("*"))
    aff_end = next(i for i in range(aff, len(lines)) if lines[i].endswith("*"))
    abstract = next(i for i, line in enumerate(lines) if line.startswith("Abstract:"))
    t = max(i for i in range(aff_end + 1, abstract) if lines[i].strip())
    old_author, old_title = lines[at][:-1].split(), lines[t]
    lines[t] = title
    lines[at : aff_end + 1] = [f"{author}*", "", f"*{institute}", f"{academy}*"]
    text = "\n".join(lines).replace(f"*{old_title}*", f"*{title}*")
    old_toc = f"{old_author[0][0]}. {old_author[-1].upper()},"
    return text.replace(old_toc, f"{author.split()[0][0]}. {author.split()[-1].upper()},", 1)


def write_corpus(out_dir: Path, count: int, seed: int = 0) -> list[Path]:
    """Write articles 1..count as article-0001.txt ...; remove older article files."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"article-{i:04d}.txt" for i in range(1, count + 1)]
    for stale in set(out_dir.glob("article-*.txt")) - set(paths):
        stale.unlink()
    for i, path in enumerate(paths, start=1):
        path.write_text(synthesize(seed, i), encoding="utf-8", newline="")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write N synthetic articles in the source form, derived from the bundled one."
    )
    parser.add_argument("--count", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    started = time.perf_counter()
    paths = write_corpus(args.out, args.count, args.seed)
    print(f"wrote {len(paths)} articles to {args.out} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
