"""A scripted ``/v1/score`` service on 127.0.0.1 for client tests: each request is answered by the
next script step (or the default handler), and every request is recorded."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple

Answer = Tuple[int, Dict[str, str], Any]
Handler = Callable[[Dict[str, Any]], Answer]


def echo_result(item: Dict[str, Any]) -> Dict[str, Any]:
    """The echo scorer: the response parsed as a number is the reward; ``{"broken": true}`` is an
    invalid reference."""
    if (item.get("reference") or {}).get("broken"):
        return {"id": item.get("id"), "reward": None, "status": "invalid_reference", "mask": False,
                "components": {}, "details": {"reason": "reference is broken"}, "scorer": "echo/1"}
    try:
        reward = float(str(item.get("response", "")).strip())
    except ValueError:
        reward = 0.0
    return {"id": item.get("id"), "reward": reward, "status": "ok", "mask": False,
            "components": {"value": reward}, "details": {"reason": "echo"}, "scorer": "echo/1",
            "latency_ms": 0.0}


def echo(body: Dict[str, Any]) -> Answer:
    return 200, {}, {"results": [echo_result(it) for it in body["items"]], "groups": {}}


def masked_where(predicate: Callable[[Dict[str, Any]], bool]) -> Handler:
    def handler(body: Dict[str, Any]) -> Answer:
        results = []
        for it in body["items"]:
            if predicate(it):
                results.append({"id": it.get("id"), "reward": None, "status": "overloaded", "mask": True,
                                "components": {}, "details": {"reason": "scripted"}, "scorer": "echo/1"})
            else:
                results.append(echo_result(it))
        return 200, {}, {"results": results, "groups": {}}
    return handler


class ScriptedServer:
    def __init__(self, port: int = 0, default: Handler = echo):
        self.script: List[Handler] = []
        self.default = default
        self.requests: List[Dict[str, Any]] = []
        self.paths: List[str] = []
        self.lock = threading.Lock()
        self.sockets: List[Any] = []
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                with outer.lock:
                    outer.sockets.append(self.connection)

            def do_GET(self) -> None:
                outer.paths.append(self.path)
                payload = [{"id": "py-echo", "version": "echo/1", "description": "echo",
                            "reference_schema": {}, "option_schema": {}}]
                self._send(200, {}, payload)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                with outer.lock:
                    outer.requests.append(body)
                    outer.paths.append(self.path)
                    step = outer.script.pop(0) if outer.script else outer.default
                status, headers, payload = step(body)
                self._send(status, headers, payload)

            def _send(self, status: int, headers: Dict[str, str], payload: Any) -> None:
                data = json.dumps(payload).encode("utf-8")
                self.send_response(status)
                ctype = "application/json" if status < 400 else "application/problem+json"
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def item_counts(self) -> List[int]:
        return [len(r["items"]) for r in self.requests]

    def cut_connections(self) -> None:
        """Cuts every open connection but keeps listening (a server closing idle kept-alive ones)."""
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        """Stops listening and cuts every open connection (a killed process, as seen by clients)."""
        self.httpd.shutdown()
        self.httpd.server_close()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()


def problem(status: int, slug: str, detail: str, **extra: Any) -> Answer:
    body = {"type": "https://arbiter.dev/problems/" + slug, "title": slug, "status": status, "detail": detail}
    body.update(extra)
    return status, {}, body


def once(answer: Answer) -> Handler:
    return lambda body: answer


def serve(port: Optional[int] = None) -> ScriptedServer:
    return ScriptedServer(port or 0)
