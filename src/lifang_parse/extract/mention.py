"""The one shape a named entity has between its extractor and the reconciler.

Why a module of its own: companies (``companies.py``) and people
(``people.py``) are found by different rules but paired across the two
languages by the same code (``reconcile.py``), which must import neither
extractor's internals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lifang_parse.extract.lexicon import lexicon

Lang = Literal["zh", "en"]

# What a company-shaped name stands for where it is written: the company itself; a product of it that the
# Chinese quotes (“滴滴出行”App); a service of a parent company used as the service ("Facebook users").
NameKind = Literal["company", "product", "service"]

# Capitalised English words never part of a person's or a company's name (data/lexicon.json): a list of names
# stops at them, and a "name" made of them only is none.
NOT_NAME_WORDS: frozenset[str] = frozenset(lexicon()["en_not_name_words"]["words"])


@dataclass(frozen=True, slots=True)
class NameMention:
    """A company or person in one language; ``key`` pairs it across languages when known."""

    text: str
    start: int
    key: str | None = None  # gazetteer company (canonical en), a Latin name both languages write, or a surname's pinyin
    known: bool = False  # from the gazetteer (pairs only by key), not from a name's shape
    kind: NameKind = "company"
    forms: tuple[str, ...] = ()  # the other names this language gives it (a short form, a defined name)

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every name this language gives it, the name first."""
        return (self.text, *self.forms)


__all__ = ["NOT_NAME_WORDS", "Lang", "NameKind", "NameMention"]
