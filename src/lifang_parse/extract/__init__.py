"""The fact layer: dates, agencies, counts, amounts, laws, companies, people.

The pipeline calls :func:`enrich_item` once per item (``extract/enrich.py``);
each kind of fact has its extractor module here, and ``reconcile.py`` pairs
what the two languages found.
"""

from __future__ import annotations

from lifang_parse.extract.enrich import enrich_item
from lifang_parse.extract.gazetteer import Gazetteer, load_gazetteer

__all__ = ["Gazetteer", "enrich_item", "load_gazetteer"]
