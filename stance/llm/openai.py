"""An OpenAI-compatible chat-completions server: vLLM, a llama.cpp server, Ollama, or a hosted API.

Spec ``openai:<base url>#<model>``, e.g. ``openai:http://127.0.0.1:8000/v1#qwen2.5-7b-instruct``.
The key (if any) comes from the environment variable named by ``api_key_env``. Every
request has a timeout and a size limit; timeouts, connection errors, 429 and 5xx
answers are retried with exponential backoff, but a refused request (a validation error,
even one answered as 500) is asked once; requests are spaced to at most ``requests_per_s``.
Structured output negotiates its form (stance.llm.structured): the first form a server
accepts is kept for the rest of the run.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from stance.llm.base import LLM, LLMError
from stance.llm.cache import ResponseCache
from stance.llm.config import LLMConfig
from stance.llm.structured import FORMS, is_validation_error, rejects_form, response_format

MAX_RESPONSE_BYTES = 8_000_000
RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


class RateLimiter:
    """At most ``per_s`` calls a second, by spacing them (shared by threads)."""

    def __init__(self, per_s: float, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / per_s if per_s > 0 else 0.0
        self.next_at = 0.0
        self.lock = threading.Lock()
        self.clock, self.sleep = clock, sleep

    def wait(self) -> None:
        with self.lock:
            now = self.clock()
            delay = self.next_at - now
            self.next_at = max(now, self.next_at) + self.interval
        if delay > 0:
            self.sleep(delay)


class OpenAIModel(LLM):
    def __init__(self, config: LLMConfig, cache: ResponseCache | None = None, sleep=time.sleep):
        super().__init__(config, cache)
        import httpx

        base, _, self.model = config.target.partition("#")
        self.url = base.rstrip("/") + "/chat/completions"
        self.name = self.model
        self.cache_id = f"{self.model}@{base.rstrip('/')}"
        key = os.environ.get(config.api_key_env, "")
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.client = httpx.Client(headers=headers, timeout=httpx.Timeout(config.timeout_s), follow_redirects=False)
        self.limiter = RateLimiter(config.requests_per_s)
        self.sleep = sleep
        self.form = 0  # index in FORMS of the richest structured-output form this server has not refused

    def _payload(self, messages: list[dict], params: dict, form: str) -> dict:
        payload = {"model": self.model, "messages": messages, "max_tokens": params["max_new_tokens"],
                   "temperature": params["temperature"]}
        fmt = response_format(form, params["schema"]) if params.get("schema") is not None else None
        if fmt is not None:
            payload["response_format"] = fmt
        return payload

    def _post(self, payload: dict) -> tuple[int, bytes, str]:
        with self.client.stream("POST", self.url, json=payload) as resp:
            body = bytearray()
            for chunk in resp.iter_bytes():
                body.extend(chunk)
                if len(body) > MAX_RESPONSE_BYTES:
                    raise LLMError(f"{self.url}: response larger than {MAX_RESPONSE_BYTES} bytes")
            return resp.status_code, bytes(body), resp.headers.get("retry-after", "")

    def _complete(self, messages: list[dict], params: dict) -> str:
        while True:
            form = FORMS[self.form] if params.get("schema") is not None else "prompt"
            status, body = self._send(self._payload(messages, params, form))
            if status == 200:
                return self._content(body)
            text = body.decode("utf-8", "replace").strip()
            if form != "prompt" and rejects_form(status, text):
                self.form = max(self.form, FORMS.index(form) + 1)
                print(f"note: {self.url} refused response_format {form}; using {FORMS[self.form]} from now on",
                      file=sys.stderr)
                continue
            raise LLMError(f"{self.url}: HTTP {status}: {text[:200]}")

    def _send(self, payload: dict) -> tuple[int, bytes]:
        """The server's answer; what may change (timeouts, lost connections, 429, 5xx but refusals) is retried."""
        import httpx

        attempts = 1 + max(0, self.config.max_retries)
        problem = ""
        for attempt in range(attempts):
            if attempt:
                self.sleep(self.config.backoff_s * 2 ** (attempt - 1))
            self.limiter.wait()
            try:
                status, body, retry_after = self._post(payload)
            except httpx.TimeoutException:
                problem = f"timed out after {self.config.timeout_s:g} s"
                continue
            except httpx.TransportError as err:
                problem = f"cannot connect ({type(err).__name__}: {err})"
                continue
            if status in RETRY_STATUS and not is_validation_error(status, body.decode("utf-8", "replace")):
                problem = f"HTTP {status}"
                if retry_after.isdigit():
                    self.sleep(min(float(retry_after), 60.0))
                continue
            return status, body
        raise LLMError(f"{self.url}: {problem} ({attempts} attempts)")

    def _content(self, body: bytes) -> str:
        import json

        try:
            content = json.loads(body)["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError(f"{self.url}: malformed response (expected choices[0].message.content): "
                           f"{body[:120].decode('utf-8', 'replace')!r}") from None
        if not isinstance(content, str):
            raise LLMError(f"{self.url}: malformed response (message content is not text)")
        return content
