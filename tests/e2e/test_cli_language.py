"""Issue 15 #10 / 19: with no --backbone, `train` tries the text models made for the texts' language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOOD = ["房间干净，服务热情，下次还来", "早餐丰富，位置很好，推荐", "前台很友好，床很舒服"]
BAD = ["房间很脏，空调坏了，不推荐", "服务太差，等了很久没人管", "隔音差，一晚上没睡好"]


def test_chinese_texts_train_the_any_language_model_and_say_why(tmp_path: Path) -> None:
    rows = ["label,review"]
    for i in range(20):
        rows += [f"1,{GOOD[i % 3]}{i}", f"0,{BAD[i % 3]}{i}"]
    data = tmp_path / "reviews.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "train",
            str(data),
            "--out",
            str(tmp_path / "m.onnx"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CLASSIFIER_STUDIO_HOME": str(tmp_path / "home")},
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # Chinese texts: only the two any-language models are tried (never the English one)
    chosen = json.loads(result.stdout)["backbone"]
    assert chosen in ("scratch-text", "multilingual-e5-small")
    assert (
        "backbone: auto (the texts look Chinese, tries scratch-text, multilingual-e5-small;"
        " --backbone to choose)" in result.stderr
    )
    title = {
        "scratch-text": "Any language, from scratch",
        "multilingual-e5-small": "Any language (accurate)",
    }
    assert f"Chose {title[chosen]}: " in result.stderr
