"""Starting the real `switchboard serve` and speaking HTTP to it, with the standard library only.

`conftest.py` turns `SwitchboardServer` into a session fixture; the tests use its request helpers.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS_DIR = REPO_ROOT / "Migrations"
SCHEMA_PATH = REPO_ROOT / "schema.graphql"

DEMO_PASSWORD = "switchboard-demo"
ADMIN_EMAIL = "anna.smirnova@switchboard.test"
MANAGER_EMAIL = "victoria.kuznetsova@switchboard.test"
OPERATOR_EMAIL = "zhanna.kozlova@switchboard.test"
#: The ten users `serve --demo` creates in an empty database.
DEMO_EMAILS = frozenset({
    "anna.smirnova@switchboard.test",
    "boris.ivanov@switchboard.test",
    "victoria.kuznetsova@switchboard.test",
    "grigory.popov@switchboard.test",
    "dmitry.sokolov@switchboard.test",
    "elena.lebedeva@switchboard.test",
    "zhanna.kozlova@switchboard.test",
    "igor.novikov@switchboard.test",
    "kate.morozova@switchboard.test",
    "leonid.volkov@switchboard.test",
})

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
APPLICATION_JSON = "application/json"

STARTUP_TIMEOUT = 60.0
REQUEST_TIMEOUT = 30.0


def switchboard_bin() -> Path:
    """`$SWITCHBOARD_BIN`, else `<repo>/.build/debug/switchboard`."""
    return Path(os.environ.get("SWITCHBOARD_BIN") or REPO_ROOT / ".build" / "debug" / "switchboard")


def free_port() -> int:
    """A TCP port that was free a moment ago (the server is told to use it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def encode_json(value: Any) -> bytes:
    """JSON as a browser's `JSON.stringify` sends it: non-ASCII characters as raw UTF-8."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


@dataclass
class Response:
    """One HTTP answer, fully read."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def header_values(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def content_type(self) -> str | None:
        return self.header("Content-Type")

    @property
    def media_type(self) -> str | None:
        """The content type without parameters, lower-cased (`application/json`)."""
        ct = self.content_type
        return ct.split(";", 1)[0].strip().lower() if ct is not None else None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self) -> str:  # short, readable assertion messages
        preview = self.body[:600].decode("utf-8", errors="replace")
        return f"<HTTP {self.status} {self.content_type!r} {preview}>"


@dataclass
class SwitchboardServer:
    """`switchboard serve --demo` on a free port with a database in `workdir`."""

    binary: Path
    workdir: Path
    port: int = 0
    process: subprocess.Popen | None = None
    extra_args: list[str] = field(default_factory=list)
    log_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_path = self.workdir / "server.log"

    @property
    def database(self) -> Path:
        return self.workdir / "switchboard.sqlite"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- lifecycle ------------------------------------------------------------------------------

    def common_args(self) -> list[str]:
        args = ["--database", str(self.database)]
        if MIGRATIONS_DIR.is_dir():
            args += ["--migrations", str(MIGRATIONS_DIR)]
        return args

    def start(self, attempts: int = 3) -> None:
        """Starts the server and waits for `/health`; retries on another port if it exits early."""
        last_error = ""
        for _ in range(attempts):
            self.port = free_port()
            command = [str(self.binary), "serve", *self.common_args(), "--port", str(self.port),
                       "--host", "127.0.0.1", "--demo", *self.extra_args]
            if SCHEMA_PATH.is_file():
                command += ["--schema", str(SCHEMA_PATH)]
            log = open(self.log_path, "ab")
            try:
                self.process = subprocess.Popen(command, cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL)
            finally:
                log.close()
            if self._wait_healthy():
                return
            last_error = self.log_tail()
            self.stop()
        raise RuntimeError(f"switchboard serve did not become healthy; log:\n{last_error}")

    def _wait_healthy(self) -> bool:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                return False
            try:
                response = self.request("GET", "/health", timeout=2)
                if response.status == 200 and response.json() == {"status": "ok"}:
                    return True
            except (OSError, http.client.HTTPException, ValueError):
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None

    def log_tail(self, limit: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-limit:]
        except OSError:
            return "(no log)"

    # --- CLI on the same database ---------------------------------------------------------------

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """`switchboard <args> --database <this server's database>`."""
        return subprocess.run([str(self.binary), *args, *self.common_args()], cwd=self.workdir,
                              capture_output=True, text=True, timeout=timeout)

    # --- HTTP -----------------------------------------------------------------------------------

    def request(self, method: str, path: str = "/graphql", *, body: bytes | None = None,
                headers: dict[str, str] | None = None, params: dict[str, str] | None = None,
                timeout: float = REQUEST_TIMEOUT) -> Response:
        """One request with exactly these headers (http.client adds only Host, Accept-Encoding
        and, for a body, Content-Length: no Content-Type or Accept unless given)."""
        if params:
            path = f"{path}?{urllib.parse.urlencode(params)}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            return Response(status=answer.status, headers=answer.getheaders(), body=answer.read())
        finally:
            connection.close()

    def post(self, payload: Any, *, accept: str | None = None, token: str | None = None,
             content_type: str | None = "application/json", raw: bytes | None = None) -> Response:
        """POST /graphql with a JSON body (`raw` bytes instead when given)."""
        headers: dict[str, str] = {}
        if content_type is not None:
            headers["Content-Type"] = content_type
        if accept is not None:
            headers["Accept"] = accept
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        body = raw if raw is not None else encode_json(payload)
        return self.request("POST", body=body, headers=headers)

    def get(self, params: dict[str, str], *, accept: str | None = None, token: str | None = None) -> Response:
        """GET /graphql?<params>."""
        headers: dict[str, str] = {}
        if accept is not None:
            headers["Accept"] = accept
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.request("GET", params=params, headers=headers)

    def graphql(self, query: str, variables: dict | None = None, *, token: str | None = None) -> dict:
        """Runs an operation over POST (application/json) and returns the decoded body; the
        transport itself must succeed (200, JSON)."""
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        response = self.post(payload, token=token, accept=APPLICATION_JSON)
        assert response.status == 200, response
        body = response.json()
        assert isinstance(body, dict), response
        return body

    def sign_in(self, email: str, password: str = DEMO_PASSWORD, device: str = "e2e") -> str:
        """Signs in and returns the bearer token."""
        body = self.graphql(
            "mutation SignIn($input: SignInInput!) { signIn(input: $input) { token userErrors { code message } } }",
            {"input": {"email": email, "password": password, "deviceName": device}})
        assert "errors" not in body, body
        payload = body["data"]["signIn"]
        assert payload["userErrors"] == [], payload
        assert isinstance(payload["token"], str) and payload["token"], payload
        return payload["token"]


def error_codes(body: dict) -> list[str | None]:
    """`extensions.code` of each error of a GraphQL response body."""
    return [(error.get("extensions") or {}).get("code") for error in body.get("errors") or []]
