"""Running the switchboard binary: where it is, and one `validate` run over many documents."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import oracle


def switchboard_bin() -> Path:
    """`$SWITCHBOARD_BIN`, else `<repo>/.build/debug/switchboard`."""
    return Path(os.environ.get("SWITCHBOARD_BIN") or oracle.REPO_ROOT / ".build" / "debug" / "switchboard")


def require_binary() -> Path:
    binary = switchboard_bin()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.fail(f"switchboard binary not found at {binary}: run `swift build` first "
                    "(or set SWITCHBOARD_BIN)", pytrace=False)
    return binary


@dataclass
class ValidateRun:
    """The outcome of one `switchboard validate` run: its JSON error lines grouped by file."""

    returncode: int
    stderr: str
    errors_by_file: dict[str, list[dict]] = field(default_factory=dict)
    bad_lines: list[str] = field(default_factory=list)

    def __repr__(self) -> str:  # keeps pytest's failure reports short
        return f"<switchboard validate: exit {self.returncode}, {len(self.errors_by_file)} files with errors>"

    def errors(self, path: Path) -> list[dict]:
        return self.errors_by_file.get(str(path), [])


def validate(files: list[Path]) -> ValidateRun:
    """`switchboard validate --schema <repo>/schema.graphql FILE...`; fails the test if it crashes."""
    binary = require_binary()
    command = [str(binary), "validate", "--schema", str(oracle.SCHEMA_PATH), *map(str, files)]
    try:
        completed = subprocess.run(command, cwd=oracle.REPO_ROOT, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        pytest.fail("switchboard validate did not finish within 600 s", pytrace=False)
    run = ValidateRun(returncode=completed.returncode, stderr=completed.stderr)
    if run.returncode not in (0, 1):
        pytest.fail(f"switchboard validate exited with {run.returncode} (0 or 1 expected); stderr:\n"
                    f"{run.stderr[-4000:]}", pytrace=False)
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
    return run
