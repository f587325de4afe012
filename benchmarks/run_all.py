"""All the speed and memory figures of the README, in one run.

    python benchmarks/run_all.py            # everything (about 3 minutes on 2 cores)
    python benchmarks/run_all.py --quick    # skip the 500-page PDF (no reportlab needed)
    python benchmarks/run_all.py --only-pdf [--pdf FILE]   # only the long-PDF figures

Prints, with the machine it ran on:

1. text newsletters per second on one core (``parse_file`` in this process);
2. PDF pages per second, and in the same run pdfplumber's own
   ``page.extract_text()`` over the same pages, with the ratio (aim: our whole
   PDF path at most 1.3x pdfplumber), on the fixture PDFs and on a
   generated 500-page PDF;
3. the batch speed-up of ``parse_many`` from 1 to 2 workers;
4. CLI start-up time (``lifang-parse --version``; parsing the sample);
5. peak memory (peak RSS, VmHWM, of a fresh process) on the 500-page PDF, ours and
   pdfplumber's.

Findings so far (pdfplumber 0.11.10): on newsletter-sized PDFs our whole
path costs about 1.1-1.2x ``extract_text``, as ~85% of the reader's time is
pdfplumber's own ``page.chars``. On the 500-page file the ratio rises to
1.4-1.8x (machine load varies it): the reader keeps every page's fragments
until the document is complete, and Python's cyclic garbage collector scans
them again and again while pdfminer allocates millions of objects. With
``gc.freeze()`` after each page the 501-page parse went from 90 s to 51 s in a
quick experiment; reading ``page.layout`` objects instead of pdfplumber's
``page.chars`` dicts would save a further share. Both belong to
``read/pdf.py``.

Timings are the best of several rounds, so that other load on the machine
inflates them as little as possible; rounds alternate between us and
pdfplumber so both see the same conditions. Nothing here asserts: figures
are for reading, and for the README ("Benchmarks").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "fixtures" / "text").glob("*.txt"))
PDFS = sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))
SAMPLE = ROOT / "fixtures" / "text" / "weekly-cyber-214-2021-03.txt"
sys.path.insert(0, str(ROOT / "benchmarks"))

# Run in a fresh interpreter: prints {"seconds": work time, "pages": n}; the
# parent reads the child's peak RSS from os.wait4.
PEAK = """
def peak_kb():
    # VmHWM: this process's peak RSS since exec. (ru_maxrss of a child also
    # counts the parent's pages it was forked with, so it is not used.)
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
OURS_CHILD = PEAK + """
import json, sys, time
from lifang_parse import parse_file
start = time.perf_counter()
newsletter = parse_file(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start, "pages": newsletter.source.pages, "peak_kb": peak_kb()}))
"""
PDFPLUMBER_CHILD = PEAK + """
import json, sys, time
import pdfplumber
start = time.perf_counter()
with pdfplumber.open(sys.argv[1]) as pdf:
    pages = 0
    for page in pdf.pages:
        page.extract_text()
        page.close()  # release each page, as our reader does
        pages += 1
print(json.dumps({"seconds": time.perf_counter() - start, "pages": pages, "peak_kb": peak_kb()}))
"""


def machine() -> str:
    """``2 cores (nproc), <CPU model>, Python 3.11.7, Linux 6.x``."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores (nproc), {model}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def best_of(rounds: int, work: Callable[[], object]) -> float:
    """The fastest of ``rounds`` runs of ``work``, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_text(min_seconds: float) -> str:
    from lifang_parse import parse_file

    for path in TEXTS:
        parse_file(path)  # warm up: data files load, regexes compile
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < min_seconds:
        for path in TEXTS:
            parse_file(path)
        done += len(TEXTS)
    seconds = time.perf_counter() - start
    return f"{done / seconds:7.1f} newsletters/s on one core ({1000 * seconds / done:.1f} ms each; {len(TEXTS)} fixtures x {done // len(TEXTS)})"


def pdfplumber_text(paths: list[Path]) -> int:
    import pdfplumber

    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages


def bench_pdf_fixtures(rounds: int) -> str:
    from lifang_parse import parse_file

    pages = pdfplumber_text(PDFS)  # warm up both, and count the pages
    for path in PDFS:
        parse_file(path)
    ours, theirs = [], []
    for _ in range(rounds):  # alternate, so that both meet the same machine load
        ours.append(best_of(1, lambda: [parse_file(p) for p in PDFS]))
        theirs.append(best_of(1, lambda: pdfplumber_text(PDFS)))
    mine, ref = min(ours), min(theirs)
    return (
        f"{pages / mine:7.1f} pages/s ours, {pages / ref:.1f} pages/s pdfplumber extract_text; "
        f"ratio {mine / ref:.2f}x ({len(PDFS)} fixture PDFs, {pages} pages, best of {rounds})"
    )


def run_child(code: str, pdf: Path) -> tuple[float, int, float]:
    """(work seconds, pages, peak RSS in MB) of ``code`` run on ``pdf`` in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"benchmark child failed with status {result.returncode}: {result.stderr[-500:]}")
    figures = json.loads(result.stdout)
    return figures["seconds"], figures["pages"], figures["peak_kb"] / 1024


def bench_big_pdf(pages: int, scratch: Path, given: Path | None = None, rounds: int = 2) -> list[str]:
    """Speed and peak memory on one long PDF: ``given``, else a generated one of about ``pages`` pages."""
    lines = []
    pdf = given
    if pdf is None:
        try:
            from make_big_pdf import make_big_pdf
        except ImportError as exc:
            return [f"skipped: {exc} (install the dev extra: pip install '.[dev]')"]
        pdf = scratch / "big.pdf"
        start = time.perf_counter()
        try:
            made = make_big_pdf(pdf, pages)
        except OSError as exc:  # fonts missing
            return [f"skipped: cannot build the PDF ({exc})"]
        lines.append(f"generated a {made}-page newsletter PDF ({pdf.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s")
    ours, ref = [], []
    for _ in range(rounds):  # alternate, so that both meet the same machine load; keep the best
        ours.append(run_child(OURS_CHILD, pdf))
        ref.append(run_child(PDFPLUMBER_CHILD, pdf))
    ours_s, ours_pages, ours_mb = min(ours)
    ref_s, ref_pages, ref_mb = min(ref)
    lines.append(
        f"{ours_pages / ours_s:7.1f} pages/s ours, {ref_pages / ref_s:.1f} pages/s pdfplumber extract_text; "
        f"ratio {ours_s / ref_s:.2f}x ({ours_s:.1f} s vs {ref_s:.1f} s, {ours_pages} pages, best of {rounds})"
    )
    lines.append(f"peak memory (VmHWM of a fresh process): ours {ours_mb:.0f} MB, pdfplumber extract_text {ref_mb:.0f} MB")
    return lines


def bench_batch(rounds: int, scratch: Path) -> str:
    from lifang_parse import parse_many

    archive = scratch / "archive"
    archive.mkdir()
    paths: list[Path] = []
    for copy in range(8):  # distinct files, as an archive has: text and PDF
        for source in [*TEXTS, *PDFS]:
            target = archive / f"{copy}-{source.name}"
            shutil.copyfile(source, target)
            paths.append(target)
    one = best_of(rounds, lambda: list(parse_many(paths, workers=1)))
    two = best_of(rounds, lambda: list(parse_many(paths, workers=2)))
    return f"{one:6.2f} s with 1 worker, {two:.2f} s with 2 workers: speed-up {one / two:.2f}x ({len(paths)} files, text and PDF)"


def bench_cli(rounds: int) -> str:
    script = shutil.which("lifang-parse")
    command = [script] if script else [sys.executable, "-m", "lifang_parse"]

    def median_ms(argv: list[str]) -> float:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - start)
        return 1000 * statistics.median(times)

    bare = median_ms([sys.executable, "-c", "pass"])
    version = median_ms([*command, "--version"])
    parse = median_ms([*command, str(SAMPLE)])
    name = "lifang-parse" if script else "python -m lifang_parse"
    return f"{version:6.0f} ms `{name} --version`, {parse:.0f} ms to parse the sample (python -c pass: {bare:.0f} ms; median of {rounds})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdf", type=Path, help="measure this PDF instead of generating one")
    parser.add_argument("--quick", action="store_true", help="skip the 500-page PDF (generation, speed, memory)")
    parser.add_argument("--only-pdf", action="store_true", help="run only the long-PDF speed and memory figures")
    parser.add_argument("--pages", type=int, default=500, help="pages of the generated PDF (default 500)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per timing (best is kept)")
    args = parser.parse_args(argv)

    import pdfplumber

    import lifang_parse

    print(f"machine    {machine()}")
    if hasattr(os, "getloadavg"):  # other work on the machine slows every figure; say how much there was
        print(f"load       {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min) before the run")
    print(f"versions   lifang-parse {lifang_parse.__version__}, pdfplumber {pdfplumber.__version__}")
    with tempfile.TemporaryDirectory(prefix="lifang-bench-") as scratch:
        if not args.only_pdf:
            print(f"text       {bench_text(min_seconds=3.0)}", flush=True)
            print(f"pdf        {bench_pdf_fixtures(args.rounds)}", flush=True)
            print(f"batch      {bench_batch(args.rounds, Path(scratch))}", flush=True)
            print(f"cli        {bench_cli(rounds=7)}", flush=True)
        if not args.quick:
            label = "long pdf" if args.pdf else f"{args.pages}-page"
            for line in bench_big_pdf(args.pages, Path(scratch), args.pdf, rounds=max(1, min(args.rounds, 2))):
                print(f"{label:<10} {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
