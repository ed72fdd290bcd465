"""Each trainer's calling code against a live one-process suite (started by the suite module's
PythonClientIT, which sets ARBITER_URL, ARBITER_TEST_BACKEND_PORT and ARBITER_TEST_MAX_ITEMS)."""

from __future__ import annotations

import json
import math
import os
import threading
import time
import unittest

import arbiter_client
import arbiter_client.openrlhf as openrlhf_module
from arbiter_client import ArbiterClient, Limits
from arbiter_client import verl as arbiter_verl
from arbiter_client.coalesce import shared_thread_coalescer
from arbiter_client.trl import arbiter_reward

from . import harness_openrlhf, harness_trl, harness_verl
from .scripted_server import ScriptedServer

URL = os.environ.get("ARBITER_URL")
BACKEND_PORT = int(os.environ.get("ARBITER_TEST_BACKEND_PORT", "0"))
MAX_ITEMS = int(os.environ.get("ARBITER_TEST_MAX_ITEMS", "0"))

ADD_ONE = "```python\nprint(int(input()) + 1)\n```"
PRIME_CODE_GT = json.dumps({"inputs": ["1\n", "41\n"], "outputs": ["2\n", "42\n"]})


def code_verdict_or_masked(test, reward, status):
    """The code sandbox may be unavailable on a host, or for a moment under load (bubblewrap): a code
    row is then masked. Either way it is never a fake 0: a verdict scores 1 here, a masked row has no
    reward."""
    if status == "ok":
        test.assertEqual(reward, 1.0)
    else:
        test.assertEqual(status, "scorer_unavailable")
        test.assertTrue(reward is None or math.isnan(reward))


@unittest.skipUnless(URL, "needs a live suite: run through the suite module's PythonClientIT (./mvnw verify)")
class LiveTest(unittest.TestCase):

    def test_trl_mixedDatasetThroughGrpoCallingCode(self):
        harness = harness_trl.GrpoRewardHarness([arbiter_reward(URL, scorer="math")])
        try:
            inputs = [
                {"prompt": [{"role": "user", "content": "2+2?"}], "answer": "4", "scorer": None},
                {"prompt": [{"role": "user", "content": "2+3?"}], "answer": "5", "scorer": None},
                {"prompt": [{"role": "user", "content": "add one"}], "answer": PRIME_CODE_GT, "scorer": "code"},
                {"prompt": [{"role": "user", "content": "8?"}], "answer": {"answer": ["8", "eight"]}, "scorer": None},
            ]
            completions = [
                [{"role": "assistant", "content": "<think>easy</think> \\boxed{4}"}],
                [{"role": "assistant", "content": [{"type": "text", "text": "It is \\boxed{6}"}]}],
                [{"role": "assistant", "content": ADD_ONE}],
                [{"role": "assistant", "content": "\\boxed{8}"}],
            ]
            rewards = harness.calculate_rewards(inputs, [x["prompt"] for x in inputs], completions)
        finally:
            harness.close()
        column = [row[0] for row in rewards]
        statuses = harness._pending_extra_logs["arbiter_status"]
        self.assertEqual(column[:2], [1.0, 0.0])
        code_verdict_or_masked(self, column[2], statuses[2])
        self.assertTrue(math.isnan(column[3]), "an invalid reference is None (NaN in TRL), never 0")
        self.assertEqual([statuses[0], statuses[1], statuses[3]], ["ok", "ok", "invalid_reference"])
        masked = sum(st == "scorer_unavailable" for st in statuses)
        self.assertEqual(harness._pending_metrics["arbiter/masked_fraction"], [masked / 4])
        self.assertEqual(harness._pending_metrics["arbiter/no_reward_fraction"], [(1 + masked) / 4])

    def _verl_rows(self, n):
        rows = []
        for i in range(n):
            rows.append({"data_source": "openai/gsm8k", "response": "#### %d" % (i % 3),
                             "ground_truth": str(i % 2)})
        return rows

    def _expected(self, row):
        return 1.0 if row["response"] == "#### " + row["ground_truth"] else 0.0

    def test_verl_rewardLoop_syncComputeScoreIsCoalesced(self):
        rows = self._verl_rows(48)
        before = shared_thread_coalescer(URL).batches_sent
        out = harness_verl.reward_loop(arbiter_verl.compute_score, rows, {"arbiter_url": URL})
        self.assertEqual([o["reward_score"] for o in out], [self._expected(r) for r in rows])
        self.assertTrue(all(set(o["reward_extra_info"]) == {"score", "valid", "masked"} for o in out))
        self.assertLess(shared_thread_coalescer(URL).batches_sent - before, len(rows))

    def test_verl_rewardLoop_asyncComputeScore(self):
        rows = self._verl_rows(16)
        out = harness_verl.reward_loop(arbiter_verl.compute_score_async, rows, {"arbiter_url": URL})
        self.assertEqual([o["reward_score"] for o in out], [self._expected(r) for r in rows])

    def test_verl_batchManager_pastTheItemLimit_fixedExtraKeys(self):
        rows = self._verl_rows(MAX_ITEMS + 40)
        rows.append({"data_source": "openai/gsm8k", "response": "#### 1", "ground_truth": "{not json"})
        rows.append({"data_source": "openai/gsm8k", "response": "#### 1", "ground_truth": {"answer": ["1"]}})
        rewards, extra = harness_verl.batch_manager(arbiter_verl.compute_score_batch, rows, {"arbiter_url": URL})
        self.assertEqual(rewards[:-2], [self._expected(r) for r in rows[:-2]])
        self.assertEqual(sorted(extra), ["masked", "score", "valid"])
        self.assertTrue(all(len(v) == len(rows) for v in extra.values()))
        self.assertEqual(extra["valid"][-2:], [0, 0], "unusable gold answers are invalid: valid = 0")
        self.assertEqual(extra["masked"][-2:], [0, 0])

    def test_verl_maskedItem_raisesOrFlagsPerPolicy(self):
        row = {"data_source": "x", "response": "1", "ground_truth": "1"}
        dead = {"arbiter_url": URL, "scorer": "py-echo", "retries": 1}  # no backend listens: masked after retries
        fast = {"on_masked": "value", "masked_value": -1.0}
        rewards, extra = harness_verl.batch_manager(arbiter_verl.compute_score_batch, [row], {**dead, **fast})
        self.assertEqual((rewards, extra), ([-1.0], {"score": [-1.0], "valid": [0], "masked": [1]}))
        with self.assertRaises(arbiter_client.ArbiterMaskedError):
            harness_verl.batch_manager(arbiter_verl.compute_score_batch, [row], dead)

    def test_verl_primeCodeGroundTruthWithoutLanguage_isScoredAsPython(self):
        rows = [{"data_source": "codecontests", "response": ADD_ONE, "ground_truth": PRIME_CODE_GT}]
        kwargs = {"arbiter_url": URL, "on_masked": "value", "masked_value": -1.0, "retries": 1}
        rewards, extra = harness_verl.batch_manager(arbiter_verl.compute_score_batch, rows, kwargs)
        self.assertIn((rewards[0], extra["valid"][0], extra["masked"][0]), [(1.0, 1, 0), (-1.0, 0, 1)],
                      "a verdict, or masked when the sandbox is unavailable; never invalid_reference")

    def test_verl_unknownDataSource_saysWhatToSet(self):
        with self.assertRaisesRegex(ValueError, "reward_kwargs.scorer"):
            arbiter_verl.compute_score("my/dataset", "x", "1", {}, arbiter_url=URL)

    def test_openrlhf_rewardFuncFile_perSampleLikeTheExecutor(self):
        os.environ["ARBITER_URL"] = URL
        reward_func = harness_openrlhf.load_reward_func(openrlhf_module.__file__)
        prompt = "<|user|>Is 97 prime? Reason step by step and answer yes or no in a box.<|assistant|>"
        queries = [prompt + "\\boxed{7}", prompt[30:] + "so \\boxed{7}", "Is 97 prime? I can't tell. \\boxed{7}"]
        prompts = [prompt, prompt, prompt]
        labels = ["7", "7", "7"]
        out = harness_openrlhf.fetch_rewards_via_func(reward_func, queries, prompts, labels)
        self.assertEqual([o["rewards"][0] for o in out], [1.0, 1.0, 0.0])
        self.assertEqual([o["extra_logs"]["valid"][0] for o in out], [1, 1, 0])
        self.assertEqual([o["extra_logs"]["prompt_truncated"][0] for o in out], [0, 1, 0])
        self.assertEqual({tuple(o["extra_logs"]) for o in out}, {("valid", "masked", "prompt_truncated")})

    def test_openrlhf_getRewardOverHttp_outOfTheBox_twoServersMerge(self):
        url = URL + "/get_reward"
        queries = ["Q: 1+1? A: \\boxed{2}", "Q: 2+2? A: \\boxed{5}", "Q: x? A: 3", "Q: y? A: 4"]
        prompts = ["Q: 1+1? A: ", "Q: 2+2? A: ", "Q: x? A: ", "Q: y? A: "]
        labels = ["2", "4", {"answer": ["3"]}, {"answer": ["4"]}]
        shards = harness_openrlhf.fetch_rewards_via_http([url, url], queries, prompts, labels)
        merged = harness_openrlhf.merge_extra_logs(shards)
        rewards = [r for s in shards for r in s["rewards"]]
        self.assertEqual(rewards, [1.0, 0.0, 0.0, 0.0])
        self.assertEqual(merged["valid"], [1, 1, 0, 0])

    def test_chunking_pastTheServersItemLimit(self):
        n = MAX_ITEMS * 3 + 5
        items = [{"id": str(i), "scorer": "math", "response": "\\boxed{%d}" % i, "reference": {"answer": str(i)}}
                 for i in range(n)]
        results = ArbiterClient(URL, Limits(max_items=4 * MAX_ITEMS)).score(items).results
        self.assertEqual([r.id for r in results], [str(i) for i in range(n)])
        self.assertEqual({r.reward for r in results}, {1.0})

    def test_killedBackend_maskedThenRetriedUntilItIsBack(self):
        def fresh(offset):  # distinct responses: the gateway caches identical items
            return [{"id": str(i), "scorer": "py-echo", "response": str(offset + i)} for i in range(6)]

        backend = ScriptedServer(BACKEND_PORT)
        self.assertEqual([r.reward for r in ArbiterClient(URL).score(fresh(0)).results], [float(i) for i in range(6)])
        backend.close()

        down = ArbiterClient(URL, Limits(retries=0)).score(fresh(100)).results
        self.assertEqual({(r.status, r.mask, r.reward) for r in down}, {("scorer_unavailable", True, None)})

        restarted = []
        timer = threading.Timer(1.5, lambda: restarted.append(ScriptedServer(BACKEND_PORT)))
        timer.start()
        try:
            started = time.monotonic()
            back = ArbiterClient(URL, Limits(retries=10, backoff_s=0.25, max_backoff_s=2.0)).score(fresh(200)).results
            self.assertGreater(time.monotonic() - started, 1.0)
            self.assertEqual([r.reward for r in back], [float(200 + i) for i in range(6)])
            self.assertEqual({r.status for r in back}, {"ok"})
        finally:
            timer.join()
            for server in restarted:
                server.close()


if __name__ == "__main__":
    unittest.main()
