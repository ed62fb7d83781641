"""Fixtures of the end-to-end tests: one real `switchboard serve --demo` for the whole session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e_support import ADMIN_EMAIL, SwitchboardServer, switchboard_bin  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> SwitchboardServer:
    """The server binary on a free port with a fresh database (demo users seeded); stopped
    (terminate, wait) when the session ends."""
    binary = switchboard_bin()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.fail(f"switchboard binary not found at {binary}: run `swift build` first "
                    "(or set SWITCHBOARD_BIN)", pytrace=False)
    instance = SwitchboardServer(binary=binary, workdir=tmp_path_factory.mktemp("switchboard-e2e"))
    try:
        instance.start()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="session")
def admin_token(server: SwitchboardServer) -> str:
    """A session token of the demo admin (never signed out by the tests)."""
    return server.sign_in(ADMIN_EMAIL, device="e2e admin")
