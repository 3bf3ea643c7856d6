"""Import time and peak memory of a typeset 20-page PDF (and its raw extraction).

    PYTHONPATH=src:. python benchmarks/pdf_import.py [runs]

Typesets the bundled article (tests/support) in each layout (ours and
Typst's; typst-endnotes runs to 28 pages), imports the PDF
in a fresh child process per run, and prints the median wall time and the
peak resident memory of the child, from its start (imports included).
The CPU time is the steadier figure on a shared machine. Target: under 2 s
and 300 MB.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, resource, sys, time
t, cpu = time.perf_counter(), time.process_time()
from edition.citations.registry import read_registry
from edition.content.source_import import read_article
data = open(sys.argv[1], "rb").read()
article, problems = read_article(data, sys.argv[1], "a", read_registry("content/archives.yaml"))
took, used = time.perf_counter() - t, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([took, peak, len(article.paragraphs) if article else -1, used]))
"""


def main(runs: int = 5) -> None:
    from tests.support.bundled import bundled_doc
    from tests.support.extract import extract_pdfminer
    from tests.support.typeset import typeset
    from tests.support.typst_set import typeset_typst

    doc = bundled_doc()
    print(f"{'input':<22}{'pages':>6}{'median s':>10}{'cpu s':>7}{'peak MB':>9}{'paragraphs':>12}")
    with tempfile.TemporaryDirectory() as folder:
        ours = ("journal-a", "journal-b", "journal-c")
        layouts = (*ours, "typst-columns", "typst-endnotes", "typst-sans")
        for layout in layouts:
            typst = layout.startswith("typst")
            made = typeset_typst(doc, layout) if typst else typeset(doc, layout)
            pdf = Path(folder) / f"{layout}.pdf"
            pdf.write_bytes(made.pdf)
            txt = Path(folder) / f"{layout}.txt"
            txt.write_text(extract_pdfminer(made.pdf), encoding="utf-8")
            for path in (pdf,) if typst else (pdf, txt):
                got = [
                    json.loads(
                        subprocess.run(
                            [sys.executable, "-c", CHILD, str(path)],
                            capture_output=True,
                            text=True,
                            check=True,
                        ).stdout
                    )
                    for _ in range(runs)
                ]
                took = statistics.median(g[0] for g in got)
                used = statistics.median(g[3] for g in got)
                peak = max(g[1] for g in got)
                name = f"{layout} {path.suffix[1:]}"
                pages = len(made.truth.pages)
                print(
                    f"{name:<22}{pages:>6}{took:>10.2f}{used:>7.2f}{peak:>9.0f}{got[0][2]:>12}"
                )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
