"""The gazetteer: which names denote which government body (and which company).

Domain knowledge lives in ``data/agencies.json`` and ``data/companies.json``;
this module only loads, validates and compiles it. Users pass their own file
to ``parse_file(..., gazetteer=PATH)`` when their news cites bodies we lack.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import regex

from lifang_parse.data import load_packaged_json
from lifang_parse.errors import InputError
from lifang_parse.extract.action_words import ActionWords, compile_words, merge, packaged_words


@dataclass(frozen=True, slots=True)
class Agency:
    """One government body of the gazetteer."""

    id: str
    name_zh: str | None
    name_en: str | None
    abbr: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Company:
    """One company of the gazetteer, with every name it goes by."""

    zh: str
    en: str
    aliases_zh: tuple[str, ...]
    aliases_en: tuple[str, ...]
    # "company", or "service" for a service/product of a parent company (Instagram -> Meta, Alexa -> Amazon):
    # listed as a company only where the text treats it as an actor (extract/companies.py).
    kind: str = "company"
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Agencies and companies with compiled matchers (leftmost, then longest name wins)."""

    agencies: Mapping[str, Agency]
    # surface form -> agency id, per language
    agency_names_zh: Mapping[str, str]
    agency_names_en: Mapping[str, str]
    companies: tuple[Company, ...]
    company_names_zh: Mapping[str, int]
    company_names_en: Mapping[str, int]
    agency_zh_re: regex.Pattern[str] | None = field(default=None, compare=False)
    agency_en_re: regex.Pattern[str] | None = field(default=None, compare=False)
    company_zh_re: regex.Pattern[str] | None = field(default=None, compare=False)
    company_en_re: regex.Pattern[str] | None = field(default=None, compare=False)
    # the companies' canonical English names: the keys that tie a mention to the gazetteer
    company_keys: frozenset[str] = field(default=frozenset(), compare=False)
    # the action vocabulary when the user's file extends it (None: the packaged one, data/actions.json)
    actions: ActionWords | None = field(default=None, compare=False)


def _zh_alternation(names: Iterable[str]) -> regex.Pattern[str] | None:
    """Literal names, longest first, so that a bureau beats its parent's short name."""
    ordered = sorted(set(names), key=lambda s: (-len(s), s))
    if not ordered:
        return None
    return regex.compile("|".join(regex.escape(n) for n in ordered))


# An ordinal that English inserts into a body's name: "the 13th National People's Congress".
_ORDINAL_RE = regex.compile(r"(?<=\bthe )\d{1,3}(?:st|nd|rd|th) ")


def _en_name_pattern(name: str) -> str:
    """A literal name; after "the " an ordinal may stand ("the 13th National People's Congress")."""
    return r"the\ (?:\d{1,3}(?:st|nd|rd|th)\ )?".join(regex.escape(part) for part in name.split("the "))


def normalize_en_name(surface: str) -> str:
    """The gazetteer form of a matched English name (ordinal dropped)."""
    return _ORDINAL_RE.sub("", surface)


def _en_alternation(names: Iterable[str]) -> regex.Pattern[str] | None:
    """Literal names on word boundaries, longest first; case-sensitive (MIIT is not "miit")."""
    ordered = sorted(set(names), key=lambda s: (-len(s), s))
    if not ordered:
        return None
    body = "|".join(_en_name_pattern(n) for n in ordered)
    # Boundaries are Latin letters/digits only, so "与Zoom完成" still finds Zoom inside Chinese.
    return regex.compile(rf"(?<![\p{{Latin}}\p{{N}}])(?:{body})(?![\p{{Latin}}\p{{N}}])")


def _str_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: expected a list of non-empty strings")
    return [v.strip() for v in value]


def _build(data: Mapping[str, Any], companies_data: Mapping[str, Any] | None) -> Gazetteer:
    """Validate the JSON shapes and compile the matchers; ValueError names the bad entry."""
    agencies: dict[str, Agency] = {}
    names_zh: dict[str, str] = {}
    names_en: dict[str, str] = {}
    raw_agencies = data.get("agencies")
    if not isinstance(raw_agencies, list) or not raw_agencies:
        raise ValueError("'agencies' must be a non-empty list")
    for n, entry in enumerate(raw_agencies):
        where = f"agencies[{n}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
            raise ValueError(f"{where}: each agency needs an 'id'")
        aid = entry["id"]
        if aid in agencies:
            raise ValueError(f"{where}: duplicate id {aid!r}")
        name = entry.get("name") or {}
        if not isinstance(name, dict):
            raise ValueError(f"{where}: 'name' must be an object with zh/en")
        zh = _str_list(entry.get("zh"), f"{where}.zh")
        en = _str_list(entry.get("en"), f"{where}.en")
        agencies[aid] = Agency(
            id=aid,
            name_zh=name.get("zh") or (zh[0] if zh else None),
            name_en=name.get("en") or (en[0] if en else None),
            abbr=entry.get("abbr"),
            country=entry.get("country"),
        )
        for s in zh:
            names_zh.setdefault(s, aid)
        for s in en:
            names_en.setdefault(s, aid)
    for n, entry in enumerate(data.get("bureaus") or []):
        where = f"bureaus[{n}]"
        parent = entry.get("parent") if isinstance(entry, dict) else None
        if parent not in agencies:
            raise ValueError(f"{where}: parent {parent!r} is not an agency id")
        for s in _str_list(entry.get("zh"), f"{where}.zh"):
            names_zh.setdefault(s, parent)
        for s in _str_list(entry.get("en"), f"{where}.en"):
            names_en.setdefault(s, parent)

    companies: list[Company] = []
    cnames_zh: dict[str, int] = {}
    cnames_en: dict[str, int] = {}
    for n, entry in enumerate((companies_data or {}).get("companies") or []):
        where = f"companies[{n}]"
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, dict) or not name.get("zh") or not name.get("en"):
            raise ValueError(f"{where}: each company needs name.zh and name.en")
        zh = _str_list(entry.get("zh"), f"{where}.zh") or [name["zh"]]
        en = _str_list(entry.get("en"), f"{where}.en") or [name["en"]]
        kind = entry.get("kind", "company")
        if kind not in ("company", "service"):
            raise ValueError(f"{where}: kind must be 'company' or 'service'")
        parent = entry.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise ValueError(f"{where}: parent must be a company's canonical English name")
        companies.append(
            Company(zh=name["zh"], en=name["en"], aliases_zh=tuple(zh), aliases_en=tuple(en), kind=kind, parent=parent)
        )
        for s in zh:
            cnames_zh.setdefault(s, len(companies) - 1)
        for s in en:
            cnames_en.setdefault(s, len(companies) - 1)
    # Latin-script company names (Zoom, TikTok) also occur inside Chinese text.
    latin_zh = {
        s: i for s, i in [*cnames_zh.items(), *cnames_en.items()] if regex.match(r"^[\p{Latin}\d&.,\s-]+$", s)
    }
    han_zh = {s: i for s, i in cnames_zh.items() if s not in latin_zh}
    zh_company_re = _zh_alternation(han_zh)
    latin_company_re = _en_alternation(latin_zh)
    combined_zh: regex.Pattern[str] | None
    parts = [p.pattern for p in (zh_company_re, latin_company_re) if p is not None]
    combined_zh = regex.compile("|".join(f"(?:{p})" for p in parts)) if parts else None

    return Gazetteer(
        agencies=agencies,
        agency_names_zh=names_zh,
        agency_names_en=names_en,
        companies=tuple(companies),
        company_names_zh=cnames_zh,
        company_names_en=cnames_en,
        agency_zh_re=_zh_alternation(names_zh),
        agency_en_re=_en_alternation(names_en),
        company_zh_re=combined_zh,
        company_en_re=_en_alternation(cnames_en),
        company_keys=frozenset(c.en for c in companies),
    )


def _read_json(path: str | os.PathLike[str]) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as exc:
        raise InputError("gazetteer file not found", path=os.fspath(path)) from exc
    except IsADirectoryError as exc:
        raise InputError("gazetteer path is a directory", path=os.fspath(path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"gazetteer file cannot be read: {exc}", path=os.fspath(path)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"gazetteer is not valid JSON: {exc}", path=os.fspath(path)) from exc


def _packaged(name: str) -> Any:
    return load_packaged_json(name)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _build(_packaged("agencies.json"), _packaged("companies.json"))


def _extend_packaged(user: dict[str, Any]) -> dict[str, Any]:
    """The packaged agencies and bureaus with the user's added; a user entry
    with a packaged id replaces it. (``"replace": true`` in the file skips this.)"""
    packaged = _packaged("agencies.json")
    user_agencies = user.get("agencies") or []
    user_ids = {entry.get("id") for entry in user_agencies if isinstance(entry, dict)}
    merged = dict(user)
    merged["agencies"] = [a for a in packaged["agencies"] if a["id"] not in user_ids] + list(user_agencies)
    merged["bureaus"] = list(packaged.get("bureaus") or []) + list(user.get("bureaus") or [])
    return merged


def load_gazetteer(path: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The packaged gazetteer (``path=None``, cached) or the user's JSON file.

    A user file has the packaged ``agencies.json`` shape (``agencies``, optional
    ``bureaus``) and may carry ``companies`` too; without them the packaged
    companies are used. The user's agencies EXTEND the packaged ones (same id:
    the user's entry wins) unless the file says ``"replace": true``. An
    ``actions`` object (the shape of ``data/actions.json``) adds action
    words to the packaged ones. A missing, unreadable or malformed file
    raises InputError.
    """
    if path is None:
        return _default_gazetteer()
    data = _read_json(path)
    if not isinstance(data, dict):
        raise InputError("gazetteer must be a JSON object with an 'agencies' list", path=os.fspath(path))
    if not data.get("agencies") and not data.get("bureaus") and not isinstance(data.get("actions"), dict):
        raise InputError("gazetteer adds no agencies: it needs a non-empty 'agencies' (or 'bureaus') list", path=os.fspath(path))
    if not data.get("replace", False):
        data = _extend_packaged(data)
    companies = data if "companies" in data else _packaged("companies.json")
    try:
        built = _build(data, companies)
        if isinstance(data.get("actions"), dict):
            built = replace(built, actions=compile_words(merge(packaged_words(), data["actions"])))
        return built
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"malformed gazetteer: {exc}", path=os.fspath(path)) from exc


__all__ = ["Agency", "Company", "Gazetteer", "load_gazetteer", "normalize_en_name"]
