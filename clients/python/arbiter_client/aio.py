"""The asyncio client: ``await AsyncArbiterClient(url).score(items)``.

HTTP/1.1 over ``asyncio`` streams with a pool of kept-alive connections (stdlib only). Chunks of
one call are sent concurrently, up to ``max_connections`` at a time. Bind one instance to one
event loop (the trainer adapters keep one per loop).
"""

from __future__ import annotations

import asyncio
import json
import ssl
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ._core import ArbiterError, Limits, ScorePlan, ScoreResponse, parse_problem
from .client import Endpoint

_MAX_HEADER_LINES = 100


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer
        self.reusable = True

    def close(self) -> None:
        self.reusable = False
        self.writer.close()


class AsyncArbiterClient:
    """The asyncio twin of :class:`arbiter_client.ArbiterClient` (same chunking, retries, results)."""

    def __init__(self, url: str = "http://localhost:8080", limits: Optional[Limits] = None,
                 max_connections: int = 16):
        self.endpoint = Endpoint(url)
        self.limits = limits or Limits()
        self._idle: List[_Connection] = []
        self._max_connections = max_connections
        self._slots: Optional[asyncio.Semaphore] = None  # created on the loop (Python 3.9 binds at creation)

    async def _open(self) -> _Connection:
        context = ssl.create_default_context() if self.endpoint.https else None
        reader, writer = await asyncio.open_connection(self.endpoint.host, self.endpoint.port, ssl=context,
                                                       limit=1 << 20)
        return _Connection(reader, writer)

    async def request(self, method: str, path: str, body: Optional[bytes] = None) -> Tuple[int, Dict[str, str], bytes]:
        """One exchange on a pooled connection; a stale kept-alive connection is replaced once."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._max_connections)
        async with self._slots:
            for attempt in (0, 1):
                fresh = not self._idle
                conn = self._idle.pop() if self._idle else await self._open()
                try:
                    answer = await asyncio.wait_for(self._exchange(conn, method, path, body), self.limits.timeout_s)
                except (ConnectionError, asyncio.IncompleteReadError) as e:
                    conn.close()
                    if fresh or attempt == 1:
                        raise ConnectionError("connection to %s:%d failed: %s"
                                              % (self.endpoint.host, self.endpoint.port, e)) from e
                    continue
                except BaseException:
                    conn.close()
                    raise
                if conn.reusable:
                    self._idle.append(conn)
                return answer
        raise AssertionError("unreachable")

    async def _exchange(self, conn: _Connection, method: str, path: str,
                        body: Optional[bytes]) -> Tuple[int, Dict[str, str], bytes]:
        head = "%s %s HTTP/1.1\r\nHost: %s:%d\r\nAccept: application/json, application/problem+json\r\n" % (
            method, self.endpoint.path(path), self.endpoint.host, self.endpoint.port)
        if body is not None:
            head += "Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
        conn.writer.write(head.encode("latin-1") + b"\r\n" + (body or b""))
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
        plan = ScorePlan(items, profile, self.limits)
        while True:
            chunks = plan.chunks()
            answers = await asyncio.gather(
                *(self.request("POST", "/v1/score", plan.body(c)) for c in chunks), return_exceptions=True)
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
