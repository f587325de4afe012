"""Shared paths and fixture discovery for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.txt"))
GOLDEN = FIXTURES / "golden"
SAMPLE = FIXTURES / "text" / "weekly-cyber-214-2021-03.txt"
# The shared folder (real-world corpus) sits beside the repository; CI copies it there.
SHARED = REPO.parent / "shared"


def golden_path(text_fixture: Path) -> Path:
    return GOLDEN / f"{text_fixture.stem}.json"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE
