"""The pieces of a torchrun fine-tune that need no second process or GPU: reading torchrun's
environment, the split of a global batch, draws that do not depend on which process makes
them, device and precision choices (a stand-in torch), and the group's collectives in a
one-process gloo group. The two-process run itself: tests/e2e/test_cli_fine_tune.py."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import numpy as np
import pytest

from desktop_app.core.training.device import LossScale, autocast_dtype, pick_device
from desktop_app.core.training.distributed import (
    DistributedError,
    Group,
    Launch,
    Solo,
    joined,
    launched,
)

torch = pytest.importorskip("torch")


def test_torchrun_environment_is_read_and_a_single_process_is_not_distributed():
    env = {"RANK": "1", "WORLD_SIZE": "4", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "2"}
    assert launched(env) == Launch(rank=1, world_size=4, local_rank=1, local_world_size=2)
    assert launched({}) is None  # a plain `desktop-app train`
    assert launched({"RANK": "0", "WORLD_SIZE": "1", "LOCAL_RANK": "0"}) is None  # one process
    assert launched({"RANK": "x", "WORLD_SIZE": "2"}) is None


def _group(rank: int, world: int, local_world: int | None = None) -> Group:
    launch = Launch(rank, world, rank, local_world or world)
    return Group(torch, launch, "cpu", "gloo")


def test_each_process_takes_its_part_of_every_global_batch_and_together_all_of_it():
    batch = np.array([5, 3, 9, 1, 0, 7, 2, 8, 6])
    parts = [_group(r, 2).part(batch) for r in range(2)]
    assert [len(p) for p, _ in parts] == [5, 4] and [b for _, b in parts] == [0, 5]
    assert np.array_equal(np.concatenate([p for p, _ in parts]), batch)
    # a last batch with fewer images than processes: one process gets none
    (first, _), (second, before) = (_group(r, 2).part(np.array([4])) for r in range(2))
    assert list(first) == [4] and len(second) == 0 and before == 1
    assert Solo().part(batch)[0] is batch
    assert _group(0, 4, local_world=2).cpu_threads(16) == 8  # the machine shared by its ranks
    assert Solo().cpu_threads(16) == 16


def test_dropout_masks_of_the_parts_are_the_whole_batch_mask():
    from desktop_app.core.training.heads import ByteDropout

    x = torch.ones(7, 10)
    whole = ByteDropout(0.5, seed=3).train()(x)
    pieces = []
    for before, rows in [(0, 4), (4, 3)]:
        dropout = ByteDropout(0.5, seed=3).train()
        dropout.part = (before, 7)
        pieces.append(dropout(x[before : before + rows]))
    assert torch.equal(torch.cat(pieces), whole)


def test_an_image_is_augmented_alike_whichever_batch_or_process_takes_it():
    from desktop_app.core.training.augment import Augmenter
    from desktop_app.core.training.finetune_parts import augment_seed

    rng = np.random.default_rng(0)
    images = [rng.integers(0, 256, (40, 50, 3), dtype=np.uint8) for _ in range(3)]
    seeds = [augment_seed(0, 1, i) for i in range(3)]
    augmenter = Augmenter(32, [0.5] * 3, [0.5] * 3, seed=0)
    together = augmenter(images, seeds)
    alone = np.concatenate([augmenter([images[i]], [seeds[i]]) for i in (2, 0, 1)])
    assert np.array_equal(together, alone[[1, 2, 0]])
    assert not np.array_equal(together[0], augmenter(images[:1], [augment_seed(0, 2, 0)])[0])


def _torch_with(cuda: bool, devices: int = 1, bf16: bool = True):
    """A stand-in for torch's device queries (there is no GPU on the test machine)."""
    return SimpleNamespace(
        cuda=SimpleNamespace(
            is_available=lambda: cuda,
            device_count=lambda: devices,
            is_bf16_supported=lambda: bf16,
        ),
        bfloat16="bfloat16",
        float16="float16",
    )


def test_the_device_is_cuda_when_torch_sees_one_and_each_rank_has_its_own():
    assert pick_device(_torch_with(cuda=False), "auto") == "cpu"
    assert pick_device(_torch_with(cuda=False), "cuda") == "cpu"  # as the head: no error
    assert pick_device(_torch_with(cuda=True), "auto") == "cuda"
    assert pick_device(_torch_with(cuda=True), "cpu") == "cpu"
    assert pick_device(_torch_with(cuda=True, devices=4), "auto", local_rank=2) == "cuda:2"
    assert pick_device(_torch_with(cuda=True, devices=2), "auto", local_rank=3) == "cuda:1"


def test_mixed_precision_on_cuda_only_bfloat16_where_the_gpu_has_it():
    assert autocast_dtype(_torch_with(cuda=True), "cpu") is None
    assert autocast_dtype(_torch_with(cuda=True, bf16=True), "cuda:0") == "bfloat16"
    assert autocast_dtype(_torch_with(cuda=True, bf16=False), "cuda") == "float16"


def test_float16_loss_scale_skips_overflowing_steps_and_grows_back():
    scale = LossScale(True, scale=8.0, growth_interval=2)
    param = torch.nn.Parameter(torch.zeros(2))
    param.grad = torch.tensor([8.0, 16.0])
    scale.unscale([param])
    assert param.grad.tolist() == [1.0, 2.0]
    assert scale.update(float("inf")) is False and scale.scale == 4.0 and scale.skipped == 1
    assert scale.update(1.0) and scale.update(1.0) and scale.scale == 8.0
    off = LossScale(False)
    assert off.scale == 1.0 and off.update(float("nan")) is True  # float32 / bfloat16


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_one_process_gloo_group_sends_arrays_sums_and_names_a_lost_peer(monkeypatch):
    monkeypatch.setenv("MASTER_ADDR", "127.0.0.1")
    monkeypatch.setenv("MASTER_PORT", str(_free_port()))
    with joined(Launch(0, 1, 0, 1), "cpu") as group:
        assert isinstance(group, Group) and group.backend == "gloo" and group.is_main
        arrays = {"w": np.arange(6, dtype=np.float32).reshape(2, 3), "n": np.array([3])}
        got, info = group.broadcast_arrays(arrays, {"skipped": ["a.png"], "epochs_run": 2})
        assert info == {"skipped": ["a.png"], "epochs_run": 2}
        assert got["w"].dtype == np.float32 and np.array_equal(got["w"], arrays["w"])
        assert np.array_equal(got["n"], arrays["n"])
        assert group.sum([1.5, 2]).tolist() == [1.5, 2.0]
        assert group.describe(group.per_process(17))["images_by_process"] == [17]
        peer_gone = RuntimeError("[gloo/transport/tcp/pair.cc:553] Connection closed by peer")
        with pytest.raises(DistributedError, match="another process failed"), group.guard():
            raise peer_gone
        with pytest.raises(ValueError), group.guard():  # not communication: passes as it is
            raise ValueError("other")
        assert torch.distributed.is_initialized()
    assert not torch.distributed.is_initialized()  # destroyed when the block ends
    with joined(None) as solo:
        assert isinstance(solo, Solo) and solo.describe([]) == {"processes": 1}
