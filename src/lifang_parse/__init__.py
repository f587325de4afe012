"""lifang-parse: bilingual regulatory newsletters (PDF or text) into validated structured data.

>>> from lifang_parse import parse_file
>>> newsletter = parse_file("fixtures/text/weekly-cyber-214-2021-03.txt")
>>> newsletter.sections[0].heading.en
'Domestic News'

The entry points are imported on first use, so that ``lifang-parse --help``
and ``--version`` start without loading the parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lifang_parse.api import parse_bytes, parse_file, parse_text
    from lifang_parse.batch import parse_many
    from lifang_parse.models import Newsletter

def __getattr__(name: str) -> Any:
    """Import an entry point when it is first asked for (PEP 562)."""
    if name in ("parse_file", "parse_text", "parse_bytes"):
        from lifang_parse import api

        value = getattr(api, name)
    elif name == "parse_many":
        from lifang_parse.batch import parse_many as value
    elif name == "Newsletter":
        from lifang_parse.models import Newsletter as value
    else:
        raise AttributeError(f"module 'lifang_parse' has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = ["Newsletter", "__version__", "parse_bytes", "parse_file", "parse_many", "parse_text"]
