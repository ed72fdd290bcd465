"""Python CPU per awaited per-sample call, without I/O (see BENCHMARKS.md, "clients/python").

    python3 clients/python/bench/percall_cpu.py [path to another copy of clients/python]

The shared coalescer's client is replaced by one that answers every sub-batch at once with ready
results, so only the per-call path is timed: ``asyncio.gather`` of 1,024
``verl.compute_score_async`` calls, next to a gather of 1,024 no-op coroutines (the floor that a
task per call costs) and to ``verl``'s item building alone. CPU time (``time.process_time``), the
minimum of 35 repetitions after 5, per call.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1]))

from arbiter_client import coalesce  # noqa: E402
from arbiter_client import verl as arbiter_verl  # noqa: E402
from arbiter_client._core import Result, ScoreResponse  # noqa: E402

N = 1024
URL = "http://127.0.0.1:9"


async def ready(items, profile=None):
    return ScoreResponse([Result("0", 1.0, "ok", False, {}, {}) for _ in items], {})


def fake_client(client):
    client.score = ready  # the previous coalescer sent with score
    client.score_soon = lambda items, profile=None: asyncio.ensure_future(ready(items))


async def main():
    coalescer = coalesce.shared_async_coalescer(URL)
    fake_client(coalescer.client)
    kwargs = {"arbiter_url": URL, "scorer": "classification"}
    data = [[{"response": "<answer>cat %d-%d</answer>" % (r, i), "reference": {"label": "cat"}} for i in range(N)]
            for r in range(40)]

    async def noop(x):
        return x

    async def gather_noop(batch):
        await asyncio.gather(*(noop(it) for it in batch))

    async def item_only(batch):
        for it in batch:
            arbiter_verl._item(0, None, it["response"], it["reference"], None, kwargs)

    async def per_sample(batch):
        await asyncio.gather(*(arbiter_verl.compute_score_async(None, it["response"], it["reference"], None, **kwargs)
                               for it in batch))

    print(coalesce.__file__)
    for name, f in [("gather of no-op coroutines", gather_noop), ("verl item building only", item_only),
                    ("gather of compute_score_async", per_sample)]:
        times = []
        for batch in data:
            t0 = time.process_time()
            await f(batch)
            times.append(time.process_time() - t0)
        print("%-32s %.2f us per call" % (name, min(times[5:]) * 1e6 / N))


if __name__ == "__main__":
    asyncio.run(main())
