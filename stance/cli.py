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
    model: Annotated[str, typer.Option(help="Classifier: 'rules' (cue baseline).")] = "rules",
    threshold: Annotated[float, typer.Option(help="Below this confidence a party is flagged low-confidence.")] = DEFAULT_THRESHOLD,
    html: Annotated[str | None, typer.Option("--html", help="Also write a self-contained HTML report here.")] = None,
) -> None:
    """Label every party's ceasefire stance, with evidence.

    Example: stance predict --format json data/articles/*.txt
    Example: stance predict --html report.html data/articles/
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
            if stream is None or html:
                results.append(item)
    finally:
        if sink:
            sink.__exit__(*sys.exc_info())
    merged = merge(results, threshold) if (format != Format.jsonl or html) else []
    if html:
        from stance.report_html import render_html

        with atomic_open(html) as fh:
            fh.write(render_html(results, merged))
    if format != Format.jsonl:
        text = render.to_json(results, merged, errors) if format == Format.json else render.to_table(results, merged)
        if out:
            with atomic_open(out) as fh:
                fh.write(text + ("\n" if not text.endswith("\n") else ""))
        else:
            typer.echo(text)
    raise typer.Exit(1 if errors else 0)


if __name__ == "__main__":
    app()
