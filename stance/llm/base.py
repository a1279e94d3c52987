"""The one LLM interface: ``generate(prompt)`` for text, ``generate_json(prompt, schema)`` for data.

Backends implement ``_complete(messages, params)``; everything else lives here once:
the response cache, JSON parsing, schema validation, and retrying invalid output with
the validation error fed back to the model. Output that is still invalid after the
retries raises ``InvalidOutput``: it is reported, never silently accepted.
"""

from __future__ import annotations

import json

from stance.llm.cache import ResponseCache, cache_key
from stance.llm.config import LLMConfig


class LLMError(Exception):
    """A backend problem (unreachable server, missing model); ``str()`` is one line for users."""


class InvalidOutput(LLMError):
    """The model kept answering with text that is not JSON matching the schema."""

    def __init__(self, message: str, responses: list[str]):
        super().__init__(message)
        self.responses = responses


def parse_json(text: str) -> object:
    """The first JSON object in ``text`` (code fences and trailing chatter are tolerated)."""
    start = text.find("{")
    if start < 0:
        raise ValueError("no JSON object in the reply")
    try:
        value, _ = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON ({err.msg} at character {err.pos - start})") from None
    return value


def check_schema(value: object, schema: dict) -> None:
    """Raise ValueError naming the first place where ``value`` breaks ``schema``."""
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(value), key=lambda e: list(e.path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.path) or "the top level"
        raise ValueError(f"does not match the schema at {where}: {err.message}")


def json_instruction(schema: dict) -> str:
    return ("Reply with only a JSON object, no other text, that matches this JSON schema:\n"
            + json.dumps(schema, ensure_ascii=False))


class LLM:
    """Base class of every backend; ``name`` identifies the model in cache keys and labels."""

    name: str = "llm"
    cache_id: str = ""

    def __init__(self, config: LLMConfig, cache: ResponseCache | None = None):
        self.config = config
        self.cache = cache if cache is not None else (ResponseCache() if config.cache else None)

    def _complete(self, messages: list[dict], params: dict) -> str:
        raise NotImplementedError

    def chat(self, messages: list[dict], *, max_new_tokens: int | None = None, temperature: float | None = None,
             schema: dict | None = None) -> str:
        params = {"max_new_tokens": max_new_tokens or self.config.max_new_tokens,
                  "temperature": self.config.temperature if temperature is None else temperature,
                  "schema": schema if self.config.json_mode else None}
        key = cache_key(model=self.cache_id or self.name, messages=messages, params=params)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        text = self._complete(messages, params)
        if self.cache is not None:
            self.cache.put(key, text, {"model": self.name})
        return text

    def generate(self, prompt: str, *, system: str | None = None, max_new_tokens: int | None = None,
                 temperature: float | None = None) -> str:
        messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": prompt}]
        return self.chat(messages, max_new_tokens=max_new_tokens, temperature=temperature)

    def generate_json(self, prompt: str, schema: dict, *, system: str | None = None,
                      max_new_tokens: int | None = None) -> dict:
        """A JSON value matching ``schema``; invalid replies are retried with the error shown to the model."""
        messages = ([{"role": "system", "content": system}] if system else [])
        messages.append({"role": "user", "content": f"{prompt}\n\n{json_instruction(schema)}"})
        responses, problem = [], ""
        for _ in range(1 + max(0, self.config.json_retries)):
            text = self.chat(messages, max_new_tokens=max_new_tokens, schema=schema)
            responses.append(text)
            try:
                value = parse_json(text)
                check_schema(value, schema)
                return value
            except ValueError as err:
                problem = str(err)
            messages = [*messages, {"role": "assistant", "content": text},
                        {"role": "user", "content": f"That reply was not valid: {problem}. {json_instruction(schema)}"}]
        raise InvalidOutput(f"{self.name}: no valid JSON after {len(responses)} attempts (last problem: {problem})",
                            responses)

    def choose(self, prompt: str, field: str, options: list[str], *, system: str | None = None) -> dict[str, float]:
        """Probabilities over ``options`` for the reply ``{field: option}``.

        Served backends generate the JSON (the chosen option gets probability 1); local
        ones override this to score every allowed reply, so a small model always answers
        within the label set and gives graded probabilities.
        """
        value = self.generate_json(prompt, choice_schema(field, options), system=system)
        return {o: float(o == value[field]) for o in options}


def choice_schema(field: str, options: list[str]) -> dict:
    return {"type": "object", "properties": {field: {"enum": list(options)}}, "required": [field]}
