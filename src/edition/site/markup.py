"""Markdown to HTML: markdown-it with raw HTML off and a note-reference rule.

Source text is untrusted: raw HTML is disabled, so `<script>` arrives as
text; Markdown links and images (`[text](url)`, `![alt](src)`) stay text, so
no hidden target can hide behind words; only an autolink `<https://...>`
becomes a link, and it shows its URL. The private-use characters used here
as markers are replaced in the input first, so no input can forge them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markupsafe import escape

NOTE_REF = re.compile(r"\[\^(\d+)\]")
# Private-use characters mark where a citation link starts and ends; they
# survive Markdown rendering untouched and never occur in extracted text.
_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"
# Every marker of the site's renderers (here, render.py's page breaks, tei.py's
# parts) becomes U+FFFD in input text: one character for one, so offsets hold.
MARKERS = "".join(chr(c) for c in range(0xE000, 0xE020))
_UNMARK = str.maketrans(MARKERS, "\ufffd" * len(MARKERS))
_MARKER = re.compile("[\ue000-\ue01f]")


def unmarked(text: str) -> str:
    """Input text with every marker character replaced (see MARKERS)."""
    return text.translate(_UNMARK) if _MARKER.search(text) else text


def _web_only(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _note_ref_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule: `[^N]` becomes a note_ref token, like mdit_py_plugins' footnote."""
    match = NOTE_REF.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("note_ref", "", 0)
        token.meta = {"n": int(match.group(1))}
    state.pos = match.end()
    return True


def _render_note_ref(self, tokens, idx, options, env) -> str:
    n = tokens[idx].meta["n"]
    return (
        f'<a class="note-ref" href="#fn-{n}" id="fnref-{n}" role="doc-noteref" '
        f'aria-describedby="fn-{n}" data-note="{n}">{n}</a>'
    )


def _render_link_open(self, tokens, idx, options, env) -> str:
    # Mark <url> autolinks: their text is the URL, so print need not repeat it.
    if tokens[idx].markup == "autolink":
        tokens[idx].attrSet("class", "url")
    return self.renderToken(tokens, idx, options, env)


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["smartquotes"])  # curly quotes for readers; the source keeps straight ones
    md.inline.ruler.before("link", "note_ref", _note_ref_rule)
    md.add_render_rule("note_ref", _render_note_ref)
    md.add_render_rule("link_open", _render_link_open)
    md.disable(["image", "link"])  # as text; autolinks stay, web URLs only
    md.validateLink = _web_only
    return md


@lru_cache(maxsize=65536)
def inline_tokens(text: str) -> tuple[Token, ...]:
    """The inline tokens of one paragraph's Markdown, parsed once per text.

    Shared by the HTML renderer and the TEI builder, which read the same
    paragraphs, entries and notes. Callers must not change the tokens (the
    autolink render rule only sets a class, the same every time).
    """
    return tuple(markdown().parseInline(text)[0].children or ())


@lru_cache(maxsize=65536)
def inline(text: str) -> str:
    """Render one paragraph's Markdown as inline HTML (no block constructs).

    Cached: a note is rendered on its article page and again on the page of
    every archival file it cites.
    """
    md = markdown()
    return md.renderer.renderInline(inline_tokens(text), md.options, {})


_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_STAR = re.compile(r"(?<!\\)\*")


def plain(text: str) -> str:
    """Markdown to plain text: for titles in <head>, JSON-LD and search metadata."""
    text = NOTE_REF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    return _STAR.sub("", text).replace("\\*", "*")


_LINKED = re.compile(f"{_OPEN}(\\d+){_MID}(.*?){_CLOSE}", re.S)
_TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")


def _balanced(html: str) -> bool:
    stack: list[str] = []
    for closing, name in _TAG.findall(html):
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def inline_with_links(text: str, spans: Sequence[tuple[str, str, str]]) -> str:
    """Render `text`, turning each (span, href, title) into a link around that span.

    Spans are exact substrings (a citation as written). A span that cannot be
    wrapped without breaking the HTML's nesting is left unlinked.
    """
    marked, start, hrefs = "", 0, []
    text = unmarked(text)
    for span, href, title in spans:
        span = unmarked(span)
        at = text.find(span, start) if span else -1
        if at < 0:
            continue
        marked += text[start:at] + f"{_OPEN}{len(hrefs)}{_MID}{span}{_CLOSE}"
        hrefs.append((href, title))
        start = at + len(span)
    html = inline(marked + text[start:])

    def link(match: re.Match[str]) -> str:
        href, title = hrefs[int(match.group(1))]
        inner = match.group(2)
        if not _balanced(inner) or "<a " in inner:
            return inner
        attr = f' title="{escape(title)}"' if title else ""
        return f'<a class="cite" href="{escape(href)}"{attr}>{inner}</a>'

    return _LINKED.sub(link, html).replace(_OPEN, "").replace(_MID, "").replace(_CLOSE, "")
