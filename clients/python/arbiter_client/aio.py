"""The asyncio client: ``await AsyncArbiterClient(url).score(items)``.

HTTP/1.1 over ``asyncio`` streams with a pool of kept-alive connections (stdlib only). Chunks of
one call are sent concurrently, up to ``max_connections`` at a time. Bind one instance to one
event loop (the trainer adapters keep one per loop).
"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections import deque
from typing import Any, Awaitable, Deque, Dict, List, Mapping, Optional, Sequence, Tuple

from ._core import ArbiterError, Limits, ScorePlan, ScoreResponse, parse_problem
from .client import Endpoint

_MAX_HEADER_LINES = 100


Answer = Tuple[int, Dict[str, str], bytes]


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer
        self.reusable = True

    def close(self) -> None:
        self.reusable = False
        self.writer.close()


class _Slots:
    """At most ``n`` exchanges at a time. Unlike ``asyncio.Semaphore`` a slot can also be taken
    without awaiting, so a request can be written before the caller's coroutine yields."""

    def __init__(self, n: int):
        self.free = n
        self._waiters: Deque["asyncio.Future[None]"] = deque()

    def try_take(self) -> bool:
        if self.free > 0 and not self._waiters:
            self.free -= 1
            return True
        return False

    async def take(self) -> None:
        if self.try_take():
            return
        waiter: "asyncio.Future[None]" = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled():
                self.release()  # handed a slot just as the caller was cancelled: pass it on
            raise

    def release(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot passes straight to the next waiter
                return
        self.free += 1


class AsyncArbiterClient:
    """The asyncio twin of :class:`arbiter_client.ArbiterClient` (same chunking, retries, results)."""

    def __init__(self, url: str = "http://localhost:8080", limits: Optional[Limits] = None,
                 max_connections: int = 16):
        self.endpoint = Endpoint(url)
        self.limits = limits or Limits()
        self._idle: List[_Connection] = []
        self._slots = _Slots(max_connections)

    async def _open(self) -> _Connection:
        context = ssl.create_default_context() if self.endpoint.https else None
        reader, writer = await asyncio.open_connection(self.endpoint.host, self.endpoint.port, ssl=context,
                                                       limit=1 << 20)
        return _Connection(reader, writer)

    def _take_idle(self) -> Optional[_Connection]:
        while self._idle:
            conn = self._idle.pop()
            if not conn.writer.is_closing() and not conn.reader.at_eof():
                return conn
            conn.close()
        return None

    async def request(self, method: str, path: str, body: Optional[bytes] = None) -> Answer:
        """One exchange on a pooled connection; a stale kept-alive connection is replaced once."""
        await self._slots.take()
        return await self._holding_slot(None, method, path, body)

    def begin(self, method: str, path: str, body: Optional[bytes] = None) -> "asyncio.Task[Answer]":
        """:meth:`request` started now: when a slot and a kept-alive connection are free, the request
        is written before this returns (the server starts on it while the caller goes on)."""
        if not self._slots.try_take():
            return asyncio.ensure_future(self.request(method, path, body))
        conn = self._take_idle()
        if conn is not None:
            conn.writer.write(self._head(method, path, body) + (body or b""))
        return asyncio.ensure_future(self._holding_slot(conn, method, path, body))

    async def _holding_slot(self, written: Optional[_Connection], method: str, path: str,
                            body: Optional[bytes]) -> Answer:
        """The exchange, with a slot held (released here); ``written``: a kept-alive connection the
        request was already written to."""
        try:
            for attempt in (0, 1):
                conn = written or self._take_idle()
                fresh = conn is None
                if conn is None:
                    conn = await self._open()
                try:
                    answer = await asyncio.wait_for(self._exchange(conn, method, path, body, written is None),
                                                    self.limits.timeout_s)
                except (ConnectionError, asyncio.IncompleteReadError) as e:
                    conn.close()
                    if fresh or attempt == 1:
                        raise ConnectionError("connection to %s:%d failed: %s"
                                              % (self.endpoint.host, self.endpoint.port, e)) from e
                    written = None
                    continue
                except BaseException:
                    conn.close()
                    raise
                if conn.reusable:
                    self._idle.append(conn)
                return answer
            raise AssertionError("unreachable")
        finally:
            self._slots.release()

    def _head(self, method: str, path: str, body: Optional[bytes]) -> bytes:
        head = "%s %s HTTP/1.1\r\nHost: %s:%d\r\nAccept: application/json, application/problem+json\r\n" % (
            method, self.endpoint.path(path), self.endpoint.host, self.endpoint.port)
        if body is not None:
            head += "Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
        return head.encode("latin-1") + b"\r\n"

    async def _exchange(self, conn: _Connection, method: str, path: str, body: Optional[bytes],
                        write: bool) -> Answer:
        if write:
            conn.writer.write(self._head(method, path, body) + (body or b""))
        await conn.writer.drain()
        status_line = await conn.reader.readuntil(b"\r\n")
        parts = status_line.decode("latin-1").split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise ConnectionError("not an HTTP/1.x answer: %r" % status_line[:80])
        status = int(parts[1])
        headers: Dict[str, str] = {}
        for _ in range(_MAX_HEADER_LINES):
            line = await conn.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            data = await self._read_chunked(conn.reader)
        elif "content-length" in headers:
            data = await conn.reader.readexactly(int(headers["content-length"]))
        else:
            data = await conn.reader.read()
            conn.reusable = False
        if headers.get("connection", "").lower() == "close" or not conn.reusable:
            conn.close()
        return status, headers, data

    @staticmethod
    async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
        out = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass
                return bytes(out)
            out += await reader.readexactly(size)
            await reader.readexactly(2)

    async def close(self) -> None:
        while self._idle:
            self._idle.pop().close()

    async def __aenter__(self) -> "AsyncArbiterClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def scorers(self) -> List[Dict[str, Any]]:
        status, _, body = await self.request("GET", "/v1/scorers")
        if status != 200:
            raise ArbiterError(status, parse_problem(body))
        return json.loads(body.decode("utf-8"))

    async def score(self, items: Sequence[Mapping[str, Any]], profile: Optional[str] = None) -> ScoreResponse:
        """One result per item, in order (see :meth:`ArbiterClient.score`)."""
        return await self._rounds(ScorePlan(items, profile, self.limits), None)

    def score_soon(self, items: Sequence[Mapping[str, Any]],
                   profile: Optional[str] = None) -> "asyncio.Task[ScoreResponse]":
        """:meth:`score` started now: the first requests are written before this returns where
        kept-alive connections are idle, so the server works while the caller goes on (the
        coalescer sends each full sub-batch this way). Call it on the running loop."""
        plan = ScorePlan(items, profile, self.limits)
        chunks = plan.chunks()
        started = [self.begin("POST", "/v1/score", plan.body(c)) for c in chunks]
        return asyncio.ensure_future(self._rounds(plan, (chunks, started)))

    async def _rounds(self, plan: ScorePlan,
                      started: Optional[Tuple[List[List[int]], List["asyncio.Task[Answer]"]]]) -> ScoreResponse:
        while True:
            if started is None:
                chunks = plan.chunks()
                calls: List[Awaitable[Answer]] = [self.request("POST", "/v1/score", plan.body(c)) for c in chunks]
            else:
                (chunks, tasks), started = started, None
                calls = list(tasks)
            answers = await asyncio.gather(*calls, return_exceptions=True)
            for chunk, answer in zip(chunks, answers):
                if isinstance(answer, (OSError, asyncio.TimeoutError)):
                    plan.failed(chunk, answer)
                elif isinstance(answer, BaseException):
                    raise answer
                else:
                    plan.absorb(chunk, *answer)
            wait = plan.end_round()
            if wait is None:
                return plan.response()
            await asyncio.sleep(wait)
