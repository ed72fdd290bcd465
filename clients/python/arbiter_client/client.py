"""The blocking client: ``ArbiterClient(url).score(items)``."""

from __future__ import annotations

import http.client
import json
import threading
import time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from ._core import ArbiterError, Limits, ScorePlan, ScoreResponse, parse_problem

_HEADERS = {
    "Content-Type": "application/json",
    "Accept": "application/json, application/problem+json",
}


class Endpoint:
    """A base URL split into host, port and path prefix (``http://proxy/arbiter`` keeps ``/arbiter``)."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise ValueError("base URL must be http(s)://host[:port][/prefix], got %r" % url)
        self.https = parts.scheme == "https"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (443 if self.https else 80)
        self.prefix = parts.path.rstrip("/")

    def path(self, path: str) -> str:
        return self.prefix + path


class ArbiterClient:
    """Scores items against ``POST /v1/score`` of an Arbiter service or gateway.

    * connections are kept alive, one per calling thread;
    * items are cut into chunks under ``limits`` (a 413 halves the chunk and resends);
    * masked items and connection failures are re-sent with exponential backoff (honouring
      ``Retry-After``) up to ``limits.retries`` times; items that stay masked come back masked;
    * an item naming an unknown scorer comes back ``invalid_request`` instead of failing its batch.
    """

    def __init__(self, url: str = "http://localhost:8080", limits: Optional[Limits] = None):
        self.endpoint = Endpoint(url)
        self.limits = limits or Limits()
        self._local = threading.local()

    # -- transport -----------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            cls = http.client.HTTPSConnection if self.endpoint.https else http.client.HTTPConnection
            conn = cls(self.endpoint.host, self.endpoint.port, timeout=self.limits.timeout_s)
            self._local.conn = conn
        return conn

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local.conn = None

    def request(self, method: str, path: str, body: Optional[bytes] = None) -> Tuple[int, Dict[str, str], bytes]:
        """One exchange on the thread's kept-alive connection; a stale connection is reopened once."""
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, self.endpoint.path(path), body=body, headers=_HEADERS)
                response = conn.getresponse()
                data = response.read()
                headers = {k.lower(): v for k, v in response.getheaders()}
                if headers.get("connection", "").lower() == "close":
                    self._drop_connection()
                return response.status, headers, data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self._drop_connection()
                if attempt == 1:
                    raise
            except Exception:
                self._drop_connection()
                raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._drop_connection()

    def __enter__(self) -> "ArbiterClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- API -----------------------------------------------------------------------------------

    def scorers(self) -> List[Dict[str, Any]]:
        return self._get_json("/v1/scorers")

    def profiles(self) -> Dict[str, Any]:
        return self._get_json("/v1/profiles")

    def _get_json(self, path: str) -> Any:
        status, _, body = self.request("GET", path)
        if status != 200:
            raise ArbiterError(status, parse_problem(body))
        return json.loads(body.decode("utf-8"))

    def score(self, items: Sequence[Mapping[str, Any]], profile: Optional[str] = None) -> ScoreResponse:
        """One result per item, in order. Never raises for per-item trouble; raises
        :class:`ArbiterError` for a request-level problem (e.g. an unknown profile)."""
        plan = ScorePlan(items, profile, self.limits)
        while True:
            for chunk in plan.chunks():
                try:
                    status, headers, answer = self.request("POST", "/v1/score", plan.body(chunk))
                except (OSError, http.client.HTTPException) as e:
                    plan.failed(chunk, e)
                    continue
                plan.absorb(chunk, status, headers, answer)
            wait = plan.end_round()
            if wait is None:
                return plan.response()
            time.sleep(wait)
