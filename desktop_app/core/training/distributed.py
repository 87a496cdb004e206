"""Scaling a fine-tune out over processes with PyTorch's own engine (`torchrun`, DDP).

`torchrun --nproc_per_node=N -m desktop_app train DATA --fine-tune --out M.onnx` starts N copies
of the command; torchrun gives each RANK, WORLD_SIZE, LOCAL_RANK (and LOCAL_WORLD_SIZE) and a
rendezvous (MASTER_ADDR/PORT). This module is everything the fine-tune knows about that:

* `launched()` reads torchrun's environment (None: a plain single process);
* `joined(launch, device)` opens the process group (gloo on CPUs, NCCL on GPUs, each rank on
  GPU LOCAL_RANK) and always closes it;
* a `Group` (or `Solo`, its single-process twin, so the training code has no `if distributed`)
  splits each global batch between the ranks (`part`), sums small statistics over them
  (`sum`: the same numbers on every rank, so every rank takes the same early-stopping
  decision), hands rank 0's head to the others (`broadcast_arrays`: plain arrays and JSON, never
  pickle) and wraps the trainable part in DistributedDataParallel (`wrap`: gradients averaged).

The global batch is the single process's batch, split between the ranks, with the loss of each
part scaled so that DDP's average is the single process's gradient, and each image's
augmentation and dropout draws independent of the rank that makes them: N processes train the
model one process would, up to the order of float additions (tests/e2e/test_cli_fine_tune.py).
A peer that is gone makes the next collective fail: `DistributedError`, one clear line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from desktop_app.core.errors import CoreError
from desktop_app.core.training.device import pick_device

# How long a rank waits in one collective: the other ranks wait for rank 0 while it extracts
# the features and trains the head alone (minutes on a large folder on a CPU).
TIMEOUT = timedelta(hours=1)


class DistributedError(CoreError, RuntimeError):
    """Another process of the same torchrun run failed or went away."""


@dataclass(frozen=True)
class Launch:
    """This process's place in a torchrun launch (from its environment)."""

    rank: int
    world_size: int
    local_rank: int
    local_world_size: int


def launched(environ: Mapping[str, str] | None = None) -> Launch | None:
    """The torchrun launch this process is part of; None for a single process (also a torchrun
    of one process: nothing to distribute)."""
    env = os.environ if environ is None else environ
    try:
        world = int(env.get("WORLD_SIZE", "1"))
        if world <= 1 or "RANK" not in env:
            return None
        local_world = int(env.get("LOCAL_WORLD_SIZE", str(world)))
        return Launch(int(env["RANK"]), world, int(env.get("LOCAL_RANK", "0")), local_world)
    except ValueError:
        return None


class Solo:
    """The single process: every rank's answer is its own (no communication)."""

    rank = 0
    world_size = 1
    is_main = True
    backend = None

    def train_device(self, torch, wanted: str) -> str:
        """Where this process trains (see `device.pick_device`)."""
        return pick_device(torch, wanted)

    def cpu_threads(self, available: int) -> int:
        return available

    def part(self, index: np.ndarray) -> tuple[np.ndarray, int]:
        """This rank's share of a global batch and how many rows come before it (0 here)."""
        return index, 0

    def sum(self, values) -> np.ndarray:
        """`values` summed over the ranks (float64)."""
        return np.asarray(values, np.float64)

    def broadcast_arrays(
        self, arrays: dict[str, np.ndarray] | None, info: dict | None
    ) -> tuple[dict[str, np.ndarray], dict]:
        """Rank 0's arrays and JSON-able `info`, on every rank."""
        assert arrays is not None and info is not None
        return arrays, info

    def wrap(self, module):
        """The module whose gradients are averaged over the ranks (here: itself)."""
        return module

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Where the ranks talk (DDP's backward): a peer's failure becomes a clear error."""
        yield

    def per_process(self, value: float) -> list[float]:
        """Each process's `value`, in rank order, on every process."""
        counts = np.zeros(self.world_size)
        counts[self.rank] = value
        return self.sum(counts).tolist()

    def describe(self, images: list[float]) -> dict:
        """For the model's record: the processes and the training images each one handled."""
        return {"processes": 1}


class Group(Solo):
    """One rank of a torchrun launch, the process group open (see `joined`)."""

    def __init__(self, torch, launch: Launch, device: str, backend: str) -> None:
        self._torch = torch
        self._dist = torch.distributed
        self.launch = launch
        self.rank = launch.rank
        self.world_size = launch.world_size
        self.is_main = launch.rank == 0
        self.device = device
        self.backend = backend

    def train_device(self, torch, wanted: str) -> str:
        return self.device  # chosen when the group was joined

    def cpu_threads(self, available: int) -> int:
        """The CPU threads of this rank: the machine's shared between its ranks."""
        return max(1, available // max(1, self.launch.local_world_size))

    def part(self, index: np.ndarray) -> tuple[np.ndarray, int]:
        parts = np.array_split(np.asarray(index), self.world_size)
        return parts[self.rank], sum(len(p) for p in parts[: self.rank])

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Communication failing inside the block (a peer gone: gloo's connection closed,
        NCCL's DistBackendError) becomes one DistributedError; other errors pass as they are."""
        try:
            yield
        except RuntimeError as error:
            dist_error = getattr(self._dist, "DistError", ())
            if not (isinstance(error, dist_error) or "gloo" in str(error).lower()):
                raise
            raise DistributedError(
                "distributed.peer_lost", self.rank, _first_line(error)
            ) from error

    def _collective(self, call, *args, **kwargs):
        with self.guard():
            return call(*args, **kwargs)

    def sum(self, values) -> np.ndarray:
        torch = self._torch
        tensor = torch.as_tensor(np.asarray(values, np.float64)).to(self.device)
        self._collective(self._dist.all_reduce, tensor, op=self._dist.ReduceOp.SUM)
        return tensor.cpu().numpy()

    def _broadcast(self, tensor):
        tensor = tensor.to(self.device)
        self._collective(self._dist.broadcast, tensor, src=0)
        return tensor.cpu()

    def broadcast_arrays(
        self, arrays: dict[str, np.ndarray] | None, info: dict | None
    ) -> tuple[dict[str, np.ndarray], dict]:
        torch = self._torch
        header = b""
        if self.is_main:
            assert arrays is not None and info is not None
            shapes = {k: [str(np.asarray(v).dtype), list(np.shape(v))] for k, v in arrays.items()}
            header = json.dumps({"info": info, "arrays": shapes}).encode()
        size = self._broadcast(torch.tensor([len(header)], dtype=torch.int64))
        buffer = torch.zeros(int(size[0]), dtype=torch.uint8)
        if self.is_main:
            buffer = torch.frombuffer(bytearray(header), dtype=torch.uint8)
        decoded = json.loads(bytes(self._broadcast(buffer).numpy()).decode())
        out: dict[str, np.ndarray] = {}
        for name, (dtype, shape) in decoded["arrays"].items():
            if self.is_main:
                tensor = torch.from_numpy(np.ascontiguousarray(arrays[name]))
            else:
                tensor = torch.from_numpy(np.zeros(shape, np.dtype(dtype)))
            out[name] = self._broadcast(tensor).numpy()
        return out, decoded["info"]

    def wrap(self, module):
        import inspect

        from torch.nn.parallel import DistributedDataParallel

        on_gpu = self.device.startswith("cuda")
        index = self._torch.device(self.device).index if on_gpu else None
        # batch norm is frozen (running statistics): no buffer needs sending at each step
        # (torch 2.13 renamed the option; the old name still works there, with a warning)
        names = inspect.signature(DistributedDataParallel.__init__).parameters
        no_sync = "forward_sync_buffers" if "forward_sync_buffers" in names else "broadcast_buffers"
        return DistributedDataParallel(
            module, device_ids=None if index is None else [index], **{no_sync: False}
        )

    def describe(self, images: list[float]) -> dict:
        return {
            "processes": self.world_size,
            "backend": self.backend,
            "launcher": "torchrun",
            "images_by_process": [int(n) for n in images],
        }


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else type(error).__name__


@contextmanager
def joined(launch: Launch | None, wanted_device: str = "auto") -> Iterator[Solo]:
    """The process group of `launch` (a `Solo` when None), destroyed however the block ends."""
    if launch is None:
        yield Solo()
        return
    from desktop_app.core.torch_loading import import_torch

    torch, _ = import_torch()
    import torch.distributed as dist

    device = pick_device(torch, wanted_device, launch.local_rank)
    backend = "nccl" if device.startswith("cuda") else "gloo"
    if device.startswith("cuda"):
        torch.cuda.set_device(torch.device(device))
    try:
        dist.init_process_group(
            backend,
            rank=launch.rank,
            world_size=launch.world_size,
            timeout=TIMEOUT,
            **({"device_id": torch.device(device)} if backend == "nccl" else {}),
        )
    except (RuntimeError, ValueError) as error:
        raise DistributedError(
            "distributed.cannot_join", launch.rank, _first_line(error)
        ) from error
    try:
        yield Group(torch, launch, device, backend)
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
