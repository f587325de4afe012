"""The packaged vocabulary (``data/lexicon.json``), loaded once.

Extractors read their words from here so that domain knowledge stays in data.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lifang_parse.data import load_packaged_json


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The parsed lexicon, keys starting with ``_`` (comments) removed at every level."""
    stripped: dict[str, Any] = _strip_comments(load_packaged_json("lexicon.json"))
    return stripped


def _strip_comments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_comments(v) for k, v in value.items() if not k.startswith("_")}
    return value


def alternation(words: Any) -> str:
    """A regex alternation of literal words, longest first (so "截止日期为" beats "截止")."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda s: (-len(s), s)))


__all__ = ["alternation", "lexicon"]
