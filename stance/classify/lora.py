"""LoRA adapters (peft) on the encoder layers below the fully trained top ones.

A partial fine-tune (stance.train.partial) may also train low-rank adapters on the frozen
layers below its top layers: they move the whole encoder for a few hundred kilobytes.
Their settings live in the model folder's meta (``lora``), their matrices in
``lora.safetensors`` (fp16); at load they are injected into the base model and merged
into its weights, so inference costs what the base model costs.
"""

from __future__ import annotations

from pathlib import Path

LORA_WEIGHTS = "lora.safetensors"


def lora_settings(rank: int, alpha: float, targets: list[str], layers: list[int]) -> dict:
    """peft LoraConfig arguments: adapters of rank ``rank`` on the ``targets`` Linear layers of encoder ``layers``."""
    return {"r": rank, "lora_alpha": alpha, "target_modules": list(targets), "layers_to_transform": list(layers),
            "layers_pattern": "layer", "lora_dropout": 0.0, "bias": "none"}


def inject(model, settings: dict):
    """Add the adapters to ``model`` in place (peft freezes every other parameter; the caller decides again)."""
    from peft import LoraConfig, inject_adapter_in_model

    return inject_adapter_in_model(LoraConfig(**settings), model)


def is_adapter(name: str) -> bool:
    return ".lora_" in name


def adapter_state(model) -> dict:
    """The adapters' tensors under peft's saved names (no adapter name), as fp16."""
    import torch
    from peft import get_peft_model_state_dict

    return {k: v.detach().to(torch.float16).contiguous() for k, v in get_peft_model_state_dict(model).items()}


def save_adapters(model, folder: Path) -> None:
    from safetensors.torch import save_file

    save_file(adapter_state(model), str(folder / LORA_WEIGHTS), metadata={"format": "pt"})


def load_adapters(model, folder: Path, settings: dict):
    """``model`` with the folder's adapters injected and merged into the base weights."""
    import torch
    from peft import set_peft_model_state_dict
    from peft.tuners.lora import LoraLayer
    from safetensors.torch import load_file

    inject(model, settings)
    state = {k: v.to(torch.float32) for k, v in load_file(str(folder / LORA_WEIGHTS)).items()}
    result = set_peft_model_state_dict(model, state)
    if result.unexpected_keys or any(is_adapter(k) for k in result.missing_keys):
        raise ValueError(f"{folder / LORA_WEIGHTS} does not fit its settings")
    for module in model.modules():
        if isinstance(module, LoraLayer):
            module.merge()
    return model
