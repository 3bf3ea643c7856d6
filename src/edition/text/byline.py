"""The byline of an article printed without a `*` note: names, places of work, e-mails.

A line of names is a few capitalised words (initials allowed) joined by commas
or `and`/`и`/`i`/`und`/`et`, with no digits and no closing stop. A place of
work holds one of `data/labels.yaml`'s `affiliation` words, an e-mail, an
ORCID, or is set in italics. Everything else (a title, a sentence) is neither.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ORCID = re.compile(r"\b(?:orcid|ORCID)\b|\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
_JOINERS = r"\s*[,;]\s*|\s+(?:and|и|i|und|et|&)\s+"
_INITIAL = re.compile(r"^(?:[^\W\d_]{1,2}\.)+(?:-[^\W\d_]\.)?$")
_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "ten", "ter", "zu"}


@cache
def _affiliation_words() -> re.Pattern[str]:
    text = resources.files("edition").joinpath("data/labels.yaml").read_text("utf-8")
    words = {w for ws in yaml.safe_load(text)["affiliation"].values() for w in ws}
    # An abbreviation (РАН, SANU) is a whole word in capitals; a word is a beginning, any case.
    parts = [rf"(?-i:{re.escape(w)})(?!\w)" if w.isupper() else re.escape(w) for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts)) + ")", re.I)


def is_names(text: str) -> bool:
    """A line of personal names: capitalised words and initials, no digits or closing stop."""
    text = text.strip().strip("*").strip()
    people = [p for p in re.split(_JOINERS, text) if p.strip()]
    words = [w for p in people for w in p.split()]
    return (
        0 < len(text) <= 100
        and not re.search(r"\d|[.;:,]$|[()\[\]«»“”\"?!]", text)
        and 1 <= len(people) <= 6
        and all(1 <= len(p.split()) <= 4 for p in people)
        and 2 <= len(words) <= 16
        and all(w[0].isupper() or w[0] in "-'’" or w in _PARTICLES for w in words)
        and all(_INITIAL.match(w) or not w.endswith(".") for w in words)
        and any(len(w) > 2 and not _INITIAL.match(w) for w in words)
        and not _affiliation_words().search(text)
    )


def is_affiliation(text: str) -> bool:
    """A place of work, an e-mail or an ORCID line of a byline."""
    text = text.strip()
    italic = text.startswith("*") and text.endswith("*") and text.count("*") == 2
    found = bool(EMAIL.search(text) or _ORCID.search(text) or _affiliation_words().search(text))
    return 0 < len(text) <= 200 and (italic or found) and not text.endswith(("?", "!"))


def split_names(text: str) -> tuple[str, ...]:
    """`И. И. Иванов, П. П. Петров` -> the names, capitals as in a sentence."""
    people = [p.strip() for p in re.split(_JOINERS, text.strip().strip("*")) if p.strip()]
    return tuple(name_case(p) for p in people)


def name_case(name: str) -> str:
    """`JANE ROE` -> `Jane Roe`; a name already in mixed case is kept as printed."""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return " ".join("-".join(h[:1] + h[1:].lower() for h in w.split("-")) for w in name.split())
    return name
