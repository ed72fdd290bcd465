"""Coalescing of per-sample calls into batched requests.

verl's reward loop, NeMo Gym and OpenRLHF's single-turn executor call the reward once per sample,
concurrently. Sending each as its own HTTP request costs a round trip and a server dispatch per
item; the coalescer collects the calls that arrive within ``max_delay_s`` (or until ``max_batch``)
and sends them as one ``/v1/score`` request, answering each caller with its own result.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ._core import Limits, Result
from .aio import AsyncArbiterClient


#: Defaults of the shared coalescers the trainer adapters use.
DEFAULT_MAX_BATCH = 1024
DEFAULT_MAX_DELAY_S = 0.002


class AsyncCoalescer:
    """``await coalescer.score_one(item)`` from many tasks of one event loop."""

    def __init__(self, client: AsyncArbiterClient, max_batch: int = DEFAULT_MAX_BATCH,
                 max_delay_s: float = DEFAULT_MAX_DELAY_S, profile: Optional[str] = None):
        self.client = client
        self.max_batch = max_batch
        self.max_delay_s = max_delay_s
        self.profile = profile
        self._pending: List[Tuple[Mapping[str, Any], "asyncio.Future[Result]"]] = []
        self._timer: Optional[asyncio.TimerHandle] = None
        self._tasks: set = set()
        self.batches_sent = 0

    async def score_one(self, item: Mapping[str, Any]) -> Result:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Result] = loop.create_future()
        self._pending.append((item, future))
        if len(self._pending) >= self.max_batch:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.max_delay_s, self._flush)
        return await future

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._pending = self._pending, []
        if batch:
            task = asyncio.ensure_future(self._send(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send(self, batch: List[Tuple[Mapping[str, Any], "asyncio.Future[Result]"]]) -> None:
        self.batches_sent += 1
        try:
            response = await self.client.score([item for item, _ in batch], self.profile)
        except Exception as e:  # a request-level problem fails each of its callers
            for _, future in batch:
                if not future.done():
                    future.set_exception(e)
            return
        for (_, future), result in zip(batch, response.results):
            if not future.done():
                future.set_result(result)


class ThreadCoalescer:
    """The same for blocking callers on many threads (``run_in_executor``, ``asyncio.to_thread``):
    one daemon thread runs an event loop with an :class:`AsyncCoalescer`."""

    def __init__(self, url: str, limits: Optional[Limits] = None, max_batch: int = DEFAULT_MAX_BATCH,
                 max_delay_s: float = DEFAULT_MAX_DELAY_S):
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="arbiter-coalescer", daemon=True)
        self._thread.start()
        self._coalescer = AsyncCoalescer(AsyncArbiterClient(url, limits), max_batch, max_delay_s)

    def score_one(self, item: Mapping[str, Any]) -> Result:
        return asyncio.run_coroutine_threadsafe(self._coalescer.score_one(item), self._loop).result()

    def score_many(self, items: Sequence[Mapping[str, Any]]) -> List[Result]:
        """Several items at once; they share batches with other threads' calls."""
        async def gather() -> List[Result]:
            return list(await asyncio.gather(*(self._coalescer.score_one(it) for it in items)))

        return asyncio.run_coroutine_threadsafe(gather(), self._loop).result()

    @property
    def batches_sent(self) -> int:
        return self._coalescer.batches_sent


_shared: Dict[Tuple[Any, ...], Any] = {}
_shared_lock = threading.Lock()


def shared_thread_coalescer(url: str, limits: Optional[Limits] = None) -> ThreadCoalescer:
    """One thread coalescer per (URL, limits) in this process (trainer adapters call per sample)."""
    with _shared_lock:
        key = ("thread", url, limits)
        if key not in _shared:
            _shared[key] = ThreadCoalescer(url, limits or Limits(max_items=DEFAULT_MAX_BATCH))
        return _shared[key]


def shared_async_coalescer(url: str) -> AsyncCoalescer:
    """One asyncio coalescer per (URL, running loop)."""
    loop = asyncio.get_running_loop()
    with _shared_lock:
        key = ("loop", url, id(loop))
        entry = _shared.get(key)
        if entry is None or entry[0] is not loop:
            client = AsyncArbiterClient(url, Limits(max_items=DEFAULT_MAX_BATCH))
            entry = (loop, AsyncCoalescer(client, DEFAULT_MAX_BATCH, DEFAULT_MAX_DELAY_S))
            _shared[key] = entry
        return entry[1]
