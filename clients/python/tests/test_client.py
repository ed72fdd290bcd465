"""The clients' chunking, retries, coalescing and item building against a scripted local server."""

from __future__ import annotations

import asyncio
import socket
import threading
import unittest

from arbiter_client import ArbiterClient, ArbiterError, AsyncArbiterClient, AsyncCoalescer, Limits, ThreadCoalescer
from arbiter_client.items import completion_text, resolve
from arbiter_client.openrlhf import split_query

from .scripted_server import ScriptedServer, echo, masked_where, once, problem

FAST = Limits(max_items=512, retries=3, backoff_s=0.01, max_backoff_s=0.05, timeout_s=10)


def items(n, group=None):
    return [{"id": "r%d" % i, "scorer": "echo", "response": str(i % 2), "reference": {},
             **({"group": group} if group else {})} for i in range(n)]


class SyncClientTest(unittest.TestCase):
    def setUp(self):
        self.server = ScriptedServer()

    def tearDown(self):
        self.server.close()

    def test_score_keepsPathPrefixAndOrder(self):
        client = ArbiterClient(self.server.url + "/arbiter/", FAST)
        results = client.score(items(5)).results
        self.assertEqual([r.id for r in results], ["r0", "r1", "r2", "r3", "r4"])
        self.assertEqual([r.reward for r in results], [0.0, 1.0, 0.0, 1.0, 0.0])
        self.assertEqual(self.server.paths, ["/arbiter/v1/score"])

    def test_score_chunksUnderItemLimit_keepingGroupsWhole(self):
        client = ArbiterClient(self.server.url, Limits(max_items=4, retries=0))
        batch = items(3, "a") + items(3, "b") + items(2)
        client.score(batch)
        self.assertEqual(self.server.item_counts(), [3, 4, 1])
        for group in ("a", "b"):
            holding = [r for r in self.server.requests if any(it.get("group") == group for it in r["items"])]
            self.assertEqual(len(holding), 1)

    def test_score_chunksUnderBodyLimit(self):
        client = ArbiterClient(self.server.url, Limits(max_items=1000, max_body_bytes=2000, retries=0))
        batch = [{"id": str(i), "scorer": "echo", "response": "1" + " " * 300} for i in range(20)]
        results = client.score(batch).results
        self.assertEqual(len(results), 20)
        self.assertGreater(len(self.server.requests), 3)
        self.assertTrue(all(r.reward == 1.0 for r in results))

    def test_score_on413_halvesAndResends(self):
        self.server.script.append(once(problem(413, "too-many-items", "at most 4 items")))
        self.server.script.append(once(problem(413, "too-many-items", "at most 4 items")))
        client = ArbiterClient(self.server.url, FAST)
        results = client.score(items(10)).results
        self.assertEqual([r.status for r in results], ["ok"] * 10)
        self.assertEqual(self.server.item_counts()[:2], [10, 5])

    def test_score_singleItemOverBodyLimit_isInvalidRequestNotAFailure(self):
        self.server.default = lambda body: problem(413, "body-too-large", "too large")
        results = ArbiterClient(self.server.url, FAST).score(items(1)).results
        self.assertEqual(results[0].status, "invalid_request")
        self.assertIsNone(results[0].reward)
        self.assertFalse(results[0].mask)

    def test_score_resendsOnlyMaskedItems(self):
        self.server.script.append(masked_where(lambda it: it["id"] in ("r1", "r3")))
        results = ArbiterClient(self.server.url, FAST).score(items(5)).results
        self.assertEqual([r.status for r in results], ["ok"] * 5)
        self.assertEqual([[it["id"] for it in r["items"]] for r in self.server.requests],
                         [["r0", "r1", "r2", "r3", "r4"], ["r1", "r3"]])

    def test_score_staysMaskedAfterRetries_neverZero(self):
        self.server.default = masked_where(lambda it: it["id"] == "r2")
        results = ArbiterClient(self.server.url, FAST).score(items(3)).results
        self.assertTrue(results[2].mask)
        self.assertIsNone(results[2].reward)
        self.assertEqual(len(self.server.requests), 1 + FAST.retries)

    def test_score_503_honoursRetryAfter(self):
        self.server.script.append(lambda body: (503, {"Retry-After": "0.2"},
                                                {"type": "https://arbiter.dev/problems/overloaded", "status": 503}))
        client = ArbiterClient(self.server.url, Limits(retries=2, backoff_s=0.001, max_backoff_s=5))
        import time
        start = time.monotonic()
        results = client.score(items(2)).results
        self.assertGreaterEqual(time.monotonic() - start, 0.2)
        self.assertEqual([r.status for r in results], ["ok", "ok"])

    def test_score_unknownScorerFailsOnlyItsItems(self):
        self.server.script.append(once(problem(422, "unknown-scorer", "unknown scorer 'nope'", known=["echo"])))
        batch = items(3)
        batch[1]["scorer"] = "nope"
        results = ArbiterClient(self.server.url, FAST).score(batch).results
        self.assertEqual([r.status for r in results], ["ok", "invalid_request", "ok"])
        self.assertEqual([it["id"] for it in self.server.requests[1]["items"]], ["r0", "r2"])

    def test_score_connectionRefused_isMaskedAfterRetries(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        results = ArbiterClient("http://127.0.0.1:%d" % port, FAST).score(items(2)).results
        self.assertEqual([r.status for r in results], ["scorer_unavailable"] * 2)
        self.assertTrue(all(r.mask and r.reward is None for r in results))

    def test_score_reusesOneConnection(self):
        client = ArbiterClient(self.server.url, FAST)
        for _ in range(5):
            client.score(items(2))
        self.assertEqual(len(self.server.sockets), 1)

    def test_score_nonAsciiProblemDetailDecodedAsUtf8(self):
        self.server.script.append(once(problem(422, "unknown-profile", "profil inconnu « é »")))
        with self.assertRaises(Exception) as ctx:
            ArbiterClient(self.server.url, FAST).score(items(1), profile="x")
        self.assertIn("« é »", str(ctx.exception))


class AsyncClientTest(unittest.TestCase):
    def setUp(self):
        self.server = ScriptedServer()

    def tearDown(self):
        self.server.close()

    def test_score_chunksConcurrentlyAndRetriesMasked(self):
        seen = set()

        def first_time_r7(it):
            masked = it["id"] == "r7" and "r7" not in seen
            seen.add(it["id"])
            return masked

        self.server.default = masked_where(first_time_r7)

        async def run():
            async with AsyncArbiterClient(self.server.url + "/p", Limits(max_items=4, retries=2, backoff_s=0.01)) as c:
                return (await c.score(items(10))).results

        results = asyncio.run(run())
        self.assertEqual([r.id for r in results], ["r%d" % i for i in range(10)])
        self.assertEqual([r.status for r in results], ["ok"] * 10)
        self.assertEqual(sorted(self.server.item_counts()), [1, 2, 4, 4])
        self.assertTrue(all(p == "/p/v1/score" for p in self.server.paths))

    def test_coalescer_batchesManyPerSampleCalls(self):
        async def run():
            client = AsyncArbiterClient(self.server.url, FAST)
            coalescer = AsyncCoalescer(client, max_batch=64, max_delay_s=0.01)
            batch = items(200)
            results = await asyncio.gather(*(coalescer.score_one(it) for it in batch))
            await client.close()
            return coalescer.batches_sent, results

        batches, results = asyncio.run(run())
        self.assertEqual([r.id for r in results], ["r%d" % i for i in range(200)])
        self.assertLessEqual(batches, 8)
        self.assertEqual(sum(self.server.item_counts()), 200)

    def test_coalescer_writesAFullSubBatchBeforeTheFillingCallReturns(self):
        received = threading.Event()

        async def run():
            client = AsyncArbiterClient(self.server.url, FAST)
            await client.score(items(1))  # leaves a kept-alive connection to write to
            self.server.script.append(lambda body: (received.set(), echo(body))[1])
            coalescer = AsyncCoalescer(client, max_batch=4, max_delay_s=60)
            futures = [coalescer.score_one(it) for it in items(4)]
            # the loop has not run since: only a request written by score_one itself can arrive
            arrived_before_yielding = received.wait(10)
            results = await asyncio.gather(*futures)
            await client.close()
            return arrived_before_yielding, results

        arrived, results = asyncio.run(run())
        self.assertTrue(arrived)
        self.assertEqual([r.reward for r in results], [0.0, 1.0, 0.0, 1.0])

    def test_coalescer_sendsFullSubBatchesAtOnceAndTheRestAfterTheWindow(self):
        async def run():
            client = AsyncArbiterClient(self.server.url, FAST)
            coalescer = AsyncCoalescer(client, max_batch=4, max_delay_s=0.01)
            results = await asyncio.gather(*(coalescer.score_one(it) for it in items(10)))
            await client.close()
            return coalescer.batches_sent, results

        batches, results = asyncio.run(run())
        self.assertEqual(batches, 3)
        self.assertEqual(sorted(self.server.item_counts()), [2, 4, 4])
        self.assertEqual([r.id for r in results], ["r%d" % i for i in range(10)])
        self.assertEqual([r.reward for r in results], [float(i % 2) for i in range(10)])

    def test_coalescer_writtenToAConnectionTheServerClosed_resentOnAFreshOne(self):
        async def run():
            client = AsyncArbiterClient(self.server.url, Limits(retries=0, timeout_s=10))  # no retry round
            await client.score(items(1))
            self.server.cut_connections()  # the client's loop has not seen the close yet
            coalescer = AsyncCoalescer(client, max_batch=3, max_delay_s=60)
            results = await asyncio.gather(*(coalescer.score_one(it) for it in items(3)))
            await client.close()
            return results

        results = asyncio.run(run())
        self.assertEqual([r.status for r in results], ["ok"] * 3)
        self.assertEqual(len(self.server.sockets), 2)

    def test_coalescer_connectionLimitQueuesSubBatches(self):
        async def run():
            client = AsyncArbiterClient(self.server.url, FAST, max_connections=1)
            coalescer = AsyncCoalescer(client, max_batch=2, max_delay_s=0.01)
            results = await asyncio.gather(*(coalescer.score_one(it) for it in items(7)))
            await client.close()
            return results

        results = asyncio.run(run())
        self.assertEqual([r.id for r in results], ["r%d" % i for i in range(7)])
        self.assertEqual(sorted(self.server.item_counts()), [1, 2, 2, 2])
        self.assertEqual(len(self.server.sockets), 1)

    def test_coalescer_requestProblemFailsEachCallerOfItsBatch(self):
        self.server.script.append(once(problem(400, "invalid-request", "items[0] must be an object")))

        async def run():
            client = AsyncArbiterClient(self.server.url, FAST)
            coalescer = AsyncCoalescer(client, max_batch=3, max_delay_s=60)
            outcomes = await asyncio.gather(*(coalescer.score_one(it) for it in items(3)), return_exceptions=True)
            await client.close()
            return outcomes

        outcomes = asyncio.run(run())
        self.assertTrue(all(isinstance(o, ArbiterError) and o.status == 400 for o in outcomes), outcomes)

    def test_threadCoalescer_servesBlockingCallersOnManyThreads(self):
        coalescer = ThreadCoalescer(self.server.url, FAST, max_batch=32, max_delay_s=0.02)
        out = {}

        def call(i):
            out[i] = coalescer.score_one({"id": str(i), "scorer": "echo", "response": str(i)})

        threads = [threading.Thread(target=call, args=(i,)) for i in range(64)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual({i: r.reward for i, r in out.items()}, {i: float(i) for i in range(64)})
        self.assertLess(coalescer.batches_sent, 64)


class ItemsTest(unittest.TestCase):
    def test_completionText_conversationalAndContentBlocks(self):
        self.assertEqual(completion_text("plain"), "plain")
        self.assertEqual(completion_text([{"role": "assistant", "content": "x = 4"}]), "x = 4")
        self.assertEqual(completion_text([{"role": "assistant", "content": "a"}, {"role": "tool", "content": "t"},
                                          {"role": "assistant", "content": [{"type": "text", "text": "b"},
                                                                            {"type": "image"},
                                                                            {"type": "text", "text": "c"}]}]), "bc")

    def test_resolve_labelsAreJsonNeverToString(self):
        self.assertEqual(resolve("4", "math"), ("math", {"answer": "4"}, {}))
        self.assertEqual(resolve(8, "math"), ("math", {"answer": "8"}, {}))
        self.assertEqual(resolve(["8", "eight"], "math"), ("math", {"answer": ["8", "eight"]}, {}))
        self.assertEqual(resolve('{"box": [1, 2, 3, 4]}', "grounding"), ("grounding", {"box": [1, 2, 3, 4]}, {}))

    def test_resolve_rewardSpecNamesScorerReferenceOptions(self):
        spec = {"scorer": "code", "reference": {"inputs": ["1\n"], "outputs": ["1\n"]}, "options": {"reward": "fraction"}}
        self.assertEqual(resolve(spec, "math"),
                         ("code", {"inputs": ["1\n"], "outputs": ["1\n"], "language": "python"}, {"reward": "fraction"}))

    def test_resolve_openR1TestCasesRenamed(self):
        _, ref, _ = resolve({"language": "python", "test_cases": [{"input": "1", "output": "1", "type": "stdin_stdout"}]}, "code")
        self.assertEqual(ref["tests"][0]["input"], "1")
        self.assertNotIn("test_cases", ref)

    def test_splitQuery_prefixTruncatedAndUnseparable(self):
        prompt = "Question: is 97 prime? Think step by step. " * 4 + "Answer:"
        self.assertEqual(split_query(prompt + " yes", prompt), (" yes", False))
        truncated = prompt[37:] + " yes"
        self.assertEqual(split_query(truncated, prompt), (" yes", True))
        self.assertEqual(split_query("Is 97 prime? I can't tell.", "Is 97 prime? Please answer."), (None, False))
        self.assertEqual(split_query("anything", None), (None, False))


if __name__ == "__main__":
    unittest.main()
