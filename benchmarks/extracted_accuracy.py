"""Accuracy of extracted text (pdftotext, pdfplumber) next to the clean text's.

For every ``fixtures/extracted-unseen/<tool>/<set>-<name>-<layout>.txt``
(tools/make_unseen_extracted.py) and ``fixtures/extracted/<tool>/<name>.txt``
(the project's own PDFs), parses the extraction and scores it against the
golden of its clean text (``fixtures[/<set>]/golden/<name>.json``):

- structure F1: items whose title and body equal the golden's (Markdown
  emphasis ignored, which extracted text cannot have), matched by item id;
- fact F1 per type, by benchmarks/accuracy.py's keys and counting.

The clean text of the same newsletters is scored the same way and printed
beside it: an extraction should lose nothing against it (aim: within 0.02).
Per tool, per set, micro-averaged over files; ``--files`` lists each file.

    python benchmarks/extracted_accuracy.py [--files] [--facts]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import TYPES, golden_items, prf, score_facts  # noqa: E402

from lifang_parse.api import parse_file  # noqa: E402
from lifang_parse.errors import LifangParseError  # noqa: E402
from lifang_parse.models import Item  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TOOLS = ("pdftotext", "pdfplumber")
# Set name (as in extracted-unseen file names) -> fixture folder holding text/ and golden/.
SETS: dict[str, Path] = {
    "text": FIXTURES,
    "heldout": FIXTURES / "heldout",
    "final": FIXTURES / "final",
    "blind": FIXTURES / "blind",
    "blind2": FIXTURES / "blind2",
}
Scores = dict[str, Counter[str]]


def _plain(text: str | None) -> str | None:
    return text.replace("*", "") if text is not None else None


def score_structure(golden: dict[str, Any], items: Iterable[Item], scores: Counter[str]) -> None:
    """Items with the golden's title and body (both languages, emphasis ignored)."""
    want = {
        g["id"]: tuple(_plain((g.get(part) or {}).get(lang)) for part in ("title", "body") for lang in ("zh", "en"))
        for g in golden_items(golden)
    }
    got = {item.id: tuple(_plain(getattr(getattr(item, part), lang)) for part in ("title", "body") for lang in ("zh", "en")) for item in items}
    tp = sum(1 for k, v in got.items() if want.get(k) == v)
    scores["tp"] += tp
    scores["fp"] += len(got) - tp
    scores["fn"] += len(want) - tp


def extractions() -> list[tuple[str, str, Path, Path]]:
    """(tool, set, extracted file, clean text) of every committed extraction."""
    out = []
    for tool in TOOLS:
        for path in sorted((FIXTURES / "extracted-unseen" / tool).glob("*.txt")):
            set_name, rest = path.stem.split("-", 1)
            name = "-".join(rest.split("-")[:5])  # weekly-cyber-NNN-YYYY-MM
            out.append((tool, set_name, path, SETS[set_name] / "text" / f"{name}.txt"))
        for path in sorted((FIXTURES / "extracted" / tool).glob("*.txt")):
            out.append((tool, "own-pdfs", path, FIXTURES / "text" / path.name))
    return out


def score_file(path: Path, golden: dict[str, Any], lines: list[str]) -> tuple[Counter[str], Scores]:
    try:
        items = list(parse_file(path).all_items())
    except LifangParseError as exc:  # not even a newsletter: every item is missed
        lines.append(f"failed   {path.stem}: {exc}")
        items = []
    structure: Counter[str] = Counter()
    score_structure(golden, items, structure)
    facts: Scores = {kind: Counter() for kind in TYPES}
    score_facts(golden, items, facts, lines, path.stem)
    return structure, facts


def _row(label: str, structure: Counter[str], facts: Scores) -> str:
    cells = [f"{prf(structure)[2]:6.3f}"] + [f"{prf(facts[kind])[2]:6.3f}" for kind in TYPES]
    return f"{label:<44} " + " ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", action="store_true", help="a row per extracted file")
    parser.add_argument("--facts", action="store_true", help="list the missed and invented facts")
    args = parser.parse_args(argv)
    header = f"{'tool / set (files)':<44} {'struct':>6} " + " ".join(f"{k[:6]:>6}" for k in TYPES)
    print(header)
    groups: dict[tuple[str, str], list[tuple[Path, Path]]] = {}
    for tool, set_name, path, clean in extractions():
        groups.setdefault((tool, set_name), []).append((path, clean))
    fact_lines: list[str] = []
    for (tool, set_name), files in groups.items():
        totals = [(Counter(), {k: Counter() for k in TYPES}) for _ in range(2)]  # extraction, clean
        for path, clean in files:
            golden = json.loads((clean.parent.parent / "golden" / f"{clean.stem}.json").read_text(encoding="utf-8"))
            for (structure, facts), source in zip(totals, (path, clean)):
                s, f = score_file(source, golden, fact_lines if source == path else [])
                structure.update(s)
                for kind in TYPES:
                    facts[kind].update(f[kind])
                if args.files and source == path:
                    print(_row(f"  {path.stem[:42]}", s, f))
        print(_row(f"{tool} / {set_name} ({len(files)})", *totals[0]))
        print(_row(f"  clean text / {set_name}", *totals[1]))
    if args.facts and fact_lines:
        print()
        print("\n".join(fact_lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
