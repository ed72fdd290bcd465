"""verl: ``custom_reward_function.path=<this file>`` with ``name=compute_score`` (naive / prime
reward managers, the reward loop), ``compute_score_batch`` (the batch reward manager) or
``compute_score_async`` (the reward loop's async path).

Keyword arguments come from ``custom_reward_function.reward_kwargs`` (verl passes them through):
``arbiter_url`` (default: ``$ARBITER_URL`` or ``http://localhost:8080``), ``scorer`` (overrides
the data-source mapping), ``options``, ``on_masked`` (``"raise"``, the default, or ``"value"``),
``masked_value`` and, for ``compute_score_batch``, ``retries`` (re-sends of masked items, default 4).

Every call returns a dict with the same keys, ``score``, ``valid`` and ``masked`` (verl's batch
manager collects ``reward_extra_info`` per key and its validation averages every key):

* a verdict: ``score`` = reward, ``valid`` = 1, ``masked`` = 0;
* no reward (invalid reference or request): ``score`` = ``masked_value``, ``valid`` = 0, ``masked`` = 0;
* masked after retries: raises :class:`ArbiterMaskedError` (``on_masked="raise"``), or
  ``score`` = ``masked_value`` with ``valid`` = 0, ``masked`` = 1 (``on_masked="value"``).
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Mapping, Optional, Sequence

from ._core import ArbiterMaskedError, Limits, Result
from .client import ArbiterClient
from .coalesce import shared_async_coalescer, shared_thread_coalescer
from .items import make_item, resolve

EXTRA_KEYS = ("score", "valid", "masked")

#: verl's data sources (``verl/utils/reward_score/__init__.py`` ``default_compute_score``) → scorer.
DATA_SOURCES: Dict[str, str] = {
    "openai/gsm8k": "math",
    "lighteval/MATH": "math",
    "DigitalLearningGmbH/MATH-lighteval": "math",
    "HuggingFaceH4/MATH-500": "math",
    "math_dapo": "math",
    "math": "math",
    "math_dapo_reasoning": "math",
    "numina_aops_forum": "math",
    "numina_synthetic_math": "math",
    "numina_amc_aime": "math",
    "numina_synthetic_amc": "math",
    "numina_cn_k12": "math",
    "numina_olympiads": "math",
    "hiyouga/geometry3k": "math",
    "codecontests": "code",
    "apps": "code",
    "codeforces": "code",
    "taco": "code",
}


def _url(kwargs: Mapping[str, Any]) -> str:
    return kwargs.get("arbiter_url") or os.environ.get("ARBITER_URL") or "http://localhost:8080"


def scorer_for(data_source: Optional[str], extra_info: Optional[Mapping[str, Any]], scorer: Optional[str]) -> Optional[str]:
    if scorer:
        return scorer
    if extra_info and extra_info.get("scorer"):
        return str(extra_info["scorer"])
    if data_source is None:
        return None
    if data_source.startswith("aime"):
        return "math"
    return DATA_SOURCES.get(data_source)


def _item(i: int, data_source: Optional[str], solution_str: str, ground_truth: Any,
          extra_info: Optional[Mapping[str, Any]], kwargs: Mapping[str, Any]) -> Dict[str, Any]:
    scorer = scorer_for(data_source, extra_info, kwargs.get("scorer"))
    spec_scorer, reference, options = resolve(ground_truth, scorer, kwargs.get("options"))
    if spec_scorer is None:
        raise ValueError("no Arbiter scorer for data_source %r: pass reward_kwargs.scorer, put 'scorer' in "
                         "extra_info or the ground truth, or use a known data source" % data_source)
    return make_item(str(i), spec_scorer, None, solution_str or "", reference, options)


def _to_verl(result: Result, kwargs: Mapping[str, Any]) -> Dict[str, Any]:
    fallback = float(kwargs.get("masked_value", 0.0))
    if result.mask:
        if kwargs.get("on_masked", "raise") == "raise":
            raise ArbiterMaskedError("Arbiter could not score an item (%s: %s); the sample must not get a fake reward"
                                     % (result.status, result.details.get("reason")))
        return {"score": fallback, "valid": 0, "masked": 1}
    if result.reward is None:
        return {"score": fallback, "valid": 0, "masked": 0}
    return {"score": float(result.reward), "valid": 1, "masked": 0}


def compute_score(data_source: Optional[str], solution_str: str, ground_truth: Any,
                  extra_info: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> Dict[str, Any]:
    """One sample. Concurrent calls from verl's executor threads are coalesced into batches."""
    item = _item(0, data_source, solution_str, ground_truth, extra_info, kwargs)
    return _to_verl(shared_thread_coalescer(_url(kwargs)).score_one(item), kwargs)


async def compute_score_async(data_source: Optional[str], solution_str: str, ground_truth: Any,
                              extra_info: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> Dict[str, Any]:
    """One sample, awaited (verl's reward loop with an async ``compute_score``); coalesced per loop."""
    item = _item(0, data_source, solution_str, ground_truth, extra_info, kwargs)
    return _to_verl(await shared_async_coalescer(_url(kwargs)).score_one(item), kwargs)


_batch_clients: Dict[Any, ArbiterClient] = {}


def compute_score_batch(data_sources: Sequence[Optional[str]], solution_strs: Sequence[str],
                        ground_truths: Sequence[Any], extra_infos: Optional[Sequence[Any]] = None,
                        **kwargs: Any) -> List[Dict[str, Any]]:
    """The batch reward manager's signature: every sample of the step in one chunked call."""
    extras = list(extra_infos) if extra_infos is not None else [None] * len(solution_strs)
    items = [_item(i, data_sources[i], solution_strs[i], ground_truths[i], extras[i], kwargs)
             for i in range(len(solution_strs))]
    url = _url(kwargs)
    key = (url, kwargs.get("retries"))
    client = _batch_clients.get(key)
    if client is None:
        limits = Limits() if kwargs.get("retries") is None else Limits(retries=int(kwargs["retries"]))
        client = _batch_clients[key] = ArbiterClient(url, limits)
    return [_to_verl(r, kwargs) for r in client.score(items).results]
