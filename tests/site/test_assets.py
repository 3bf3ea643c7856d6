"""Assets are served without comments or indentation, and otherwise unchanged."""

from __future__ import annotations

from edition.site.assets import compact


def test_js_loses_whole_line_comments_and_indentation_only() -> None:
    source = b"// why\nconst a = 1; // kept: not a whole line\n  if (a) {\n    go('//x');\n  }\n"
    expected = b"const a = 1; // kept: not a whole line\nif (a) {\ngo('//x');\n}\n"
    assert compact("x.js", source) == expected


def test_js_with_a_template_literal_across_lines_is_served_as_written() -> None:
    source = b"const t = `a\n  // not a comment\n`;\n"
    assert compact("x.js", source) == source


def test_css_loses_its_comments() -> None:
    source = b"/* about */\n.a {\n  color: red; /* why */\n}\n"
    assert compact("x.css", source) == b".a {\ncolor: red;\n}\n"


def test_other_files_are_unchanged() -> None:
    assert compact("favicon.svg", b"  <svg/>  ") == b"  <svg/>  "
