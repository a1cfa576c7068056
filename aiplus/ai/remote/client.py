"""One small HTTP client for every OpenAI-compatible call: timeouts, retries with exponential
backoff on connection failures, timeouts, 429 and 5xx, and errors that say what went wrong."""

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import requests

from aiplus.ai.exceptions import (
    ProviderConfigurationError,
    ProviderResponseError,
    ProviderTimeoutError,
    ProviderUnavailableError,
)

logger = logging.getLogger(__name__)
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class OpenAIClient:
    base_url: str
    api_key: str = ""
    timeout: float = 60.0
    retries: int = 2
    backoff: float = 0.5

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ProviderConfigurationError(detail=f"URL {self.base_url!r}")
        self.base_url = self.base_url.rstrip("/")
        if self.base_url.endswith("/v1"):
            self.base_url = self.base_url[:-3]
        self.session = requests.Session()
        if self.api_key:
            self.session.headers["Authorization"] = f"Bearer {self.api_key}"

    def url(self, path: str) -> str:
        return f"{self.base_url}/v1/{path.lstrip('/')}"

    def request(
        self, method: str, path: str, *, timeout: float | None = None, **kwargs: Any
    ) -> requests.Response:
        """Send with retries; return a 2xx response or raise a Provider*Error."""
        url = self.url(path)
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self.session.request(
                    method, url, timeout=timeout or self.timeout, **kwargs
                )
            except requests.Timeout as error:
                if last:
                    raise ProviderTimeoutError(detail=f"{url} after {attempts} tries") from error
            except requests.ConnectionError as error:
                if last:
                    raise ProviderUnavailableError(detail=f"{url}: connection failed") from error
            else:
                if response.status_code < 400:
                    return response
                if response.status_code not in RETRY_STATUS or last:
                    raise ProviderResponseError(
                        detail=f"{url}: HTTP {response.status_code} {response.text[:200]!r}"
                    )
            delay = self.backoff * (2**attempt)
            logger.warning("AI server %s failed (try %s of %s)", url, attempt + 1, attempts)
            time.sleep(delay)
            self._rewind(kwargs)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _rewind(kwargs: dict[str, Any]) -> None:
        for value in (kwargs.get("files") or {}).values():
            handle = value[1] if isinstance(value, tuple) else value
            if hasattr(handle, "seek"):
                handle.seek(0)

    def post_json(self, path: str, payload: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        response = self.request("POST", path, json=payload, **kwargs)
        return parse_json(response)

    def stream_events(self, path: str, payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Server-sent events of a streamed completion, as parsed JSON objects."""
        response = self.request("POST", path, json=payload, stream=True)
        try:
            for line in response.iter_lines():
                raw = line.decode("utf-8", "replace")
                if not raw.startswith("data:"):
                    continue
                data = raw[5:].strip()
                if data == "[DONE]":
                    return
                try:
                    yield json.loads(data)
                except ValueError as error:
                    raise ProviderResponseError(detail=f"bad event {data[:80]!r}") from error
        except requests.Timeout as error:
            raise ProviderTimeoutError(detail=self.url(path)) from error
        except requests.ConnectionError as error:
            raise ProviderUnavailableError(detail=self.url(path)) from error
        finally:
            response.close()


def parse_json(response: requests.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as error:
        raise ProviderResponseError(detail=f"not JSON: {response.text[:80]!r}") from error
    if not isinstance(data, dict):
        raise ProviderResponseError(detail="expected a JSON object")
    return data


def pick(data: Any, *path: str | int) -> Any:
    """data[path[0]][path[1]]..., or ProviderResponseError naming the missing piece."""
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError) as error:
            raise ProviderResponseError(detail=f"missing {key!r} in the answer") from error
    return data
