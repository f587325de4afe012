"""Field-level accuracy of the fact layer against the hand-written goldens.

Runs ``parse_file`` over every ``fixtures/text/*.txt`` that has a
``fixtures/golden/*.json`` and compares, per item and per fact type, the
parser's facts with the golden ``facts``:

    dates      by (date, role)          agencies  by id
    counts     by (value, unit)         amounts   by (value, currency)
    laws, people   by (zh, en)
    companies  by (zh, en); a golden name also matches a parsed company's
               other forms (``mentions``): goldens name a company by its
               short name or by its longest legal name
    act_types  the types of the golden "actions" (fine, notice, ...)
    actions    by (type, agency)

Prints precision, recall and F1 per type (micro-averaged over all items),
then every missed (in golden, not parsed) and invented (parsed, not in golden)
fact. Exit status 1 when any type's F1 is below ``--min-f1`` (default 0.95).

    python benchmarks/accuracy.py [--fixtures DIR] [--min-f1 0.95] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

from lifang_parse.api import parse_file
from lifang_parse.models import Item

TYPES = ("dates", "agencies", "counts", "amounts", "laws", "companies", "people", "act_types", "actions")
# The golden key a type is read from ("act_types" and "actions" both read the golden's "actions").
_GOLDEN_FIELD = {"act_types": "actions"}


def _num(value: Any) -> Any:
    """1e3 and 1000 and 1000.0 compare equal."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def golden_keys(facts: dict[str, Any], kind: str) -> list[Hashable]:
    """The comparison keys of one golden item's facts of one type."""
    rows = facts.get(_GOLDEN_FIELD.get(kind, kind)) or []
    if kind == "act_types":
        return [r["type"] for r in rows]
    if kind == "actions":
        return [(r["type"], r.get("agency")) for r in rows]
    if kind == "dates":
        return [(r["date"], r["role"]) for r in rows]
    if kind == "agencies":
        return [r if isinstance(r, str) else r["id"] for r in rows]
    if kind == "counts":
        return [(_num(r["value"]), r["unit"]) for r in rows]
    if kind == "amounts":
        return [(_num(r["value"]), r["currency"]) for r in rows]
    return [(r.get("zh"), r.get("en")) for r in rows]


def parsed_keys(item: Item, kind: str) -> list[Hashable]:
    """The comparison keys of one parsed item's facts of one type."""
    if kind == "dates":
        return [(d.date, d.role) for d in item.dates]
    if kind == "agencies":
        return [a.id for a in item.agencies]
    if kind == "counts":
        return [(c.value, c.unit) for c in item.counts]
    if kind == "amounts":
        return [(_num(a.value), a.currency) for a in item.amounts]
    if kind == "laws":
        return [(law.title.zh, law.title.en) for law in item.laws]
    if kind == "act_types":
        return [a.type for a in item.actions]
    if kind == "actions":
        return [(a.type, a.agency) for a in item.actions]
    named = item.companies if kind == "companies" else item.people
    return [(n.name.zh, n.name.en) for n in named]


def _as_golden_names(item: Item, golden: list[Hashable]) -> list[Hashable]:
    """The parsed companies as (zh, en) keys, each written as the golden writes it when the golden names it
    by another of its forms (its short name where the parser keeps the longest legal name, or the reverse)."""
    left = list(golden)
    out: list[Hashable] = []
    for named in item.companies:
        forms_zh = {named.name.zh, *named.mentions}
        forms_en = {named.name.en, *named.mentions}
        hit = next((g for g in left if isinstance(g, tuple) and g[0] in forms_zh and g[1] in forms_en), None)
        if hit is None:
            out.append((named.name.zh, named.name.en))
        else:
            left.remove(hit)
            out.append(hit)
    return out


def golden_items(golden: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for section in golden.get("sections") or []:
        yield from section.get("items") or []


def evaluate(fixtures: Path) -> tuple[dict[str, Counter[str]], list[str]]:
    """Per-type tp/fp/fn counters and the report lines of missed/invented facts."""
    scores: dict[str, Counter[str]] = {kind: Counter() for kind in TYPES}
    lines: list[str] = []
    for golden_path in sorted((fixtures / "golden").glob("*.json")):
        text_path = fixtures / "text" / (golden_path.stem + ".txt")
        if not text_path.exists():
            continue
        golden = json.loads(golden_path.read_text(encoding="utf-8"))
        score_facts(golden, parse_file(text_path).all_items(), scores, lines, golden_path.stem)
    return scores, lines


def score_facts(
    golden: dict[str, Any], items: Iterable[Item], scores: dict[str, Counter[str]], lines: list[str], name: str
) -> None:
    """Add one newsletter's fact matches (parsed ``items`` against its golden)
    to ``scores``, and its missed/invented facts to ``lines``; shared with
    benchmarks/extracted_accuracy.py, which scores other inputs of the same issue."""
    parsed = {item.id: item for item in items}
    for g_item in golden_items(golden):
        facts = g_item.get("facts")
        if facts is None:
            continue
        item = parsed.get(g_item["id"])
        for kind in TYPES:
            if _GOLDEN_FIELD.get(kind, kind) not in facts:
                continue
            want = Counter(golden_keys(facts, kind))
            got = Counter(parsed_keys(item, kind)) if item is not None else Counter()
            if kind == "companies" and item is not None:
                got = Counter(_as_golden_names(item, list(want.elements())))
            tp = sum((want & got).values())
            scores[kind]["tp"] += tp
            scores[kind]["fp"] += sum(got.values()) - tp
            scores[kind]["fn"] += sum(want.values()) - tp
            where = f"{name} {g_item['id']}"
            for key in (want - got).elements():
                lines.append(f"missed   {kind:<9} {where}: {key}")
            for key in (got - want).elements():
                lines.append(f"invented {kind:<9} {where}: {key}")


def prf(counter: Counter[str]) -> tuple[float, float, float]:
    tp, fp, fn = counter["tp"], counter["fp"], counter["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=Path(__file__).resolve().parent.parent / "fixtures")
    parser.add_argument("--min-f1", type=float, default=0.95)
    parser.add_argument("--quiet", action="store_true", help="scores only, no list of facts")
    args = parser.parse_args(argv)
    scores, lines = evaluate(args.fixtures)
    print(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    failed = False
    for kind in TYPES:
        p, r, f = prf(scores[kind])
        c = scores[kind]
        print(f"{kind:<10} {p:6.3f} {r:6.3f} {f:6.3f} {c['tp']:4d} {c['fp']:3d} {c['fn']:3d}")
        failed = failed or f < args.min_f1
    if not args.quiet and lines:
        print()
        print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
