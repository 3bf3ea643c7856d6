"""The article's language, from the short words its body uses most (`data/stopwords.yaml`).

A stopword count is enough to tell the journals' languages apart on a whole
article (thousands of words); a text with too few known words gets "".
Languages that share their short words (Serbian and Croatian in Latin script)
are then told apart by the words only one of them uses (`data/language_variants.yaml`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

import yaml

_MIN_HITS = 20  # known words needed before a language is named
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _variants() -> dict[str, dict[str, frozenset[str]]]:
    text = resources.files("edition").joinpath("data/language_variants.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {base: {lang: frozenset(ws) for lang, ws in by.items()} for base, by in data.items()}


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    text = resources.files("edition").joinpath("data/stopwords.yaml").read_text("utf-8")
    return {lang: frozenset(words) for lang, words in yaml.safe_load(text).items()}


def detect_language(texts: Iterable[str]) -> str:
    """ISO 639-1 code of the language the texts are in, or "" if unclear."""
    # Words found before lowercasing (`İ` lowercases to two characters); one findall.
    words = Counter(map(str.lower, _WORD.findall("\n".join(texts))))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in _stopwords().items()}
    best = max(scores, key=lambda lang: scores[lang], default="")
    if not best or scores[best] < _MIN_HITS:
        return ""
    if best in _variants():  # "sh" only names a shared word list
        varieties = _variants()[best]
        # max() keeps the first of equals: the variety listed first when no word tells.
        return max(varieties, key=lambda lang: sum(words[w] for w in varieties[lang]))
    return best
