"""Real HTTP servers on 127.0.0.1 for the adapter tests."""

import json
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, *, seconds: float = 60, process=None, log=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:] if log else ''}")
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def hub_model_server(capabilities):
    """aiplus.ai.tools.server's WSGI app, serving this process's local models."""
    from aiplus.ai.tools.server import _QuietHandler, _Server, make_app

    server = make_server(
        "127.0.0.1", 0, make_app(capabilities), _Server, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def llama_cpp_server(model_path, log):
    port = free_port()
    output = log.open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model_path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--n_threads",
            "2",
            "--model_alias",
            "smollm2-135m",
        ],
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/v1/models", process=process, log=log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        output.close()


@contextmanager
def transcription_stand_in():
    """An OpenAI-compatible `/v1/audio/transcriptions` that keeps each request's form fields
    (the file's name in "file") and answers one fixed sentence."""
    from django.core.files.uploadhandler import MemoryFileUploadHandler
    from django.core.handlers.wsgi import LimitedStream
    from django.http.multipartparser import MultiPartParser

    received: list[dict[str, str]] = []

    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        stream = LimitedStream(environ["wsgi.input"], length)
        fields, files = MultiPartParser(
            environ, stream, [MemoryFileUploadHandler()], "utf-8"
        ).parse()
        received.append({**fields.dict(), "file": files["file"].name})
        body = json.dumps(
            {
                "text": "Good morning.",
                "language": "en",
                "duration": 1.0,
                "segments": [{"start": 0.0, "end": 1.0, "text": "Good morning."}],
            }
        ).encode()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body]

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, app, WSGIServer, handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1", received
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def misbehaving_server(behaviour: str):
    """'garbage' answers HTML, 'slow' sleeps before answering, 'flaky' fails once with 503."""
    state = {"calls": 0}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            state["calls"] += 1
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if behaviour == "slow":
                time.sleep(2)
            if behaviour == "flaky" and state["calls"] == 1:
                self.send_response(503)
                self.end_headers()
                return
            body = (
                b"<html>Bad gateway</html>"
                if behaviour == "garbage"
                else b'{"data": [{"index": 0, "embedding": [0.5, 0.5]}]}'
            )
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(BrokenPipeError):
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", state
    finally:
        server.shutdown()
        server.server_close()
