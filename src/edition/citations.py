"""Placeholder until the citation grammar lands (branch `cite`)."""

from .model import Citation


def parse_note(text, registry):
    return (Citation("unparsed", text),)


def resolve(notes, bib_lookup=None):
    return tuple(notes)


def citation_problems(notes, path):
    return []
