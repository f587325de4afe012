"""Time and peak memory of every hostile file of issue 13, parsed as a user would: ``lifang-parse FILE``.

Each attack is built into a temporary folder (tests/helpers.py), then parsed
by the command-line tool in a fresh process with the default limits; the
figures are its wall-clock time and the peak resident memory of the tool and
of its worker (``ru_maxrss`` of the children: the larger of the two).
Then the growth of text cost with repetition (x100 and x1000, in this
process, limits off) and the memory per input byte of one long line.

    python benchmarks/hostile.py            every attack
    python benchmarks/hostile.py --quick    without the 1,000,000-page file (100 MB)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

import helpers  # noqa: E402

_MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
result = subprocess.run([sys.executable, "-m", "lifang_parse", *sys.argv[1:]], capture_output=True, text=True)
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(f"{elapsed:.2f} {peak} {result.returncode} {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else 'ok'}")
"""


def measure_cli(path: Path) -> tuple[float, int, int, str]:
    """(seconds, peak bytes, exit status, last stderr line) of ``lifang-parse PATH``."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, env=env, check=True).stdout
    seconds, peak, status, message = out.strip().split(" ", 3)
    return float(seconds), int(peak), int(status), message


def growth() -> list[str]:
    """Text cost against repetition, and memory per byte of one long line (in-process, limits off)."""
    from lifang_parse import parse_file

    lines = []
    with tempfile.TemporaryDirectory() as folder:
        times = {}
        for count in (100, 1000):
            path = Path(folder) / f"x{count}.txt"
            path.write_bytes(helpers.repeated_lines(count))
            started = time.perf_counter()
            parse_file(path, timeout=0, max_memory=0)
            times[count] = time.perf_counter() - started
            lines.append(f"  lines x{count:<5} {path.stat().st_size / 1e6:5.1f} MB  {times[count]:6.2f} s")
        lines.append(f"  ratio x1000 / x100: {times[1000] / times[100]:.1f} (linear: 10)")
        path = Path(folder) / "line.txt"
        path.write_bytes(helpers.one_long_line(5_000_000))
        script = (
            # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec from the (large) parent
            "import re, sys\nfrom lifang_parse.api import parse_file\n"
            "def peak():\n    return int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) * 1024\n"
            "before = peak()\n"
            "try:\n    parse_file(sys.argv[1], timeout=0, max_memory=0)\nexcept Exception as exc:\n    print(type(exc).__name__, file=sys.stderr)\n"
            "print(peak() - before)\n"
        )
        env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
        grown = int(subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                                   env=env, check=True).stdout)
        lines.append(f"  one 5 MB line: {grown / 5e6:.1f} bytes of memory per input byte (bound: 20)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1,000,000-page file")
    args = parser.parse_args()
    print(f"{'attack':<22}{'size':>12}{'time':>9}{'peak':>9}  exit  result")
    with tempfile.TemporaryDirectory() as folder:
        for attack in helpers.ATTACKS:
            if args.quick and attack.name == "pages-1m":
                continue
            path = helpers.write_attack(Path(folder), attack)
            seconds, peak, status, message = measure_cli(path)
            result = message.replace(str(path) + ": ", "")[:90]
            print(f"{attack.name:<22}{path.stat().st_size:>12,}{seconds:>8.2f}s{peak / 2**20:>7.0f}MB  {status:>4}  {result}", flush=True)
            path.unlink()
    print("growth of text cost (in this process, limits off):")
    for line in growth():
        print(line, flush=True)


if __name__ == "__main__":
    main()
