"""JSON Lines: one newsletter per line, the contract's JSON.

The natural form for an archive: streamable, appendable, and every line is
the same document ``lifang-parse FILE`` prints, so no second schema exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from lifang_parse.models import Newsletter


def to_jsonl_line(newsletter: Newsletter) -> str:
    """One newsletter as one line (no indentation, ends with a newline)."""
    return newsletter.to_json() + "\n"


def write_jsonl(newsletters: Iterable[Newsletter], handle: TextIO) -> int:
    """Write each newsletter as a line to ``handle``; returns how many were written."""
    written = 0
    for newsletter in newsletters:
        handle.write(to_jsonl_line(newsletter))
        written += 1
    return written


__all__ = ["to_jsonl_line", "write_jsonl"]
