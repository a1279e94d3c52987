"""The `stance` command line."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from stance.aggregate import DEFAULT_THRESHOLD

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Ceasefire stance of every party quoted in war news, with the sentences that prove it.")


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.callback()
def main() -> None:
    """Run `stance COMMAND --help` for each command's options and an example."""


@app.command()
def predict(
    inputs: Annotated[list[str], typer.Argument(help="Articles: .txt .md .html .jsonl files, directories, or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="table (people), json (programs), jsonl (streams).")] = Format.table,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Write here (atomically) instead of stdout.")] = None,
    model: Annotated[str, typer.Option(help="Classifier: 'model' (fine-tuned default, trained and cached on first use), "
                                            "a folder from `stance train`, 'rules' (cue baseline), 'tfidf', 'embed', 'llm'.")] = "model",
    threshold: Annotated[float, typer.Option(help="Below this confidence a party is flagged low-confidence.")] = DEFAULT_THRESHOLD,
) -> None:
    """Label every party's ceasefire stance, with evidence.

    Example: stance predict --format json data/articles/*.txt
    """
    from stance import render
    from stance.atomic import atomic_open
    from stance.classify import load_classifier
    from stance.ingest import InputError
    from stance.pipeline import merge, run

    if not 0.0 <= threshold <= 1.0:
        fail("--threshold must be between 0 and 1")
    try:
        classifier = load_classifier(model)
    except (ValueError, OSError) as err:
        fail(str(err))
    results, errors = [], []
    sink = atomic_open(out) if out and format == Format.jsonl else None
    stream = sink.__enter__() if sink else (sys.stdout if format == Format.jsonl else None)
    try:
        for item in run(inputs, classifier, threshold):
            if isinstance(item, InputError):
                errors.append(str(item))
                typer.echo(f"error: {item}", err=True)
                continue
            if stream is not None:
                stream.write(render.to_jsonl_line(item) + "\n")
                stream.flush()
            else:
                results.append(item)
    finally:
        if sink:
            sink.__exit__(*sys.exc_info())
    if format != Format.jsonl:
        merged = merge(results, threshold)
        text = render.to_json(results, merged, errors) if format == Format.json else render.to_table(results, merged)
        if out:
            with atomic_open(out) as fh:
                fh.write(text + ("\n" if not text.endswith("\n") else ""))
        else:
            typer.echo(text)
    raise typer.Exit(1 if errors else 0)


@app.command()
def train(
    config: Annotated[str, typer.Option("--config", "-c", help="YAML training config (see configs/default.yaml).")],
    output_dir: Annotated[str | None, typer.Option("--out", "-o", help="Model folder; overrides output_dir in the config.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings in the log.")] = False,
) -> None:
    """Fine-tune the stance model, keep the best epoch by dev macro-F1, calibrate it, save it.

    Uses a CUDA GPU when there is one (bf16 where supported); multi-GPU with
    `accelerate launch -m stance.cli train --config ...` or `torchrun`.

    Example: stance train --config configs/default.yaml --out models/default
    """
    import json
    import logging

    from stance.model.config import ConfigError, load_config

    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(asctime)s %(name)s: %(message)s",
                        datefmt="%H:%M:%S")
    try:
        cfg = load_config(config)
        if output_dir:
            cfg.output_dir = output_dir
        from stance.model.train import train as run_training

        metrics = run_training(cfg)
    except (ConfigError, OSError) as err:
        fail(str(err))
    typer.echo(json.dumps({"output_dir": cfg.output_dir, "dev": metrics.get("dev"),
                           "dev_uncalibrated": metrics.get("dev_uncalibrated"), "temperature": metrics.get("temperature"),
                           "train_seconds": metrics.get("train_seconds")}, indent=2))


if __name__ == "__main__":
    app()
