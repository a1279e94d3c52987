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


class SummaryFormat(str, Enum):
    md = "md"
    json = "json"


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
        from stance.summarize import stance_judge, summarize
        from stance.summarize import render as summary_render

        events = summarize(results, stance_of=stance_judge(load_classifier("rules")))
        if format == Format.json:
            text = render.to_json(results, merged, errors, extra={"summary": summary_render.to_dict(events)})
        else:
            text = render.to_table(results, merged) + "\n" + summary_render.to_text_section(events)
        if out:
            with atomic_open(out) as fh:
                fh.write(text + ("\n" if not text.endswith("\n") else ""))
        else:
            typer.echo(text)
    raise typer.Exit(1 if errors else 0)


@app.command()
def summarize(
    inputs: Annotated[list[str], typer.Argument(help="Articles: .txt .md .html .jsonl files, directories, or - for stdin.")],
    format: Annotated[SummaryFormat, typer.Option("--format", "-f", help="md (people) or json (programs).")] = SummaryFormat.md,
    out: Annotated[str | None, typer.Option("--out", "-o", help="Write here (atomically) instead of stdout.")] = None,
    model: Annotated[str, typer.Option(help="Stance classifier for the parties (as in predict): 'rules'.")] = "rules",
    llm: Annotated[str | None, typer.Option(help="Rewrite with this LLM backend (stance.llm spec); every generated sentence is checked against the sources and unsupported ones are dropped and listed.")] = None,
    similarity: Annotated[float, typer.Option(help="Content similarity (0-1) above which articles are one event.")] = 0.3,
    max_days: Annotated[int, typer.Option(help="Articles dated further apart than this are never one event.")] = 3,
) -> None:
    """One neutral summary per event, every sentence attributed to its outlet.

    Articles are grouped by event (content similarity and dates). The default summary is extractive and deterministic; --llm rewrites it through the faithfulness gate.

    Example: stance summarize --format md data/articles/*.txt
    """
    from stance.atomic import atomic_open
    from stance.classify import load_classifier
    from stance.ingest import InputError
    from stance.pipeline import run
    from stance.summarize import render as summary_render
    from stance.summarize import stance_judge
    from stance.summarize import summarize as build

    if not 0.0 <= similarity <= 1.0:
        fail("--similarity must be between 0 and 1")
    if max_days < 0:
        fail("--max-days must be 0 or more")
    try:
        classifier = load_classifier(model)
    except (ValueError, OSError) as err:
        fail(str(err))
    generator = embedder = None
    if llm:
        try:
            import stance.llm as llm_layer
        except ImportError:
            fail("--llm needs the LLM layer (stance.llm), which this installation does not have")
        load_backend = getattr(llm_layer, "load_backend", None) or getattr(llm_layer, "load_llm", None)
        if load_backend is None:
            fail("--llm: stance.llm has no load_backend(spec)")
        try:
            generator = load_backend(llm)
            from stance.summarize.embed import default_embedder

            embedder = default_embedder()
        except Exception as err:  # any backend failure is one line for the user, never a traceback
            fail(f"cannot load LLM backend '{llm}': {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    results, errors = [], []
    for item in run(inputs, classifier):
        if isinstance(item, InputError):
            errors.append(str(item))
            typer.echo(f"error: {item}", err=True)
        else:
            results.append(item)
    if not results:
        fail("no readable article to summarize")
    try:
        events = build(results, generator=generator, embedder=embedder, stance_of=stance_judge(load_classifier("rules")),
                       threshold=similarity, max_days=max_days)
    except Exception as err:
        if generator is None:
            raise
        fail(f"LLM rewrite failed: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    text = summary_render.to_json(events, errors) if format == SummaryFormat.json else summary_render.to_markdown(events)
    if out:
        with atomic_open(out) as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
    else:
        typer.echo(text.rstrip("\n"))
    raise typer.Exit(1 if errors else 0)


if __name__ == "__main__":
    app()
