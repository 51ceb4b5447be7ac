import warnings

import pytest


@pytest.fixture(autouse=True)
def _no_warnings_escape():
    """Any warning a test does not expect is a failure (e.g. a numpy overflow)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
