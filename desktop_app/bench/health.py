"""Measure data health (`desktop-app inspect`) on copies of real data; prints one JSON object.

    python -m desktop_app.bench.health prepare FOLDER OUT
    python -m desktop_app.bench.health noisy DATA_WITH_FLIPS FLIPS.json CLEAN_DATA
    python -m desktop_app.bench.health leaks DATA_WITH_COPIES PLANTED.json
    python -m desktop_app.bench.health clean DATA
    python -m desktop_app.bench.health timing DATA N

`prepare`: copies of an image folder with train/test sub-folders (flowers12): OUT/noisy with 5 %
of the train labels flipped at random (seed 0; OUT/flips.json), OUT/copies with 40 train images
copied into test and 20 test images into train, each cropped 3–10 % a side, scaled 0.5–0.85 and
re-encoded as JPEG quality 55–85 (seed 1; OUT/planted.json), and OUT/copies-slight the same with
a crop of 0–5 % a side (OUT/planted-slight.json).
`noisy`: precision of the top-k label issues (k = the number flipped) and test accuracy trained
on the noisy labels, after accepting the suggestions (train and val items only: test labels are
what is measured against) and on the clean labels. FLIPS.json: [{"path", "true", "given"}].
`leaks`: the share of planted copies (PLANTED.json: [{"original", "copy"}], in other splits)
reported as leaks, and the other pairs reported. `clean`: how many pairs, outliers, label issues
are reported on data as it is. `timing`: cross-validation + checks on N feature vectors made from
DATA's cached ones (each a real vector plus noise: no two alike), as on a warm feature cache.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace

import numpy as np

from desktop_app.core.catalog import default_backbone
from desktop_app.core.crossval import cross_validate_features
from desktop_app.core.features import extract_features
from desktop_app.core.health import HealthInput, inspect_health
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import CancelToken
from desktop_app.core.training.loop import train
from desktop_app.core.workflows.importing import import_data
from desktop_app.core.workflows.inspect import inspect_data
from desktop_app.core.workflows.stages import drain


def _read(path: str):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def _dataset(path: str):
    return drain(import_data(path, CancelToken())).dataset


def _test_accuracy(dataset) -> float:
    result = drain(train(TrainConfig(backbone=default_backbone("image").id), dataset))
    return round(result.test_metrics.accuracy, 4)


def noisy(data: str, flips_file: str, clean: str) -> dict:
    dataset = _dataset(data)
    flips = _read(flips_file)
    flipped = {f["path"] for f in flips}
    start = time.perf_counter()
    report = drain(inspect_data(dataset, None, CancelToken()))
    seconds = time.perf_counter() - start
    issues = report.of_kind("label_issues")
    k = len(flipped)
    top = [f.items[0] for f in issues[:k]]
    true_of = {f["path"]: f["true"] for f in flips}
    right_suggestion = sum(
        1
        for f in issues
        if f.items[0] in flipped and dataset.classes[f.suggested] == true_of[f.items[0]]
    )
    labels = list(dataset.labels)
    accepted = 0
    for finding in issues:
        position = finding.positions[0]
        if dataset.splits[position] != "test":
            labels[position] = finding.suggested
            accepted += 1
    fixed = replace(dataset, labels=tuple(labels))
    return {
        "items": len(dataset),
        "flipped": k,
        "label_issues": len(issues),
        "precision_at_k": round(sum(p in flipped for p in top) / k, 4),
        "recall_all_issues": round(sum(f.items[0] in flipped for f in issues) / k, 4),
        "suggestion_is_true_label": right_suggestion,
        "accepted": accepted,
        "inspect_seconds": round(seconds, 2),
        "test_accuracy": {
            "noisy": _test_accuracy(dataset),
            "accepted": _test_accuracy(fixed),
            "clean": _test_accuracy(_dataset(clean)),
        },
    }


def leaks(data: str, planted_file: str) -> dict:
    dataset = _dataset(data)
    planted = {frozenset((p["original"], p["copy"])) for p in _read(planted_file)}
    report = drain(inspect_data(dataset, None, CancelToken()))
    found = {frozenset(f.items) for f in report.of_kind("leaks")}
    pairs = found | {frozenset(f.items) for f in report.of_kind("near_duplicates")}
    return {
        "planted": len(planted),
        "leak_recall": round(len(planted & found) / len(planted), 4),
        "found_as_any_pair": len(planted & pairs),
        "other_leaks": len(found - planted),
        "other_near_duplicates": len(pairs - found - planted),
    }


def clean(data: str) -> dict:
    dataset = _dataset(data)
    report = drain(inspect_data(dataset, None, CancelToken()))
    out = report.to_json()
    return {
        "items": out["n_items"],
        "counts": out["counts"],
        "timings": out["timings"],
        "pairs_checked": out["pairs_checked"],
        "seconds": round(sum(out["timings"].values()), 2),
    }


def timing(data: str, n: int) -> dict:
    dataset = _dataset(data)
    backbone = default_backbone(dataset.task)
    features = drain(extract_features(dataset, backbone, CancelToken()))
    rng = np.random.default_rng(0)
    pick = rng.integers(0, features.features.shape[0], n)
    x = features.features[pick]
    x = x + rng.normal(0, 1, x.shape).astype(np.float32) * x.std(0, keepdims=True) * 0.5
    labels = np.asarray(dataset.labels)[features.positions][pick]
    splits = tuple(rng.choice(["train", "val", "test"], n, p=[0.7, 0.15, 0.15]))
    start = time.perf_counter()
    cv = drain(
        cross_validate_features(
            TrainConfig(backbone=backbone.id), backbone, x, labels, len(dataset.classes), 5
        )
    )
    cv_seconds = time.perf_counter() - start
    start = time.perf_counter()
    report = drain(
        inspect_health(
            HealthInput(
                classes=tuple(dataset.classes),
                items=tuple(f"item{i}" for i in range(n)),
                labels=labels,
                splits=splits,
                features=x,
                positions=np.arange(n),
                probabilities=cv.oof_probabilities,
                prob_rows=np.arange(n),
            )
        )
    )
    return {
        "items": n,
        "cross_validation_s": round(cv_seconds, 2),
        "checks_s": round(time.perf_counter() - start, 2),
        "check_timings": {k: round(v, 2) for k, v in report.timings.items()},
        "counts": report.to_json()["counts"],
    }


def prepare(folder: str, out: str) -> dict:
    import shutil
    from pathlib import Path

    import cv2

    source, out_dir = Path(folder), Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)

    def fresh(name: str) -> Path:
        target = out_dir / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target)
        return target

    noisy_dir = fresh("noisy")
    rng = np.random.default_rng(0)
    files = sorted((noisy_dir / "train").glob("*/*"))
    classes = sorted(p.name for p in (noisy_dir / "train").iterdir())
    flips = []
    for i in rng.choice(len(files), round(0.05 * len(files)), replace=False):
        given = files[i].parent.name
        wrong = str(rng.choice([c for c in classes if c != given]))
        moved = noisy_dir / "train" / wrong / files[i].name
        files[i].rename(moved)
        flips.append({"path": str(moved), "true": given, "given": wrong})
    (out_dir / "flips.json").write_text(json.dumps(flips, indent=1), encoding="utf-8")

    planted_counts = {}
    for name, crop in (("copies", (0.03, 0.10)), ("copies-slight", (0.0, 0.05))):
        target = fresh(name)
        rng = np.random.default_rng(1)
        pairs = []
        for src_split, dst_split, n in (("train", "test", 40), ("test", "train", 20)):
            files = sorted((target / src_split).glob("*/*"))
            for i in rng.choice(len(files), n, replace=False):
                image = cv2.imread(str(files[i]))
                h, w = image.shape[:2]
                c = rng.uniform(*crop)
                y0, x0 = int(h * c * rng.uniform(0.5, 1)), int(w * c * rng.uniform(0.5, 1))
                image = image[y0 : h - int(h * c), x0 : w - int(w * c)]
                scale = rng.uniform(0.5, 0.85)
                image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
                copy = target / dst_split / files[i].parent.name / f"dup_{files[i].stem}.jpg"
                cv2.imwrite(str(copy), image, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(55, 86))])
                pairs.append({"original": str(files[i]), "copy": str(copy)})
        planted = "planted.json" if name == "copies" else "planted-slight.json"
        (out_dir / planted).write_text(json.dumps(pairs, indent=1), encoding="utf-8")
        planted_counts[name] = len(pairs)
    return {"flipped": len(flips), "planted": planted_counts}


def main(argv: list[str]) -> None:
    command, *rest = argv
    if command == "timing":
        rest[1] = int(rest[1])
    commands = {
        "prepare": prepare,
        "noisy": noisy,
        "leaks": leaks,
        "clean": clean,
        "timing": timing,
    }
    result = commands[command](*rest)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
