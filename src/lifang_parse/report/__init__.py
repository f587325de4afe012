"""Review report: a self-contained bilingual HTML view of parsed newsletters.

Why: an analyst checks extracted facts before trusting them in a tracker.
The page shows each item's Chinese beside its English with every extracted
fact marked where it was found, in the same colour in both languages, so a
missing, wrong or half-matched fact is seen at a glance.

``render_newsletter`` (one page) and ``render_index`` (an archive's index)
are pure functions from models to HTML strings; the ``lifang-parse report``
command does the file handling. The index is also a triage tool: its items
table (:mod:`lifang_parse.report.triage`) is filtered, searched and sorted by
a script inside the page.
"""

from __future__ import annotations

from lifang_parse.report.archive import ArchiveEntry, agency_month_counts, render_index
from lifang_parse.report.render import FactRef, Mark, item_facts, mark_text, render_newsletter
from lifang_parse.report.triage import source_link

__all__ = [
    "ArchiveEntry",
    "FactRef",
    "Mark",
    "agency_month_counts",
    "item_facts",
    "mark_text",
    "render_index",
    "render_newsletter",
    "source_link",
]
