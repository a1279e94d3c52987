"""Test helpers: a tiny random-weight causal LM built locally, and a fake OpenAI-compatible server."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CORPUS = [
    "The minister said the government was ready for a ceasefire if the other side agreed.",
    "Rebel commanders rejected any truce and vowed to keep fighting until the valley was theirs.",
    "An envoy urged both capitals to stop shooting and to open talks next week.",
    '{"stance": "open"} {"stance": "conditional"} {"stance": "rejecting"}',
]
CHAT_TEMPLATE = ("{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}"
                 "{% if add_generation_prompt %}<|assistant|>{% endif %}")


def build_tiny_lm(directory: Path) -> Path:
    """A 2-layer Llama with a byte-level BPE tokenizer trained on a few sentences written here."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=["<eos>", "<pad>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(CORPUS * 5, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<eos>", pad_token="<pad>")
    fast.chat_template = CHAT_TEMPLATE
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(fast), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
                         eos_token_id=fast.eos_token_id, pad_token_id=fast.pad_token_id, bos_token_id=None)
    LlamaForCausalLM(config).save_pretrained(directory)
    fast.save_pretrained(directory)
    return directory


class FakeServer:
    """Answers /v1/chat/completions from ``reply(payload) -> (status, body bytes, delay s)``; 127.0.0.1 only."""

    def __init__(self, reply):
        self.reply = reply
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server API)
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                payload = json.loads(body)
                server.requests.append(payload)
                server.headers.append(dict(self.headers))
                status, out, delay = server.reply(payload)
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def completion(content: str) -> bytes:
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()


# --- How real servers take structured output (what each accepts, and how it refuses the rest) -----

def _refusal(status: int, body: dict) -> tuple[int, bytes]:
    return status, json.dumps(body).encode()


def _pydantic(field: str, msg: str, value: object) -> str:
    """FastAPI's wording of a request validation error (as llama-cpp-python 0.3.36 sends it)."""
    error = {"type": "literal_error", "loc": ("body", "response_format", field), "msg": msg, "input": value}
    return f"1 validation error:\n  {error}\n"


def _vllm(payload: dict) -> tuple[int, bytes] | None:
    """vLLM: response_format text | json_object | json_schema (needs json_schema), or guided_json; else 400."""
    fmt = payload.get("response_format") or {"type": "text"}
    if fmt["type"] not in ("text", "json_object", "json_schema"):
        msg = _pydantic("type", "Input should be 'text', 'json_object' or 'json_schema'", fmt["type"])
        return _refusal(400, {"object": "error", "message": msg, "type": "BadRequestError", "code": 400})
    if fmt["type"] == "json_schema" and "json_schema" not in fmt:
        return _refusal(400, {"object": "error", "message": "response_format.json_schema is required",
                              "type": "BadRequestError", "code": 400})
    return None


def _llamacpp_server(json_schema_type: bool):
    """The llama.cpp C++ server: json_object (optional schema), json_schema, or a top-level
    ``json_schema`` field; builds before json_schema support refuse that type with 400."""
    allowed = ("text", "json_object", "json_schema") if json_schema_type else ("text", "json_object")

    def reply(payload: dict) -> tuple[int, bytes] | None:
        fmt = payload.get("response_format") or {"type": "text"}
        if fmt["type"] not in allowed:
            msg = f'response_format type must be one of "text" or "json_object", but got: {fmt["type"]}'
            return _refusal(400, {"error": {"code": 400, "message": msg, "type": "invalid_request_error"}})
        return None

    return reply


def _llama_cpp_python(payload: dict) -> tuple[int, bytes] | None:
    """llama-cpp-python's server: type text | json_object (+ schema); its route error handler
    turns the request validation error into HTTP 500."""
    fmt = payload.get("response_format") or {"type": "text"}
    if fmt["type"] not in ("text", "json_object"):
        msg = _pydantic("type", "Input should be 'text' or 'json_object'", fmt["type"])
        return _refusal(500, {"error": {"message": msg, "type": "internal_server_error", "param": None,
                                        "code": None}})
    return None


def _ollama(payload: dict) -> tuple[int, bytes] | None:
    """Ollama: native ``format`` (a schema or "json"); on /v1, response_format json_schema or
    json_object (other types ignored). Refuses nothing."""
    return None


def _json_mode_only(payload: dict) -> tuple[int, bytes] | None:
    """A strict FastAPI server with JSON mode and no schemas: 422 on json_schema or a schema key."""
    fmt = payload.get("response_format")
    if fmt and (fmt["type"] != "json_object" or set(fmt) != {"type"}):
        detail = [{"loc": ["body", "response_format"], "msg": "extra inputs are not permitted", "type": "extra"}]
        return _refusal(422, {"detail": detail})
    return None


def _no_structured_output(payload: dict) -> tuple[int, bytes] | None:
    """A server without structured output: 400 on any response_format."""
    if "response_format" in payload:
        return _refusal(400, {"error": {"message": "Unrecognized request argument supplied: response_format"}})
    return None


DIALECTS = {"vllm": _vllm, "llama.cpp": _llamacpp_server(True), "llama.cpp-old": _llamacpp_server(False),
            "llama-cpp-python": _llama_cpp_python, "ollama": _ollama, "json-mode-only": _json_mode_only,
            "no-structured-output": _no_structured_output}


def dialect(name: str, content: str):
    """A FakeServer reply imitating server ``name``: its refusal, or ``content`` when it accepts."""
    refuse = DIALECTS[name]

    def reply(payload: dict) -> tuple[int, bytes, float]:
        refused = refuse(payload)
        return (*refused, 0) if refused else (200, completion(content), 0)

    return reply


def form_of(payload: dict) -> str:
    """Which structured-output form (stance.llm.structured.FORMS) a request used."""
    fmt = payload.get("response_format")
    if fmt is None:
        return "prompt"
    if fmt["type"] == "json_schema":
        return "json_schema"
    return "json_object+schema" if "schema" in fmt else "json_object"
