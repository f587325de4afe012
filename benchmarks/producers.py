"""How well lifang-parse reads PDFs laid out by real publishing tool chains (tests/producers).

Every text fixture with a golden (fixtures/golden, fixtures/*/golden) is typeset
by every producer in every style row of tests/producers/styles.py (browser:
Chromium prints a WeChat-style article; word: LibreOffice converts a .docx;
reportlab; fpdf2), then read two ways:

- ``parse_file(pdf)``: the parser's own PDF reader;
- ``pdftotext file.pdf -`` (poppler's default, not -layout), the text parsed as a .txt.

Per producer and style row it prints:

- structure: the fraction of golden items whose id, title and body (zh and en)
  the parse got exactly, ``*``/``**`` markers removed on both sides; masthead:
  files whose publication number, period and issue number are right; headings:
  files whose section headings are right;
- facts: agreement with the parse of the fixture's text, per fact type and all
  together, 2|A∩B| / (|A|+|B|) over key values, micro-averaged over items;
- refused: files parse_file raised on (listed at the end with the message),

then the most common kinds of difference from the text parse, and the text
parse's own structure score against the golden (the ceiling).

    python benchmarks/producers.py [--quick] [--producers browser,word] [--workers 2] [--files] [--keep DIR] [--json OUT]

``--quick`` runs the tests' rotation (every fixture once per producer) instead
of the full matrix.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
sys.path.insert(0, str(TESTS))  # before this file's own folder: `producers` is the tests' package

from producers import PRODUCERS, STYLES, discover_fixtures, missing_tool, produce_many
from producers.compare import (
    FACT_TYPES,
    differences,
    fact_agreement,
    golden_summary,
    structure_score,
    summary,
)

from lifang_parse import parse_file

PDFTOTEXT_SECONDS = 60


def _error(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def read_pdf(pdf: str) -> dict[str, Any]:
    """Both readings of one PDF: {"parse": summary or None, "parse_error", "pdftotext": ..., "pdftotext_error"}."""
    out: dict[str, Any] = {"parse": None, "parse_error": None, "pdftotext": None, "pdftotext_error": None}
    try:
        out["parse"] = summary(parse_file(pdf))
    except Exception as exc:  # a refusal is a result here
        out["parse_error"] = _error(exc)
    try:
        with tempfile.TemporaryDirectory(prefix="lifang-pdftotext-") as tmp:
            txt = Path(tmp) / (Path(pdf).stem + ".txt")
            result = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, str(txt)], capture_output=True, text=True,
                                    timeout=PDFTOTEXT_SECONDS, check=False)
            if result.returncode != 0 or not txt.exists():
                raise RuntimeError(f"pdftotext exit {result.returncode}: {result.stderr.strip()[:200]}")
            out["pdftotext"] = summary(parse_file(txt))
    except Exception as exc:
        out["pdftotext_error"] = _error(exc)
    return out


def diff_kind(line: str) -> str:
    """ "1.2 body.en: at char ..." -> "body.en"; "item ids: ..." -> "item ids"."""
    head = line.split(":", 1)[0]
    parts = head.split(" ", 1)
    if len(parts) == 2 and parts[0][:1].isdigit():
        return parts[1]
    return head


def jobs_for(fixtures, producers, quick: bool) -> list[tuple[Path, Path, str, str]]:
    jobs = []
    for producer in producers:
        rows = STYLES[producer]
        if quick:
            n = max(len(fixtures), len(rows))
            jobs += [(*fixtures[k % len(fixtures)], producer, rows[k % len(rows)]["id"]) for k in range(n)]
        else:
            jobs += [(t, g, producer, r["id"]) for t, g in fixtures for r in rows]
    return jobs


class Tally:
    def __init__(self) -> None:
        self.files = 0
        self.refused = 0
        self.items_ok = 0
        self.items = 0
        self.masthead = 0
        self.headings = 0
        self.facts: dict[str, list[int]] = {ft: [0, 0, 0] for ft in FACT_TYPES}
        self.files_equal = 0  # files whose parse equals the text parse on everything the tests compare

    def add(self, parsed: dict | None, golden: dict, text: dict) -> None:
        self.files += 1
        if parsed is None:
            self.refused += 1
        s = structure_score(parsed, golden)
        self.items_ok += s["items_ok"]
        self.items += s["items"]
        self.masthead += s["masthead_ok"]
        self.headings += s["headings_ok"]
        for ft, (m, p, t) in fact_agreement(parsed, text).items():
            acc = self.facts[ft]
            acc[0] += m
            acc[1] += p
            acc[2] += t
        if parsed is not None and not differences(parsed, text):
            self.files_equal += 1

    def structure(self) -> float:
        return self.items_ok / self.items if self.items else 0.0

    def agreement(self, ft: str | None = None) -> float:
        if ft:
            m, p, t = self.facts[ft]
        else:
            m = sum(v[0] for v in self.facts.values())
            p = sum(v[1] for v in self.facts.values())
            t = sum(v[2] for v in self.facts.values())
        return 2 * m / (p + t) if (p + t) else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files, "refused": self.refused, "files_equal_to_text": self.files_equal,
            "structure": round(self.structure(), 4), "items_ok": self.items_ok, "items": self.items,
            "masthead_ok": self.masthead, "headings_ok": self.headings,
            "facts": round(self.agreement(), 4),
            "facts_by_type": {ft: round(self.agreement(ft), 4) for ft in FACT_TYPES},
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="every fixture once per producer (the tests' rotation)")
    ap.add_argument("--producers", default=",".join(PRODUCERS))
    ap.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    ap.add_argument("--files", action="store_true", help="one line per file")
    ap.add_argument("--keep", help="write the PDFs here (default: a temporary folder)")
    ap.add_argument("--json", help="write the figures here as JSON")
    args = ap.parse_args(argv)

    start = time.monotonic()
    fixtures = discover_fixtures()
    producers = [p for p in args.producers.split(",") if p]
    skipped = {p: why for p in producers if (why := missing_tool(p))}
    jobs = jobs_for(fixtures, [p for p in producers if p not in skipped], args.quick)
    goldens = {g.stem: golden_summary(g) for _, g in fixtures}
    texts = {t.stem: summary(parse_file(t)) for t, _ in fixtures}

    tmp = None
    if args.keep:
        out_dir = Path(args.keep)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lifang-producers-")
        out_dir = Path(tmp.name)
    made = produce_many([(g, p, s) for _, g, p, s in jobs], out_dir, workers=args.workers)
    t_made = time.monotonic() - start

    pdfs = {k: v for k, v in made.items() if isinstance(v, Path)}
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        readings = dict(zip(pdfs, pool.map(read_pdf, [str(p) for p in pdfs.values()])))

    per_row: dict[tuple[str, str], dict[str, Tally]] = defaultdict(lambda: {"parse": Tally(), "pdftotext": Tally()})
    per_producer: dict[str, dict[str, Tally]] = defaultdict(lambda: {"parse": Tally(), "pdftotext": Tally()})
    refusals: list[tuple[str, str, str, str]] = []
    produce_errors: list[tuple[str, str, str, str]] = []
    kinds: dict[str, Counter] = {"parse": Counter(), "pdftotext": Counter()}
    kinds_by_producer: dict[str, Counter] = defaultdict(Counter)
    file_lines = []
    for key, value in made.items():
        stem, producer, style = key
        if not isinstance(value, Path):
            produce_errors.append((producer, style, stem, _error(value)))
            continue
        r = readings[key]
        for reader in ("parse", "pdftotext"):
            parsed = r[reader]
            for tally in (per_row[(producer, style)][reader], per_producer[producer][reader]):
                tally.add(parsed, goldens[stem], texts[stem])
            if parsed is None:
                refusals.append((reader, f"{producer}/{style}", stem, r[f"{reader}_error"]))
            else:
                found = {diff_kind(d) for d in differences(parsed, texts[stem])}
                kinds[reader].update(found)
                if reader == "parse":
                    kinds_by_producer[producer].update(found)
        if args.files:
            p = r["parse"]
            s = structure_score(p, goldens[stem])
            n_diff = len(differences(p, texts[stem])) if p else None
            file_lines.append(f"  {producer:9} {style:28} {stem:26} structure {s['items_ok']}/{s['items']}"
                              f" masthead {'ok' if s['masthead_ok'] else 'WRONG'} headings {'ok' if s['headings_ok'] else 'WRONG'}"
                              f" differences {n_diff if n_diff is not None else 'REFUSED'}")

    # ---- report
    print(f"producers benchmark: {len(fixtures)} fixtures, {len(made)} PDFs ({len(produce_errors)} not made), "
          f"{args.workers} workers; made in {t_made:.0f} s, total {time.monotonic() - start:.0f} s"
          f"{' (quick rotation)' if args.quick else ' (full matrix)'}")
    for p, why in skipped.items():
        print(f"  SKIPPED {p}: {why}")
    print("structure = golden items with id, title and body (zh+en) exact; masthead/headings = files right;")
    print("facts = agreement with the text parse, 2|A∩B|/(|A|+|B|), micro-averaged; same = files equal to the text parse on all compared fields")
    head = f"{'producer':9} {'style':28} {'files':>5} | {'refused':>7} {'struct':>6} {'masthd':>6} {'headng':>6} {'facts':>5} {'same':>4} | pdftotext: {'refused':>7} {'struct':>6} {'masthd':>6} {'headng':>6} {'facts':>5}"
    print()
    print(head)
    print("-" * len(head))

    def cols(t: Tally, same: bool = True) -> str:
        base = (f"{t.refused:>7} {t.structure():>6.3f} {t.masthead:>3}/{t.files:<2} {t.headings:>3}/{t.files:<2} "
                f"{t.agreement():>5.3f}")
        return base + (f" {t.files_equal:>4}" if same else "")

    for producer in producers:
        if producer in skipped:
            continue
        for row in STYLES[producer]:
            key = (producer, row["id"])
            if key not in per_row:
                continue
            t = per_row[key]
            print(f"{producer:9} {row['id']:28} {t['parse'].files:>5} | {cols(t['parse'])} | {'':11}{cols(t['pdftotext'], False)}")
        t = per_producer[producer]
        print(f"{producer:9} {'(all rows)':28} {t['parse'].files:>5} | {cols(t['parse'])} | {'':11}{cols(t['pdftotext'], False)}")
        print()

    print("facts by type, agreement with the text parse (parse_file(pdf) / pdftotext):")
    print(f"{'producer':9} " + " ".join(f"{ft:>15}" for ft in FACT_TYPES))
    for producer in producers:
        if producer in per_producer:
            t = per_producer[producer]
            print(f"{producer:9} " + " ".join(f"{t['parse'].agreement(ft):>7.3f}/{t['pdftotext'].agreement(ft):<7.3f}" for ft in FACT_TYPES))

    ceiling = Tally()
    for stem, text in texts.items():
        ceiling.add(text, goldens[stem], text)
    print(f"\ntext parse vs golden (the ceiling): structure {ceiling.structure():.3f} ({ceiling.items_ok}/{ceiling.items}), "
          f"masthead {ceiling.masthead}/{ceiling.files}, headings {ceiling.headings}/{ceiling.files}")

    for reader in ("parse", "pdftotext"):
        label = "parse_file(pdf)" if reader == "parse" else "pdftotext"
        print(f"\nmost common differences from the text parse, {label} (files showing each):")
        for kind, n in kinds[reader].most_common(15):
            print(f"  {n:4}  {kind}")
    print("\nby producer, parse_file(pdf):")
    for producer, c in kinds_by_producer.items():
        print(f"  {producer:9} " + ", ".join(f"{k} {n}" for k, n in c.most_common(8)))

    if produce_errors:
        print(f"\nPDFs not made ({len(produce_errors)}):")
        for producer, style, stem, msg in produce_errors:
            print(f"  {producer}/{style} {stem}: {msg}")
    print(f"\nrefused files ({len(refusals)}):")
    messages = Counter((reader, msg) for reader, _, _, msg in refusals)
    for (reader, msg), n in messages.most_common():
        print(f"  {n:4}x [{reader}] {msg}")
    for reader, row, stem, msg in refusals:
        print(f"        [{reader}] {row} {stem}: {msg}")
    if args.files:
        print("\nfiles:")
        print("\n".join(file_lines))

    if args.json:
        figures = {
            "fixtures": len(fixtures), "pdfs": len(made), "quick": args.quick,
            "rows": {f"{p}/{s}": {r: t.as_dict() for r, t in v.items()} for (p, s), v in per_row.items()},
            "producers": {p: {r: t.as_dict() for r, t in v.items()} for p, v in per_producer.items()},
            "ceiling": ceiling.as_dict(),
            "differences": {r: dict(c.most_common()) for r, c in kinds.items()},
            "refused": [list(x) for x in refusals],
            "not_made": [list(x) for x in produce_errors],
        }
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
