"""Structure accuracy against the hand-written goldens: masthead, contents,
sections, titles and bodies (page-break joins included), no story twice.

Each newsletter gets a score: the share of these checks that hold —
4 masthead fields (number, period, issue, title); each contents heading and
title as printed; each section heading; each golden item's title and body in
both languages (emphasis markers ignored on both sides) — where every parsed
item the golden lacks (an invented or duplicated story) counts as one more
failed check. A file that is refused scores 0.

    python benchmarks/structure.py [--fixtures DIR ...] [--files]

Runs on any version of the package (it uses only ``parse_file`` and the
models' fields), so the same script measures a branch before and after.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lifang_parse.api import parse_file
from lifang_parse.errors import LifangParseError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_MARKERS_RE = re.compile(r"\*+")


def _plain(value: str | None) -> str | None:
    return _MARKERS_RE.sub("", value) if value is not None else None


def _pair(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, dict):
        return _plain(value.get("zh")), _plain(value.get("en"))
    return _plain(value.zh), _plain(value.en)


def score_newsletter(golden: dict[str, Any], path: Path) -> tuple[int, int, list[str]]:
    """(checks passed, checks made, what failed) for one file against its golden."""
    failures: list[str] = []
    checks = 0
    passed = 0

    def check(ok: bool, what: str) -> None:
        nonlocal checks, passed
        checks += 1
        passed += ok
        if not ok:
            failures.append(what)

    try:
        parsed = parse_file(path)
    except LifangParseError as exc:
        total = 4 + sum(1 + len(b["titles"]) for b in golden["contents"]) + sum(
            1 + 4 * len(s["items"]) for s in golden["sections"]
        )
        return 0, total, [f"refused: {exc}"]
    for key in ("publication_number", "period", "issue_number"):
        check(getattr(parsed, key) == golden[key], f"masthead {key}: {getattr(parsed, key)!r}")
    check(_pair(parsed.title) == _pair(golden["title"]), f"masthead title: {_pair(parsed.title)}")
    got_contents = list(parsed.contents)
    for index, block in enumerate(golden["contents"]):
        mine = got_contents[index] if index < len(got_contents) else None
        check(mine is not None and _pair(mine.heading) == _pair(block["heading"]), f"contents heading {index + 1}")
        for t_index, title in enumerate(block["titles"]):
            ok = mine is not None and t_index < len(mine.titles) and _pair(mine.titles[t_index]) == _pair(title)
            check(ok, f"contents {index + 1}.{t_index + 1}: {_pair(title)}")
    items = {item.id: item for section in parsed.sections for item in section.items}
    for index, section in enumerate(golden["sections"]):
        mine = parsed.sections[index] if index < len(parsed.sections) else None
        check(mine is not None and _pair(mine.heading) == _pair(section["heading"]), f"section {index + 1} heading")
        for g_item in section["items"]:
            item = items.pop(g_item["id"], None)
            for part in ("title", "body"):
                want = _pair(g_item[part])
                got = _pair(getattr(item, part)) if item is not None else (None, None)
                for lang, w, g in (("zh", want[0], got[0]), ("en", want[1], got[1])):
                    check(item is not None and w == g, f"item {g_item['id']} {part}.{lang}")
    for extra in items:
        check(False, f"item {extra} is not in the golden")
    return passed, checks, failures


def sets(roots: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(golden, text) pairs under each root (a folder with golden/ and text/)."""
    out = []
    for root in roots:
        for golden in sorted((root / "golden").glob("*.json")):
            text = root / "text" / f"{golden.stem}.txt"
            if text.exists():
                out.append((golden, text))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, nargs="*", default=[FIXTURES])
    parser.add_argument("--files", action="store_true", help="list every failed check")
    args = parser.parse_args(argv)
    total_passed = total_checks = 0
    for golden_path, text_path in sets(args.fixtures):
        golden = json.loads(golden_path.read_text(encoding="utf-8"))
        passed, checks, failures = score_newsletter(golden, text_path)
        total_passed += passed
        total_checks += checks
        print(f"{text_path.parent.parent.name}/{text_path.stem:<32} {passed / checks:6.3f}  ({passed}/{checks})")
        if args.files:
            for failure in failures:
                print(f"    {failure}")
    if total_checks:
        print(f"{'all':<44} {total_passed / total_checks:6.3f}  ({total_passed}/{total_checks})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
