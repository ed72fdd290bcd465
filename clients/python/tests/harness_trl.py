"""TRL's calling code for reward functions, without torch.

Follows huggingface/trl ``trl/trainer/grpo_trainer.py`` at commit
f2cd57710ae345ea6428ae95363267fcf38a3dc8: ``_calculate_rewards`` builds ``reward_kwargs`` from every
input column except prompt/completion/completion_ids, adds ``trainer_state``, ``log_extra`` and
``log_metric``, runs coroutine reward functions with ``asyncio.gather`` on the trainer's daemon event
loop (``start_event_loop_in_daemon`` + ``asyncio.run_coroutine_threadsafe(...).result()``) and turns
``None`` into NaN. Tensors are plain lists here.
"""

from __future__ import annotations

import asyncio
import inspect
import math
import threading
from collections import defaultdict


class GrpoRewardHarness:
    def __init__(self, reward_funcs):
        self.reward_funcs = reward_funcs
        self.state = {"global_step": 0}
        self._pending_extra_logs = defaultdict(list)
        self._pending_metrics = defaultdict(list)
        self.async_loop = None
        if any(inspect.iscoroutinefunction(f) for f in reward_funcs):
            self.async_loop = asyncio.new_event_loop()
            ready = threading.Event()

            def run():
                asyncio.set_event_loop(self.async_loop)
                self.async_loop.call_soon(ready.set)
                self.async_loop.run_forever()

            threading.Thread(target=run, name="GRPOTrainer-AsyncLoop", daemon=True).start()
            ready.wait()

    def _log_completion_extra(self, column, values):
        self._pending_extra_logs[column].extend(values)

    def _log_metric(self, name, value):
        self._pending_metrics[name].append(value)

    def calculate_rewards(self, inputs, prompts, completions, completion_ids_list=None):
        rewards_per_func = [[0.0] * len(self.reward_funcs) for _ in prompts]
        keys = [key for key in inputs[0] if key not in ["prompt", "completion", "completion_ids"]]
        reward_kwargs = {key: [example[key] for example in inputs] for key in keys}
        reward_kwargs["trainer_state"] = self.state
        reward_kwargs["log_extra"] = self._log_completion_extra
        reward_kwargs["log_metric"] = self._log_metric
        async_funcs_info = []
        for i, reward_func in enumerate(self.reward_funcs):
            if inspect.iscoroutinefunction(reward_func):
                async_funcs_info.append((i, reward_func))
            else:
                output = reward_func(prompts=prompts, completions=completions,
                                     completion_ids=completion_ids_list, **reward_kwargs)
                for row, r in enumerate(output):
                    rewards_per_func[row][i] = r if r is not None else math.nan
        if async_funcs_info:
            async def _invoke_async(index, func):
                output = await func(prompts=prompts, completions=completions,
                                    completion_ids=completion_ids_list, **reward_kwargs)
                return index, [r if r is not None else math.nan for r in output]

            async def _run_async_funcs():
                return await asyncio.gather(*[_invoke_async(i, f) for i, f in async_funcs_info])

            for idx, output in asyncio.run_coroutine_threadsafe(_run_async_funcs(), self.async_loop).result():
                for row, r in enumerate(output):
                    rewards_per_func[row][idx] = r
        return rewards_per_func

    def close(self):
        if self.async_loop is not None:
            self.async_loop.call_soon_threadsafe(self.async_loop.stop)
