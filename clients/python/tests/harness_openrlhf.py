"""OpenRLHF's calling code for remote rewards, without aiohttp.

Follows OpenRLHF/OpenRLHF ``openrlhf/utils/agent.py`` at commit
3c3be6234e0cb353e76bb8019947db9dfe99fca7, ``SingleTurnAgentExecutor``: a ``--remote_rm_url`` ending
in ``.py`` is loaded with ``importlib.util.spec_from_file_location`` and its ``reward_func`` is called
per sample with ``asyncio.to_thread`` (``_fetch_rewards_via_func``, batch_size 1); otherwise the
batch is sharded across the URLs and each shard POSTed as ``{"query", "prompts", "labels"}``
(``_fetch_rewards_via_http``), 5 tries 1 s apart, ``raise_for_status`` then ``response.json()``.
``merge_extra_logs`` is how rewards of several servers are concatenated key by key (a key missing
from one shard raises KeyError, as it does in OpenRLHF).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import time
import urllib.error
import urllib.request


def load_reward_func(path):
    spec = importlib.util.spec_from_file_location("reward_func", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.reward_func


def fetch_rewards_via_func(reward_func, queries, prompts, labels):
    async def run():
        tasks = [asyncio.to_thread(reward_func, queries[i:i + 1], prompts[i:i + 1], labels[i:i + 1])
                 for i in range(len(queries))]
        return await asyncio.gather(*tasks)

    return asyncio.run(run())


def post_request(url, data, try_max_times=5, sleep_s=1.0):
    for _ in range(try_max_times):
        try:
            request = urllib.request.Request(url, data=json.dumps(data).encode("utf-8"),
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=180) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.URLError:
            pass
        time.sleep(sleep_s)
    raise RuntimeError("Request error for %d times, returning None. Please check the API server." % try_max_times)


def fetch_rewards_via_http(endpoints, queries, prompts, labels, try_max_times=5, sleep_s=1.0):
    batch_size = (len(queries) + len(endpoints) - 1) // len(endpoints)
    out = []
    for i, rm in enumerate(endpoints):
        start, end = i * batch_size, min((i + 1) * batch_size, len(queries))
        payload = {"query": queries[start:end], "prompts": prompts[start:end], "labels": labels[start:end]}
        out.append(post_request(rm, payload, try_max_times, sleep_s))
    return out


def merge_extra_logs(shards):
    keys = list(shards[0]["extra_logs"])
    return {k: [v for s in shards for v in s["extra_logs"][k]] for k in keys}
