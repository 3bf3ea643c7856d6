"""The typeset-PDF fixtures, for the tests of the typesetter itself."""

from tests.support.fixtures import bundled_typeset, typeset_samples  # noqa: F401
