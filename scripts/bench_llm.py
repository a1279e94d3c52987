"""Measure the local LLM: GGUF load (first conversion vs cached safetensors), decode speed by dtype, choice latency.

    python scripts/bench_llm.py                 # the bundled SmolLM2-135M-Instruct
    python scripts/bench_llm.py --gguf m.gguf --fresh   # also time the one-time conversion

Numbers depend on the machine and its load; run it on an idle machine for reportable timings.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gguf", help="GGUF file (default: the bundled model)")
    ap.add_argument("--fresh", action="store_true", help="convert into an empty cache first, timing the conversion")
    ap.add_argument("--tokens", type=int, default=48)
    args = ap.parse_args()

    from stance.llm import LLMConfig
    from stance.llm.bundled import bundled_gguf
    from stance.llm.hf import HFModel, converted_gguf

    gguf = Path(args.gguf) if args.gguf else bundled_gguf()
    if args.fresh:
        os.environ["STANCE_CACHE"] = tempfile.mkdtemp(prefix="stance-bench-")
        t = time.perf_counter()
        converted_gguf(gguf, "bfloat16")
        print(f"first load (dequantise GGUF, save safetensors): {time.perf_counter() - t:.1f} s")
    prompt = "Explain in three sentences why ceasefire talks often stall."
    for dtype in ("bfloat16", "float32"):
        config = LLMConfig(dtype=dtype, cache=False, max_new_tokens=args.tokens)
        t = time.perf_counter()
        model = HFModel(config, converted_gguf(gguf, dtype), name=gguf.name)
        load = time.perf_counter() - t
        t = time.perf_counter()
        text = model.generate(prompt)
        gen = time.perf_counter() - t
        n = len(model.tokenizer(text, add_special_tokens=False)["input_ids"])
        t = time.perf_counter()
        model.choose("Party: a minister who said 'we will talk once the shelling stops'. Stance?", "stance",
                     ["open", "conditional", "rejecting"])
        choose = time.perf_counter() - t
        print(f"{dtype}: load {load:.1f} s, generate {n} tokens in {gen:.1f} s ({n / gen:.1f} tokens/s), "
              f"choose one label {choose:.2f} s")


if __name__ == "__main__":
    main()
