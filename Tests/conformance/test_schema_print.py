"""`switchboard schema print` prints schema.graphql exactly as graphql-core's print_schema does."""

from __future__ import annotations

import difflib
import subprocess

from graphql import print_schema

import oracle
from switchboard_cli import require_binary


def test_schema_print_matches_graphql_core():
    binary = require_binary()
    completed = subprocess.run([str(binary), "schema", "print", "--schema", str(oracle.SCHEMA_PATH)],
                               cwd=oracle.REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, f"exit status {completed.returncode}; stderr:\n{completed.stderr[-4000:]}"
    ours = completed.stdout
    if ours.endswith("\n"):
        ours = ours[:-1]
    expected = print_schema(oracle.schema())
    if ours != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True), ours.splitlines(keepends=True),
                                    fromfile="graphql-core print_schema", tofile="switchboard schema print", n=2)
        text = "".join(diff)
        raise AssertionError(f"the printed schemas differ:\n{text[:20000]}")
