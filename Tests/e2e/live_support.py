"""A `graphql-transport-ws` client for the end-to-end tests (the `websockets` package)."""

import asyncio
import json
import threading
from contextlib import contextmanager

import websockets


def ws_url(server):
    return server.base_url.replace("http://", "ws://") + "/graphql"


class Socket:
    """One `graphql-transport-ws` connection, acknowledged."""

    def __init__(self, ws):
        self.ws = ws

    @classmethod
    async def open(cls, server, token):
        ws = await websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"])
        await ws.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}))
        ack = json.loads(await asyncio.wait_for(ws.recv(), 5))
        assert ack["type"] == "connection_ack" and set(ack) <= {"type", "payload"}, ack
        socket = cls(ws)
        socket.last_event_id = ack["payload"]["lastEventId"]  # where this connection's streams start
        return socket

    async def subscribe(self, op_id, query, variables=None):
        await self.ws.send(json.dumps({"type": "subscribe", "id": op_id, "payload": {"query": query, "variables": variables or {}}}))

    async def next(self, op_id, timeout=5.0):
        """The next `next` payload of the operation (other operations' messages are skipped)."""
        while True:
            message = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
            if message.get("id") == op_id:
                assert message["type"] == "next", message
                return message["payload"]

    async def nothing_for(self, op_id, seconds=1.0):
        """No message of the operation arrives for a while."""
        try:
            while True:
                message = json.loads(await asyncio.wait_for(self.ws.recv(), seconds))
                assert message.get("id") != op_id, message
        except asyncio.TimeoutError:
            return

    async def close(self):
        await self.ws.close()

    @classmethod
    async def subscribed(cls, server, tokens, subscriptions):
        """One socket per token, each subscribed to `subscriptions` ({op id: query}), once the
        subscriptions are live."""
        sockets = [await cls.open(server, token) for token in tokens]
        for socket in sockets:
            for op_id, query in subscriptions.items():
                await socket.subscribe(op_id, query)
        await asyncio.sleep(0.3)
        return sockets


@contextmanager
def online(server, token):
    """Keeps a console connection of the token's user open for the block (the user is online),
    on an event loop of its own, for tests that are not asynchronous."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    socket = asyncio.run_coroutine_threadsafe(Socket.open(server, token), loop).result(10)
    try:
        yield socket
    finally:
        asyncio.run_coroutine_threadsafe(socket.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
