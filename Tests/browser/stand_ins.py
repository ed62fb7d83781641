"""Local stand-ins of the outside services the console's actions reach through the server: a
PBX's HTTP API (call control) and the Telegram Bot API (sending replies). Both are the
end-to-end tests' `StandIn` (Tests/e2e/stand_in.py) answering JSON bodies."""

from __future__ import annotations

import json

from stand_in import StandIn


class _Recorder(StandIn):
    """A `StandIn` that reads each POST's body as JSON, keeps (path, body) in `calls`, and answers
    with `self.answer(path, body)` → (status, JSON payload)."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []
        super().__init__(self._respond)

    def _respond(self, path: str, raw: bytes) -> tuple[int, dict]:
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"raw": raw.decode(errors="replace")}
        self.calls.append((path, body))
        return self.answer(path, body)

    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        return 200, {"ok": True}

    def paths(self) -> list[str]:
        return [path for path, _ in self.calls]


class PBX(_Recorder):
    """A PBX's HTTP API (the generic provider): `/calls/{id}/answer|transfer|hangup`, all accepted."""


class TelegramBotAPI(_Recorder):
    """api.telegram.org: `sendMessage` answers with a message id."""

    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        return 200, {"ok": True, "result": {"message_id": 7000 + len(self.calls), "chat": {"id": body.get("chat_id")}}}

    def texts(self) -> list[str]:
        return [body.get("text", "") for path, body in self.calls if path.endswith("/sendMessage")]
