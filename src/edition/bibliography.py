"""Placeholder until the bibliography parser lands (branch `bib`)."""

from .model import BibEntry


def parse_bibliography(lines, path):
    entries, section = [], ""
    for number, text in lines:
        text = text.strip()
        if not text:
            continue
        if text.startswith(("- ", "— ")):
            entries.append(
                BibEntry(f"entry{len(entries) + 1}", section, "misc", (), text[2:], number)
            )
        else:
            section = text
    return tuple(entries), []


def match_citation(text, entries):
    return "", ""


def to_bibtex(entries):
    return ""


def bibliography_problems(entries, citations_by_key, path):
    return []


def compare_citation(text, entry):
    return []
