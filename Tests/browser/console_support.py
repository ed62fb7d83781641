"""The console in a real browser: the server started with `--client`, headless Chromium through
Selenium, and a small page helper (sign in, wait for things, screenshots at 1280×800)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "Tests" / "e2e"))

from e2e_support import DEMO_PASSWORD, SwitchboardServer  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CLIENT_DIR = REPO_ROOT / "Client"
SCREENSHOTS_DIR = REPO_ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
VIEWPORT = (1280, 800)
WAIT = 10.0


class ConsoleServer(SwitchboardServer):
    """`switchboard serve --demo` that also serves `Client/` at `/` (`--client`)."""

    _serving = False

    def start(self, attempts: int = 3) -> None:
        self._serving = True
        try:
            super().start(attempts)
        finally:
            self._serving = False

    def common_args(self) -> list[str]:
        args = super().common_args()
        if self._serving:  # `serve` only: the other subcommands have no --client
            args += ["--client", str(CLIENT_DIR)]
        return args


def start_browser() -> webdriver.Chrome:
    """Headless Chromium with the browser console's messages kept for reading."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}", "--lang=en-US",
                     "--disable-extensions", "--disable-background-networking"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    set_viewport(driver, *VIEWPORT)
    return driver


def set_viewport(driver: webdriver.Chrome, width: int, height: int) -> None:
    """The page's viewport exactly this size, whatever the window's frame."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def console_errors(driver: webdriver.Chrome) -> list[dict]:
    """The browser console's errors since the last read (reading drains the log)."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


class ConsolePage:
    """The console in the browser, as a person uses it."""

    loads = 0

    def __init__(self, driver: webdriver.Chrome, server: SwitchboardServer):
        self.driver = driver
        self.server = server

    # --- navigation and sign-in --------------------------------------------------------------

    def open(self, hash_path: str = "") -> None:
        self.driver.get(f"{self.server.base_url}/{hash_path}")

    def reset(self) -> None:
        """A blank start: no session, English labels, nothing left of the previous test. Storage
        is cleared from a page of the same origin that does not run the console (which could
        write its session back), and each load has its own query string (a URL differing only in
        its hash would not load again)."""
        self.driver.get(f"{self.server.base_url}/styles/base.css")
        self.driver.execute_script("sessionStorage.clear(); localStorage.clear();")
        ConsolePage.loads += 1
        self.driver.get(f"{self.server.base_url}/?load={ConsolePage.loads}")

    def sign_in(self, email: str, password: str = DEMO_PASSWORD, *, view: str | None = None) -> None:
        """Signs in through the form and waits until the socket is live."""
        if view:
            self.driver.execute_script("location.hash = arguments[0]", f"#/{view}")
        self.find("#sign-in-email").send_keys(email)
        self.find("#sign-in-password").send_keys(password)
        self.find("#sign-in-submit").click()
        self.wait_for_connection("live")

    def sign_out(self) -> None:
        self.find("#sign-out").click()
        self.find("#sign-in-email")

    def go(self, view: str, *params: str) -> None:
        self.driver.execute_script("location.hash = arguments[0]", "#/" + "/".join((view, *params)))
        self.find(f'.app-main[data-view="{view}"]')

    # --- reading the page --------------------------------------------------------------------

    def find(self, css: str, timeout: float = WAIT):
        """The first visible element matching `css`, waiting for it."""
        return WebDriverWait(self.driver, timeout).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, css)), f"no visible {css}")

    def find_all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait_text(self, css: str, text: str, timeout: float = WAIT):
        """Waits until an element matching `css` contains `text`; returns it."""
        def check(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, css):
                try:
                    if text in element.text:
                        return element
                except Exception:  # replaced while read
                    continue
            return False
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(check)
        except TimeoutException:
            seen = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, css)][:10]
            raise AssertionError(f"no {css} containing {text!r} within {timeout}s; saw {seen}") from None

    def wait_until(self, condition, timeout: float = WAIT, message: str = ""):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(lambda driver: condition(), message)

    def attribute(self, css: str, name: str) -> str | None:
        """An attribute of the first element matching `css`, read in one step in the page (an
        element re-rendered between finding and reading cannot go stale); None without one."""
        return self.driver.execute_script(
            "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name)

    def text(self, css: str) -> str | None:
        return self.driver.execute_script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css)

    def connection_state(self) -> str | None:
        return self.attribute("#connection-state", "data-state")

    def wait_for_connection(self, state: str, timeout: float = WAIT) -> None:
        self.wait_until(lambda: self.connection_state() == state, timeout, f"connection never {state}")

    # --- screenshots -------------------------------------------------------------------------

    def screenshot(self, name: str, *, size: tuple[int, int] = VIEWPORT) -> Path:
        """Saves `docs/screenshots/<name>.png` at the given viewport (1280×800 by default)."""
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS_DIR / f"{name}.png"
        if size != VIEWPORT:
            set_viewport(self.driver, *size)
        try:
            time.sleep(0.2)  # let layout and transitions settle; the picture only, never a check
            self.driver.save_screenshot(str(path))
        finally:
            if size != VIEWPORT:
                set_viewport(self.driver, *VIEWPORT)
        return path
