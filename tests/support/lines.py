"""Break a Text into measured lines: words, raised markers, italics, hyphens.

Each line remembers the offset into the plain text where it begins, so the
typesetter can say exactly where a page began and where a word was split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from .doc import Text

VOWELS = set("aeiouyáéíóúäöüëïàèìòùâêîôûăąęėįųœæåøаеёиоуыэюяіїє" + "AEIOUYАЕЁИОУЫЭЮЯ")
_NO_BREAK_BEFORE = set("ьъйЬЪЙ")
_CLOSING = ".,;:"
# Letter pairs a syllable may begin with: a cut goes before them, not inside.
_ONSETS = frozenset(
    ("ch", "sc", "ph", "th", "sh", "ck", "sp", "st", "pr", "br", "tr", "dr", "gr", "kr")
    + ("fr", "pl", "bl", "kl", "gl", "fl", "ст", "пр", "бр", "тр", "др", "гр", "кр", "вр")
    + ("пл", "бл", "кл", "гл")
)
MARKER_SCALE = 0.62  # a marker's size against the text's
MARKER_RISE = 0.36  # how far a marker is raised, against the text's size


@dataclass(frozen=True)
class Style:
    """The fonts and size a run of lines is set in."""

    regular: str
    italic: str
    size: float
    leading: float


@dataclass
class Seg:
    text: str
    kind: str  # "r" roman, "i" italic, "m" raised marker


@dataclass
class Word:
    start: int  # offset of the word's first plain character
    segs: list[Seg]
    markers: list[int] = field(default_factory=list)  # note numbers printed in the word

    @property
    def plain(self) -> str:
        return "".join(s.text for s in self.segs if s.kind != "m")


@dataclass
class Line:
    words: list[Word]
    start: int  # plain offset where the line begins
    indent: float
    hyphen: str  # "" none, "added" the printer's hyphen, "kept" a hyphen of the text
    last: bool  # the paragraph's last line (not justified)


def seg_width(seg: Seg, style: Style) -> float:
    if seg.kind == "m":
        return stringWidth(seg.text, style.regular, style.size * MARKER_SCALE)
    font = style.italic if seg.kind == "i" else style.regular
    return stringWidth(seg.text, font, style.size)


def word_width(word: Word, style: Style) -> float:
    return sum(seg_width(s, style) for s in word.segs)


def printed_markers(t: Text, after_punctuation: bool) -> list[tuple[int, str]]:
    """Where each marker is printed: (offset, label), moved past `.,;:` if asked."""
    out = []
    for m in t.markers:
        offset = m.offset
        while after_punctuation and offset < len(t.plain) and t.plain[offset] in _CLOSING:
            offset += 1
        out.append((offset, str(m.note)))
    return out


def words_of(t: Text, markers: list[tuple[int, str]], base: int = 0) -> list[Word]:
    """Split a Text at spaces into words of roman, italic and marker segments."""
    italic = [False] * len(t.plain)
    for start, end in t.italics:
        for i in range(start, end):
            italic[i] = True
    at: dict[int, list[str]] = {}
    for offset, label in markers:
        at.setdefault(offset, []).append(label)
    words: list[Word] = []
    for match in re.finditer(r"\S+", t.plain):
        word = Word(base + match.start(), [])
        for i in range(match.start(), match.end()):
            if i in at and i != match.start():
                word.segs += [Seg(label, "m") for label in at[i]]
            kind = "i" if italic[i] else "r"
            if word.segs and word.segs[-1].kind == kind:
                word.segs[-1].text += t.plain[i]
            else:
                word.segs.append(Seg(t.plain[i], kind))
        # A marker at the word's end, or before the following space(s).
        end = match.end()
        while end <= len(t.plain):
            if end in at:
                word.segs += [Seg(label, "m") for label in at[end]]
            if end >= len(t.plain) or not t.plain[end].isspace():
                break
            end += 1
        words.append(word)
    for word in words:
        word.markers = [int(s.text) for s in word.segs if s.kind == "m" and s.text.isdigit()]
    return words


def split_word(word: Word, k: int, hyphen: bool) -> tuple[Word, Word]:
    """Cut a word after its k-th plain character; the head gets a hyphen if `hyphen`."""
    head: list[Seg] = []
    tail: list[Seg] = []
    seen = 0
    for seg in word.segs:
        if seg.kind == "m":
            (head if seen < k else tail).append(Seg(seg.text, "m"))
            continue
        if seen + len(seg.text) <= k:
            head.append(Seg(seg.text, seg.kind))
        elif seen >= k:
            tail.append(Seg(seg.text, seg.kind))
        else:
            head.append(Seg(seg.text[: k - seen], seg.kind))
            tail.append(Seg(seg.text[k - seen :], seg.kind))
        seen += len(seg.text)
    if hyphen:
        head.append(Seg("-", head[-1].kind if head[-1].kind != "m" else "r"))
    first = Word(word.start, head, [int(s.text) for s in head if s.kind == "m"])
    second = Word(word.start + k, tail, [int(s.text) for s in tail if s.kind == "m"])
    return first, second


def break_points(plain: str, hyphenate: bool) -> list[tuple[int, bool]]:
    """Where a word may be cut: (k, add a hyphen?), longest head first."""
    points = [(i + 1, False) for i, c in enumerate(plain[:-1]) if c == "-" and i >= 2]
    if hyphenate and re.fullmatch(r"[^\W\d_]+[,.;:)”’\"']*", plain):
        letters = len(re.match(r"[^\W\d_]+", plain).group())
        for k in range(2, letters - 2):
            before, here, after = plain[k - 1], plain[k], plain[k + 1]
            consonant_vowel = here not in VOWELS and here not in _NO_BREAK_BEFORE
            consonant_vowel = consonant_vowel and after in VOWELS
            vowel_pair = before in "iи" and here in "aouаоу"
            if consonant_vowel:
                while k > 1 and plain[k - 1 : k + 1].lower() in _ONSETS:
                    k -= 1
            if (consonant_vowel or vowel_pair) and k >= 2:
                points.append((k, True))
    return sorted(set(points), reverse=True)


def break_lines(
    words: list[Word],
    style: Style,
    width: float,
    first_indent: float = 0.0,
    rest_indent: float = 0.0,
    hyphenate: bool = False,
) -> list[Line]:
    """Greedy line breaking; a word that does not fit may be cut at a hyphen point."""
    space = stringWidth(" ", style.regular, style.size)
    lines: list[Line] = []
    queue = list(words)
    while queue:
        indent = first_indent if not lines else rest_indent
        room = width - indent
        line: list[Word] = []
        used = 0.0
        hyphen = ""
        while queue:
            word = queue[0]
            need = word_width(word, style) + (space if line else 0.0)
            if used + need <= room or not line:
                if used + need > room:  # alone and too long: try to cut it anyway
                    cut = _cut(word, style, room - used, hyphenate)
                    if cut:
                        line.append(cut[0])
                        queue[0] = cut[1]
                        hyphen = cut[2]
                        break
                line.append(queue.pop(0))
                used += need
                continue
            cut = _cut(word, style, room - used - space, hyphenate)
            if cut:
                line.append(cut[0])
                queue[0] = cut[1]
                hyphen = cut[2]
            break
        lines.append(Line(line, line[0].start, indent, hyphen, last=not queue))
    return lines


def _cut(word: Word, style: Style, room: float, hyphenate: bool) -> tuple[Word, Word, str] | None:
    for k, add in break_points(word.plain, hyphenate):
        head, tail = split_word(word, k, add)
        if word_width(head, style) <= room:
            return head, tail, "added" if add else "kept"
    return None
