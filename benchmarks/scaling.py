"""Does parsing time grow linearly with input size? Prints timings and ratios.

Builds newsletters of 1x, 10x, 100x and 2600x (20 MB) the sample's body (the body sections
repeated), plus pathological inputs (one 2 MB line; 100,000 date-, number-
and bracket-like fragments), parses each with ``parse_text`` and prints the
seconds and the time ratio against size ratio. Linear growth shows as a time
ratio close to the size ratio.

    python benchmarks/scaling.py
"""

from __future__ import annotations

import time
from pathlib import Path

from lifang_parse import parse_text
from lifang_parse.errors import LifangParseError

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "text" / "weekly-cyber-214-2021-03.txt"


def scaled_newsletter(factor: int) -> str:
    """The sample with its body (between the second heading block and the footer) repeated."""
    text = SAMPLE.read_text(encoding="utf-8")
    head, rest = text.split("国内要闻 Domestic News", 1)
    contents, rest = rest.split("国内要闻 Domestic News", 1)
    body, footer = rest.split("立方律师事务所编写", 1)
    body = "国内要闻 Domestic News" + body
    return head + "国内要闻 Domestic News" + contents + body * factor + "立方律师事务所编写" + footer


def timed(text: str) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        newsletter = parse_text(text)
        outcome = f"{sum(len(s.items) for s in newsletter.sections)} items, {len(newsletter.unplaced)} unplaced"
    except LifangParseError as error:
        outcome = type(error).__name__
    return time.perf_counter() - start, outcome


def main() -> None:
    timed(scaled_newsletter(1))  # warm up: gazetteers load and regexes compile once
    base = None
    print(f"{'input':<40} {'MB':>7} {'seconds':>9} {'time ratio':>11}  outcome")
    for factor in (1, 10, 100, 2600):  # 2600x is a 20 MB text
        text = scaled_newsletter(factor)
        seconds, outcome = timed(text)
        base = base or seconds
        print(f"{f'sample body x{factor}':<40} {len(text.encode()) / 1e6:7.2f} {seconds:9.3f} {seconds / base:11.1f}  {outcome}")
    sample = SAMPLE.read_text(encoding="utf-8")
    pathological = {
        "one 2 MB line in the body": sample.replace("海外动态 Overseas News\n\nZoom", "海外动态 Overseas News\n\n" + "数据" * 350_000 + "\n\nZoom", 1),
        "100,000 x 2021年2月5日": sample.replace("No.44", "No.44\n\n" + "2021年2月5日" * 100_000, 1),
        "100,000 x 三十三款": sample.replace("No.44", "No.44\n\n" + "三十三款" * 100_000, 1),
        "100,000 x 《《《": sample.replace("No.44", "No.44\n\n" + "《《《" * 100_000, 1),
        "100,000 lines of 1,000 apps": sample.replace("No.44", "No.44\n\n" + "1,000 apps.\n" * 100_000, 1),
    }
    for size in (1, 2, 4):
        line = "数据" * (250_000 * size)
        text = sample.replace("海外动态 Overseas News\n\nZoom", f"海外动态 Overseas News\n\n{line}\n\nZoom", 1)
        pathological[f"one {size} MB line (linearity)"] = text
    for name, text in pathological.items():
        seconds, outcome = timed(text)
        print(f"{name:<40} {len(text.encode()) / 1e6:7.2f} {seconds:9.3f} {'':>11}  {outcome}")


if __name__ == "__main__":
    main()
