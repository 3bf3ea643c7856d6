"""Typeset the tests' sample articles with pdfLaTeX: PDFs from a typesetter the reader was not written against.

The test suite's own PDFs come from reportlab (tests/support); these come from
LaTeX, as many journals' do: Latin Modern Type 1 fonts, TeX's hyphenation and
justification, real \\footnote with its rule, fancyhdr running heads. The PDFs
are committed (tests/fixtures/latex/), so the tests need no TeX; run this to
make them again:

    apt-get install texlive-latex-base texlive-latex-recommended \\
        texlive-fonts-recommended lmodern cm-super texlive-lang-cyrillic
    python scripts/typeset_latex.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.doc import Doc, Heading, Text  # noqa: E402
from tests.support.samples import SAMPLES  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "latex"
SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    # Straight quotes and hyphens as typed: TeX would curl them or join -- into a dash.
    "'": r"\textquotesingle{}", '"': r"\textquotedbl{}", "-": "-{}", "`": r"\textasciigrave{}",
}
# (name, sample, class options, page style): folio at the foot centre or the top outer corner.
STYLES = {
    "article": ("a4paper,11pt", r"\fancyfoot[C]{\thepage}"),
    "letter": ("letterpaper,10pt,twoside", r"\fancyhead[LE,RO]{\thepage}"),
    "twocolumn": ("a4paper,10pt,twocolumn", r"\fancyfoot[C]{\thepage}"),
}
MADE = [
    ("bundled", "article"),
    ("bundled", "letter"),
    ("bundled", "twocolumn"),
    ("russian", "article"),
    ("german", "letter"),
    ("serbian", "article"),
]


def escape(text: str) -> str:
    out = "".join(SPECIAL.get(c, c) for c in text)
    return re.sub(r"[\u0400-\u04ff]+", lambda m: r"\foreignlanguage{russian}{" + m[0] + "}", out)


def inline(text: Text, doc: Doc) -> str:
    inserts: list[tuple[int, int, str]] = []
    for start, end in text.italics:
        inserts += [(start, 1, r"\textit{"), (end, 0, "}")]
    for marker in text.markers:
        note = inline(doc.note(marker.note).text, doc)
        inserts.append((marker.offset, 2, r"\footnote{" + note + "}"))
    out, last = [], 0
    for offset, _order, piece in sorted(inserts):
        out += [escape(text.plain[last:offset]), piece]
        last = offset
    return "".join(out) + escape(text.plain[last:])


def document(doc: Doc, style: str) -> str:
    options, folio = STYLES[style]
    front = doc.front
    journal = f"{front.journal} {front.volume} ({front.year})"
    authors = r" \and ".join(escape(a.name) + r"\\" + escape(a.affiliation) for a in front.authors)
    lines = [
        rf"\documentclass[{options}]{{article}}",
        r"\usepackage[T2A,T1]{fontenc}\usepackage[utf8]{inputenc}\usepackage{lmodern}",
        r"\usepackage[russian,english]{babel}",
        r"\usepackage{fancyhdr}\pagestyle{fancy}\fancyhf{}",
        rf"\fancyhead[LE]{{{escape(journal)}}}\fancyhead[RO]{{{escape(front.short_title)}}}",
        folio,
        rf"\setcounter{{page}}{{{front.first_page}}}",
        r"\begin{document}",
        rf"\title{{{escape(front.title)}}}\author{{{authors}}}\date{{}}",
        r"\maketitle\thispagestyle{fancy}",
    ]
    if front.abstract:
        label = escape(front.labels.abstract)
        lines.append(rf"\noindent\textbf{{{label}}} {inline(front.abstract, doc)}\par")
    if front.keywords:
        label, words = escape(front.labels.keywords), escape(", ".join(front.keywords))
        lines.append(rf"\noindent\textbf{{{label}}} {words}\par\bigskip")
    for block in doc.body:
        if isinstance(block, Heading):
            command = "section" if block.level == 1 else "subsection"
            lines.append(rf"\{command}*{{{inline(block.text, doc)}}}")
        else:
            lines.append(inline(block.text, doc) + "\n")
    if doc.bibliography:
        lines.append(rf"\section*{{{escape(doc.bibliography.heading)}}}")
        for section in doc.bibliography.sections:
            if section.heading:
                lines.append(rf"\subsection*{{{escape(section.heading)}}}")
            for entry in section.entries:
                lines.append(r"\noindent\hangindent=2em " + inline(entry, doc) + r"\par")
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


def typeset(source: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.tex").write_text(source, encoding="utf-8")
        for _ in range(2):  # twice: the page counter and the fancyhdr marks settle
            subprocess.run(
                ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "a.tex"],
                cwd=folder, capture_output=True, check=True, timeout=120,
            )
        return (Path(folder) / "a.pdf").read_bytes()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for sample, style in MADE:
        source = document(SAMPLES[sample](), style)
        (OUT / f"{sample}-{style}.pdf").write_bytes(typeset(source))
        print(f"{sample}-{style}.pdf")


if __name__ == "__main__":
    main()
