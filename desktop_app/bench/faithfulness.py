"""Are the explanations faithful? Measured, not asserted (issue 18, must-show 3).

Images (`images MODEL FOLDER`): for each image, grey out (the image's mean colour) the 20 % of
pixels the heatmap ranks highest, or 20 % of the pixels at random, and take the drop of the
predicted class's probability; a faithful heatmap's drop is much larger. Then the sanity check
of Adebayo et al. (2018): the head's weights randomly re-initialised (same scale), the maps for
the same class must change: Spearman rank correlation near 0, both between the two heatmaps the
product shows (over the crop the model saw) and between the two raw class maps.

Texts (`texts MODEL FILE`): remove the words weighted highest (20 %, at least one) or as many
random words from the text; the drop of the predicted class's probability.

    python -m desktop_app.bench.faithfulness images model.onnx flowers12/test --json out.json
    python -m desktop_app.bench.faithfulness texts sms.onnx SMSSpamCollection --limit 300
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SHARE = 0.20
RANDOM_DRAWS = 5  # random masks per image, averaged (one draw alone moves the mean by ±20 %)


def rank_correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's ρ (ranks with ties averaged), numpy only."""

    def ranks(x: np.ndarray) -> np.ndarray:
        _, inverse, counts = np.unique(x.ravel(), return_inverse=True, return_counts=True)
        ends = np.cumsum(counts).astype(np.float64)  # sorted distinct values → rank ranges
        return (ends - (counts - 1) / 2.0 - 1.0)[inverse.ravel()]  # the mean rank of ties

    ra, rb = ranks(a), ranks(b)
    ra -= ra.mean()
    rb -= rb.mean()
    denominator = float(np.sqrt((ra * ra).sum() * (rb * rb).sum()))
    return float((ra * rb).sum() / denominator) if denominator > 0 else 0.0


def grey_out(image: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """The image with the chosen pixels (flat indices) set to its mean colour."""
    out = image.copy()
    flat = out.reshape(-1, 3)
    flat[chosen] = image.reshape(-1, 3).mean(axis=0).astype(np.uint8)
    return out


def random_cells(height: int, width: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """A score per pixel that is constant on each cell of a 7 x 7 grid over the model's crop
    (random per cell; 0 outside the crop): greying its top pixels greys random regions of
    the heatmap's own grain, where scattered pixels add noise all over the image."""
    import cv2

    from desktop_app.core.explain import crop_box

    rows, cols, top, left, _, _ = crop_box(height, width, size)
    canvas = np.zeros((rows, cols), np.float32)
    grid = (rng.random((7, 7)) + 1.0).astype(np.float32)
    canvas[top : top + size, left : left + size] = cv2.resize(
        grid, (size, size), interpolation=cv2.INTER_NEAREST
    )
    return cv2.resize(canvas, (width, height), interpolation=cv2.INTER_NEAREST)


def randomised_head(model_path: Path, seed: int = 0) -> bytes:
    """The model with its head's weight matrices (the `head/` initializers of 2-D shape, or
    the last Gemm's weight in a whole-graph model) re-drawn at random with the same scale."""
    import onnx
    from onnx import numpy_helper

    from desktop_app.core.onnx_utils import restore_weights_fp32

    model = restore_weights_fp32(onnx.load(str(model_path)))
    rng = np.random.default_rng(seed)
    gemm_weights = [n.input[1] for n in model.graph.node if n.op_type == "Gemm"]
    names = {i.name for i in model.graph.initializer if i.name.startswith("head/")}
    names = {n for n in names if n in gemm_weights} or set(gemm_weights[-1:])
    for index, init in enumerate(model.graph.initializer):
        if init.name in names:
            weight = numpy_helper.to_array(init)
            fresh = rng.normal(0.0, float(weight.std()) or 1.0, weight.shape).astype(np.float32)
            model.graph.initializer[index].CopyFrom(numpy_helper.from_array(fresh, init.name))
    return model.SerializeToString()


def images(
    model: Path, folder: Path, limit: int | None, seed: int = 0, draws: int = RANDOM_DRAWS
) -> dict:
    import cv2

    from desktop_app.core.data.images import load_image
    from desktop_app.core.explain import CAM_OUTPUT, ImageExplainer, crop_box
    from desktop_app.core.inference import Predictor, expand_paths
    from desktop_app.core.runtime import CPU, create_session

    predictor = Predictor(model)
    explainer = ImageExplainer(predictor)
    redrawn = randomised_head(model, seed)
    random_head = create_session(redrawn, [CPU])
    with tempfile.TemporaryDirectory() as folder_for_copy:
        copy = Path(folder_for_copy) / "randomised-head.onnx"
        copy.write_bytes(redrawn)
        random_explainer = ImageExplainer(Predictor(copy))
    rng = np.random.default_rng(seed)
    files = expand_paths([folder])
    if limit:
        files = files[:: max(1, len(files) // limit)][:limit]
    top_drops, random_drops, cell_drops, correlations, map_correlations = [], [], [], [], []
    explain_s, predict_s = [], []
    for path in files:
        image = load_image(path)
        start = time.perf_counter()
        predictor.probabilities([image])
        predict_s.append(time.perf_counter() - start)
        found = explainer.explain(image)
        explain_s.append(found.seconds)
        height, width = image.shape[:2]
        heat = cv2.resize(found.heatmap, (width, height), interpolation=cv2.INTER_LINEAR)
        k = int(round(SHARE * height * width))
        noise = rng.random(heat.size) * 1e-6  # ties (0 outside the crop) broken at random
        top = np.argsort(-(heat.ravel() + noise))[:k]
        chances = [rng.choice(heat.size, size=k, replace=False) for _ in range(draws)]
        cells = [
            np.argsort(-(random_cells(height, width, explainer.size, rng).ravel() + noise))[:k]
            for _ in range(draws)
        ]
        p0 = found.probability
        greyed = predictor.probabilities(
            [grey_out(image, chosen) for chosen in [top, *chances, *cells]]
        )[:, found.class_index]
        top_drops.append(p0 - float(greyed[0]))
        random_drops.append(p0 - float(greyed[1 : 1 + draws].mean()))  # several draws: the
        cell_drops.append(p0 - float(greyed[1 + draws :].mean()))  # baseline's own noise
        if found.raw is not None:
            other = random_head.run([CAM_OUTPUT], {"image": image[None]})[0][0]
            correlations.append(rank_correlation(found.raw, other[found.class_index]))
        # the product's heatmap itself, trained head vs re-drawn head, same class, over the
        # crop the model saw (both are 0 outside it, which would inflate ρ)
        again = random_explainer.explain(image, found.class_index)
        _, _, top_row, left, size, _ = crop_box(height, width, explainer.size)
        window = np.s_[top_row : top_row + size, left : left + size]
        map_correlations.append(rank_correlation(found.heatmap[window], again.heatmap[window]))
    top_mean, random_mean = float(np.mean(top_drops)), float(np.mean(random_drops))
    cell_mean = float(np.mean(cell_drops))
    return {
        "model": str(model),
        "method": explainer.method,
        "images": len(files),
        "share_greyed": SHARE,
        "random_draws_per_image": draws,
        "drop_top_mean": top_mean,
        "drop_random_mean": random_mean,
        "ratio": top_mean / random_mean if random_mean > 0 else None,
        "drop_random_regions_mean": cell_mean,
        "ratio_vs_random_regions": top_mean / cell_mean if cell_mean > 0 else None,
        "drop_top_median": float(np.median(top_drops)),
        "drop_random_median": float(np.median(random_drops)),
        "randomised_head_heatmap_spearman_mean": float(np.mean(map_correlations)),
        "randomised_head_heatmap_spearman_abs_mean": float(np.mean(np.abs(map_correlations))),
        "randomised_head_spearman_mean": float(np.mean(correlations)) if correlations else None,
        "randomised_head_spearman_abs_mean": float(np.mean(np.abs(correlations)))
        if correlations
        else None,
        "explain_ms_median": statistics.median(explain_s) * 1000,
        "predict_ms_median": statistics.median(predict_s) * 1000,
    }


def held_out_texts(data: Path) -> tuple[list[str], str]:
    """The texts of the held-out split (test, else val) as `train` split `data` (its defaults)."""
    from desktop_app.core.training.events import CancelToken
    from desktop_app.core.workflows.importing import import_data
    from desktop_app.core.workflows.stages import drain

    dataset = drain(import_data(data, CancelToken())).dataset
    split = "test" if dataset.has_split("test") else "val"
    return [dataset.items[i] for i in dataset.indices(split)], split


def texts(model: Path, data: Path, limit: int, seed: int = 0) -> dict:
    """An even sample of `limit` texts (3 words or more) of the held-out split of `data`."""
    from desktop_app.core.explain import explain_text
    from desktop_app.core.inference import Predictor

    predictor = Predictor(model)
    rng = np.random.default_rng(seed)
    lines, split = held_out_texts(data)
    lines = [t for t in lines if len(t.split()) >= 3]
    lines = lines[:: max(1, len(lines) // limit)][:limit]
    top_drops, random_drops, seconds = [], [], []
    for text in lines:
        found = explain_text(predictor, text)
        seconds.append(found.seconds)
        if not found.words:
            continue
        k = max(1, int(round(SHARE * len(found.words))))
        ranked = sorted(range(len(found.words)), key=lambda i: -found.words[i].weight)[:k]
        chance = rng.choice(len(found.words), size=k, replace=False).tolist()

        variants = [_without(text, found.words, ranked), _without(text, found.words, chance)]
        p = predictor.text_probabilities(variants)[:, found.class_index]
        top_drops.append(found.probability - float(p[0]))
        random_drops.append(found.probability - float(p[1]))
    top_mean, random_mean = float(np.mean(top_drops)), float(np.mean(random_drops))
    return {
        "model": str(model),
        "texts": len(top_drops),
        "split": split,
        "share_removed": SHARE,
        "drop_top_mean": top_mean,
        "drop_random_mean": random_mean,
        "ratio": top_mean / random_mean if random_mean > 0 else None,
        "explain_ms_median": statistics.median(seconds) * 1000,
    }


def _without(text: str, words, chosen: list[int]) -> str:
    """`text` with the chosen words cut out."""
    out, end = [], 0
    for i in sorted(chosen):
        out.append(text[end : words[i].start])
        end = words[i].end
    return "".join(out) + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop_app.bench.faithfulness")
    parser.add_argument("kind", choices=["images", "texts"])
    parser.add_argument("model", type=Path)
    parser.add_argument("data", type=Path, help="a folder of images, or a file of texts")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.kind == "images":
        found = images(args.model, args.data, args.limit, args.seed)
    else:
        found = texts(args.model, args.data, args.limit or 300, args.seed)
    text = json.dumps(found, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
