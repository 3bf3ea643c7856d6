"""Test-side tooling: typeset test articles as journal PDFs with known ground truth.

    from tests.support.samples import SAMPLES          # name -> () -> Doc
    from tests.support.bundled import bundled_doc      # the bundled article, read at test time
    from tests.support.typeset import typeset          # typeset(doc, "journal-a") -> Typeset
    from tests.support.typst_set import typeset_typst  # typeset_typst(doc, "typst-columns")
    from tests.support.extract import extract_pdfminer, extract_pdftotext
    from tests.support.truth import expected_paragraphs, expected_notes

Modules: doc (the model), bundled (reader of the bundled text), samples,
layouts (three journal designs, fonts), lines (line breaking), compose
(pages and footnotes), typeset (drawing, truth, CLI), truth (scorer's
helpers), extract (plain extractions), chars (characters via pdfium),
fixtures (pytest fixtures), typst_set (the same Docs set by Typst, an
independent typesetter: columns, endnotes, its own hyphenation and notes).
"""
