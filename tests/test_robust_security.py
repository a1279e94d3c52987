"""Security: no pickles or remote code, validated configs, URL fetching that cannot be
turned against the machine (schemes, private addresses, redirects, size, time)."""

import ipaddress
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

import pytest
from typer.testing import CliRunner

from stance.classify import load_classifier
from stance.cli import app
from stance.config import ConfigError, from_dict, load_config
from stance.io.fetch import FetchError, FetchPolicy, fetch, looks_like_url, redact
from stance.io.ingest import InputError, iter_raw
from stance.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "torch.load (pickle)": re.compile(r"\btorch\.load\s*\("),
    "pickle": re.compile(r"^\s*(import|from)\s+(c?pickle|dill|cloudpickle|joblib)\b|\b(c?pickle|joblib|dill)\.(load|loads)\b", re.M),
    "trust_remote_code": re.compile(r"trust_remote_code\s*=\s*True"),
    "allow_pickle": re.compile(r"allow_pickle\s*=\s*True"),
    "yaml.load without SafeLoader": re.compile(r"\byaml\.load\((?![^)]*SafeLoader)"),
    "eval/exec": re.compile(r"(?<![\w.])(eval|exec)\s*\("),
}


def violations(text: str) -> list[str]:
    return [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]


def test_the_scanner_catches_each_forbidden_pattern():
    bad = ["state = torch.load('model.bin')", "import pickle", "model = joblib.load(path)",
           "AutoModel.from_pretrained(p, trust_remote_code=True)", "np.load(f, allow_pickle=True)",
           "cfg = yaml.load(fh)", "eval(expr)"]
    for snippet in bad:
        assert violations(snippet), snippet
    assert not violations("np.load(f, allow_pickle=False)\nyaml.safe_load(fh)\nmodel.eval()\nAutoModel.from_pretrained(p)")


def test_package_and_scripts_load_no_pickles_and_no_remote_code():
    files = sorted((ROOT / "stance").rglob("*.py")) + sorted((ROOT / "scripts").rglob("*.py"))
    assert len(files) > 10
    found = {str(f.relative_to(ROOT)): v for f in files if (v := violations(f.read_text(encoding="utf-8")))}
    assert not found, f"forbidden loading code: {found}"


def test_no_pickled_weights_are_tracked():
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [f for f in tracked if f.endswith((".bin", ".pt", ".pth", ".pkl", ".pickle", ".joblib", ".ckpt"))]


@dataclass
class Optim:
    lr: float = 2e-5
    schedule: Literal["linear", "cosine"] = "linear"


@dataclass
class TrainCfg:
    model: str
    epochs: int = 3
    optim: Optim = field(default_factory=Optim)
    labels: list[str] = field(default_factory=lambda: ["open", "conditional", "rejecting"])
    seed: int | None = None
    out: Path = Path("models/x")


def test_config_builds_nested_typed_dataclasses(tmp_path):
    path = tmp_path / "train.yaml"
    path.write_text("model: minilm\nepochs: 5\noptim:\n  lr: 1\n  schedule: cosine\nout: models/y\n", encoding="utf-8")
    cfg = load_config(TrainCfg, path)
    assert cfg == TrainCfg(model="minilm", epochs=5, optim=Optim(lr=1.0, schedule="cosine"), out=Path("models/y"))
    assert isinstance(cfg.optim.lr, float)


@pytest.mark.parametrize(("data", "message"), [
    ({"model": "m", "epoch": 3}, "train.yaml: unknown key epoch"),
    ({"model": "m", "optim": {"lr": "fast"}}, "train.yaml: optim.lr: expected a number, got str 'fast'"),
    ({"model": "m", "optim": {"schedule": "step"}}, "optim.schedule: expected one of 'linear', 'cosine'"),
    ({"model": "m", "epochs": "3"}, "epochs: expected an integer, got str"),
    ({"model": "m", "epochs": True}, "epochs: expected an integer, got bool"),
    ({"model": "m", "labels": "open"}, "labels: expected a list"),
    ({"model": "m", "labels": ["open", 2]}, "labels[1]: expected a string"),
    ({"epochs": 2}, "model: required key is missing"),
    (["model"], "expected a mapping for TrainCfg"),
])
def test_config_mistakes_get_one_clear_line(data, message):
    with pytest.raises(ConfigError) as err:
        from_dict(TrainCfg, data, "train.yaml")
    assert message in str(err.value) and "\n" not in str(err.value)


def test_config_yaml_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("model: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.yaml: not valid YAML at line"):
        load_config(TrainCfg, bad)
    evil = tmp_path / "evil.yaml"
    evil.write_text("model: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(TrainCfg, evil)


PAGE = ("<html><head><title>Truce offer rejected</title></head><body><article><h1>Truce offer rejected</h1>"
        "<p>The Northern Front rejected the government's offer of a truce on Tuesday, its commander said.</p>"
        "<p>\"There will be no ceasefire while a single soldier remains on our land,\" commander Ilya Marsh told reporters.</p>"
        "<p>Interior Minister Dana Voss said the government was open to talks with the rebels at any time.</p>"
        "</article></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        routes = {
            "/article": lambda: self.send(200, PAGE, [("Content-Type", "text/html; charset=utf-8")]),
            "/hop": lambda: self.send(302, headers=[("Location", "/article")]),
            "/to-file": lambda: self.send(302, headers=[("Location", "file:///etc/passwd")]),
            "/to-metadata": lambda: self.send(301, headers=[("Location", "http://169.254.169.254/latest/meta-data/")]),
            "/to-private": lambda: self.send(307, headers=[("Location", "http://10.0.0.7/admin")]),
            "/loop": lambda: self.send(302, headers=[("Location", "/loop")]),
            "/huge": lambda: self.send(200, b"<p>" + b"a" * 200_000 + b"</p>", [("Content-Type", "text/html")]),
            "/lying": lambda: self.send(200, b"x", [("Content-Type", "text/html"), ("Content-Length", "900000000")]),
            "/image": lambda: self.send(200, b"\x89PNG", [("Content-Type", "image/png")]),
            "/slow": self.slow,
        }
        routes.get(self.path, lambda: self.send(404))()

    def slow(self):
        time.sleep(1.5)
        try:
            self.send(200, PAGE, [("Content-Type", "text/html")])
        except OSError:
            pass  # the client gave up, as it should


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = FetchPolicy(timeout=0.5, total_timeout=3, max_bytes=100_000, allow=(ipaddress.ip_network("127.0.0.1/32"),))


def test_a_page_is_fetched_and_analysed_when_its_address_is_allowed(server):
    page = fetch(server + "/hop", LOCAL)
    assert page.url == server + "/article" and page.is_html
    (result,) = list(run([server + "/article"], load_classifier("rules"), policy=LOCAL))
    assert result.article.url == server + "/article"
    assert {p.party.name for p in result.parties} >= {"Ilya Marsh"}


def test_loopback_is_refused_by_default(server):
    with pytest.raises(FetchError, match="non-public address"):
        fetch(server + "/article")
    result = CliRunner().invoke(app, ["predict", "--model", "rules", server + "/article"])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {server}/article") and "non-public" in line


@pytest.mark.parametrize(("path", "message"), [
    ("/to-file", "only http and https"),
    ("/to-metadata", "169.254.169.254"),
    ("/to-private", "10.0.0.7"),
    ("/loop", "redirects"),
    ("/huge", "too large"),
    ("/lying", "too large"),
    ("/image", "content type 'image/png'"),
    ("/missing", "HTTP 404"),
    ("/slow", "timed out"),
])
def test_hostile_servers_get_one_clear_reason(server, path, message):
    with pytest.raises(FetchError, match=re.escape(message)):
        fetch(server + path, LOCAL)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.html", "gopher://x/", "http://user:pw@example.org/",
                                 "http:///nohost"])
def test_other_schemes_and_odd_urls_are_refused_before_any_connection(url):
    assert looks_like_url(url)
    (item,) = list(iter_raw([url]))
    assert isinstance(item, InputError) and item.source == redact(url) and "pw" not in str(item)


def test_paths_are_not_mistaken_for_urls():
    assert not looks_like_url("data/articles/a.txt") and not looks_like_url("C:/news/a.txt") and not looks_like_url("-")
