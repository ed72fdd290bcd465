"""The coalescer's sub-batch size, A/B in one run (see BENCHMARKS.md, "clients/python").

    python3 clients/python/bench/subbatch_ab.py --url http://127.0.0.1:8080 --scorer classification \
        --rounds 16 --sizes 64,128,256,1024

Per round: 1,024 concurrent per-sample calls (verl's item building and result mapping around
``AsyncCoalescer.score_one``, as ``verl.compute_score_async`` does) through one coalescer per
sub-batch size, the sizes in a rotating order, then one ``AsyncArbiterClient.score`` of 1,024
items; fresh items every time. Prints each size's median throughput and its ratio to the batched
call's median.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from arbiter_client import AsyncArbiterClient, AsyncCoalescer, Limits  # noqa: E402
from arbiter_client import verl as arbiter_verl  # noqa: E402
from bench_client import items  # noqa: E402

N = 1024


async def run(url, scorer, rounds, sizes):
    kwargs = {"scorer": scorer}
    coalescers = {size: AsyncCoalescer(AsyncArbiterClient(url, Limits(max_items=N)), size) for size in sizes}
    batch_client = AsyncArbiterClient(url, Limits(max_items=N))

    async def call(coalescer, it):
        item = arbiter_verl._item(0, None, it["response"], it["reference"], None, kwargs)
        return arbiter_verl._to_verl(await coalescer.score_one(item), kwargs)

    rates = {size: [] for size in sizes}
    batched = []
    fresh = 20_000
    for r in range(rounds + 1):  # round 0 warms up
        for size in sizes[r % len(sizes):] + sizes[:r % len(sizes)]:
            fresh += 1
            batch = items(N, fresh, scorer)
            t0 = time.perf_counter()
            await asyncio.gather(*(call(coalescers[size], it) for it in batch))
            if r:
                rates[size].append(N / (time.perf_counter() - t0))
        fresh += 1
        batch = items(N, fresh, scorer)
        t0 = time.perf_counter()
        await batch_client.score(batch)
        if r:
            batched.append(N / (time.perf_counter() - t0))
    base = statistics.median(batched)
    print("batched %.0f items/s; " % base + "; ".join(
        "sub-batch %d: %.0f items/s, ratio %.3f" % (size, statistics.median(rates[size]), statistics.median(rates[size]) / base)
        for size in sizes))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://localhost:8080")
    ap.add_argument("--scorer", default="classification")
    ap.add_argument("--rounds", type=int, default=16)
    ap.add_argument("--sizes", default="64,128,256,1024")
    args = ap.parse_args()
    asyncio.run(run(args.url, args.scorer, args.rounds, [int(s) for s in args.sizes.split(",")]))


if __name__ == "__main__":
    main()
