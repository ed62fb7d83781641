"""Fixtures of the conformance tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oracle  # noqa: E402
import switchboard_cli  # noqa: E402


@pytest.fixture(scope="session")
def validate_run() -> switchboard_cli.ValidateRun:
    """`switchboard validate` run once over every corpus document."""
    return switchboard_cli.validate(oracle.corpus_files())
