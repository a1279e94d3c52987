"""How to ask an OpenAI-compatible server for JSON that matches a schema, richest form first.

Servers disagree on the request: vLLM, the llama.cpp server and Ollama take
``response_format`` ``json_schema``; llama-cpp-python's server takes only ``json_object``
with a ``schema`` (and answers ``json_schema`` with a validation error as HTTP 500); some
servers take JSON mode without a schema, some nothing at all. A server that refuses a
form says so with a validation error naming ``response_format``, so the client steps
down to the next form. The last form sends no ``response_format``: the prompt asks for
the JSON and ``LLM.generate_json`` validates it.
"""

from __future__ import annotations

FORMS = ("json_schema", "json_object+schema", "json_object", "prompt")

# Wording of request-validation errors (pydantic, FastAPI, llama.cpp) that some servers
# answer as HTTP 500: they mean the request was refused, so asking again cannot help.
VALIDATION_MARKERS = ("validation error", "input should be", "literal_error", "field required", "must be one of",
                      "extra inputs are not permitted")


def response_format(form: str, schema: dict) -> dict | None:
    """The ``response_format`` field for ``form``; None for plain prompting."""
    if form == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "reply", "schema": schema}}
    if form == "json_object+schema":
        return {"type": "json_object", "schema": schema}
    if form == "json_object":
        return {"type": "json_object"}
    return None


def is_validation_error(status: int, body: str) -> bool:
    """The server refused the request itself (400, 422, or a 500 in validation words): asking again cannot help."""
    return status in (400, 422) or (status == 500 and any(m in body.lower() for m in VALIDATION_MARKERS))


def rejects_form(status: int, body: str) -> bool:
    """A refusal of the structured-output request, which a simpler form may pass."""
    return is_validation_error(status, body) and "response_format" in body
