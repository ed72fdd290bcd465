"""OpenRLHF: ``--remote_rm_url /path/to/arbiter_client/openrlhf.py`` (a ``reward_func`` file), the
alternative to pointing ``--remote_rm_url`` at the gateway's ``/get_reward``.

OpenRLHF loads this file with ``importlib`` and calls ``reward_func(queries, prompts, labels)``
(openrlhf/utils/agent.py ``SingleTurnAgentExecutor``: once per sample, via ``asyncio.to_thread``);
concurrent calls are coalesced into batched requests. Settings come from the environment:
``ARBITER_URL`` (default ``http://localhost:8080``), ``ARBITER_SCORER`` (default ``math``; a label
that is a reward spec ``{"scorer": ..., "reference": ..., "options": ...}`` names its own),
``ARBITER_PROFILE``, ``ARBITER_ON_MASKED`` and ``ARBITER_NULL_REWARD`` (default 0).

OpenRLHF cannot take a null reward. Items without a reward (an invalid reference, a query whose
response cannot be separated from its prompt) get ``ARBITER_NULL_REWARD`` with ``valid = 0``.
Masked items (infrastructure failure): ``ARBITER_ON_MASKED=retry`` (default) keeps retrying for
about a minute, past the gateway's circuit-breaker window (10 s by default), then raises;
``ARBITER_ON_MASKED=null`` reports them like items without a reward, with ``masked = 1``.
``extra_logs`` always has the same keys: ``valid``, ``masked``, ``prompt_truncated``.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple

from arbiter_client._core import ArbiterMaskedError, Limits, Result
from arbiter_client.client import ArbiterClient
from arbiter_client.coalesce import shared_thread_coalescer
from arbiter_client.items import make_item, resolve

EXTRA_LOG_KEYS = ("valid", "masked", "prompt_truncated")
_ANCHOR = 16
_SLACK = 8

#: Backoff 0.5, 1, 2, 4, 8, 16, 30, 30 s: about 90 s of retries, past a 10 s breaker window.
RETRY_PAST_BREAKER = Limits(retries=8, backoff_s=0.5, max_backoff_s=30.0)


def split_query(query: str, prompt: Optional[str]) -> Tuple[Optional[str], bool]:
    """(response, prompt_truncated). The response follows the prompt in the query; OpenRLHF
    left-truncates long prompts, so the query may start inside the prompt: the response then
    follows the longest tail of the prompt that the query starts with (allowing a few characters of
    a partly decoded first token, and requiring an overlap of at least 16 characters or the whole
    prompt). ``None`` when the response cannot be separated: such a query is never scored whole."""
    if prompt is None:
        return None, False
    if query.startswith(prompt):
        return query[len(prompt):], False
    anchor_len = min(_ANCHOR, len(prompt))
    if anchor_len == 0:
        return None, False
    for skip in range(_SLACK + 1):
        rest = query[skip:]
        anchor = rest[:anchor_len]
        if len(anchor) < anchor_len:
            break
        at = prompt.find(anchor)
        while at >= 0:
            overlap = prompt[at:]
            if rest.startswith(overlap):
                return rest[len(overlap):], True
            at = prompt.find(anchor, at + 1)
    return None, False


def _settings() -> Dict[str, Any]:
    return {
        "url": os.environ.get("ARBITER_URL", "http://localhost:8080"),
        "scorer": os.environ.get("ARBITER_SCORER", "math") or None,
        "profile": os.environ.get("ARBITER_PROFILE") or None,
        "on_masked": os.environ.get("ARBITER_ON_MASKED", "retry"),
        "null_reward": float(os.environ.get("ARBITER_NULL_REWARD", "0")),
    }


def reward_func(queries: Sequence[str], prompts: Sequence[str], labels: Sequence[Any], **kwargs: Any) -> Dict[str, Any]:
    """OpenRLHF's reward function: ``rewards``, ``scores`` and ``extra_logs`` (lists, one per query)."""
    if len(prompts) != len(queries) or len(labels) != len(queries):
        raise ValueError("queries, prompts and labels must have the same length (%d, %d, %d)"
                         % (len(queries), len(prompts), len(labels)))
    cfg = _settings()
    items: List[Dict[str, Any]] = []
    positions: List[int] = []
    truncated: List[int] = []
    for i, query in enumerate(queries):
        response, was_truncated = split_query(query, prompts[i])
        truncated.append(int(was_truncated))
        if response is None:
            continue
        scorer, reference, options = resolve(labels[i], cfg["scorer"])
        items.append(make_item(str(i), None if cfg["profile"] else scorer, prompts[i], response, reference, options))
        positions.append(i)
    results: List[Optional[Result]] = [None] * len(queries)
    if items:
        limits = RETRY_PAST_BREAKER if cfg["on_masked"] == "retry" else None
        if cfg["profile"]:
            scored = ArbiterClient(cfg["url"], limits).score(items, cfg["profile"]).results
        else:
            scored = shared_thread_coalescer(cfg["url"], limits).score_many(items)
        for i, r in zip(positions, scored):
            results[i] = r
    rewards: List[float] = []
    valid: List[int] = []
    masked: List[int] = []
    for r in results:
        if r is not None and r.mask and cfg["on_masked"] != "null":
            raise ArbiterMaskedError("Arbiter could not score an item after retries (%s: %s)"
                                     % (r.status, r.details.get("reason")))
        usable = r is not None and r.usable
        rewards.append(float(r.reward) if usable else cfg["null_reward"])  # type: ignore[union-attr,arg-type]
        valid.append(int(usable))
        masked.append(int(r is not None and r.mask))
    return {
        "rewards": rewards,
        "scores": rewards,
        "extra_logs": {"valid": valid, "masked": masked, "prompt_truncated": truncated},
    }
