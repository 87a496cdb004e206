"""Where a fine-tune's torch work runs, and in what precision: plain decisions, unit-tested
without a GPU (tests/unit/test_device.py), used by finetune.py and distributed.py."""

from __future__ import annotations

import math


def pick_device(torch, wanted: str, local_rank: int | None = None) -> str:
    """`cuda` (`cuda:LOCAL_RANK` for a torchrun rank) when `wanted` is auto or cuda and torch
    sees a GPU, else `cpu` (as the head's training decides: no GPU, no error)."""
    if wanted not in ("auto", "cuda") or not torch.cuda.is_available():
        return "cpu"
    if local_rank is None:
        return "cuda"
    return f"cuda:{local_rank % max(1, torch.cuda.device_count())}"


def autocast_dtype(torch, device: str):
    """Mixed precision on CUDA: bfloat16 where the GPU has it (Ampere and later), else float16;
    None on a CPU (float32: CPU autocast is slower than float32 for these convolutions)."""
    if not device.startswith("cuda"):
        return None
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def precision_name(dtype) -> str | None:
    """'bfloat16' / 'float16' / None, for the model's metadata."""
    return None if dtype is None else str(dtype).removeprefix("torch.")


class LossScale:
    """Dynamic loss scaling for float16 (torch's GradScaler rule: halve the scale and skip the
    step on an overflow, double it after `growth_interval` good steps). torch's own GradScaler
    needs a `torch.optim` optimiser; the app's AdamW is not one. `enabled` False: scale 1,
    never skips (float32 and bfloat16 need no scaling)."""

    def __init__(self, enabled: bool, scale: float = 2.0**16, growth_interval: int = 2000):
        self.enabled = enabled
        self.scale = scale if enabled else 1.0
        self.growth_interval = growth_interval
        self.good_steps = 0
        self.skipped = 0

    def unscale(self, params) -> None:
        """Divide the gradients by the scale (before clipping)."""
        if not self.enabled:
            return
        for p in params:
            if p.grad is not None:
                p.grad.div_(self.scale)

    def update(self, grad_norm: float) -> bool:
        """Whether to take this step (the gradients are finite); adjusts the scale."""
        if not self.enabled:
            return True
        if not math.isfinite(grad_norm):
            self.scale /= 2.0
            self.good_steps = 0
            self.skipped += 1
            return False
        self.good_steps += 1
        if self.good_steps % self.growth_interval == 0:
            self.scale *= 2.0
        return True
