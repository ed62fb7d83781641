"""The WebSocket layer under `graphql-transport-ws`, frame by frame, with a client that writes
its own frames (`RawSocket`): fragmented messages, binary and non-UTF-8 messages, WebSocket
pings both ways and dead peers dropped, the close handshake, upgrades outside `/graphql`, and a
server that shuts down closing its sockets with 1001."""

import base64
import json
import os
import socket
import struct
import threading
import time

import pytest

from e2e_support import SwitchboardServer, switchboard_bin
from test_hostile import ADMIN, gauge

TEXT, BINARY, CONTINUATION, CLOSE, PING, PONG = 0x1, 0x2, 0x0, 0x8, 0x9, 0xA


class RawSocket:
    """A WebSocket client over a plain TCP socket: masked frames out, frames in as they come."""

    def __init__(self, server, path="/graphql", subprotocol="graphql-transport-ws"):
        self.sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n")
        if subprotocol:
            request += f"Sec-WebSocket-Protocol: {subprotocol}\r\n"
        self.sock.sendall((request + "\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        self.status_line, *headers = head.decode().split("\r\n")
        self.headers = {name.lower(): value.strip() for name, _, value in (h.partition(":") for h in headers)}
        self.status = int(self.status_line.split()[1])

    def frame(self, opcode, payload=b"", fin=True):
        mask = os.urandom(4)
        length = len(payload)
        header = bytes([(0x80 if fin else 0) | opcode])
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", length)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def text(self, message):
        self.frame(TEXT, json.dumps(message).encode())

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed without a frame")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self, timeout=5):
        """The next frame: (opcode, payload)."""
        self.sock.settimeout(timeout)
        first, second = self._read(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._read(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._read(8))[0]
        assert not second & 0x80, "a server's frames are not masked"
        return first & 0x0F, self._read(length)

    def receive_text(self, timeout=5):
        """The next text message, answering the server's pings on the way."""
        while True:
            opcode, payload = self.receive(timeout)
            if opcode == PING:
                self.frame(PONG, payload)
            else:
                assert opcode == TEXT, (opcode, payload)
                return json.loads(payload)

    def receive_close(self, timeout=5):
        """Skips to the close frame and returns its code and reason."""
        while True:
            opcode, payload = self.receive(timeout)
            if opcode == CLOSE:
                return struct.unpack("!H", payload[:2])[0], payload[2:].decode()

    def acknowledged(self, token):
        self.text({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        opcode, payload = self.receive()
        assert opcode == TEXT and json.loads(payload)["type"] == "connection_ack", payload
        return self

    def closed_by_server(self, timeout=5):
        """True when the server closes the TCP connection within `timeout`."""
        self.sock.settimeout(timeout)
        try:
            while self.sock.recv(65536):
                pass
            return True
        except (socket.timeout, TimeoutError):
            return False
        except ConnectionResetError:
            return True


def test_a_message_sent_in_fragments_is_one_message(server):
    token = server.sign_in(ADMIN)
    raw = RawSocket(server)
    assert raw.status == 101 and raw.headers["sec-websocket-protocol"] == "graphql-transport-ws"
    message = json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}).encode()
    raw.frame(TEXT, message[:10], fin=False)
    raw.frame(PING, b"between")  # a control frame may come between fragments
    assert raw.receive() == (PONG, b"between")
    raw.frame(CONTINUATION, message[10:30], fin=False)
    raw.frame(CONTINUATION, message[30:])
    opcode, payload = raw.receive()
    assert opcode == TEXT and json.loads(payload)["type"] == "connection_ack"
    query = json.dumps({"type": "subscribe", "id": "q", "payload": {"query": "{ me { email } }"}}).encode()
    raw.frame(TEXT, query[:1], fin=False)
    raw.frame(CONTINUATION, query[1:])
    assert json.loads(raw.receive()[1]) == {"type": "next", "id": "q", "payload": {"data": {"me": {"email": ADMIN}}}}
    assert json.loads(raw.receive()[1]) == {"type": "complete", "id": "q"}


@pytest.mark.parametrize("send, code", [
    (lambda raw: raw.frame(BINARY, b'{"type":"ping"}'), 4400),
    (lambda raw: raw.frame(TEXT, b'{"type":"ping","payload":{"x":"\xff\xfe"}}'), 1007),
    (lambda raw: raw.frame(CONTINUATION, b"{}"), 1002),
    (lambda raw: (raw.frame(TEXT, b"{", fin=False), raw.frame(TEXT, b"}")), 1002),
])
def test_messages_that_are_not_text_are_refused_with_a_close_code(server, send, code):
    token = server.sign_in(ADMIN)
    raw = RawSocket(server).acknowledged(token)
    send(raw)
    assert raw.receive_close()[0] == code
    raw.frame(CLOSE, struct.pack("!H", code))
    assert raw.closed_by_server()


def test_a_message_over_the_limit_across_fragments_is_1009(server):
    raw = RawSocket(server)
    for _ in range(3):
        raw.frame(TEXT if _ == 0 else CONTINUATION, b" " * 400_000, fin=False)
    assert raw.receive_close() == (1009, "Message too big")


def test_the_client_closes_and_the_server_answers_with_its_code(server):
    token = server.sign_in(ADMIN)
    baseline = gauge(server, "switchboard_websocket_connections")
    raw = RawSocket(server).acknowledged(token)
    assert gauge(server, "switchboard_websocket_connections") == baseline + 1
    raw.frame(CLOSE, struct.pack("!H", 1000) + b"bye")
    assert raw.receive_close()[0] == 1000
    assert raw.closed_by_server()
    deadline = time.monotonic() + 5
    while gauge(server, "switchboard_websocket_connections") != baseline and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gauge(server, "switchboard_websocket_connections") == baseline


def test_only_graphql_upgrades(server):
    raw = RawSocket(server, path="/health")
    assert raw.status == 400, raw.status_line
    assert b"Only /graphql upgrades" in raw.buffer or b"Only /graphql upgrades" in raw.sock.recv(4096)
    # Without the subprotocol: upgraded, then closed with 4406 as the protocol asks.
    raw = RawSocket(server, subprotocol=None)
    assert raw.status == 101 and "sec-websocket-protocol" not in raw.headers
    assert raw.receive_close()[0] == 4406


@pytest.fixture
def pinging_server(tmp_path):
    instance = SwitchboardServer(binary=switchboard_bin(), workdir=tmp_path, extra_args=["--ping-interval", "1"])
    instance.start()
    yield instance
    instance.stop()


def test_a_peer_that_stops_answering_pings_is_dropped(pinging_server):
    server = pinging_server
    token = server.sign_in(ADMIN)
    answering, silent = RawSocket(server).acknowledged(token), RawSocket(server).acknowledged(token)
    assert gauge(server, "switchboard_websocket_connections") == 2
    pings = []
    stop = threading.Event()

    def answer():  # the live client: every ping answered at once
        while not stop.is_set():
            try:
                opcode, payload = answering.receive(timeout=0.2)
            except (socket.timeout, TimeoutError):
                continue
            assert opcode == PING, opcode
            pings.append(payload)
            answering.frame(PONG, payload)

    answerer = threading.Thread(target=answer)
    answerer.start()
    try:
        started = time.monotonic()
        # The silent one sees a ping a second after it opened, then 1001 at the next ping.
        assert silent.receive(timeout=3)[0] == PING
        assert silent.receive_close(timeout=3) == (1001, "No answer to ping")
        assert silent.closed_by_server(timeout=2)
        assert time.monotonic() - started < 4
        assert gauge(server, "switchboard_websocket_connections") == 1
        time.sleep(2)  # the one that answers stays, ping after ping
    finally:
        stop.set()
        answerer.join()
    assert len(pings) >= 3
    assert gauge(server, "switchboard_websocket_connections") == 1
    answering.text({"type": "ping"})
    opcode, payload = answering.receive()
    while opcode == PING:
        answering.frame(PONG, payload)
        opcode, payload = answering.receive()
    assert json.loads(payload) == {"type": "pong"}


def test_a_server_that_stops_closes_its_sockets_with_1001(tmp_path):
    server = SwitchboardServer(binary=switchboard_bin(), workdir=tmp_path)
    server.start()
    try:
        raw = RawSocket(server).acknowledged(server.sign_in(ADMIN))
        server.process.terminate()
        assert raw.receive_close(timeout=10) == (1001, "The server is shutting down")
        assert server.process.wait(timeout=15) == 0
    finally:
        server.stop()


def test_a_client_that_stops_reading_is_dropped_when_its_backlog_passes_the_limit(server):
    """A client that asks for a lot and reads nothing: once more than the backlog limit (1 MiB
    beyond what the kernel buffers) waits for it, the server closes the connection instead of
    holding more — and a bystander is served throughout."""
    token = server.sign_in(ADMIN)
    baseline = gauge(server, "switchboard_websocket_connections")
    stalled = RawSocket(server).acknowledged(token)
    stalled.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    bystander = RawSocket(server).acknowledged(token)
    big = "{ __schema { types { name description fields { name description args { name description } } } } }"
    for n in range(200):
        stalled.text({"type": "subscribe", "id": f"q{n}", "payload": {"query": big}})
    deadline = time.monotonic() + 30
    while gauge(server, "switchboard_websocket_connections") > baseline + 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert gauge(server, "switchboard_websocket_connections") == baseline + 1, "the stalled client is still connected"
    # What it did receive ends without all 200 answers.
    completes = 0
    try:
        while True:
            opcode, payload = stalled.receive(timeout=5)
            if opcode == TEXT and json.loads(payload)["type"] == "complete":
                completes += 1
            if opcode == CLOSE:
                break
    except (ConnectionError, OSError):
        pass
    assert completes < 200
    bystander.text({"type": "ping"})
    assert bystander.receive_text() == {"type": "pong"}
