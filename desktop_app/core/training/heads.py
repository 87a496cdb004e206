"""The trainable part of a model, in PyTorch. Imported only when training starts (torch is heavy)."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


class Standardize(nn.Module):
    """(x - mean) / std with the training features' statistics, exported inside the head."""

    def __init__(self, mean: np.ndarray, std: np.ndarray) -> None:
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("scale", torch.as_tensor(1.0 / std, dtype=torch.float32))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) * self.scale


class ByteDropout(nn.Module):
    """Dropout whose mask comes from random bytes of a seeded numpy generator.

    Same role as `nn.Dropout`, about 4x cheaper on a CPU: torch draws one Mersenne-Twister
    float per element (0.4 ms for a 32 x 1280 batch here, a third of a whole head-training
    step), numpy's PCG64 fills bytes in bulk. The rate is quantised to 1/256 (0.2 → 0.199).
    Identity in eval mode, so nothing of it reaches an export.
    """

    def __init__(self, p: float, seed: int = 0) -> None:
        super().__init__()
        self.threshold = int(round(min(max(p, 0.0), 1.0) * 256))
        self.scale = 256.0 / max(1, 256 - self.threshold)
        self.rng = np.random.default_rng(seed)
        # (rows before, rows in all): the batch is this part of a global batch split between
        # torchrun's processes, which each draw the whole mask and keep their rows, so the
        # masks are those of one process (core/training/distributed.py). None: the whole.
        self.part: tuple[int, int] | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.threshold == 0:
            return x
        if self.part is not None:
            before, total = self.part
            shape = (total, *x.shape[1:])
            noise = np.frombuffer(self.rng.bytes(int(np.prod(shape))), dtype=np.uint8)
            noise = noise.reshape(shape)[before : before + x.shape[0]]
        else:
            noise = np.frombuffer(self.rng.bytes(x.numel()), dtype=np.uint8).reshape(x.shape)
        keep = torch.from_numpy(noise >= self.threshold).to(x.device)
        return x * keep * self.scale


class LinearHead(nn.Module):
    """Standardize → dropout → linear (hidden_units == 0), or a one-hidden-layer MLP."""

    def __init__(
        self,
        mean: np.ndarray,
        std: np.ndarray,
        n_classes: int,
        hidden_units: int,
        dropout: float,
        seed: int = 0,
    ) -> None:
        super().__init__()
        layers: list[nn.Module] = [Standardize(mean, std), ByteDropout(dropout, seed)]
        width = mean.shape[0]
        if hidden_units > 0:
            layers += [nn.Linear(width, hidden_units), nn.ReLU(), ByteDropout(dropout, seed + 1)]
            width = hidden_units
        layers.append(nn.Linear(width, n_classes))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class SmallCNN(nn.Module):
    """The from-scratch model: flat normalised pixels [N, 3*S*S] in, logits out.

    Three conv-BN-ReLU-pool stages and global pooling: the MNIST-style network, sized for 32x32.
    Training-time augmentation (small random shifts) lives here so it never reaches the export.
    """

    def __init__(self, size: int, n_classes: int, dropout: float) -> None:
        super().__init__()
        self.size = size

        def stage(c_in: int, c_out: int) -> nn.Sequential:
            return nn.Sequential(
                nn.Conv2d(c_in, c_out, 3, padding=1, bias=False),
                nn.BatchNorm2d(c_out),
                nn.ReLU(),
                nn.Conv2d(c_out, c_out, 3, padding=1, bias=False),
                nn.BatchNorm2d(c_out),
                nn.ReLU(),
                nn.MaxPool2d(2),
            )

        self.features = nn.Sequential(stage(3, 32), stage(32, 64), stage(64, 128))
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(128, n_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.reshape(-1, 3, self.size, self.size)
        if self.training:
            x = _random_shift(x, max_shift=max(1, self.size // 10))
        x = self.features(x)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.classifier(x)


class BagOfTokens(nn.Module):
    """The scratch-text model, fastText style: embeddings of the tokens and of hashed pairs of
    neighbouring tokens (computed in the graph from the ids), averaged over the real tokens,
    dropout, linear. Tiny and fast on a CPU; CJK characters and their bigrams are the words.

    Exported inputs: `input_ids`, `attention_mask` int64 [N, L] (the text-backbone contract).
    In training `attention_mask` may be omitted: ids padded with 0 and batches trimmed to
    their longest text.
    """

    PAIR_PRIME = 1_000_003

    def __init__(
        self,
        vocab_size: int,
        n_classes: int,
        dim: int,
        buckets: int,
        dropout: float,
        token_dropout: float = 0.0,
    ) -> None:
        super().__init__()
        self.buckets = buckets
        self.token_dropout = token_dropout  # training only: each token left out at this rate
        self.tokens = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.pairs = nn.Embedding(buckets, dim)
        for table in (self.tokens, self.pairs):
            nn.init.uniform_(table.weight, -1.0 / dim, 1.0 / dim)
        with torch.no_grad():
            self.tokens.weight[0].zero_()
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(dim, n_classes)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None
    ) -> torch.Tensor:
        if attention_mask is None:
            attention_mask = (input_ids != 0).long()
            longest = max(1, int(attention_mask.sum(1).max())) if len(input_ids) else 1
            input_ids, attention_mask = input_ids[:, :longest], attention_mask[:, :longest]
        mask = attention_mask.to(torch.float32)
        if self.training and self.token_dropout > 0:
            mask = mask * (torch.rand(mask.shape) >= self.token_dropout).to(torch.float32)
        pair_mask = mask[:, :-1] * mask[:, 1:]
        pair_ids = torch.remainder(
            input_ids[:, :-1] * self.PAIR_PRIME + input_ids[:, 1:], self.buckets
        )
        total = (self.tokens(input_ids) * mask[..., None]).sum(1) + (
            self.pairs(pair_ids) * pair_mask[..., None]
        ).sum(1)
        count = (mask.sum(1) + pair_mask.sum(1)).clamp(min=1.0)
        return self.classifier(self.dropout(total / count[:, None]))


def _random_shift(x: torch.Tensor, max_shift: int) -> torch.Tensor:
    """Shift each image by up to `max_shift` pixels (edge-padded), a cheap, label-safe augmentation."""
    n, _, h, w = x.shape
    padded = F.pad(x, (max_shift,) * 4, mode="replicate")
    dy = torch.randint(0, 2 * max_shift + 1, (n,))
    dx = torch.randint(0, 2 * max_shift + 1, (n,))
    rows = (dy[:, None] + torch.arange(h)[None, :])[:, None, :, None].expand(
        n, x.shape[1], h, w + 2 * max_shift
    )
    shifted = torch.gather(padded, 2, rows)
    cols = (dx[:, None] + torch.arange(w)[None, :])[:, None, None, :].expand(n, x.shape[1], h, w)
    return torch.gather(shifted, 3, cols)


class AdamW:
    """AdamW over torch's own functional kernel (`torch.optim.adam.adam`, decoupled decay).

    Why not `torch.optim.AdamW`: any `torch.optim.Optimizer` imports `torch._dynamo` on first use,
    1.3 s measured here, longer than training a head takes. The update maths is torch's.
    """

    def __init__(
        self,
        params,
        lr: float,
        weight_decay: float,
        betas=(0.9, 0.999),
        eps: float = 1e-8,
        fused: bool | None = None,
    ) -> None:
        from torch.optim.adam import adam

        self._adam = adam
        self.params = [p for p in params if p.requires_grad]
        self.lr = lr
        self.weight_decay = weight_decay
        self.betas = betas
        self.eps = eps
        self.exp_avg = [torch.zeros_like(p) for p in self.params]
        self.exp_avg_sq = [torch.zeros_like(p) for p in self.params]
        self.steps = [torch.zeros((), dtype=torch.float32) for _ in self.params]
        # The fused kernel: one call per step instead of a dozen small ops per tensor
        # (CPU: 0.1 ms instead of 0.2–2 ms a step for a linear head).
        self.fused = fused if fused is not None else _fused_adam_works(self.params)

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self) -> None:
        live = [i for i, p in enumerate(self.params) if p.grad is not None]
        self._adam(
            [self.params[i] for i in live],
            [self.params[i].grad for i in live],
            [self.exp_avg[i] for i in live],
            [self.exp_avg_sq[i] for i in live],
            [],
            [self.steps[i] for i in live],
            foreach=None if self.fused else False,
            capturable=False,
            differentiable=False,
            fused=self.fused,
            grad_scale=None,
            found_inf=None,
            has_complex=False,
            amsgrad=False,
            beta1=self.betas[0],
            beta2=self.betas[1],
            lr=self.lr,
            weight_decay=self.weight_decay,
            eps=self.eps,
            maximize=False,
            decoupled_weight_decay=True,
        )


def _fused_adam_works(params: list[torch.Tensor]) -> bool:
    """Whether torch's fused Adam kernel accepts these parameters (dtype and device)."""
    return bool(params) and all(
        p.dtype in (torch.float32, torch.float64, torch.float16, torch.bfloat16)
        and p.device.type in ("cpu", "cuda")
        for p in params
    )


def one_cycle_lr(step: int, total_steps: int, max_lr: float, pct_start: float = 0.1) -> float:
    """The one-cycle schedule (torch's OneCycleLR defaults: cosine up from max/25, down to max/25e4)."""
    import math

    initial, final = max_lr / 25.0, max_lr / 25.0 / 1e4
    warm = max(1, int(pct_start * total_steps))

    def cosine(start: float, end: float, fraction: float) -> float:
        return end + (start - end) / 2.0 * (1.0 + math.cos(math.pi * min(1.0, fraction)))

    if step < warm:
        return cosine(initial, max_lr, step / warm)
    return cosine(max_lr, final, (step - warm) / max(1, total_steps - warm))


def balanced_class_weights(counts: torch.Tensor) -> torch.Tensor:
    """Each class's loss weight from its training count: n / (classes × count), so that every
    class weighs the same in all; 0 for a class with no training item."""
    n_classes = len(counts)
    return torch.where(
        counts > 0, counts.sum() / (n_classes * counts.clamp(min=1)), torch.zeros_like(counts)
    )


class WithSoftmax(nn.Module):
    """What gets exported: probabilities, not logits."""

    def __init__(self, inner: nn.Module) -> None:
        super().__init__()
        self.inner = inner

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.inner(*inputs), dim=1)
