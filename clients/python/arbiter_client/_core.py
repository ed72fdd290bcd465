"""Transport-free parts of the clients: results, chunk planning, retry bookkeeping.

The sync and asyncio clients share this module so they cut, retry and merge the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

MASKED_STATUSES = frozenset({"scorer_unavailable", "overloaded", "error"})


@dataclass
class Result:
    """One item's verdict, as the service answered it (see the README's status table)."""

    id: Optional[str]
    reward: Optional[float]
    status: str
    mask: bool
    components: Dict[str, float] = field(default_factory=dict)
    details: Dict[str, Any] = field(default_factory=dict)
    scorer: Optional[str] = None
    latency_ms: Optional[float] = None

    @property
    def usable(self) -> bool:
        """True when the reward is a verdict a trainer may learn from."""
        return self.reward is not None and not self.mask

    @staticmethod
    def from_json(obj: Mapping[str, Any]) -> "Result":
        return Result(
            id=obj.get("id"),
            reward=obj.get("reward"),
            status=obj.get("status", "error"),
            mask=bool(obj.get("mask", False)),
            components=obj.get("components") or {},
            details=obj.get("details") or {},
            scorer=obj.get("scorer"),
            latency_ms=obj.get("latency_ms"),
        )

    @staticmethod
    def masked(item_id: Optional[str], status: str, reason: str) -> "Result":
        return Result(item_id, None, status, True, {}, {"reason": reason})

    @staticmethod
    def invalid_request(item_id: Optional[str], reason: str) -> "Result":
        return Result(item_id, None, "invalid_request", False, {}, {"reason": reason})


@dataclass(frozen=True)
class ScoreResponse:
    results: List[Result]
    groups: Dict[str, Any]


class ArbiterError(Exception):
    """A request-level problem (4xx) the client cannot fix by retrying."""

    def __init__(self, status: int, problem: Mapping[str, Any]):
        super().__init__("HTTP %d: %s" % (status, problem.get("detail") or problem))
        self.status = status
        self.problem = dict(problem)


class ArbiterMaskedError(RuntimeError):
    """Raised by trainer adapters whose policy is to fail on items that stayed masked."""


@dataclass(frozen=True)
class Limits:
    """How requests are cut. Defaults stay well under the server's (4096 items, 16 MB)."""

    max_items: int = 512
    max_body_bytes: int = 8 * 1024 * 1024
    retries: int = 4
    backoff_s: float = 0.5
    max_backoff_s: float = 30.0
    timeout_s: float = 120.0


def encode_item(item: Mapping[str, Any]) -> bytes:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def plan_chunks(
    encoded: Sequence[bytes], indexes: Sequence[int], groups: Sequence[Optional[str]], limits: Limits
) -> List[List[int]]:
    """Cuts the items at ``indexes`` into chunks under both limits, keeping a GRPO group in one chunk
    when the group itself fits (the server's group statistics need the whole group)."""
    runs: List[List[int]] = []
    by_group: Dict[str, List[int]] = {}
    for i in indexes:
        g = groups[i]
        if g is None:
            runs.append([i])
        elif g in by_group:
            by_group[g].append(i)
        else:
            by_group[g] = [i]
            runs.append(by_group[g])
    chunks: List[List[int]] = []
    current: List[int] = []
    size = 0
    for run in runs:
        run_size = sum(len(encoded[i]) + 1 for i in run)
        fits = len(current) + len(run) <= limits.max_items and size + run_size <= limits.max_body_bytes
        if not fits and current:
            chunks.append(current)
            current, size = [], 0
        for i in run:
            item_size = len(encoded[i]) + 1
            if current and (len(current) >= limits.max_items or size + item_size > limits.max_body_bytes):
                chunks.append(current)
                current, size = [], 0
            current.append(i)
            size += item_size
    if current:
        chunks.append(current)
    return chunks


def request_body(encoded: Sequence[bytes], chunk: Sequence[int], profile: Optional[str]) -> bytes:
    head = b'{"items":['
    tail = b"]" + (b',"profile":' + json.dumps(profile).encode() if profile else b"") + b"}"
    return head + b",".join(encoded[i] for i in chunk) + tail


def request_body_of(items: Sequence[Mapping[str, Any]], profile: Optional[str]) -> bytes:
    body: Dict[str, Any] = {"items": list(items)}
    if profile:
        body["profile"] = profile
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parse_problem(body: bytes) -> Dict[str, Any]:
    try:
        parsed = json.loads(body.decode("utf-8", errors="replace"))
        return parsed if isinstance(parsed, dict) else {"detail": str(parsed)}
    except ValueError:
        return {"detail": body[:300].decode("utf-8", errors="replace")}


def retry_after(headers: Mapping[str, str]) -> Optional[float]:
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def backoff(limits: Limits, attempt: int, hint: Optional[float]) -> float:
    base = min(limits.max_backoff_s, limits.backoff_s * (2**attempt))
    return min(limits.max_backoff_s, max(base, hint or 0.0))


class Outcome:
    """What one HTTP exchange of a chunk means for the retry loop."""

    def __init__(self) -> None:
        self.done: Dict[int, Result] = {}
        self.retry: List[int] = []
        self.split: bool = False
        self.wait_hint: Optional[float] = None


def interpret(
    chunk: Sequence[int], status: int, headers: Mapping[str, str], body: bytes, groups_out: Dict[str, Any]
) -> Outcome:
    """Maps an answer onto the chunk: finished results, items to re-send, or a split (413)."""
    out = Outcome()
    if status == 200:
        parsed = json.loads(body.decode("utf-8"))
        results = parsed.get("results") or []
        if len(results) != len(chunk):
            raise ArbiterError(status, {"detail": "answer has %d results for %d items" % (len(results), len(chunk))})
        for i, obj in zip(chunk, results):
            result = Result.from_json(obj)
            if result.mask:
                out.retry.append(i)
            out.done[i] = result
        groups_out.update(parsed.get("groups") or {})
        return out
    problem = parse_problem(body)
    if status == 413:
        out.split = True
        return out
    if status in (429, 502, 503, 504) or status >= 500:
        out.retry = list(chunk)
        out.wait_hint = retry_after(headers)
        for i in chunk:
            out.done[i] = Result.masked(None, "overloaded" if status in (429, 503) else "error", "HTTP %d: %s" % (status, problem.get("detail")))
        return out
    raise ArbiterError(status, problem)


def unknown_scorer_ids(problem: Mapping[str, Any]) -> Optional[List[str]]:
    known = problem.get("known")
    if isinstance(known, list) and str(problem.get("type", "")).endswith("unknown-scorer"):
        return [str(k) for k in known]
    return None


def split_unknown(
    items: Sequence[Mapping[str, Any]], chunk: Sequence[int], known: Sequence[str]
) -> Tuple[List[int], Dict[int, Result]]:
    """After a 422 unknown-scorer, the items naming an unknown scorer become invalid_request results
    and the rest is re-sent: one bad row never fails its batch."""
    keep: List[int] = []
    bad: Dict[int, Result] = {}
    known_set = set(known)
    for i in chunk:
        scorer = items[i].get("scorer")
        if scorer is not None and scorer not in known_set:
            bad[i] = Result.invalid_request(items[i].get("id"), "unknown scorer %r; known: %s" % (scorer, sorted(known_set)))
        else:
            keep.append(i)
    return keep, bad


class ScorePlan:
    """The chunk/retry state of one ``score`` call, shared by the sync and asyncio clients.

    Each round: send every chunk of :meth:`chunks`, report each answer to :meth:`absorb` (or a
    connection failure to :meth:`failed`), then :meth:`end_round` says how long to wait before the
    next round, or ``None`` when done.
    """

    def __init__(self, items: Sequence[Mapping[str, Any]], profile: Optional[str], limits: Limits):
        self.items = items
        self.profile = profile
        self.limits = limits
        self.groups = [it.get("group") for it in items]
        self._whole: Optional[bytes] = None
        self._encoded: Optional[List[bytes]] = None
        if len(items) <= limits.max_items:
            # the common case: one request of every item, encoded in one go
            whole = request_body_of(items, profile)
            if len(whole) <= limits.max_body_bytes:
                self._whole = whole
        self.final: Dict[int, Result] = {}
        self.groups_out: Dict[str, Any] = {}
        self.pending = list(range(len(items)))
        self.attempt = 0
        self._resend: List[int] = []
        self._retry: List[int] = []
        self._hint: Optional[float] = None

    @property
    def encoded(self) -> List[bytes]:
        if self._encoded is None:
            self._encoded = [encode_item(it) for it in self.items]
        return self._encoded

    def chunks(self) -> List[List[int]]:
        if self._whole is not None and len(self.pending) == len(self.items):
            return [list(self.pending)]
        return plan_chunks(self.encoded, self.pending, self.groups, self.limits)

    def body(self, chunk: Sequence[int]) -> bytes:
        if self._whole is not None and len(chunk) == len(self.items):
            return self._whole
        return request_body(self.encoded, chunk, self.profile)

    def failed(self, chunk: Sequence[int], error: BaseException) -> None:
        for i in chunk:
            self.final[i] = Result.masked(self.items[i].get("id"), "scorer_unavailable", "connection failed: %s" % error)
        self._retry.extend(chunk)

    def absorb(self, chunk: Sequence[int], status: int, headers: Mapping[str, str], body: bytes) -> None:
        if status == 422:
            problem = parse_problem(body)
            known = unknown_scorer_ids(problem)
            keep, bad = split_unknown(self.items, chunk, known) if known is not None else (list(chunk), {})
            if not bad:
                raise ArbiterError(status, problem)
            self.final.update(bad)
            self._resend.extend(keep)
            return
        out = interpret(chunk, status, headers, body, self.groups_out)
        if out.split:
            if len(chunk) == 1:
                self.final[chunk[0]] = Result.invalid_request(
                    self.items[chunk[0]].get("id"), "item is larger than the server's body limit")
            else:
                self.limits = halved(self.limits, len(chunk))
                self._whole = None
                self._resend.extend(chunk)
            return
        self.final.update(out.done)
        self._retry.extend(out.retry)
        if out.wait_hint is not None:
            self._hint = max(self._hint or 0.0, out.wait_hint)

    def end_round(self) -> Optional[float]:
        wait: Optional[float] = 0.0
        if self._retry and self.attempt < self.limits.retries:
            wait = backoff(self.limits, self.attempt, self._hint)
            self.attempt += 1
            self.pending = sorted(self._resend + self._retry)
        else:
            self.pending = sorted(self._resend)
        self._resend, self._retry, self._hint = [], [], None
        return wait if self.pending else None

    def response(self) -> ScoreResponse:
        return ScoreResponse([with_id(self.final[i], self.items[i]) for i in range(len(self.items))], self.groups_out)


def halved(limits: Limits, chunk_len: int) -> Limits:
    return Limits(
        max_items=max(1, min(limits.max_items, chunk_len // 2)),
        max_body_bytes=max(1, limits.max_body_bytes // 2),
        retries=limits.retries,
        backoff_s=limits.backoff_s,
        max_backoff_s=limits.max_backoff_s,
        timeout_s=limits.timeout_s,
    )


def with_id(result: Result, item: Mapping[str, Any]) -> Result:
    if result.id is not None or item.get("id") is None:
        return result
    return Result(item.get("id"), result.reward, result.status, result.mask, result.components,
                  result.details, result.scorer, result.latency_ms)
