"""The CUDA paths CI cannot run: heads trained by torch on `cuda`, and ONNX Runtime's CUDA
provider for the backbones. Each test skips itself where its GPU path is missing; on a GPU
machine `pytest tests/gpu` runs them (README, "Tests")."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.core.calibration import exported_probabilities
from desktop_app.core.catalog import get_backbone
from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.data.images import load_image
from desktop_app.core.export import export_model
from desktop_app.core.inference import Predictor
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Finished
from desktop_app.core.training.loop import train
from tests.helpers.synthetic import write_class_folders
from tests.unit.test_scratch_text import synthetic_texts

torch = pytest.importorskip("torch")
needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="torch sees no CUDA GPU")


def _train(config: TrainConfig, dataset):
    return next(e.result for e in train(config, dataset) if isinstance(e, Finished))


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    return scan_image_folder(write_class_folders(tmp_path_factory.mktemp("data"), per_class=12))


@needs_cuda
@pytest.mark.parametrize("backbone", ["efficientnet-lite0", "scratch-cnn"])
def test_image_head_trains_on_cuda_and_exports_with_parity(images, backbone, tmp_path):
    gpu = _train(TrainConfig(backbone=backbone, device="cuda", max_epochs=15), images)
    cpu = _train(TrainConfig(backbone=backbone, device="cpu", max_epochs=15), images)
    assert gpu.device == "cuda" and cpu.device == "cpu"
    assert gpu.val_metrics.accuracy >= cpu.val_metrics.accuracy - 0.1
    # the export runs the head trained on the GPU through ONNX Runtime and checks it against
    # torch's probabilities (≤ 1e-4), then the file classifies like the torch head did
    report = export_model(gpu, tmp_path / "gpu.onnx")
    assert report.parity_max_abs_diff <= 1e-4
    predictor = Predictor(tmp_path / "gpu.onnx")
    got = predictor.probabilities([load_image(p) for p in gpu.reference_items])
    want = exported_probabilities(gpu, np.array(gpu.reference_probabilities))
    np.testing.assert_allclose(got, want, atol=1e-4)  # calibrated in the graph (issue 18)


@needs_cuda
def test_text_head_trains_on_cuda_and_exports_with_parity(tmp_path):
    dataset = synthetic_texts()
    gpu = _train(TrainConfig(backbone="scratch-text", device="cuda"), dataset)
    assert gpu.device == "cuda" and gpu.val_metrics.accuracy >= 0.9
    report = export_model(gpu, tmp_path / "text.onnx")
    assert report.parity_max_abs_diff <= 1e-4
    predictor = Predictor(tmp_path / "text.onnx")
    assert predictor.task == "text"


def test_onnx_runtime_cuda_provider_gives_the_cpu_embeddings():
    import onnxruntime as ort

    from desktop_app.core.runtime import CPU, CUDA, create_session, run_images

    if CUDA not in ort.get_available_providers():
        pytest.skip(f"this onnxruntime ({ort.__version__}) has no CUDA provider")
    path = get_backbone("efficientnet-lite0").model_path
    gpu = create_session(str(path), [CUDA, CPU])
    if gpu.get_providers()[0] != CUDA:
        pytest.skip("the CUDA provider is there but CUDA's libraries are not (ORT fell back)")
    cpu = create_session(str(path), [CPU])
    rng = np.random.default_rng(0)
    batch = [rng.integers(0, 256, (240, 320, 3), dtype=np.uint8) for _ in range(8)]
    a, b = run_images(gpu, batch), run_images(cpu, batch)
    cosine = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    assert float(cosine.min()) > 0.999


@needs_cuda
def test_fine_tune_runs_on_cuda_in_mixed_precision_and_exports_with_parity(images, tmp_path):
    """Issue 17: the fine-tune's lower blocks and its learning part run in torch on the GPU,
    autocast to bfloat16 (float16 with loss scaling on GPUs without it); the export is float32
    and its parity is checked on the CPU like any other."""
    import json

    import onnx

    from desktop_app.core.training.events import CancelToken
    from desktop_app.core.workflows.stages import drain
    from desktop_app.core.workflows.train_export import train_and_export

    config = TrainConfig(device="cuda", max_epochs=3, fine_tune=True, fine_tune_epochs=2)
    out = tmp_path / "fine.onnx"
    done = drain(train_and_export(config, images, out, CancelToken()))
    record = done.result.fine_tune
    assert record["device"] == "cuda" and record["compute"]["lower"] == "PyTorch on cuda"
    assert record["mixed_precision"] in ("bfloat16", "float16")
    assert record["distributed"] == {"processes": 1}
    assert done.export.parity_max_abs_diff <= 1e-4
    stored = json.loads({p.key: p.value for p in onnx.load(str(out)).metadata_props}["fine_tuning"])
    assert stored["mixed_precision"] == record["mixed_precision"]
    assert done.result.val_metrics.accuracy >= 0.8


needs_two_gpus = pytest.mark.skipif(
    not torch.cuda.is_available() or torch.cuda.device_count() < 2,
    reason="torchrun over NCCL needs two CUDA GPUs",
)


@needs_two_gpus
def test_torchrun_fine_tunes_over_nccl_one_gpu_per_process(tmp_path):
    """`torchrun --nproc_per_node=2 … --fine-tune`: NCCL, each process on its own GPU."""
    import json
    import sys

    from tests.e2e.test_cli_fine_tune import cli

    data = write_class_folders(tmp_path / "data", per_class=13)
    out = tmp_path / "out" / "ddp.onnx"
    launcher = (sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2")
    args = ("--epochs", "2", "--fine-tune-epochs", "1", "--device", "cuda")
    run = cli("train", str(data), "--out", str(out), *args, home=tmp_path, launcher=launcher)
    lines = run.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])["fine_tune"]
    assert record["distributed"]["backend"] == "nccl" and record["distributed"]["processes"] == 2
    assert all(n > 0 for n in record["distributed"]["images_by_process"])
    assert record["device"] == "cuda:0" and record["mixed_precision"] is not None
