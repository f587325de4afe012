"""Structure holds under the variations real issues show (unseen-structure issue).

Each example takes a fixture with a golden and changes its structure the way
other issues of the series do: a contents title re-worded (the first of the
issue or of a section included), contents in one language only, a contents
section dropped or moved, no contents at all, a heading split over two lines
or half of it in bold. The body does not change, so the parse must still give
the golden's items, titles and bodies — never a story twice, never a refusal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from lifang_parse import parse_text
from lifang_parse.markup import plain
from lifang_parse.read.text import decode_bytes

from conftest import ALL_TEXT_FIXTURES, golden_path
from helpers import stories_told_twice


def _heading_line(heading: dict[str, Any]) -> str:
    return f"{heading['zh']} {heading['en']}"


def _layout(path: Path) -> tuple[list[str], dict[str, Any], int, int] | None:
    """(lines, golden, contents start, body start) where the text prints each
    heading on one line, so the contents are easy to find; else None."""
    golden = json.loads(golden_path(path).read_text(encoding="utf-8"))
    if not golden["contents"]:
        return None
    lines = decode_bytes(path.read_bytes())[0].split("\n")
    first = _heading_line(golden["contents"][0]["heading"])
    body_first = _heading_line(golden["sections"][0]["heading"])
    try:
        start = lines.index(first)
        body = lines.index(body_first, start + 1)
    except ValueError:
        return None
    return lines, golden, start, body


CASES = [(path, found) for path in ALL_TEXT_FIXTURES if golden_path(path).exists() and (found := _layout(path))]


def _reword(title: str) -> str:
    """A contents title worded differently: the agency first, a colon, words dropped."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in title):
        return "要闻：" + title[: max(4, len(title) * 2 // 3)]
    words = title.split()
    return "Update: " + " ".join(words[: max(2, len(words) * 2 // 3)])


@st.composite
def varied(draw: st.DrawFn) -> tuple[str, dict[str, Any], list[str]]:
    path, (lines, golden, start, body) = draw(st.sampled_from(CASES))
    contents, rest = lines[start:body], lines[body:]
    head = lines[:start]
    done: list[str] = []
    titles = [i for i, line in enumerate(contents) if line.strip() and line.strip() not in {_heading_line(b["heading"]) for b in golden["contents"]}]
    for _ in range(draw(st.integers(1, 3))):
        change = draw(st.sampled_from(["reword", "reword_first", "one_language", "drop_section", "move_section", "no_contents", "split_heading", "bold_half"]))
        done.append(change)
        if change in ("reword", "reword_first") and titles:
            index = titles[0] if change == "reword_first" else draw(st.sampled_from(titles))
            if index < len(contents) and contents[index].strip():
                contents[index] = _reword(contents[index])
        elif change == "one_language":
            keep_zh = draw(st.booleans())
            contents = [line for line in contents if not line.strip() or _is_heading(line, golden) or _keeps(line, keep_zh)]
        elif change in ("drop_section", "move_section"):
            blocks = _blocks(contents, golden)
            if len(blocks) > 1:
                index = draw(st.integers(0, len(blocks) - 1))
                moved = blocks.pop(index)
                if change == "move_section":
                    blocks.insert(draw(st.integers(0, len(blocks))), moved)
                contents = [line for block in blocks for line in block]
        elif change == "no_contents":
            contents = []
        elif change == "split_heading":
            rest = [line.replace(" ", "\n", 1) if _is_heading(line, golden) else line for line in rest]
        else:
            half = draw(st.sampled_from(["zh", "en"]))
            contents = [_bold(line, half) if _is_heading(line, golden) else line for line in contents]
            rest = [_bold(line, half) if _is_heading(line, golden) else line for line in rest]
    return "\n".join(head + contents + rest), golden, done


def _keeps(line: str, keep_zh: bool) -> bool:
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in line)
    return chinese if keep_zh else not chinese


def _is_heading(line: str, golden: dict[str, Any]) -> bool:
    return line in {_heading_line(s["heading"]) for s in golden["sections"] + golden["contents"]}


def _bold(line: str, half: str) -> str:
    zh, en = line.split(" ", 1)
    return f"**{zh}** {en}" if half == "zh" else f"{zh} **{en}**"


def _blocks(contents: list[str], golden: dict[str, Any]) -> list[list[str]]:
    """The contents cut before each of its heading lines."""
    blocks: list[list[str]] = []
    for line in contents:
        if not blocks or _is_heading(line, golden):
            blocks.append([])
        blocks[-1].append(line)
    return blocks


@given(varied())
def test_varied_structure_gives_the_golden_body(case: tuple[str, dict[str, Any], list[str]]) -> None:
    text, golden, changes = case
    newsletter = parse_text(text, source_path="varied.txt")
    assert stories_told_twice(newsletter) == [], changes
    want = [
        (item["id"], plain(item["title"]["zh"] or "") or None, plain(item["title"]["en"] or "") or None)
        for section in golden["sections"]
        for item in section["items"]
    ]
    got = [(item.id, item.title.zh, item.title.en) for item in newsletter.all_items()]
    assert got == want, changes
    bodies = {item["id"]: item["body"] for section in golden["sections"] for item in section["items"]}
    for item in newsletter.all_items():
        assert item.body.zh == (plain(bodies[item.id]["zh"]) if bodies[item.id]["zh"] else None), (changes, item.id)
        assert item.body.en == (plain(bodies[item.id]["en"]) if bodies[item.id]["en"] else None), (changes, item.id)
