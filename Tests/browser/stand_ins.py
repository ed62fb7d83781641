"""Local stand-ins of the outside services the console's actions reach through the server: a
PBX's HTTP API (call control) and the Telegram Bot API (sending replies)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Recorder:
    """An HTTP server on a free local port that records each POST (path, JSON body) and answers
    with `self.answer(path, body)` → (status, JSON payload)."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"raw": raw.decode(errors="replace")}
                outer.calls.append((self.path, body))
                status, payload = outer.answer(self.path, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        return 200, {"ok": True}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.calls]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class PBX(_Recorder):
    """A PBX's HTTP API (the generic provider): `/calls/{id}/answer|transfer|hangup`, all accepted."""


class TelegramBotAPI(_Recorder):
    """api.telegram.org: `sendMessage` answers with a message id."""

    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        return 200, {"ok": True, "result": {"message_id": 7000 + len(self.calls), "chat": {"id": body.get("chat_id")}}}

    def texts(self) -> list[str]:
        return [body.get("text", "") for path, body in self.calls if path.endswith("/sendMessage")]
