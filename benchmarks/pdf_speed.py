"""The PDF path against pdfplumber and raw pdfium, side by side, in one run.

    python benchmarks/pdf_speed.py                 # the fixture PDFs
    python benchmarks/pdf_speed.py --big [PAGES]   # plus a generated ~500-page newsletter
    python benchmarks/pdf_speed.py --pdf FILE ...  # PDFs of your own (any, even unseen)

For each set of PDFs, in interleaved rounds (so every contender meets the
same machine load), it times:

- **whole path**: ``parse_file(path)`` with the default (pdfium) reader:
  reading, segmenting, pairing, facts: a validated ``Newsletter``;
- **pdfplumber**: pdfplumber's own ``page.extract_text()`` on the same pages
  (the reference reader's library doing the least it can);
- **raw pdfium**: pypdfium2's ``textpage.get_text_range()`` on the same pages,
  the floor no pdfium-based reader can go under;
- **reference reader**: ``parse_file(path, reader="pdfplumber")`` (``--reference``).

It prints the medians and the ratios, by wall clock and by this process's
CPU time (the steadier figure when other work shares the machine); the aim
is the whole path at least 10x faster than pdfplumber's ``extract_text``. With ``--big`` it also prints the
peak memory (VmHWM) of a fresh process parsing the long PDF (aim: at most
150 MB for 500 pages). Nothing asserts: figures are for reading and for the
README ("Benchmarks").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_PDFS = sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))
sys.path.insert(0, str(ROOT / "benchmarks"))

PEAK_CHILD = """
import json, sys, time
from lifang_parse import parse_file
start = time.perf_counter()
newsletter = parse_file(sys.argv[1], reader=sys.argv[2])
seconds = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "pages": newsletter.source.pages, "peak_kb": peak}))
"""


def whole_path(paths: Sequence[Path], reader: str | None = None) -> int:
    """``parse_file`` on every PDF; returns the pages read."""
    from lifang_parse import parse_file

    return sum(parse_file(path, reader=reader).source.pages or 0 for path in paths)


def pdfplumber_text(paths: Sequence[Path]) -> int:
    """pdfplumber's ``extract_text()`` on every page, each page released after."""
    import pdfplumber

    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages


def raw_pdfium(paths: Sequence[Path]) -> int:
    """pypdfium2's plain text extraction of every page: the floor."""
    import pypdfium2 as pdfium

    pages = 0
    for path in paths:
        doc = pdfium.PdfDocument(path)
        try:
            for index in range(len(doc)):
                page = doc[index]
                text_page = page.get_textpage()
                text_page.get_text_range()
                text_page.close()
                page.close()
                pages += 1
        finally:
            doc.close()
    return pages


def interleaved(contenders: dict[str, Callable[[], int]], rounds: int) -> dict[str, tuple[list[float], list[float]]]:
    """(wall seconds, CPU seconds) per round of each contender, the
    contenders taking turns. CPU time (this process's) is the steadier
    figure on a machine shared with other work."""
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in contenders}
    for work in contenders.values():  # warm up: imports, regex compilation, caches
        work()
    for _ in range(rounds):
        for name, work in contenders.items():
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            times[name][0].append(time.perf_counter() - wall)
            times[name][1].append(time.process_time() - cpu)
    return times


def report(title: str, paths: Sequence[Path], rounds: int, reference: bool) -> list[str]:
    """Time the contenders on ``paths``; lines with medians and ratios."""
    pages = raw_pdfium(paths)
    contenders: dict[str, Callable[[], int]] = {
        "whole path (pdfium reader)": lambda: whole_path(paths),
        "pdfplumber extract_text": lambda: pdfplumber_text(paths),
        "raw pdfium get_text_range": lambda: raw_pdfium(paths),
    }
    if reference:
        contenders["whole path (pdfplumber reader)"] = lambda: whole_path(paths, "pdfplumber")
    times = interleaved(contenders, rounds)
    lines = [f"{title}: {len(paths)} PDF(s), {pages} pages, median of {rounds} interleaved rounds"]
    for clock, index in (("wall", 0), ("CPU", 1)):
        medians = {name: statistics.median(values[index]) for name, values in times.items()}
        ours = medians["whole path (pdfium reader)"]
        for name, seconds in medians.items():
            lines.append(f"  {clock:4s} {name:32s} {seconds * 1000:9.1f} ms  {pages / seconds:8.1f} pages/s")
        plumber, floor = medians["pdfplumber extract_text"], medians["raw pdfium get_text_range"]
        lines.append(f"  {clock} ratio: whole path is {plumber / ours:.1f}x faster than pdfplumber extract_text (aim: >= 10x)")
        lines.append(f"  {clock} ratio: whole path costs {ours / floor:.1f}x raw pdfium text extraction")
        if reference:
            lines.append(f"  {clock} ratio: pdfium reader path {medians['whole path (pdfplumber reader)'] / ours:.1f}x faster than the reference reader path")
    return lines


def peak_memory(pdf: Path, reader: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, pages) of a fresh interpreter parsing ``pdf``."""
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-c", PEAK_CHILD, str(pdf), reader], capture_output=True, text=True, check=True, env=env
    )
    figures = json.loads(result.stdout)
    return figures["seconds"], figures["peak_kb"] / 1024, figures["pages"]


def big_pdf(pages: int, scratch: Path) -> Path:
    """A generated newsletter of about ``pages`` pages (needs the dev extra)."""
    from make_big_pdf import make_big_pdf

    pdf = scratch / "big.pdf"
    start = time.perf_counter()
    made = make_big_pdf(pdf, pages)
    print(f"generated a {made}-page newsletter PDF ({pdf.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s", flush=True)
    return pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", nargs="+", type=Path, help="PDFs to measure instead of the fixtures")
    parser.add_argument("--big", nargs="?", const=500, type=int, metavar="PAGES", help="also a generated newsletter of PAGES pages (500)")
    parser.add_argument("--big-pdf", type=Path, help="a long PDF of your own instead of generating one")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7; 3 for the long PDF)")
    parser.add_argument("--reference", action="store_true", help="also time the whole path with the pdfplumber reader")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}", flush=True)
    paths = args.pdf or FIXTURE_PDFS
    print("\n".join(report("PDFs given" if args.pdf else "fixture PDFs", paths, args.rounds, args.reference)), flush=True)
    if args.big or args.big_pdf:
        with tempfile.TemporaryDirectory() as scratch:
            pdf = args.big_pdf or big_pdf(args.big, Path(scratch))
            print("\n".join(report(pdf.name, [pdf], max(1, min(args.rounds, 3)), args.reference)), flush=True)
            seconds, peak, pages = peak_memory(pdf, "pdfium")
            print(f"  peak memory, fresh process, parse_file (pdfium): {peak:.0f} MB for {pages} pages ({seconds:.1f} s; aim: <= 150 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
