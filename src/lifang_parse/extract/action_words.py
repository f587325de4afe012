"""The action vocabulary (``data/actions.json``), validated and compiled.

Why a module of its own: the words are data users extend (their gazetteer
file may carry an ``actions`` object of the same shape), so the gazetteer
loader compiles them once per gazetteer, and the extractor
(``actions.py``) only reads the compiled patterns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, get_args

import regex

from lifang_parse.data import load_packaged_json
from lifang_parse.models import ActionType

TYPES: tuple[ActionType, ...] = get_args(ActionType)
_LANGS = ("zh", "en")
_GAP = "…"
# The gap '…' stands for: Chinese, up to 16 characters of one clause; English, up to seven words of one clause.
_ZH_GAP = r"[^。；;，,！？!?\n]{0,16}?"
_EN_GAP = r"(?:\s[^\s.;:!?]{1,30}){0,7}?\s"
_MARKER_LISTS = ("passive", "joint", "object_markers")


@dataclass(frozen=True, slots=True)
class LangWords:
    """One language's compiled action words."""

    # every type's words in one pattern, a named group per type (one scan finds them all, overlapping ones too)
    triggers: regex.Pattern[str]
    # English: the words a trigger (a "not" phrase) may start with; the pattern is tried at those words only
    trigger_heads: frozenset[str]
    not_heads: frozenset[str]
    # phrases that hold a trigger but say no such action, per type (None: there are none)
    nots: regex.Pattern[str] | None
    objects: regex.Pattern[str] | None  # what an issued thing is called (issuance without a cited title)
    draft: regex.Pattern[str] | None
    proposal: regex.Pattern[str] | None  # an issued proposal is no instrument ("提案", "its proposal for")
    not_instruments: tuple[str, ...]  # title endings that name no instrument: a letter, a decision notice (书, 函)
    references: regex.Pattern[str] | None  # words that refer back to the story's instrument (该法, the regulations)
    earlier: regex.Pattern[str] | None  # an older instrument than the story's (现行, now in force)
    possible: regex.Pattern[str] | None  # a possibility or a rule's content (最高可被, could)
    duty: regex.Pattern[str] | None  # a duty (须, must)
    agentless: tuple[str, ...]  # what makes a passive (被, was)
    third_party: regex.Pattern[str] | None
    commissioned: regex.Pattern[str] | None  # an authority had the third party act (委托, had)
    speech: regex.Pattern[str] | None  # a company's own account (表示, said), right after its name
    subordinate: tuple[str, ...]  # what opens a clause of time (after, 在…后)
    adverbial: tuple[str, ...]  # what puts an agency in an adverbial (在…指导下, transferred by the)
    reporting: frozenset[str]  # verbs a reported "that" clause follows (announced that ...)
    passive: tuple[str, ...]
    joint: tuple[str, ...]
    object_markers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActionWords:
    """The compiled vocabulary, per language."""

    zh: LangWords
    en: LangWords

    def of(self, lang: str) -> LangWords:
        """The words of ``lang`` ("zh" or "en")."""
        return self.zh if lang == "zh" else self.en


def _phrase(phrase: str, lang: str) -> str:
    """One phrase as a pattern: literal parts, '…' a bounded gap; English on word edges."""
    parts = [regex.escape(p.strip() if lang == "en" else p) for p in phrase.split(_GAP)]
    body = (_EN_GAP if lang == "en" else _ZH_GAP).join(parts)
    return rf"(?<![\w-]){body}(?![\w-])" if lang == "en" else body


def _alternation(phrases: Iterable[str], lang: str) -> regex.Pattern[str] | None:
    """The phrases as one pattern, longest first; English case-insensitive."""
    ordered = sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not ordered:
        return None
    flags = regex.IGNORECASE if lang == "en" else 0
    return regex.compile("|".join(_phrase(p, lang) for p in ordered), flags)


def _heads(nouns: list[str], lang: str) -> regex.Pattern[str] | None:
    """Nouns that head a phrase: in Chinese at its end (标准 in "国家标准的征求意见稿", not 法 in "依法")."""
    pattern = _alternation(nouns, lang)
    if pattern is None or lang == "en":
        return pattern
    return regex.compile(rf"(?<!依)(?:{pattern.pattern})(?=[，。；、的）)\s]|$)")


def _words(data: Mapping[str, Any], key: str, lang: str) -> list[str]:
    """A list of phrases of the vocabulary, checked (ValueError names the entry)."""
    value = (data.get(key) or {}).get(lang) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"actions.{key}.{lang}: expected a list of non-empty strings")
    return value


def _body(phrase: str, lang: str) -> str:
    """A phrase's pattern without its word edges; English lower-cased (matched against lower-cased text)."""
    parts = [regex.escape(p.strip().lower() if lang == "en" else p) for p in phrase.split(_GAP)]
    return (_EN_GAP if lang == "en" else _ZH_GAP).join(parts)


def _grouped(types: Mapping[str, Any], key: str, lang: str) -> regex.Pattern[str] | None:
    """One pattern of every type's phrases under ``key``, each type a named group (longest phrase first).

    English is matched in lower case against lower-cased text (see ``lowered``), whole words only: one
    case-sensitive scan is many times faster than a case-insensitive one over this many phrases.
    """
    groups = []
    for kind in TYPES:
        phrases = sorted({p for p in _words(types.get(kind) or {}, key, lang) if p.strip()}, key=lambda p: (-len(p), p))
        if phrases:
            groups.append(f"(?P<{kind}>{'|'.join(_body(p, lang) for p in phrases)})")
    if not groups:
        return None
    body = "|".join(groups)
    return regex.compile(rf"(?<![\w-])(?:{body})(?![\w-])" if lang == "en" else body)


def _heads_of(types: Mapping[str, Any], key: str, lang: str) -> frozenset[str]:
    """The first words of every English phrase under ``key`` (lower case); empty for Chinese."""
    if lang != "en":
        return frozenset()
    return frozenset(
        p.strip().lower().split(_GAP)[0].split()[0] for kind in TYPES for p in _words(types.get(kind) or {}, key, lang) if p.strip()
    )


def lowered(text: str) -> str:
    """English text lower-cased for the grouped patterns, one character for one (offsets stay valid)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _lang_words(types: Mapping[str, Any], data: Mapping[str, Any], lang: str) -> LangWords:
    triggers = _grouped(types, "triggers", lang)
    if triggers is None:
        raise ValueError(f"actions: no action words for {lang!r}")
    markers = {key: tuple(_words(data, key, lang)) for key in _MARKER_LISTS}
    issuance = types.get("issuance") or {}
    return LangWords(
        triggers=triggers,
        trigger_heads=_heads_of(types, "triggers", lang),
        not_heads=_heads_of(types, "not", lang),
        nots=_grouped(types, "not", lang),
        objects=_heads(_words(issuance, "objects", lang), lang),
        draft=_alternation(_words(data, "draft", lang), lang),
        proposal=_alternation(_words(issuance, "proposal", lang), lang),
        not_instruments=tuple(_words(issuance, "not_instruments", lang)),
        references=_alternation(_words(data, "instrument_references", lang), lang),
        earlier=_alternation(_words(data, "earlier_instruments", lang), lang),
        possible=_alternation(_words(data.get("modal") or {}, "possible", lang), lang),
        duty=_alternation(_words(data.get("modal") or {}, "duty", lang), lang),
        agentless=tuple(_words(data, "agentless_passive", lang)),
        speech=_alternation(_words(data, "company_speech", lang), lang),
        subordinate=tuple(_words(data, "subordinate", lang)),
        adverbial=tuple(_words(data, "adverbial", lang)),
        reporting=frozenset(_words(data, "reporting_verbs", lang)),
        third_party=_alternation(_words(data, "third_party", lang), lang),
        commissioned=_alternation(_words(data.get("third_party") or {}, "commissioned", lang), lang),
        passive=markers["passive"],
        joint=markers["joint"],
        object_markers=markers["object_markers"],
    )


def _normalised(data: Mapping[str, Any]) -> dict[str, Any]:
    """The file's shape with each type's phrase lists under 'triggers', 'not', 'objects' by language."""
    types = data.get("types")
    if not isinstance(types, dict):
        raise ValueError("actions: 'types' must be an object of action types")
    unknown = sorted(set(types) - set(TYPES))
    if unknown:
        raise ValueError(f"actions.types: unknown action types {unknown} (known: {list(TYPES)})")
    out: dict[str, Any] = {}
    for kind, entry in types.items():
        if not isinstance(entry, dict):
            raise ValueError(f"actions.types.{kind}: expected an object")
        out[kind] = {
            "triggers": {lang: entry.get(lang) or [] for lang in _LANGS},
            **{key: entry.get(key) or {} for key in ("not", "objects", "proposal", "not_instruments")},
        }
    return out


def merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """The packaged vocabulary with a user's phrases added (lists are extended, never replaced)."""
    merged: dict[str, Any] = {k: v for k, v in base.items()}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *(v for v in value if v not in merged[key])]
        else:
            merged[key] = value
    return merged


def compile_words(data: Mapping[str, Any]) -> ActionWords:
    """Validate and compile a vocabulary of the ``data/actions.json`` shape."""
    types = _normalised(data)
    return ActionWords(zh=_lang_words(types, data, "zh"), en=_lang_words(types, data, "en"))


def packaged_words() -> dict[str, Any]:
    """The packaged vocabulary as data (for merging a user's)."""
    data: dict[str, Any] = load_packaged_json("actions.json")
    return data


@lru_cache(maxsize=1)
def default_words() -> ActionWords:
    """The packaged vocabulary, compiled once."""
    return compile_words(packaged_words())


__all__ = ["TYPES", "ActionWords", "LangWords", "compile_words", "default_words", "lowered", "merge", "packaged_words"]
