#!/usr/bin/env bash
# The slow end-to-end check against a real OpenAI-compatible server (issue 23), for its own CI job.
# Installs llama-cpp-python's server if missing (it compiles llama.cpp: 5-10 minutes on 2 cores),
# then tests/test_llm_server.py serves the bundled SmolLM2 GGUF on 127.0.0.1 and runs
# `stance label` and `stance predict --model llm:openai:...` on the seed articles through it.
# Usage: scripts/llm_server_check.sh [pytest args]   (PYTHON=path/to/python to pick the interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
if ! "$PYTHON" -c "import llama_cpp.server.app" 2>/dev/null; then
  CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=off}" "$PYTHON" -m pip install "llama-cpp-python[server]>=0.3,<0.4"
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # this checkout's code, whatever is installed
exec "$PYTHON" -m pytest -m slow -s -v -p no:cacheprovider tests/test_llm_server.py "$@"
