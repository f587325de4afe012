"""Compare two parses (a PDF's and its text's) or a parse with its golden, the way the tests and benchmark do.

Text is compared exactly, except that the emphasis markers ``*`` and ``**``
are removed on both sides (a PDF carries italics as fonts, a text file as
markers). Facts are compared as sets of their key values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FACT_TYPES = ("dates", "agencies", "counts", "amounts", "laws", "companies", "people")


def strip(text: str | None) -> str | None:
    if text is None:
        return None
    return text.replace("**", "").replace("*", "")


def _bi(b: Any) -> tuple[str | None, str | None]:
    if b is None:
        return (None, None)
    if isinstance(b, dict):
        return (strip(b.get("zh")), strip(b.get("en")))
    return (strip(b.zh), strip(b.en))


def fact_keys(item: Any) -> dict[str, set]:
    """The facts of a parsed item as sets of key values."""
    return {
        "dates": {(d.date, d.precision, d.role) for d in item.dates},
        "agencies": {a.id for a in item.agencies},
        "counts": {(c.value, c.unit) for c in item.counts},
        "amounts": {(a.value, a.currency) for a in item.amounts},
        "laws": {_bi(l.title) for l in item.laws},
        "companies": {_bi(c.name) for c in item.companies},
        "people": {_bi(p.name) for p in item.people},
    }


def summary(nl: Any) -> dict[str, Any]:
    """What the comparison looks at, from a parsed Newsletter."""
    items = {}
    for section in nl.sections:
        for item in section.items:
            items[item.id] = {
                "title": _bi(item.title),
                "body": _bi(item.body),
                "links": [(l.lang, l.text) for l in item.links],
                "facts": fact_keys(item),
            }
    return {
        "publication_number": nl.publication_number,
        "period": nl.period,
        "issue_number": nl.issue_number,
        "headings": [_bi(s.heading) for s in nl.sections],
        "ids": [i.id for s in nl.sections for i in s.items],
        "items": items,
    }


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _first_diff(a: str | None, b: str | None) -> str:
    if a is None or b is None:
        return f"{_short(a)} != {_short(b)}"
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, n - 30)
    return f"at char {n}: pdf {a[lo:n + 40]!r} vs text {b[lo:n + 40]!r} (lengths {len(a)}/{len(b)})"


def differences(pdf: dict[str, Any], txt: dict[str, Any]) -> list[str]:
    """Every way the PDF's parse differs from the text's (summaries of ``summary``)."""
    out: list[str] = []
    for key in ("publication_number", "period", "issue_number"):
        if pdf[key] != txt[key]:
            out.append(f"{key}: pdf {pdf[key]!r} != text {txt[key]!r}")
    if pdf["headings"] != txt["headings"]:
        out.append(f"section headings: pdf {pdf['headings']!r} != text {txt['headings']!r}")
    if pdf["ids"] != txt["ids"]:
        out.append(f"item ids: pdf {pdf['ids']} != text {txt['ids']}")
    for iid, t in txt["items"].items():
        p = pdf["items"].get(iid)
        if p is None:
            continue
        for lang_i, lang in enumerate(("zh", "en")):
            if p["title"][lang_i] != t["title"][lang_i]:
                out.append(f"{iid} title.{lang}: pdf {_short(p['title'][lang_i])} != text {_short(t['title'][lang_i])}")
            if p["body"][lang_i] != t["body"][lang_i]:
                out.append(f"{iid} body.{lang}: {_first_diff(p['body'][lang_i], t['body'][lang_i])}")
        if p["links"] != t["links"]:
            out.append(f"{iid} links: pdf {p['links']} != text {t['links']}")
        for ft in FACT_TYPES:
            if p["facts"][ft] != t["facts"][ft]:
                only_pdf = p["facts"][ft] - t["facts"][ft]
                only_txt = t["facts"][ft] - p["facts"][ft]
                out.append(f"{iid} {ft}: only in pdf {_short(sorted(only_pdf, key=repr))}, only in text {_short(sorted(only_txt, key=repr))}")
    return out


# --------------------------------------------------------------------------- golden


def golden_summary(golden_path: Path) -> dict[str, Any]:
    g = json.loads(Path(golden_path).read_text(encoding="utf-8"))
    items = {}
    for s in g.get("sections") or []:
        for it in s.get("items") or []:
            items[it["id"]] = {"title": _bi(it.get("title")), "body": _bi(it.get("body"))}
    return {
        "publication_number": g.get("publication_number"),
        "period": g.get("period"),
        "issue_number": g.get("issue_number"),
        "headings": [_bi(s.get("heading")) for s in g.get("sections") or []],
        "items": items,
    }


def structure_score(parsed: dict[str, Any] | None, golden: dict[str, Any]) -> dict[str, Any]:
    """Golden items whose id, title and body (both languages) the parse got right; masthead; headings."""
    total = len(golden["items"])
    if parsed is None:
        return {"items_ok": 0, "items": total, "masthead_ok": False, "headings_ok": False}
    ok = 0
    for iid, g in golden["items"].items():
        p = parsed["items"].get(iid)
        if p and p["title"] == g["title"] and p["body"] == g["body"]:
            ok += 1
    masthead = all(parsed[k] == golden[k] for k in ("publication_number", "period", "issue_number"))
    return {"items_ok": ok, "items": total, "masthead_ok": masthead, "headings_ok": parsed["headings"] == golden["headings"]}


def fact_agreement(pdf: dict[str, Any] | None, txt: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """Per fact type: (matched, in the pdf parse, in the text parse), items paired by id."""
    out = {}
    for ft in FACT_TYPES:
        matched = n_pdf = n_txt = 0
        for iid, t in txt["items"].items():
            tf = t["facts"][ft]
            n_txt += len(tf)
            p = (pdf or {"items": {}})["items"].get(iid)
            if p:
                matched += len(p["facts"][ft] & tf)
        if pdf:
            n_pdf = sum(len(p["facts"][ft]) for p in pdf["items"].values())
        out[ft] = (matched, n_pdf, n_txt)
    return out
