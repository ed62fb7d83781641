"""Local stand-ins of outside HTTP APIs (Telegram, VK, Viber, a PBX) and waiting for what the
server does in the background (deliveries, assignments)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StandIn:
    """An HTTP service on a free local port. Each POST is recorded in `requests` as
    (path, headers, raw body) and answered with `respond(path, raw) -> (status, payload)`: bytes
    as they are, anything else as JSON."""

    def __init__(self, respond):
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers["Content-Length"] or 0))
                outer.requests.append((self.path, dict(self.headers), raw))
                status, payload = respond(self.path, raw)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/octet-stream" if isinstance(payload, bytes) else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def wait_for(check, seconds=10.0, interval=0.1):
    """`check()` once it is truthy, polling for up to `seconds`; its last value otherwise."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    return check()
