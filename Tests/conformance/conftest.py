"""Fixtures of the conformance tests: the switchboard binary, run once over the whole corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oracle  # noqa: E402


def switchboard_bin() -> Path:
    return Path(os.environ.get("SWITCHBOARD_BIN") or oracle.REPO_ROOT / ".build" / "debug" / "switchboard")


def require_binary() -> Path:
    binary = switchboard_bin()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.fail(f"switchboard binary not found at {binary}: run `swift build` first "
                    "(or set SWITCHBOARD_BIN)", pytrace=False)
    return binary


@dataclass
class ValidateRun:
    """One `switchboard validate` run over many files."""

    command: list[str]
    returncode: int
    stderr: str
    errors_by_file: dict[str, list[dict]] = field(default_factory=dict)
    bad_lines: list[str] = field(default_factory=list)

    def errors(self, path: Path) -> list[dict]:
        return self.errors_by_file.get(str(path), [])


@pytest.fixture(scope="session")
def validate_run() -> ValidateRun:
    """`switchboard validate --schema schema.graphql <every corpus document>`, run once."""
    binary = require_binary()
    files = [str(path) for path in oracle.corpus_files()]
    command = [str(binary), "validate", "--schema", str(oracle.SCHEMA_PATH), *files]
    try:
        completed = subprocess.run(command, cwd=oracle.REPO_ROOT, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        pytest.fail("switchboard validate did not finish within 600 s", pytrace=False)
    run = ValidateRun(command=command[:4] + ["<corpus files>"], returncode=completed.returncode,
                      stderr=completed.stderr)
    for line in completed.stdout.splitlines():
        if not line.strip():
            continue
        try:
            error = json.loads(line)
        except json.JSONDecodeError:
            run.bad_lines.append(line)
            continue
        if not isinstance(error, dict) or not isinstance(error.get("file"), str):
            run.bad_lines.append(line)
            continue
        run.errors_by_file.setdefault(error["file"], []).append(error)
    if run.returncode not in (0, 1):
        pytest.fail(f"switchboard validate exited with {run.returncode} (0 or 1 expected); stderr:\n"
                    f"{run.stderr[-4000:]}", pytrace=False)
    return run
