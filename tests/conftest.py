"""Shared paths and fixture discovery for the test suite."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests: a fixed, CI-sized budget by default; `--hypothesis-profile=long`
# (or LIFANG_HYPOTHESIS_PROFILE=long) for a longer run. No example database in git.
settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("LIFANG_HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.txt"))
GOLDEN = FIXTURES / "golden"
# Held-out newsletters: written by people who never saw the code. Their
# structure is tested like the development fixtures'; their facts are scored
# by benchmarks/accuracy.py (a measurement, not a test to tune against).
HELDOUT_SETS = [FIXTURES / "heldout", FIXTURES / "final", FIXTURES / "blind", FIXTURES / "blind2", FIXTURES / "blind3"]
HELDOUT_FIXTURES = sorted(p for d in HELDOUT_SETS for p in (d / "text").glob("*.txt"))
SAMPLE = FIXTURES / "text" / "weekly-cyber-214-2021-03.txt"
# The shared folder (real-world corpus) sits beside the repository; CI copies it there.
SHARED = REPO.parent / "shared"


def golden_path(text_fixture: Path) -> Path:
    """The golden beside a fixture: fixtures[/SET]/text/X.txt -> fixtures[/SET]/golden/X.json."""
    return text_fixture.parent.parent / "golden" / f"{text_fixture.stem}.json"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE
# Every text newsletter the suite knows: development and held-out.
ALL_TEXT_FIXTURES = TEXT_FIXTURES + HELDOUT_FIXTURES
