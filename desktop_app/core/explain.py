"""Explanations from an exported model alone (ONNX Runtime + numpy + OpenCV at prediction time).

Images: where the model looked, a heatmap 0…1 over the WHOLE input image.
  Every image model the app exports ends in global average pooling of a convolutional feature
  map F [N, K, h, w] followed by a head that is piecewise linear in the pooled vector e (linear,
  or Linear-ReLU-Linear; the standardisation is affine). Within the ReLU pattern D the head
  takes at e, logits = A_D e + b_D exactly, so with e = mean_ij F_ij

      logit_c - b_D,c = mean_ij (A_D F_ij)_c      (exact: an affine map commutes with a mean)

  `cam[c, i, j] = (A_D F_ij)_c` is the class activation map (Zhou et al. 2016) for a linear head
  and Grad-CAM's weighted map (A_D row c is the gradient of logit c w.r.t. e) for the MLP head,
  before Grad-CAM's final clipping. `add_cam_output` writes it into the graph as the extra output
  `cam` [N, classes, h, w] (the logits before the calibration temperature, which only rescales):
  one run gives probabilities and maps, nearly free. Models without the output (exported
  before, or INT8 copies) get it added in memory when their graph has this shape; otherwise a
  gradient-free occlusion map (grey squares, repeated ORT runs) stands in, and the result says
  which `method` made it.

  The map covers the centre crop the model saw; it is placed where that crop lies in the whole
  image and is 0 outside it: the model never received those pixels, so any other value there
  would be invented.

  The heatmap shown is that map refined by the model's own answers (`ImageExplainer._refined`):
  a 7 x 7 map marks only the most decisive part, coarsely, and the model often has more evidence
  than that part. A few rounds each grey (the image's mean colour) the top of three readings of
  the current map (own; minus the strongest other class; minus the runner-up), in one batched
  run, keep the reading whose greying lowers the class's log-odds most, and go on from that
  image and its maps: the heatmap ranks places in the order they were found. Measured
  (bench/faithfulness.py, flowers12 test, the exported calibrated probabilities): greying its
  top 20 % costs the answer 2.4-3.1x what 20 % of random pixels cost, where the bare map
  reached 1.5-1.7x (without the calibration temperature: 1.7-2.0x, bare 1.3-1.4x).

Texts: which words pushed the decision: leave-one-word-out, every variant (the text with one
  word's tokens masked out of the attention mask) in one batch. A word's weight is the change
  in the log-odds of the predicted class when it is removed: positive pushed towards the
  predicted class, negative against it.
"""

from __future__ import annotations

import json
import re
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop_app.core.errors import CoreError

CAM_OUTPUT = "cam"
EXPLANATION_KEY = "explanation"  # metadata: how `cam` was made
OCCLUSION_GRID = 7  # occlusion fallback: squares per side over the whole image
# The map's refinement (`ImageExplainer.explain`): REFINE_STEPS rounds, each greying the
# REFINE_SHARE of the model's crop that the current contrastive map ranks highest
REFINE_STEPS = 4
REFINE_SHARE = 0.05
TEXT_VARIANT_BATCH = 64


class ExplainError(CoreError, ValueError):
    """An explanation cannot be made; the message says why."""


# --- the graph edit (needs `onnx`; used at export and for older models) ----------------------------

_PASS_THROUGH = {"Flatten", "Squeeze", "Reshape", "Identity", "Dropout"}
_ELEMENTWISE = {"Sub", "Add", "Mul", "Div"}


def add_cam_output(model: Any) -> str | None:
    """Add the output `cam` [N, classes, h, w] to an image classifier (`onnx.ModelProto`, in
    place); returns the method ("cam": linear head, "grad-cam": ReLU MLP head) or None when the
    graph is not global pooling followed by a piecewise-linear head (nothing changed then).

    The existing outputs and every existing node stay as they are: probabilities are unchanged."""
    from onnx import TensorProto, numpy_helper
    from onnx import helper as oh

    graph = model.graph
    if any(o.name == CAM_OUTPUT for o in graph.output):
        return _method_of(model)
    producers = {out: node for node in graph.node for out in node.output}
    softmax = next(
        (n for n in graph.node if n.op_type == "Softmax" and "probabilities" in n.output), None
    )
    if softmax is None:
        return None
    logits = softmax.input[0]
    div = producers.get(logits)
    if div is not None and div.op_type == "Div" and div.input[1] == "calibration/temperature":
        logits = div.input[0]  # the head's own logits: the temperature only rescales them
    constants = _constant_values(graph)
    values = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            values[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)

    chain: list[Any] = []  # head nodes from the pooled vector to the logits, last first
    value = logits
    pool = None
    while True:
        node = producers.get(value)
        if node is None:
            return None
        if _is_global_pool(node, values):
            pool = node
            break
        moving = [i for i in node.input if i and i not in constants]
        if len(moving) != 1 or not _supported(node, moving[0]):
            return None
        chain.append(node)
        value = moving[0]
        if len(chain) > 50:
            return None
    chain.reverse()
    leading = 0  # reshaping ops only right after the pooling (on [N, K, 1, 1] → [N, K])
    while leading < len(chain) and chain[leading].op_type in _PASS_THROUGH:
        leading += 1
    if leading == len(chain) or any(n.op_type in _PASS_THROUGH for n in chain[leading:]):
        return None
    feature_map = pool.input[0]
    pooled = pool.output[0]
    relus = sum(1 for n in chain if n.op_type == "Relu")

    p = "explain/"
    nodes: list[Any] = []
    inits: list[Any] = []

    def const(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.asarray(array), p + name))
        return p + name

    def emit(op: str, inputs: list[str], output: str, **attrs) -> str:
        nodes.append(oh.make_node(op, inputs, [p + output], name=p + output, **attrs))
        return p + output

    shape = emit("Shape", [feature_map], "shape")
    flat = emit("Reshape", [feature_map, const("nk_rest", np.array([0, 0, -1], np.int64))], "flat")
    loc = emit("Transpose", [flat], "loc", perm=[0, 2, 1])  # [N, L, K]
    one = const("one", np.array([1], np.int64))
    zero_i = const("zero_i", np.array([0], np.int64))
    first = emit("Slice", [loc, zero_i, one, one], "first")  # [N, 1, K]
    nothing = emit("Mul", [first, const("zero_f", np.array(0.0, np.float32))], "origin")
    x = emit("Concat", [loc, nothing], "points", axis=1)  # [N, L + 1, K]: every place, then 0
    mapped = {pooled: x}
    for index, head_node in enumerate(chain):
        moving = next(i for i in head_node.input if i and i not in constants)
        here = mapped[moving]
        tag = f"h{index}"
        op = head_node.op_type
        if op in _PASS_THROUGH:
            out = here
        elif op in _ELEMENTWISE:
            inputs = [here if i == moving else i for i in head_node.input]
            out = emit(op, inputs, tag)
        elif op == "MatMul":
            out = emit("MatMul", [here, head_node.input[1]], tag)
        elif op == "Gemm":
            attrs = {a.name: oh.get_attribute_value(a) for a in head_node.attribute}
            weight = head_node.input[1]
            if attrs.get("transB", 0):
                weight = emit("Transpose", [weight], tag + "_wt")
            out = emit("MatMul", [here, weight], tag + "_mm")
            if attrs.get("alpha", 1.0) != 1.0:
                alpha = const(tag + "_alpha", np.array(attrs["alpha"], np.float32))
                out = emit("Mul", [out, alpha], tag + "_a")
            if len(head_node.input) > 2 and head_node.input[2]:
                bias = head_node.input[2]
                if attrs.get("beta", 1.0) != 1.0:
                    beta = const(tag + "_beta", np.array(attrs["beta"], np.float32))
                    bias = emit("Mul", [bias, beta], tag + "_b")
                out = emit("Add", [out, bias], tag)
        elif op == "Relu":  # the ReLU pattern of the real (pooled) input, fixed for every place
            on = emit(
                "Greater", [moving, const(tag + "_0", np.array(0.0, np.float32))], tag + "_on"
            )
            mask = emit("Cast", [on], tag + "_mask", to=TensorProto.FLOAT)
            mask = emit("Unsqueeze", [mask, one], tag + "_mask3")
            out = emit("Mul", [here, mask], tag)
        else:  # pragma: no cover - _supported let only the ops above through
            return None
        mapped[head_node.output[0]] = out
    scores = mapped[logits]  # [N, L + 1, C]
    minus_one = const("minus_one", np.array([-1], np.int64))
    body = emit("Slice", [scores, zero_i, minus_one, one], "body")
    big = const("end", np.array([2**62], np.int64))
    base = emit("Slice", [scores, minus_one, big, one], "base")
    per_place = emit("Sub", [body, base], "per_place")  # [N, L, C]
    classes_first = emit("Transpose", [per_place], "classes_first", perm=[0, 2, 1])
    n = emit("Slice", [shape, zero_i, one], "n")
    hw = emit("Slice", [shape, const("two", np.array([2], np.int64)), big], "hw")
    target = emit("Concat", [n, minus_one, hw], "target", axis=0)
    nodes.append(oh.make_node("Reshape", [classes_first, target], [CAM_OUTPUT], name=p + "cam"))
    graph.node.extend(nodes)
    graph.initializer.extend(inits)
    graph.output.append(
        oh.make_tensor_value_info(CAM_OUTPUT, TensorProto.FLOAT, ["batch", "classes", "h", "w"])
    )
    return "grad-cam" if relus else "cam"


def remove_cam_output(model: Any) -> None:
    """Undo `add_cam_output` (in place): the graph exactly as it was before."""
    graph = model.graph
    keep = [
        n for n in graph.node if not n.name.startswith("explain/") and CAM_OUTPUT not in n.output
    ]
    del graph.node[:]
    graph.node.extend(keep)
    inits = [i for i in graph.initializer if not i.name.startswith("explain/")]
    del graph.initializer[:]
    graph.initializer.extend(inits)
    outputs = [o for o in graph.output if o.name != CAM_OUTPUT]
    del graph.output[:]
    graph.output.extend(outputs)


def explanation_metadata(method: str) -> str:
    """The `explanation` metadata entry written beside the `cam` output."""
    words = {
        "cam": "class activation map: the linear head applied at every place of the last "
        "feature map; its mean over places is the class logit minus the head's bias",
        "grad-cam": "Grad-CAM: the feature map weighted by the gradient of the class logit; "
        "exact for the ReLU head within its linear region (its mean over places is the logit "
        "minus that region's bias)",
    }
    return json.dumps(
        {
            "output": CAM_OUTPUT,
            "method": method,
            "about": words[method],
            "logits": "before the calibration temperature",
            "covers": "the centre crop of the preprocessing (see 'preprocessing')",
        }
    )


def _method_of(model: Any) -> str | None:
    for entry in model.metadata_props:
        if entry.key == EXPLANATION_KEY:
            try:
                return str(json.loads(entry.value).get("method"))
            except ValueError:
                return None
    return "cam"


def _constant_values(graph: Any) -> set[str]:
    """Names whose value does not depend on the graph's inputs."""
    constants = {i.name for i in graph.initializer}
    for node in graph.node:  # nodes are topologically sorted (the checker requires it)
        if node.op_type == "Constant" or (
            node.input and all((not i) or i in constants for i in node.input)
        ):
            constants.update(node.output)
    return constants


def _is_global_pool(node: Any, values: dict[str, np.ndarray]) -> bool:
    if node.op_type == "GlobalAveragePool":
        return True
    if node.op_type != "ReduceMean":
        return False
    axes = None
    if len(node.input) > 1 and node.input[1] in values:
        axes = values[node.input[1]].tolist()
    for attribute in node.attribute:
        if attribute.name == "axes":
            axes = list(attribute.ints)
    return axes is not None and sorted(int(a) % 4 for a in axes) == [2, 3]


def _supported(node: Any, moving: str) -> bool:
    """Ops a piecewise-linear head is made of, used linearly in the moving value."""
    op = node.op_type
    if op in _PASS_THROUGH or op == "Relu":
        return True
    if op in ("Sub", "Add", "Mul"):
        return True
    if op == "Div":
        return node.input[0] == moving  # x / constant (not constant / x)
    if op == "MatMul":
        return node.input[0] == moving
    if op == "Gemm":
        transposed_a = any(a.name == "transA" and a.i for a in node.attribute)
        return node.input[0] == moving and not transposed_a
    return False


# --- images -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageExplanation:
    """Where the model looked for `label`: `heatmap` 0…1 covering the whole image (same aspect,
    top row first, at most the model's input size on the shorter side); `method` says how."""

    label: str
    probability: float
    class_index: int
    heatmap: np.ndarray  # float32 [rows, cols]
    method: str  # "cam", "grad-cam" or "occlusion"
    seconds: float
    raw: np.ndarray | None = None  # the class's map over the crop before clipping (cam methods)

    def grid(self, longest: int = 32) -> list[list[float]]:
        """The heatmap as rows of values 0…1 (top row first), `longest` cells on the long side."""
        return [[round(float(v), 3) for v in row] for row in heatmap_grid(self.heatmap, longest)]


def heatmap_grid(heatmap: np.ndarray, longest: int = 32) -> np.ndarray:
    """The heatmap averaged down (or stretched up) to `longest` cells on its longer side."""
    import cv2

    rows, cols = heatmap.shape
    scale = longest / max(rows, cols)
    size = (max(1, round(cols * scale)), max(1, round(rows * scale)))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return np.clip(cv2.resize(heatmap, size, interpolation=interpolation), 0.0, 1.0)


def crop_box(height: int, width: int, size: int) -> tuple[int, int, int, int, int, int]:
    """(resized height, resized width, top, left, size, size) of the in-graph preprocessing:
    shorter side resized to `size` (ONNX Resize, keep_aspect_ratio_policy not_smaller), centre
    crop of size × size (CenterCropPad puts the odd pixel after)."""
    scale = max(size / height, size / width)
    rows, cols = max(size, round(height * scale)), max(size, round(width * scale))
    return rows, cols, (rows - size) // 2, (cols - size) // 2, size, size


def place_on_image(crop_map: np.ndarray, height: int, width: int, size: int) -> np.ndarray:
    """A map over the model's crop (any grid) → a map over the whole image (at the resized
    image's scale), bilinear inside the crop, 0 outside it."""
    import cv2

    rows, cols, top, left, _, _ = crop_box(height, width, size)
    canvas = np.zeros((rows, cols), np.float32)
    canvas[top : top + size, left : left + size] = cv2.resize(
        crop_map.astype(np.float32), (size, size), interpolation=cv2.INTER_LINEAR
    )
    return canvas


def _contrastive(cams: np.ndarray, index: int) -> np.ndarray:
    """Class `index`'s map minus the strongest other class's map at each place, clipped at 0:
    where the image favours this class over every alternative."""
    if cams.shape[0] < 2:
        return np.maximum(cams[index], 0.0)
    others = np.delete(cams, index, axis=0).max(axis=0)
    return np.maximum(cams[index] - others, 0.0)


def top_places(values: np.ndarray, allowed: np.ndarray, count: int) -> np.ndarray:
    """Flat indices of the `count` highest `values` among the `allowed` places (flat arrays);
    ties go to the earlier place."""
    free = np.flatnonzero(allowed)
    if count >= free.size:
        return free
    # the count-th highest value bounds the set: all above it, then ties in place order
    bound = np.partition(values[free], free.size - count)[free.size - count]
    above = free[values[free] > bound]
    ties = free[values[free] == bound][: count - above.size]
    return np.concatenate([above, ties])


def _readings(cams: np.ndarray, probabilities: np.ndarray, index: int) -> list[np.ndarray]:
    """Three readings of class `index`'s map, each clipped at 0: its own map; minus the
    strongest other class's map at each place; minus the runner-up class's map."""
    own = np.maximum(cams[index], 0.0)
    if cams.shape[0] < 2:
        return [own]
    if cams.shape[0] == 2:  # the strongest other class is the runner-up
        return [own, _contrastive(cams, index)]
    order = [int(i) for i in np.argsort(-probabilities, kind="stable") if i != index]
    return [own, _contrastive(cams, index), np.maximum(cams[index] - cams[order[0]], 0.0)]


def normalise(values: np.ndarray) -> np.ndarray:
    """Positive evidence only, scaled to 0…1 by its maximum (all 0 when there is none)."""
    clipped = np.maximum(values.astype(np.float32), 0.0)
    top = float(clipped.max()) if clipped.size else 0.0
    return clipped / top if top > 0 else np.zeros_like(clipped)


def overlay(image: np.ndarray, heatmap: np.ndarray, alpha: float = 0.45) -> np.ndarray:
    """RGB uint8 image with the heatmap drawn over it (OpenCV's JET colours, red = looked at)."""
    import cv2

    height, width = image.shape[:2]
    resized = cv2.resize(
        heatmap.astype(np.float32), (width, height), interpolation=cv2.INTER_LINEAR
    )
    colours = cv2.applyColorMap(np.uint8(np.clip(resized, 0, 1) * 255), cv2.COLORMAP_JET)
    colours = cv2.cvtColor(colours, cv2.COLOR_BGR2RGB)
    weight = (alpha * (0.35 + 0.65 * np.clip(resized, 0, 1)))[..., None]
    blended = image.astype(np.float32) * (1 - weight) + colours.astype(np.float32) * weight
    return np.clip(blended, 0, 255).astype(np.uint8)


class ImageExplainer:
    """Heatmaps for one loaded image model (a `Predictor`)."""

    def __init__(self, predictor: Any) -> None:
        if predictor.task != "image":
            raise ExplainError("explain.not_image", predictor.path.name)
        self.predictor = predictor
        try:
            self.size = int(json.loads(predictor.metadata.get("preprocessing", "{}"))["size"])
        except (ValueError, KeyError, TypeError) as error:
            raise ExplainError("explain.no_preprocessing", predictor.path.name) from error
        names = [o.name for o in predictor.session.get_outputs()]
        self.session = predictor.session if CAM_OUTPUT in names else None
        self.method = "occlusion"
        if self.session is not None:
            self.method = _read_method(predictor.metadata)
        else:
            self._add_in_memory()

    def _add_in_memory(self) -> None:
        """An older model (or an INT8 copy): add `cam` to a copy in memory when its graph allows."""
        try:
            import onnx
        except ImportError:  # pragma: no cover - the packaged app ships onnx
            return
        from desktop_app.core.runtime import create_session

        try:
            model = onnx.load(str(self.predictor.path))
            method = add_cam_output(model)
            if method is None:
                return
            self.session = create_session(model.SerializeToString(), list(self.predictor.providers))
            self.method = method
        except Exception:  # noqa: BLE001 - any failure here leaves the occlusion fallback
            self.session = None
            self.method = "occlusion"

    def explain(self, image: np.ndarray, class_index: int | None = None) -> ImageExplanation:
        """The heatmap for the predicted class (or `class_index`) of one RGB uint8 image."""
        start = time.perf_counter()
        if self.session is None:
            return self._occlusion(image, class_index, start)
        outputs = _guarded(self.predictor, self.session, ["probabilities", CAM_OUTPUT], image)
        probabilities, cams = outputs[0][0], outputs[1][0]
        index = int(np.argmax(probabilities)) if class_index is None else class_index
        raw = cams[index]
        heatmap = self._refined(image, probabilities, cams, index)
        return ImageExplanation(
            self.predictor.labels[index],
            float(probabilities[index]),
            index,
            np.clip(heatmap, 0.0, 1.0),
            self.method,
            time.perf_counter() - start,
            raw.astype(np.float32),
        )

    def _refined(
        self, image: np.ndarray, probabilities: np.ndarray, cams: np.ndarray, index: int
    ) -> np.ndarray:
        """The map over the whole image (resized scale), ranked by what the model uses.

        The first map marks the most decisive part, but the model often has more evidence than
        that one part (a second flower, the rest of the petals), and a 7 x 7 map is coarse. So,
        REFINE_STEPS rounds: each proposes the REFINE_SHARE of the crop (among places not yet
        taken) ranked highest by three readings of the current map (the class's own map; minus
        the strongest other class's at each place; minus the runner-up's), greys each proposal
        (the image's mean colour) in one batched run, and keeps the proposal that lowers the
        class's log-odds most; the next round starts from that image and its maps. The
        heatmap keeps the order: round r's places lie in the band (1 - (r+1)/(R+1), 1 - r/(R+1)]
        (by their map within it), the rest below, by the contrastive map of the image greyed
        so far. Cost: R batched runs of 3 images (bench row P2x)."""
        import cv2

        height, width = image.shape[:2]
        rows, cols, top, left, size, _ = crop_box(height, width, self.size)
        inside = np.zeros((rows, cols), bool)
        inside[top : top + size, left : left + size] = True
        inside = inside.ravel()
        rounds = REFINE_STEPS
        band = 1.0 / (rounds + 1)
        per_round = max(1, round(REFINE_SHARE * size * size))
        mean = image.reshape(-1, 3).mean(axis=0).astype(np.uint8)
        heat = np.zeros(rows * cols, np.float32)
        taken = np.zeros(rows * cols, bool)
        greyed = image
        for step in range(rounds):
            picks, values, variants = [], [], []
            for candidate in _readings(cams, probabilities, index):
                placed = normalise(place_on_image(candidate, height, width, self.size)).ravel()
                chosen = top_places(placed, inside & ~taken, per_round)
                mask = np.zeros(rows * cols, np.uint8)
                mask[chosen] = 1
                full = cv2.resize(
                    mask.reshape(rows, cols), (width, height), interpolation=cv2.INTER_NEAREST
                )
                variant = greyed.copy()
                variant[full.astype(bool)] = mean
                picks.append(chosen)
                values.append(placed[chosen])
                variants.append(variant)
            found_p, found_cams = _guarded(
                self.predictor, self.session, ["probabilities", CAM_OUTPUT], np.stack(variants)
            )
            best = int(np.argmin(log_odds(found_p, index)))
            top_of_band = 1.0 - step * band
            heat[picks[best]] = top_of_band - band * (1.0 - values[best]) * 0.999
            taken[picks[best]] = True
            greyed, probabilities, cams = variants[best], found_p[best], found_cams[best]
        rest = ~taken & inside
        last = normalise(place_on_image(_contrastive(cams, index), height, width, self.size))
        heat[rest] = last.ravel()[rest] * band * 0.999
        return normalise(heat.reshape(rows, cols))  # max 1 even where no map was positive

    def _occlusion(self, image: np.ndarray, class_index: int | None, start: float):
        """Gradient-free: grey (the image's mean colour) each square of a grid over the whole
        image in turn; a square's value is how much the class's probability drops."""
        height, width = image.shape[:2]
        grid = OCCLUSION_GRID
        mean = image.reshape(-1, 3).mean(axis=0).astype(np.uint8)
        variants = [image]
        ys = np.linspace(0, height, grid + 1).round().astype(int)
        xs = np.linspace(0, width, grid + 1).round().astype(int)
        for r in range(grid):
            for c in range(grid):
                copy = image.copy()
                copy[ys[r] : ys[r + 1], xs[c] : xs[c + 1]] = mean
                variants.append(copy)
        probabilities = np.concatenate(
            [
                self.predictor.probabilities(variants[i : i + 16])
                for i in range(0, len(variants), 16)
            ]
        )
        index = int(np.argmax(probabilities[0])) if class_index is None else class_index
        drops = (probabilities[0, index] - probabilities[1:, index]).reshape(grid, grid)
        rows, cols, *_ = crop_box(height, width, self.size)
        import cv2

        heatmap = normalise(
            cv2.resize(np.maximum(drops, 0.0), (cols, rows), interpolation=cv2.INTER_LINEAR)
        )
        return ImageExplanation(
            self.predictor.labels[index],
            float(probabilities[0, index]),
            index,
            np.clip(heatmap, 0.0, 1.0),
            "occlusion",
            time.perf_counter() - start,
        )


def _read_method(metadata: dict[str, str]) -> str:
    try:
        return str(json.loads(metadata.get(EXPLANATION_KEY, "{}")).get("method", "cam"))
    except ValueError:
        return "cam"


def _guarded(predictor: Any, session: Any, names: list[str], image: np.ndarray) -> list:
    """One guarded run of `session` (the predictor's time limit and error wording) on one
    image [H, W, 3] or a batch of equal-sized images [N, H, W, 3]."""
    from desktop_app.core.runtime import run_guarded

    feeds = {session.get_inputs()[0].name: image[None] if image.ndim == 3 else image}
    try:
        return run_guarded(session, names, feeds, predictor.run_time_limit_s)
    except Exception as error:  # noqa: BLE001 - ONNX Runtime's errors have many types
        from desktop_app.core.inference import ModelError

        if isinstance(error, ModelError):
            raise
        reason = (str(error).split("Status Message:", 1)[-1].strip().splitlines() or [""])[0]
        raise ModelError("model.run_failed", predictor.path.name, reason[:200]) from error


# --- texts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordWeight:
    """One word of the text (characters `start`…`end`) and how much it pushed the prediction:
    the change in the predicted class's log-odds when it is left out (+ towards, − against)."""

    text: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True)
class TextExplanation:
    label: str
    probability: float
    class_index: int
    words: tuple[WordWeight, ...]
    seconds: float
    method: str = "leave-one-word-out"


def log_odds(probabilities: np.ndarray, index: int) -> np.ndarray:
    """log p / (1 - p) of class `index` per row, from probabilities (the others' sum: stable)."""
    p = np.asarray(probabilities, np.float64)
    rest = p.sum(axis=1) - p[:, index]
    return np.log(np.maximum(p[:, index], 1e-30)) - np.log(np.maximum(rest, 1e-30))


def word_spans(encoding: Any, text: str = "", skip: int = 0) -> list[tuple[list[int], int, int]]:
    """(token positions, start, end) per word of a `tokenizers` encoding; special tokens left
    out. Falls back to one entry per token when the tokenizer does not mark words, and, given
    the `text`, for a "word" with Chinese, Japanese or Korean characters in it: tokenizers that
    split words at spaces (the any-language model's) make a whole Chinese sentence one word;
    its pieces ("房间", "干净") are what a reader can weigh. `skip`: the first tokens that are
    not the text's (the any-language model's "query: " prefix, added by its normaliser: its
    offsets point at the text's first character)."""
    words: dict[int, list[int]] = {}
    word_ids = list(encoding.word_ids)
    special = list(getattr(encoding, "special_tokens_mask", [0] * len(word_ids)))
    marked = any(w is not None for w in word_ids)
    for position, word in enumerate(word_ids):
        if special[position]:
            continue
        if skip > 0:
            skip -= 1
            continue
        key = word if marked and word is not None else -(position + 1)
        words.setdefault(key, []).append(position)
    spans = []
    for positions in words.values():
        starts = [encoding.offsets[i][0] for i in positions]
        ends = [encoding.offsets[i][1] for i in positions]
        if max(ends) <= min(starts):
            continue
        if len(positions) > 1 and _CJK.search(text[min(starts) : max(ends)]):
            pieces: list[tuple[list[int], int, int]] = []
            for i, s, e in zip(positions, starts, ends, strict=True):
                if pieces and s < pieces[-1][2]:  # overlaps the last (a lone "▁" before it)
                    last = pieces.pop()
                    pieces.append(([*last[0], i], min(last[1], s), max(last[2], e)))
                else:
                    pieces.append(([i], s, e))
            spans += [piece for piece in pieces if piece[2] > piece[1]]
        else:
            spans.append((positions, min(starts), max(ends)))
    if text:  # sentence-piece tokens carry the space before a word: the word alone
        spans = [(p, s + len(text[s:e]) - len(text[s:e].lstrip()), e) for p, s, e in spans]
        spans = [span for span in spans if span[2] > span[1]]
    spans.sort(key=lambda s: s[1])
    return spans


def _prefix_tokens(predictor: Any) -> int:
    """How many tokens the tokenizer puts before any text (besides special ones): those of
    the words before the last in the one-word text "a" (the any-language model: "query: ")."""
    probe = predictor.encode(["a"])[0]
    words = [w for w, s in zip(probe.word_ids, probe.special_tokens_mask, strict=True) if not s]
    if not words or words[-1] is None:
        return 0
    return sum(1 for w in words if w != words[-1])


# Chinese, Japanese and Korean characters: no spaces between their words
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def explain_text(predictor: Any, text: str) -> TextExplanation:
    """Leave-one-word-out weights for the predicted class of `text` (a text model)."""
    from desktop_app.core.text_embedding import encodable

    if predictor.task != "text":
        raise ExplainError("explain.not_text", predictor.path.name)
    start = time.perf_counter()
    clean = encodable(text)
    encoding = predictor.encode([clean])[0]
    ids = np.asarray(encoding.ids, np.int64)
    spans = word_spans(encoding, clean, _prefix_tokens(predictor))
    rows = 1 + len(spans)
    input_ids = np.repeat(ids[None], rows, axis=0)
    mask = np.ones((rows, len(ids)), np.int64)
    for row, (positions, _, _) in enumerate(spans, start=1):
        mask[row, positions] = 0
    probabilities = np.concatenate(
        [
            predictor.run(
                ["probabilities"],
                {
                    "input_ids": input_ids[i : i + TEXT_VARIANT_BATCH],
                    "attention_mask": mask[i : i + TEXT_VARIANT_BATCH],
                },
            )[0]
            for i in range(0, rows, TEXT_VARIANT_BATCH)
        ]
    )
    index = int(np.argmax(probabilities[0]))
    odds = log_odds(probabilities, index)
    words = tuple(
        WordWeight(clean[s:e], s, e, round(float(odds[0] - odds[row]), 4))
        for row, (_, s, e) in enumerate(spans, start=1)
    )
    return TextExplanation(
        predictor.labels[index],
        float(probabilities[0, index]),
        index,
        words,
        time.perf_counter() - start,
    )


_explainers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_explainers_lock = threading.Lock()


def explainer_for(predictor: Any) -> ImageExplainer:
    """One `ImageExplainer` per loaded model, made on first use (adding `cam` in memory to an
    older model takes a moment) and kept while the Predictor lives."""
    with _explainers_lock:
        found = _explainers.get(predictor)
        if found is None:
            found = ImageExplainer(predictor)
            _explainers[predictor] = found
        return found


def overlay_thumbnail(image: np.ndarray, explanation: ImageExplanation, size: int) -> np.ndarray:
    """The overlay at most `size` pixels on its longer side (what a card or a list shows)."""
    import cv2

    height, width = image.shape[:2]
    scale = min(1.0, size / max(height, width, 1))
    if scale < 1.0:
        shape = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = cv2.resize(image, shape, interpolation=cv2.INTER_AREA)
    return overlay(image, explanation.heatmap)
