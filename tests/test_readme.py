"""The README's examples stay true: its JSON excerpt and its gazetteer snippet."""

from __future__ import annotations

import json
from pathlib import Path

import regex

from lifang_parse import parse_file

from conftest import REPO, SAMPLE

README = (REPO / "README.md").read_text(encoding="utf-8")
# A fenced JSON block: ```json ... ```
_JSON_BLOCK = regex.compile(r"```json\n(.*?)```", regex.DOTALL)


def _json_after(marker: str) -> object:
    return json.loads(_JSON_BLOCK.search(README, README.index(marker)).group(1))


def test_item_example_is_what_the_parser_gives() -> None:
    example = _json_after("The facts of the sample's item 1.3")
    item = parse_file(SAMPLE).sections[0].items[2].model_dump(mode="json")
    assert {key: item[key] for key in example} == example


def test_gazetteer_example_works(tmp_path: Path) -> None:
    path = tmp_path / "my-agencies.json"
    path.write_text(json.dumps(_json_after("## Gazetteers"), ensure_ascii=False), encoding="utf-8")
    from lifang_parse.extract import load_gazetteer
    from lifang_parse.extract.agencies import find_agencies

    found = find_agencies("广东省网信办约谈了平台，工信部信息通信发展司参加。", "zh", load_gazetteer(path))
    assert [(m.id, m.text) for m in found] == [("cac-gd", "广东省网信办"), ("miit", "工信部信息通信发展司")]
