"""A small OpenAI-compatible server for the hub's local models, so that other machines (or the
tests) can use them over HTTP: /v1/models, /v1/embeddings, /v1/audio/transcriptions,
/v1/audio/speech and /v1/chat/completions.

    python -m aiplus.ai.tools.server --port 8100 [--capabilities transcriber,embedder,speaker]
"""

import argparse
import json
import logging
import math
import os
import time
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from aiplus.ai.exceptions import AIError

logger = logging.getLogger(__name__)
StartResponse = Callable[..., Any]
MAX_JSON_BYTES = 10 * 1024 * 1024


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(format, *args)


def _json(start: StartResponse, status: str, body: Any) -> list[bytes]:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    start(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def _error(start: StartResponse, status: str, message: str) -> list[bytes]:
    return _json(start, status, {"error": {"message": message, "type": "invalid_request_error"}})


def _read_json(environ: dict[str, Any]) -> dict[str, Any]:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length <= 0 or length > MAX_JSON_BYTES:
        raise ValueError("a JSON body is required")
    data = json.loads(environ["wsgi.input"].read(length))
    if not isinstance(data, dict):
        raise ValueError("a JSON object is required")
    return data


def embeddings(environ: dict[str, Any], start: StartResponse) -> list[bytes]:
    from aiplus.ai.providers import get_embedder

    body = _read_json(environ)
    texts = body.get("input")
    texts = [texts] if isinstance(texts, str) else texts
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ValueError("input must be a string or a list of strings")
    embedder = get_embedder()
    vectors = embedder.embed(texts)
    rows = [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)]
    usage = {"prompt_tokens": sum(len(t.split()) for t in texts)}
    usage["total_tokens"] = usage["prompt_tokens"]
    return _json(
        start, "200 OK", {"object": "list", "data": rows, "model": embedder.name, "usage": usage}
    )


def transcriptions(environ: dict[str, Any], start: StartResponse) -> list[bytes]:
    from django.core.files.uploadhandler import TemporaryFileUploadHandler
    from django.core.handlers.wsgi import LimitedStream
    from django.http.multipartparser import MultiPartParser

    from aiplus.ai.providers import get_transcriber

    length = int(environ.get("CONTENT_LENGTH") or 0)
    stream = LimitedStream(environ["wsgi.input"], length)  # never read past the body
    parser = MultiPartParser(environ, stream, [TemporaryFileUploadHandler()], "utf-8")
    fields, files = parser.parse()
    upload = files.get("file")
    if upload is None:
        raise ValueError("the form needs a file")
    transcriber = get_transcriber()
    with upload.open("rb") as handle:
        transcript = transcriber.transcribe(
            handle.temporary_file_path(),
            language=fields.get("language") or None,
            prompt=fields.get("prompt") or None,
        )
    if fields.get("response_format") == "text":
        data = transcript.text.encode("utf-8")
        start("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
        return [data]
    segments = [
        {
            "id": i,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "avg_logprob": math.log(max(s.confidence, 1e-6)),
        }
        for i, s in enumerate(transcript.segments)
    ]
    body = {
        "text": transcript.text,
        "language": transcript.language,
        "duration": transcript.duration,
        "segments": segments,
    }
    return _json(start, "200 OK", body)


def speech(environ: dict[str, Any], start: StartResponse) -> list[bytes]:
    from aiplus.ai.providers import get_speaker

    body = _read_json(environ)
    text = body.get("input")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("input must be non-empty text")
    voice = body.get("voice")
    audio = get_speaker().speak(text, voice=voice if voice not in (None, "alloy") else None).wav()
    start("200 OK", [("Content-Type", "audio/wav"), ("Content-Length", str(len(audio)))])
    return [audio]


def chat(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
    from aiplus.ai.providers import get_chat_model
    from aiplus.ai.values import ChatMessage

    body = _read_json(environ)
    try:
        messages = [ChatMessage(m["role"], str(m["content"])) for m in body["messages"]]
    except (KeyError, TypeError) as error:
        raise ValueError("messages must be a list of {role, content}") from error
    schema = (body.get("response_format") or {}).get("schema")
    model = get_chat_model()
    if body.get("stream"):
        return _stream_chat(start, model, messages, body)
    result = model.chat(
        messages,
        max_tokens=int(body.get("max_tokens") or 256),
        temperature=float(body.get("temperature", 0.2)),
        json_schema=schema,
    )
    return _json(
        start,
        "200 OK",
        {
            "id": f"chatcmpl-{time.time_ns()}",
            "object": "chat.completion",
            "model": model.name,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": result.text},
                    "finish_reason": result.finish_reason or "stop",
                }
            ],
            "usage": {
                "prompt_tokens": result.usage.prompt_tokens,
                "completion_tokens": result.usage.completion_tokens,
                "total_tokens": result.usage.total_tokens,
            },
        },
    )


def _stream_chat(
    start: StartResponse, model: Any, messages: list[Any], body: dict[str, Any]
) -> Iterable[bytes]:
    """Server-sent events, one per piece of text, as OpenAI-compatible servers send them. The
    model's lock queues concurrent requests; each waits its turn without a timeout here."""
    pieces = model.stream(
        messages,
        max_tokens=int(body.get("max_tokens") or 256),
        temperature=float(body.get("temperature", 0.2)),
    )
    created = f"chatcmpl-{time.time_ns()}"

    def events() -> Iterable[bytes]:
        for piece in pieces:
            event = {
                "id": created,
                "object": "chat.completion.chunk",
                "model": model.name,
                "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
            }
            yield f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode()
        yield b"data: [DONE]\n\n"

    start("200 OK", [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")])
    return events()


ROUTES: dict[str, tuple[str, Callable[[dict[str, Any], StartResponse], Iterable[bytes]]]] = {
    "/v1/embeddings": ("embedder", embeddings),
    "/v1/audio/transcriptions": ("transcriber", transcriptions),
    "/v1/audio/speech": ("speaker", speech),
    "/v1/chat/completions": ("chat", chat),
}


def make_app(capabilities: Iterable[str]) -> Callable[..., Iterable[bytes]]:
    enabled = set(capabilities)

    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/v1/models" and environ["REQUEST_METHOD"] == "GET":
            from django.conf import settings

            from aiplus.ai.manifest import is_installed
            from aiplus.ai.providers import local_spec

            # "installed" tells the hub's own processes whether a model is still being installed.
            models = []
            for capability in sorted(enabled):
                spec = local_spec(capability)
                models.append(
                    {
                        "id": settings.AIPLUS_AI[capability]["model"],
                        "object": "model",
                        "capability": capability,
                        "installed": bool(spec is None or is_installed(spec)),
                    }
                )
            return _json(start, "200 OK", {"object": "list", "data": models})
        route = ROUTES.get(path)
        if route is None or route[0] not in enabled:
            return _error(start, "404 Not Found", f"no such endpoint: {path}")
        if environ["REQUEST_METHOD"] != "POST":
            return _error(start, "405 Method Not Allowed", "use POST")
        try:
            return route[1](environ, start)
        except (ValueError, AIError) as error:
            return _error(start, "400 Bad Request", str(error))
        except Exception:
            logger.exception("AI server failed on %s", path)
            return _error(start, "500 Internal Server Error", "the model failed")

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--capabilities", default="transcriber,embedder,speaker,chat")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.conf import settings

    capabilities = [c.strip() for c in args.capabilities.split(",") if c.strip()]
    for capability in capabilities:  # this process serves its own local models
        settings.AIPLUS_AI[capability]["provider"] = "local"
    server = make_server(
        args.host, args.port, make_app(capabilities), _Server, handler_class=_QuietHandler
    )
    print(f"AI model server on http://{args.host}:{server.server_port} ({args.capabilities})")
    server.serve_forever()


if __name__ == "__main__":
    main()
