"""TRL: ``GRPOTrainer(reward_funcs=[arbiter_reward(...)])``.

The returned function is a coroutine function, so TRL runs it on its own daemon event loop beside
its other async reward functions (trl/trainer/grpo_trainer.py ``_calculate_rewards``). Masked
items (infrastructure failures that stayed masked after retries) and items without a reward
(``invalid_reference``, ``invalid_request``) return ``None``: TRL turns ``None`` into NaN and leaves
it out of the weighted sum (``nansum``), and warns when every reward function returned ``None``.
Never a silent 0.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from ._core import Limits
from .aio import AsyncArbiterClient
from .items import completion_text, make_item, prompt_text, resolve

RewardFunc = Callable[..., Any]


def arbiter_reward(url: str = "http://localhost:8080", scorer: Optional[str] = None,
                   profile: Optional[str] = None, label_column: str = "answer",
                   scorer_column: str = "scorer", options_column: str = "options",
                   options: Optional[Mapping[str, Any]] = None, reference_field: str = "answer",
                   limits: Optional[Limits] = None, name: str = "arbiter") -> RewardFunc:
    """A TRL reward function scoring each completion with Arbiter.

    Each row's scorer comes from the dataset column ``scorer_column`` when present, else ``scorer``;
    its reference from ``label_column`` (a plain answer, a JSON reference object, or a reward spec
    ``{"scorer": ..., "reference": ..., "options": ...}``); per-row options from ``options_column``
    merged over ``options``. With ``profile`` set, the gateway's composite profile scores every row.
    """
    clients: Dict[int, AsyncArbiterClient] = {}

    def client_for_loop() -> AsyncArbiterClient:
        loop = asyncio.get_running_loop()
        client = clients.get(id(loop))
        if client is None:
            client = clients[id(loop)] = AsyncArbiterClient(url, limits)
        return client

    async def reward(prompts: Sequence[Any], completions: Sequence[Any], completion_ids: Any = None,
                     trainer_state: Any = None, log_extra: Optional[Callable[[str, list], None]] = None,
                     log_metric: Optional[Callable[[str, float], None]] = None,
                     **columns: Any) -> List[Optional[float]]:
        items = []
        for i, completion in enumerate(completions):
            label = _column(columns, label_column, i)
            row_scorer = _column(columns, scorer_column, i) or scorer
            row_options = dict(options or {})
            row_options.update(_column(columns, options_column, i) or {})
            spec_scorer, reference, opts = resolve(label, row_scorer, row_options, reference_field)
            if profile is None and spec_scorer is None:
                raise ValueError("no scorer for row %d: pass scorer=..., profile=..., or a %r column"
                                 % (i, scorer_column))
            items.append(make_item(str(i), None if profile else spec_scorer,
                                   prompt_text(prompts[i]) if i < len(prompts) else None,
                                   completion_text(completion), reference, opts))
        results = (await client_for_loop().score(items, profile)).results
        rewards = [r.reward if r.usable else None for r in results]
        if log_extra is not None:
            log_extra(name + "_status", [r.status for r in results])
            for component in sorted({k for r in results for k in r.components}):
                log_extra(name + "_" + component, [r.components.get(component) for r in results])
        if log_metric is not None and results:
            counts = Counter(r.status for r in results)
            log_metric(name + "/masked_fraction", sum(r.mask for r in results) / len(results))
            log_metric(name + "/no_reward_fraction", sum(x is None for x in rewards) / len(results))
            for status, count in counts.items():
                log_metric(name + "/status/" + status, count / len(results))
        return rewards

    reward.__name__ = name
    reward.__qualname__ = name
    return reward


def _column(columns: Mapping[str, Any], name: str, i: int) -> Any:
    values = columns.get(name)
    if values is None or i >= len(values):
        return None
    return values[i]
