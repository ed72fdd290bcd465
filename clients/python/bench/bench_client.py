"""Client figures against a running suite (see BENCHMARKS.md, "Python client").

    python3 clients/python/bench/bench_client.py --url http://localhost:8080 [--rounds 30]

1. overhead: ``ArbiterClient.score`` of a 64-item batch vs ``json.dumps`` + a raw ``http.client``
   POST of a batch of the same shape + ``json.loads`` (the least a Python caller can do),
   interleaved round by round on one kept-alive connection each; the ratio of medians is the
   client's overhead.
2. coalescing: 1,024 concurrent per-sample ``verl.compute_score_async`` calls (coalesced into
   batched requests) vs one ``AsyncArbiterClient.score`` call of the same 1,024 items, interleaved;
   the ratio of median throughputs, and the median CPU time this process spent on each side.

Every round scores fresh items (the gateway caches identical ones). Ratios, not absolute times:
the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arbiter_client import ArbiterClient, AsyncArbiterClient, Limits  # noqa: E402
from arbiter_client import coalesce  # noqa: E402
from arbiter_client import verl as arbiter_verl  # noqa: E402

LABELS = ["cat", "dog", "golden retriever", "tabby cat"]
SALT = random.randrange(1 << 30)  # fresh items in every run too: the gateway caches identical items


def items(n, round_no, scorer):
    out = []
    for i in range(n):
        label = LABELS[i % len(LABELS)]
        if scorer == "classification":
            out.append({"id": str(i), "scorer": scorer, "response": "<answer>%s %d-%d-%d</answer>" % (label, SALT, round_no, i),
                        "reference": {"label": label}})
        else:
            out.append({"id": str(i), "scorer": scorer, "response": "\\boxed{%d} %d" % (round_no * 10000 + i, SALT),
                        "reference": {"answer": str(i)}})
    return out


def overhead(url, rounds, scorer):
    client = ArbiterClient(url)
    parts = urlsplit(url)
    raw = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=60)
    ours, base = [], []
    for r in range(rounds + 3):
        batch_a = items(64, 2 * r, scorer)
        batch_b = items(64, 2 * r + 1, scorer)
        t0 = time.perf_counter()
        client.score(batch_a)
        t1 = time.perf_counter()
        body = json.dumps({"items": batch_b}).encode("utf-8")
        raw.request("POST", parts.path.rstrip("/") + "/v1/score", body=body,
                    headers={"Content-Type": "application/json"})
        json.loads(raw.getresponse().read())
        t2 = time.perf_counter()
        if r >= 3:  # warm-up rounds
            ours.append(t1 - t0)
            base.append(t2 - t1)
    return statistics.median(ours), statistics.median(base)


async def coalescing(url, rounds, scorer, n=1024):
    client = AsyncArbiterClient(url, Limits(max_items=n))
    per_sample, batched, cpu_per_sample, cpu_batched = [], [], [], []
    for r in range(rounds + 1):
        a = items(n, 1_000 + 2 * r, scorer)
        b = items(n, 1_000 + 2 * r + 1, scorer)
        kwargs = {"arbiter_url": url, "scorer": scorer}
        t0, c0 = time.perf_counter(), time.process_time()
        await asyncio.gather(*(arbiter_verl.compute_score_async(None, it["response"], it["reference"], None, **kwargs)
                               for it in a))
        t1, c1 = time.perf_counter(), time.process_time()
        await client.score(b)
        t2, c2 = time.perf_counter(), time.process_time()
        if r >= 1:
            per_sample.append(n / (t1 - t0))
            batched.append(n / (t2 - t1))
            cpu_per_sample.append(c1 - c0)
            cpu_batched.append(c2 - c1)
    await client.close()
    m = statistics.median
    return m(per_sample), m(batched), m(cpu_per_sample), m(cpu_batched)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://localhost:8080")
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--coalesce-rounds", type=int, default=8)
    ap.add_argument("--scorer", default="classification")
    ap.add_argument("--max-batch", type=int, default=None, help="the shared coalescer's sub-batch size")
    args = ap.parse_args()
    if args.max_batch:
        coalesce.DEFAULT_MAX_BATCH = args.max_batch
    ours, base = overhead(args.url, args.rounds, args.scorer)
    print("overhead  (%s, 64 items, %d rounds): client %.2f ms, raw http.client %.2f ms, ratio %.3f"
          % (args.scorer, args.rounds, ours * 1e3, base * 1e3, ours / base))
    per_sample, batched, cpu_per_sample, cpu_batched = asyncio.run(coalescing(args.url, args.coalesce_rounds, args.scorer))
    print("coalescing (%s, 1024 items, %d rounds): per-sample %.0f items/s, one batched call %.0f items/s, ratio %.3f"
          " (this process's CPU per round: %.1f / %.1f ms)"
          % (args.scorer, args.coalesce_rounds, per_sample, batched, per_sample / batched,
             cpu_per_sample * 1e3, cpu_batched * 1e3))


if __name__ == "__main__":
    main()
