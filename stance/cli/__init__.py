"""The `stance` command line (entry point ``stance.cli:app``)."""

from stance.cli import predict, model  # noqa: I001 - registration order is the order of --help
from stance.cli.app import app

__all__ = ["app", "model", "predict"]
