"""verl's calling code for custom reward functions, without torch or ``DataProto``.

Follows volcengine/verl at commit b178a3cd56f58b2d502255daba591e92833930a7:

* ``verl/experimental/reward_loop/reward_loop.py`` ``compute_score_batch`` (one task per sample,
  ``asyncio.gather``) and ``verl/experimental/reward_loop/reward_manager/naive.py`` ``run_single``
  (``await compute_score(...)`` when it is a coroutine function, else
  ``loop.run_in_executor(None, lambda: compute_score(...))``; a dict result gives ``score`` and every
  key into ``reward_extra_info``);
* ``verl/workers/reward_manager/batch.py`` ``verify`` / ``__call__`` (one call with
  ``data_sources``, ``solution_strs``, ``ground_truths``, ``extra_infos`` and ``reward_kwargs``;
  ``reward_extra_info[key].append(value)`` per sample).
"""

from __future__ import annotations

import asyncio
import inspect
from collections import defaultdict


def reward_loop(compute_score, rows, reward_kwargs=None):
    """rows: dicts with data_source, response, ground_truth, extra_info."""
    reward_kwargs = reward_kwargs or {}
    is_async = inspect.iscoroutinefunction(compute_score)

    async def run_single(row):
        loop = asyncio.get_running_loop()
        extra_info = dict(row.get("extra_info") or {})
        extra_info["num_turns"] = None
        extra_info["rollout_reward_scores"] = {}
        if is_async:
            result = await compute_score(data_source=row["data_source"], solution_str=row["response"],
                                         ground_truth=row["ground_truth"], extra_info=extra_info, **reward_kwargs)
        else:
            result = await loop.run_in_executor(
                None, lambda: compute_score(data_source=row["data_source"], solution_str=row["response"],
                                            ground_truth=row["ground_truth"], extra_info=extra_info,
                                            **reward_kwargs))
        reward_extra_info = {}
        if isinstance(result, dict):
            score = result["score"]
            for key, value in result.items():
                reward_extra_info[key] = value
        else:
            score = result
            reward_extra_info["acc"] = score
        return {"reward_score": score, "reward_extra_info": reward_extra_info}

    async def compute_score_batch():
        return await asyncio.gather(*[asyncio.create_task(run_single(r)) for r in rows])

    return asyncio.run(compute_score_batch())


def batch_manager(compute_score, rows, reward_kwargs=None):
    reward_kwargs = reward_kwargs or {}
    extras = [dict(r.get("extra_info") or {}) for r in rows]
    for e in extras:
        e["rollout_reward_scores"] = {}
    scores = compute_score(data_sources=[r["data_source"] for r in rows],
                           solution_strs=[r["response"] for r in rows],
                           ground_truths=[r["ground_truth"] for r in rows],
                           extra_infos=extras, **reward_kwargs)
    rewards = []
    reward_extra_info = defaultdict(list)
    for score in scores:
        if isinstance(score, dict):
            reward = score["score"]
            for key, value in score.items():
                reward_extra_info[key].append(value)
        else:
            reward = score
        rewards.append(reward)
    return rewards, dict(reward_extra_info)
