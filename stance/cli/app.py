"""The `stance` command line: the typer app, its shared options and helpers.

Commands live beside it (stance.cli.predict: predict, merge, summarize; stance.cli.model:
train, evaluate, label, review); each is thin: options -> pipeline -> render.
"""


from __future__ import annotations

import contextlib
import io
import logging
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

log = logging.getLogger("stance")


class _PlainHelp:
    """Help without typer's type placeholders (``<bool>``, ``<str>``, ``<list[str]>``): options
    show their metavar, arguments their name, flags and -h/--help nothing."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = _no_type
        return params


def _no_type(ctx=None) -> None:
    return None


class Command(_PlainHelp, TyperCommand):
    pass


class Group(_PlainHelp, TyperGroup):
    pass


app = typer.Typer(cls=Group, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Ceasefire stance of every party quoted in war news, with the sentences that prove it.")


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class SummaryFormat(str, Enum):
    md = "md"
    json = "json"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"stance {version('stance')}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, metavar="",
                                               help="Print the version and exit.")] = False) -> None:
    """Run `stance COMMAND --help` for each command's options and an example."""


def check_outputs(*paths: str | None) -> None:
    """Fail now, before any work, when an --out/--html target is a folder or cannot be written."""
    from stance.io.atomic import OutputError, check_output

    try:
        for path in filter(None, paths):
            check_output(path)
    except OutputError as err:
        fail(str(err))


def _dash_is_stdout(value: str | None) -> str | None:
    """`-o -` means stdout, as `-` means stdin for inputs."""
    return None if value == "-" else value


MODEL_HELP = ("Classifier: 'model' (fine-tuned default, built and cached on first use), a folder from `stance train`, "
              "'rules' (cue baseline, instant), 'tfidf' (instant), 'statements' (each statement classified, aggregated by "
              "rule 3), 'embed', llm:<backend> (zero-shot LLM, e.g. llm:default).")
Out = Annotated[str | None, typer.Option("--out", "-o", metavar="FILE", callback=_dash_is_stdout, show_default="stdout",
                                         help="Write here (atomically) instead of stdout; - is stdout.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", metavar="", show_default="off",
                                     help="Only errors on stderr: no notes, warnings or progress.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", metavar="", show_default="off",
                                       help="Also log each step (INFO) on stderr.")]


def verbosity(quiet: bool, verbose: bool) -> Callable[[str], None]:
    """Set the log level for --quiet/--verbose; the returned echo prints a stderr line unless
    --quiet silences it (lines starting "error:" always print)."""
    if quiet and verbose:
        fail("give --quiet or --verbose, not both")
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    logging.captureWarnings(quiet)
    logging.getLogger().setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)

    def echo(message: str) -> None:
        if not quiet or message.startswith("error:"):
            typer.echo(message, err=True)

    return echo


def emit(text: str, out: str | None) -> None:
    """The command's output, ending in one newline: to --out (atomically; - is stdout) or stdout."""
    from stance.io.atomic import atomic_open

    text = text if not text or text.endswith("\n") else text + "\n"
    if out:
        with atomic_open(out) as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


def classifier_for(model: str, quiet: bool = False, llm_config: str | None = None):
    """The classifier for --model; the default model is built once, announced unless --quiet, if this cache lacks it."""
    from stance.pipeline import load_classifier

    try:
        with contextlib.redirect_stderr(io.StringIO()) if quiet else contextlib.nullcontext():
            classifier = load_classifier(model, build=True, llm_config=llm_config)
    except (ValueError, OSError) as err:
        fail(str(err))
    log.info("classifier: %s", model)
    return classifier
