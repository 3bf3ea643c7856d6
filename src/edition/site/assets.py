"""The site's CSS and JS as served: comments and indentation left out (the sources keep them).

Conservative on purpose, not a minifier: only whole-line `//` comments, `/* … */`
comments of CSS, and leading white space go. A multi-line JS template literal
would be changed by that, so a JS file with one is served as it is.
"""

from __future__ import annotations

import re

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def compact(name: str, data: bytes) -> bytes:
    """The bytes to publish for the asset `name`."""
    if name.endswith(".css"):
        text = _CSS_COMMENT.sub("", data.decode("utf-8"))
    elif name.endswith(".js"):
        text = data.decode("utf-8")
        if any(line.count("`") % 2 for line in text.splitlines()):
            return data  # a template literal across lines: keep every line as written
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    else:
        return data
    lines = (line.strip() for line in text.splitlines())
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
