"""Hostile traffic: oversized WebSocket frames and webhook bodies are refused without harm, and a
thousand subscriptions opened and dropped — completed or cut off — leave no subscription, waiting
task or memory behind (`/metrics` and the process's resident memory)."""

import asyncio
import json
import os

import pytest
import websockets

from live_support import Socket, ws_url

ADMIN = "anna.smirnova@switchboard.test"


def gauge(server, name):
    text = server.request("GET", "/metrics").body.decode()
    return int(next(line.split()[1] for line in text.splitlines() if line.startswith(name + " ")))


def resident_kib(server):
    with open(f"/proc/{server.process.pid}/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmRSS:")))


def test_an_oversized_frame_closes_only_its_connection(server):
    token = server.sign_in(ADMIN)

    async def scenario():
        socket = await Socket.open(server, token)
        bystander = await Socket.open(server, token)
        await socket.ws.send(json.dumps({"type": "ping", "payload": {"junk": "x" * (2 << 20)}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.ws.recv(), 10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009, closed.value  # message too big
        # The server and other connections carry on.
        await bystander.ws.send(json.dumps({"type": "ping"}))
        assert json.loads(await asyncio.wait_for(bystander.ws.recv(), 5)) == {"type": "pong"}
        await bystander.close()

    asyncio.run(scenario())
    assert server.request("GET", "/health").status == 200


def test_an_oversized_webhook_body_is_refused(server):
    answer = server.request("POST", "/hooks/telegram/Q2hhbm5lbEFjY291bnQ6MQ", body=b"{" + b" " * (2 << 20) + b"}",
                            headers={"Content-Type": "application/json"})
    assert answer.status == 413


def test_a_thousand_subscriptions_opened_and_dropped_leave_nothing_behind(server):
    token = server.sign_in(ADMIN)
    baseline_subscriptions = gauge(server, "switchboard_live_subscriptions")
    baseline_sockets = gauge(server, "switchboard_websocket_connections")
    baseline_waiters = gauge(server, "switchboard_revocation_waiters")

    async def open_many(sockets=10, each=100):
        opened = []
        for _ in range(sockets):
            socket = await Socket.open(server, token)
            for n in range(each):
                await socket.subscribe(f"s{n}", "subscription { dealChanged { eventId } }")
            opened.append(socket)
        # Pings answered: every subscribe before them has been taken in.
        for socket in opened:
            await socket.ws.send(json.dumps({"type": "ping"}))
            while json.loads(await asyncio.wait_for(socket.ws.recv(), 10)).get("type") != "pong":
                pass
        return opened

    async def round_trip(cut_off):
        opened = await open_many()
        assert gauge(server, "switchboard_live_subscriptions") == baseline_subscriptions + 1000
        assert gauge(server, "switchboard_revocation_waiters") == baseline_waiters + 10
        for socket in opened:
            if cut_off:
                socket.ws.transport.abort()  # the peer vanishes without a close frame
            else:
                for n in range(100):
                    await socket.ws.send(json.dumps({"type": "complete", "id": f"s{n}"}))
                await socket.close()

    def settled():
        for _ in range(100):
            figures = (gauge(server, "switchboard_live_subscriptions"), gauge(server, "switchboard_websocket_connections"),
                       gauge(server, "switchboard_revocation_waiters"))
            if figures == (baseline_subscriptions, baseline_sockets, baseline_waiters):
                return True
            asyncio.run(asyncio.sleep(0.1))
        return False

    asyncio.run(round_trip(cut_off=False))
    assert settled()
    asyncio.run(round_trip(cut_off=True))
    assert settled()
    after_two = resident_kib(server)
    for _ in range(3):
        asyncio.run(round_trip(cut_off=True))
        assert settled()
    # Three more rounds of a thousand subscriptions leave the resident memory where two left it.
    grown = resident_kib(server) - after_two
    assert grown < 16 * 1024, f"resident memory grew by {grown} KiB"
