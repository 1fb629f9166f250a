"""Admission to the query workers, fair between clients (see :class:`FairGate`)."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING

from kg.errors import Busy, TooManyRequests

if TYPE_CHECKING:  # the engine imports the gate
    from kg.serve.engine import Limits


class FairGate:
    """Admission to the workers, fair between clients.

    At most ``workers`` queries run at once, and one client runs at most ``per_client`` of them,
    so a burst of heavy queries from one client always leaves a worker for the others. Waiting
    requests are served round-robin across clients, not first come first served. A client with
    ``client_queue`` requests waiting gets 429; with ``queue`` waiting in all, everyone gets 503.
    (asyncio's Semaphore is first come first served, and no maintained library does fair
    per-key admission for asyncio, hence this class.)
    """

    def __init__(self, limits: Limits):
        self.limits = limits
        self.running: dict[str, int] = {}
        self.total = 0
        self.waiting: dict[str, deque[asyncio.Future]] = {}  # insertion order is the round-robin order

    def _eligible(self, client: str) -> bool:
        return self.total < self.limits.workers and self.running.get(client, 0) < self.limits.client_running

    def _grant(self, client: str) -> None:
        self.total += 1
        self.running[client] = self.running.get(client, 0) + 1

    async def acquire(self, client: str) -> None:
        if self._eligible(client) and not self.waiting.get(client):
            self._grant(client)
            return
        mine = self.waiting.setdefault(client, deque())
        if len(mine) >= self.limits.client_queue:
            raise TooManyRequests(f"you have {len(mine)} queries waiting, the most one client may have; "
                                  "wait for their answers before sending more")
        if sum(len(q) for q in self.waiting.values()) >= self.limits.queue:
            raise Busy(f"the server is busy ({self.limits.workers} queries running, {self.limits.queue} waiting); "
                       "try again shortly")
        ticket = asyncio.get_running_loop().create_future()
        mine.append(ticket)
        try:
            await ticket
        except asyncio.CancelledError:
            if ticket.done() and not ticket.cancelled():
                self.release(client)  # granted just as the request went away
            else:
                mine.remove(ticket)
                if not mine:
                    self.waiting.pop(client, None)
            raise

    def release(self, client: str) -> None:
        self.total -= 1
        self.running[client] -= 1
        if not self.running[client]:
            del self.running[client]
        self._dispatch()

    def _dispatch(self) -> None:
        while self.total < self.limits.workers:
            client = next((c for c in self.waiting if self._eligible(c)), None)
            if client is None:
                return
            queue = self.waiting.pop(client)
            ticket = queue.popleft()
            if queue:
                self.waiting[client] = queue  # to the back of the round
            self._grant(client)
            ticket.set_result(None)
