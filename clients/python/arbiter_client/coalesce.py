"""Coalescing of per-sample calls into batched requests.

verl's reward loop, NeMo Gym and OpenRLHF's single-turn executor call the reward once per sample,
concurrently. Sending each as its own HTTP request costs a round trip and a server dispatch per
item; the coalescer collects the calls into ``/v1/score`` requests and answers each caller with its
own result:

* a sub-batch is sent as soon as it holds ``max_batch`` items, written to a kept-alive connection
  before the call that filled it returns, so the server scores it while Python is still accepting
  the next calls (several requests in flight, pipelined);
* the calls left over are sent ``max_delay_s`` after the first of them arrived (one timer per window).

A call costs one future and a list append; a batch costs one task (the client's request) and one
done-callback that hands each caller its :class:`Result`, nothing per item beyond that.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ._core import Limits, Result, ScoreResponse
from .aio import AsyncArbiterClient


#: Defaults of the shared coalescers the trainer adapters use (BENCHMARKS.md, "clients/python":
#: of 64, 128, 256 and 1,024-item sub-batches for 1,024 concurrent calls, 128 was best in 3 of 5
#: noisy runs on a loaded machine, one 1,024-item request in none).
DEFAULT_MAX_BATCH = 128
DEFAULT_MAX_DELAY_S = 0.002


class AsyncCoalescer:
    """``await coalescer.score_one(item)`` from many tasks of one event loop."""

    def __init__(self, client: AsyncArbiterClient, max_batch: int = DEFAULT_MAX_BATCH,
                 max_delay_s: float = DEFAULT_MAX_DELAY_S, profile: Optional[str] = None):
        self.client = client
        self.max_batch = max_batch
        self.max_delay_s = max_delay_s
        self.profile = profile
        self._items: List[Mapping[str, Any]] = []
        self._futures: List["asyncio.Future[Result]"] = []
        self._timer: Optional[asyncio.TimerHandle] = None
        self._in_flight: set = set()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self.batches_sent = 0

    def score_one(self, item: Mapping[str, Any]) -> "asyncio.Future[Result]":
        """Queues ``item`` and returns the future of its result (await it). Call it on the event
        loop of the first call (like its client, a coalescer belongs to one loop)."""
        loop = self._loop
        if loop is None:
            loop = self._loop = asyncio.get_running_loop()
        future: "asyncio.Future[Result]" = loop.create_future()
        self._items.append(item)
        self._futures.append(future)
        if len(self._items) >= self.max_batch:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.max_delay_s, self._flush)
        return future

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        items, futures = self._items, self._futures
        if not items:
            return
        self._items, self._futures = [], []
        try:
            task = self.client.score_soon(items, self.profile)
        except Exception as e:  # e.g. an item that is not JSON: its batch's callers get the error
            _fail(futures, e)
            return
        self.batches_sent += 1
        self._in_flight.add(task)
        task.add_done_callback(functools.partial(self._answer, futures))

    def _answer(self, futures: List["asyncio.Future[Result]"], task: "asyncio.Task[ScoreResponse]") -> None:
        self._in_flight.discard(task)
        if task.cancelled():
            for future in futures:
                future.cancel()
            return
        error = task.exception()
        if error is not None:  # a request-level problem fails each of its callers
            _fail(futures, error)
            return
        for future, result in zip(futures, task.result().results):
            if not future.done():
                future.set_result(result)


def _fail(futures: Sequence["asyncio.Future[Result]"], error: BaseException) -> None:
    for future in futures:
        if not future.done():
            future.set_exception(error)


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
        async def one() -> Result:
            return await self._coalescer.score_one(item)

        return asyncio.run_coroutine_threadsafe(one(), self._loop).result()

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


_per_thread: Dict[Tuple[str, int], Tuple[asyncio.AbstractEventLoop, AsyncCoalescer]] = {}


def shared_async_coalescer(url: str) -> AsyncCoalescer:
    """One asyncio coalescer per (URL, running loop)."""
    # the per-call path: no lock, no get_running_loop() (about 1 µs here); a loop that is running
    # and was registered by this thread is the one running this call
    recent = _per_thread.get((url, threading.get_ident()))
    if recent is not None and recent[0].is_running():
        return recent[1]
    loop = asyncio.get_running_loop()
    key = ("loop", url, id(loop))
    with _shared_lock:
        entry = _shared.get(key)
        if entry is None or entry[0] is not loop:
            client = AsyncArbiterClient(url, Limits(max_items=DEFAULT_MAX_BATCH))
            entry = (loop, AsyncCoalescer(client, DEFAULT_MAX_BATCH, DEFAULT_MAX_DELAY_S))
            _shared[key] = entry
        _per_thread[(url, threading.get_ident())] = entry
        return entry[1]
