"""Where the book's Korean font lives: NanumGothic, shipped by the
``koreanize-matplotlib`` wheel (SIL Open Font License).

Found without importing that module (its import needs ``distutils``). Used by
:mod:`descent.plotting` for figure labels and by the book build for the web
font of the pages and the PDF handout, so text and figures share one typeface.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ._validation import check_choice

FAMILY = "NanumGothic"
_FILES = {"regular": "NanumGothic.ttf", "bold": "NanumGothicBold.ttf"}


def font_path(weight: str = "regular") -> Path:
    """Path of the NanumGothic TrueType file of ``weight`` ("regular" or "bold")."""
    check_choice(weight, "weight", _FILES)
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the Korean font comes from the 'koreanize-matplotlib' package: pip install koreanize-matplotlib")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / _FILES[weight]
    if not path.is_file():
        raise FileNotFoundError(f"NanumGothic is missing from koreanize-matplotlib: {path}")
    return path
