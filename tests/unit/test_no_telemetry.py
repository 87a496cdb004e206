"""ONNX Runtime writes a telemetry device ID under ~/.cache/Microsoft unless told not to: the app
tells it not to, so using the app writes nothing outside its own folders."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# ONNX Runtime keeps quiet by itself where one of these says it runs on a CI service (as our CI
# does): the children run without them, as on a user's machine.
CI_MARKERS = (
    "CI",
    "GITHUB_ACTIONS",
    "TF_BUILD",
    "JENKINS_URL",
    "GITLAB_CI",
    "TRAVIS",
    "CIRCLECI",
    "BUILDKITE",
    "TEAMCITY_VERSION",
    "CODEBUILD_BUILD_ID",
    "APPVEYOR",
    "ORT_RUNNING_UNIT_TESTS",
)


def _run_session(home: Path, extra_env: dict[str, str], import_app: bool) -> None:
    code = (
        ("import desktop_app\n" if import_app else "")
        + "import onnxruntime as ort\n"
        + f"ort.InferenceSession({str(ROOT / 'models' / 'scratch-cnn.onnx')!r}, "
        + "providers=['CPUExecutionProvider'])\n"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "ORT_")) and k not in CI_MARKERS
    }
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), **extra_env)
    subprocess.run([sys.executable, "-c", code], env=env, cwd=home, check=True, timeout=120)


def test_importing_the_app_turns_onnx_runtime_telemetry_off(tmp_path):
    bare, ours = tmp_path / "bare", tmp_path / "ours"
    bare.mkdir()
    ours.mkdir()
    _run_session(bare, {}, import_app=False)
    # the check can fail: without the setting ONNX Runtime does write its device ID
    assert (bare / ".cache" / "Microsoft").exists()
    _run_session(ours, {}, import_app=True)
    assert sorted(p.name for p in ours.rglob("*")) == []
