"""The packaged vocabulary files (YAML), read by the stage that uses them."""
from __future__ import annotations

from importlib import resources

import yaml


def load_data_yaml(*parts: str):
    """Parsed ``sitrep/data/<parts...>``. Not cached here: each caller caches what it builds from it."""
    return yaml.safe_load(resources.files("sitrep.data").joinpath(*parts).read_text(encoding="utf-8"))
