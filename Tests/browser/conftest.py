"""Fixtures of the browser tests: one server (demo data, `Client/` served) and one headless
Chromium for the session; each test gets a blank page and fails on any browser console error."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from console_support import ConsolePage, ConsoleServer, console_errors, start_browser  # noqa: E402
from e2e_support import ADMIN_EMAIL, switchboard_bin  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory):
    binary = switchboard_bin()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.fail(f"switchboard binary not found at {binary}: run `swift build` first "
                    "(or set SWITCHBOARD_BIN)", pytrace=False)
    instance = ConsoleServer(binary=binary, workdir=tmp_path_factory.mktemp("switchboard-browser"))
    try:
        instance.start()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="session")
def admin_token(server) -> str:
    return server.sign_in(ADMIN_EMAIL, device="browser tests admin")


@pytest.fixture(scope="session")
def browser():
    driver = start_browser()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def console(browser, server):
    """The console on a blank page (signed out, English). The test fails if the browser's
    console logged an error meanwhile."""
    page = ConsolePage(browser, server)
    page.reset()
    console_errors(browser)  # drop what earlier tests left
    yield page
    errors = console_errors(browser)
    if errors:
        try:  # leave the session so the next test starts clean
            browser.execute_script("sessionStorage.clear()")
        finally:
            pytest.fail("browser console errors:\n" + "\n".join(e["message"] for e in errors), pytrace=False)
