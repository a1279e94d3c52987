"""The command line for people: help without type placeholders, --quiet/--verbose, `-o -` for stdout."""

import json
import logging
import re

import pytest
from typer.testing import CliRunner

from stance.cli import app

COMMANDS = ("predict", "merge", "summarize", "train", "label", "review", "evaluate")


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_type_placeholders_and_every_option_a_default(command):
    text = invoke(command, "-h").stdout
    assert not re.search(r"<(bool|str|int|float|list\[str\])>", text), text
    options = re.findall(r"│ (--[a-z-]+)", text)
    assert options
    blocks = re.split(r"│ (?=--[a-z-]+ )", text.split("Options")[1])
    for block in blocks[1:]:
        name = block.split()[0]
        if name not in ("--help",):
            assert "[default:" in block or "[required]" in block, f"{command} {name} states no default"


def test_summarize_model_is_described():
    text = " ".join(invoke("summarize", "-h").stdout.replace("│", " ").split())
    assert "stance classifier that labels each party" in text and "'rules'" in text and "'tfidf'" in text


def test_dash_out_is_stdout(seed_paths, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("predict", "--model", "rules", "-f", "json", "-o", "-", *map(str, seed_paths))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"]
    assert not (tmp_path / "-").exists()


@pytest.fixture()
def root_logger():
    """The CLI sets the process's log level; put it back for the tests that follow."""
    root = logging.getLogger()
    level = root.level
    yield root
    root.setLevel(level)
    logging.captureWarnings(False)


def test_quiet_and_verbose(seed_paths, root_logger, caplog):
    missing = "no-such-article.txt"
    quiet = invoke("predict", "--model", "rules", "-f", "json", "--quiet", str(seed_paths[0]), missing)
    assert quiet.exit_code == 1
    assert quiet.stderr.strip().splitlines() == [f"error: {missing}: no such file or directory"]
    verbose = invoke("summarize", "--model", "rules", "--verbose", *map(str, seed_paths))
    assert verbose.exit_code == 0, verbose.output
    assert "classifier: rules" in caplog.text  # on stderr outside pytest, which holds the root handlers
    both = invoke("predict", "-q", "-v", str(seed_paths[0]))
    assert both.exit_code == 2 and "not both" in both.stderr
