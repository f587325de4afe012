"""Packaged data files: layout knowledge and gazetteers (JSON, user-extensible)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_packaged_json(name: str) -> Any:
    """Read a JSON data file shipped inside the package (read-only, cached)."""
    with resources.files(__package__).joinpath(name).open("r", encoding="utf-8") as handle:
        return json.load(handle)
