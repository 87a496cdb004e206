"""Measure data health (`desktop-app inspect`) on copies of real data; prints one JSON object.

    python -m desktop_app.bench.health prepare FOLDER OUT
    python -m desktop_app.bench.health noisy DATA_WITH_FLIPS FLIPS.json CLEAN_DATA
    python -m desktop_app.bench.health leaks DATA_WITH_COPIES PLANTED.json
    python -m desktop_app.bench.health clean DATA
    python -m desktop_app.bench.health timing DATA N
    python -m desktop_app.bench.health strays FOLDER OUT IMAGES_ROOT
    python -m desktop_app.bench.health outliers DATA_WITH_STRAYS STRAYS.json

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
`strays`: OUT/strays, a copy of FOLDER with 10 items unlike its classes put into random training
classes (seed 2; OUT/strays.json): 2 ants and 2 bees from IMAGES_ROOT/hymenoptera, 2 hands from
IMAGES_ROOT/sign-language-digits, 2 drawn screenshots (window, buttons, lines of text) and 2 drawn
pages of text. `outliers`: how many of them `outliers` reports (and `label_issues`, where a user
would meet them too), and how many other items it reports.
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


def _drawn(kind: str, rng: np.random.Generator) -> np.ndarray:
    """A screenshot-like or page-like picture (what lands in a photo folder by mistake)."""
    import cv2

    h, w = int(rng.integers(300, 500)), int(rng.integers(400, 700))
    image = np.full((h, w, 3), 255 if kind == "page" else 236, np.uint8)
    if kind == "screenshot":
        cv2.rectangle(image, (0, 0), (w, 28), (90, 60, 40), -1)  # title bar
        for _ in range(4):  # buttons
            x, y = int(rng.integers(10, w - 120)), int(rng.integers(40, h - 40))
            cv2.rectangle(image, (x, y), (x + 100, y + 28), (210, 140, 60), -1)
    y = 60
    while y < h - 20:
        words = " ".join(
            "".join(rng.choice(list("abcdefghij"), int(rng.integers(2, 8)))) for _ in range(6)
        )
        cv2.putText(image, words, (20, y), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (20, 20, 20), 1)
        y += int(rng.integers(22, 34))
    return image


def strays(folder: str, out: str, images_root: str) -> dict:
    import shutil
    from pathlib import Path

    import cv2

    target = Path(out) / "strays"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(folder, target)
    rng = np.random.default_rng(2)
    classes = sorted(p.name for p in (target / "train").iterdir())
    root = Path(images_root)
    sources = [
        *sorted((root / "hymenoptera" / "train" / "ants").glob("*.jpg"))[:40:20],
        *sorted((root / "hymenoptera" / "train" / "bees").glob("*.jpg"))[:40:20],
        *sorted((root / "sign-language-digits" / "Dataset").glob("*/*.JPG"))[:400:200],
    ]
    planted = []
    for i, item in enumerate([*sources, "screenshot", "screenshot", "page", "page"]):
        where = target / "train" / str(rng.choice(classes)) / f"stray_{i}.jpg"
        if isinstance(item, Path):
            shutil.copyfile(item, where)
        else:
            cv2.imwrite(str(where), _drawn(item, rng))
        planted.append({"path": str(where), "what": item if isinstance(item, str) else item.name})
    (Path(out) / "strays.json").write_text(json.dumps(planted, indent=1), encoding="utf-8")
    return {"planted": len(planted)}


def outliers(data: str, strays_file: str) -> dict:
    dataset = _dataset(data)
    planted = {p["path"] for p in _read(strays_file)}
    report = drain(inspect_data(dataset, None, CancelToken()))
    flagged = [f.items[0] for f in report.of_kind("outliers")]
    labelled = {f.items[0] for f in report.of_kind("label_issues")}
    return {
        "planted": len(planted),
        "outlier_recall": round(len(planted & set(flagged)) / len(planted), 4),
        "missed": sorted(_name(p) for p in planted - set(flagged)),
        "in_label_issues": len(planted & labelled),
        "other_outliers": len(set(flagged) - planted),
    }


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


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
        "strays": strays,
        "outliers": outliers,
    }
    result = commands[command](*rest)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
