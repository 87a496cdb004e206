"""Explanations from the exported file alone: the in-graph class activation map is the exact
decomposition of the logit over places, older models without it still get heatmaps, the heatmap
covers the whole image, and word weights for texts."""

from __future__ import annotations

import json

import cv2
import numpy as np
import onnx
import pytest

from desktop_app.core import explain as explain_module
from desktop_app.core.catalog import get_backbone
from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.data.images import load_image
from desktop_app.core.explain import (
    CAM_OUTPUT,
    ExplainError,
    ImageExplainer,
    crop_box,
    explain_text,
    remove_cam_output,
)
from desktop_app.core.export import export_model
from desktop_app.core.inference import Predictor
from desktop_app.core.onnx_utils import preprocessing_graph
from desktop_app.core.runtime import CPU, create_session
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import CancelToken, Finished
from desktop_app.core.training.loop import train
from desktop_app.core.workflows.explain import explain_images, explain_texts
from desktop_app.core.workflows.stages import drain
from tests.helpers.synthetic import write_class_folders


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """{hidden units: (TrainResult, exported path)} for a linear and a one-hidden-layer head."""
    root = write_class_folders(tmp_path_factory.mktemp("data"), per_class=6)
    dataset = scan_image_folder(root)
    out = {}
    for hidden in (0, 8):
        config = TrainConfig(max_epochs=4, hidden_units=hidden)
        result = next(e.result for e in train(config, dataset) if isinstance(e, Finished))
        path = tmp_path_factory.mktemp("model") / f"h{hidden}.onnx"
        export_model(result, path)
        out[hidden] = (result, path)
    return out


def _embedding(image: np.ndarray) -> np.ndarray:
    backbone = create_session(str(get_backbone("efficientnet-lite0").model_path), [CPU])
    return backbone.run(["embedding"], {"image": image[None]})[0][0].astype(np.float64)


def _logits_and_offset(state: dict, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The head's logits at `e` (numpy, float64) and its constant term in the linear region
    of `e` (the value of the region's affine map at 0): what the CAM's mean must leave out."""
    mean, scale = state["net.0.mean"].astype(np.float64), state["net.0.scale"].astype(np.float64)

    def head(x: np.ndarray, pattern: np.ndarray | None) -> np.ndarray:
        z = (x - mean) * scale
        if "net.5.weight" not in state:
            return state["net.2.weight"] @ z + state["net.2.bias"]
        hidden = state["net.2.weight"] @ z + state["net.2.bias"]
        return state["net.5.weight"] @ (hidden * pattern) + state["net.5.bias"]

    pattern = None
    if "net.5.weight" in state:
        z = (e - mean) * scale
        pattern = (state["net.2.weight"] @ z + state["net.2.bias"] > 0).astype(np.float64)
    return head(e, pattern), head(np.zeros_like(e), pattern)


@pytest.mark.parametrize("hidden", [0, 8])
def test_cam_is_the_exact_decomposition_of_the_logit(models, hidden):
    result, path = models[hidden]
    model = onnx.load(str(path))
    assert [o.name for o in model.graph.output] == ["probabilities", CAM_OUTPUT]
    meta = {p.key: p.value for p in model.metadata_props}
    assert json.loads(meta["explanation"])["method"] == ("grad-cam" if hidden else "cam")
    predictor = Predictor(path)
    image = load_image(result.reference_items[0])
    probabilities, cam = predictor.session.run(None, {"image": image[None]})
    assert cam.shape == (1, len(result.classes), 7, 7)
    logits, offset = _logits_and_offset(result.head_state, _embedding(image))
    # mean of the CAM over places == logit - bias (the region's bias for the ReLU head)
    np.testing.assert_allclose(cam[0].mean(axis=(1, 2)), logits - offset, rtol=1e-4, atol=2e-4)
    # and the probabilities are those of the head (the extra output changes nothing)
    expected = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    temperature = result.calibration.temperature if result.calibration else 1.0
    if temperature == 1.0:
        np.testing.assert_allclose(probabilities[0], expected, atol=1e-4)


def test_heatmap_covers_the_whole_image_and_is_zero_outside_the_crop(models):
    _, path = models[0]
    explainer = ImageExplainer(Predictor(path))
    wide = np.full((60, 180, 3), 200, np.uint8)
    wide[:, 70:110] = (40, 60, 220)
    found = explainer.explain(wide)
    rows, cols = found.heatmap.shape
    assert abs(cols / rows - 3.0) < 0.02  # same shape as the image
    assert found.heatmap.min() >= 0.0 and found.heatmap.max() == pytest.approx(1.0)
    _, _, top, left, size, _ = crop_box(60, 180, 224)
    assert top == 0 and left == 224
    assert not found.heatmap[:, :left].any() and not found.heatmap[:, left + size :].any()
    grid = found.grid(12)
    assert len(grid) == 4 and all(len(row) == 12 for row in grid)
    assert all(0.0 <= v <= 1.0 for row in grid for v in row)


def test_the_heatmap_ranks_first_what_costs_the_answer_most(models, monkeypatch):
    """The refinement: REFINE_STEPS batched runs after the first; the top band is the share of
    the crop whose greying lowered the class's log-odds most among the map's readings."""
    result, path = models[0]
    predictor = Predictor(path)
    explainer = ImageExplainer(predictor)
    image = load_image(result.reference_items[0])
    runs = []

    class Recording:  # the session, noting the shape of each batch it is given
        def __getattr__(self, name):
            return getattr(predictor.session, name)

        def run(self, names, feeds, *rest):
            runs.append(feeds["image"].shape)
            return predictor.session.run(names, feeds, *rest)

    explainer.session = Recording()
    found = explainer.explain(image)
    explainer.session = predictor.session
    readings = len(result.classes) if len(result.classes) < 3 else 3
    assert runs[0] == (1, *image.shape) and len(runs) == 1 + explain_module.REFINE_STEPS
    assert all(shape == (readings, *image.shape) for shape in runs[1:])
    height, width = image.shape[:2]
    rows, cols, top, left, size, _ = crop_box(height, width, explainer.size)
    per_round = round(explain_module.REFINE_SHARE * size * size)
    bands = 1.0 / (explain_module.REFINE_STEPS + 1)
    first_round = found.heatmap > 1.0 - bands
    assert first_round.sum() == per_round  # the first round's places, all inside the crop
    assert first_round[top : top + size, left : left + size].sum() == per_round

    def log_odds_greyed(places: np.ndarray) -> float:
        full = cv2.resize(places.astype(np.uint8), (width, height), interpolation=cv2.INTER_NEAREST)
        greyed = image.copy()
        greyed[full.astype(bool)] = image.reshape(-1, 3).mean(axis=0).astype(np.uint8)
        return float(
            explain_module.log_odds(predictor.probabilities([greyed]), found.class_index)[0]
        )

    own = explain_module.place_on_image(np.maximum(found.raw, 0.0), height, width, size)
    inside = np.zeros((rows, cols), bool)
    inside[top : top + size, left : left + size] = True
    top_of_own = np.zeros(rows * cols, bool)
    top_of_own[explain_module.top_places(own.ravel(), inside.ravel(), per_round)] = True
    assert log_odds_greyed(first_round) <= log_odds_greyed(top_of_own.reshape(rows, cols)) + 1e-3


def test_crop_box_is_where_the_graph_crops():
    """A 100 x 300 image in thirds red | green | blue: the in-graph crop sees only the green."""
    image = np.zeros((1, 100, 300, 3), np.uint8)
    image[:, :, :100, 0] = 255
    image[:, :, 100:200, 1] = 255
    image[:, :, 200:, 2] = 255
    prep = create_session(preprocessing_graph(224, (0.0,) * 3, (1.0,) * 3).SerializeToString())
    pixels = prep.run(None, {"image": image})[0][0]
    rows, cols, top, left, size, _ = crop_box(100, 300, 224)
    assert (rows, cols, top, left) == (224, 672, 0, 224)
    assert pixels[1, :, 2:-2].min() > 250 and pixels[[0, 2], :, 2:-2].max() < 5


def test_a_model_without_the_output_gets_it_added_in_memory(models, tmp_path):
    """A model exported before explanations: the same exact map, added when it is loaded."""
    result, path = models[0]
    model = onnx.load(str(path))
    plain_nodes = len(model.graph.node)
    remove_cam_output(model)
    assert [o.name for o in model.graph.output] == ["probabilities"]
    assert not any(n.name.startswith("explain/") for n in model.graph.node)
    assert len(model.graph.node) < plain_nodes
    props = [p for p in model.metadata_props if p.key != "explanation"]
    del model.metadata_props[:]
    model.metadata_props.extend(props)
    old = tmp_path / "old.onnx"
    onnx.save(model, str(old))
    image = load_image(result.reference_items[1])
    new_map = ImageExplainer(Predictor(path)).explain(image)
    explainer = ImageExplainer(Predictor(old))
    assert explainer.method == "cam"
    np.testing.assert_allclose(explainer.explain(image).heatmap, new_map.heatmap, atol=1e-4)


def test_a_graph_it_cannot_read_falls_back_to_occlusion(models, monkeypatch):
    result, path = models[0]
    predictor = Predictor(path)
    outputs = predictor.session.get_outputs()[:1]
    monkeypatch.setattr(predictor.session, "get_outputs", lambda: outputs)  # as if no `cam`
    monkeypatch.setattr(explain_module, "add_cam_output", lambda model: None)
    explainer = ImageExplainer(predictor)
    assert explainer.method == "occlusion"
    found = explainer.explain(load_image(result.reference_items[0]))
    assert found.method == "occlusion" and found.heatmap.max() <= 1.0
    assert found.label in result.classes


def test_workflow_writes_overlays_and_keeps_going_past_bad_files(models, tmp_path):
    result, path = models[0]
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not an image")
    paths = [result.reference_items[0], str(bad), result.reference_items[0]]
    done = drain(explain_images(Predictor(path), paths, CancelToken(), tmp_path / "out"))
    assert [r.error is None for r in done.rows] == [True, False, True]
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 2 and all(name.endswith(".why.png") for name in written)
    assert load_image(done.rows[0].overlay_path).shape == load_image(paths[0]).shape


def test_word_weights_for_a_text_model(text_model):
    _, path = text_model
    predictor = Predictor(path)
    text = "the staff was wonderful and lovely"
    found = explain_text(predictor, text)
    assert found.label == "good"
    assert [w.text for w in found.words] == text.split()
    assert all(text[w.start : w.end] == w.text for w in found.words)
    weights = {w.text: w.weight for w in found.words}
    assert weights["wonderful"] > 0 and weights["lovely"] > 0
    # leaving out the word weighted highest lowers the predicted class's probability
    top = max(found.words, key=lambda w: w.weight)
    without = text[: top.start] + text[top.end :]
    assert predictor.text_probabilities([without])[0][found.class_index] < found.probability
    done = drain(explain_texts(predictor, [text, ""], CancelToken()))
    assert len(done) == 2 and done[1].words == ()
    with pytest.raises(ExplainError):
        ImageExplainer(predictor)


@pytest.mark.full
def test_the_small_model_from_scratch_has_an_exact_map_too(tmp_path):
    """scratch-cnn: conv stages, global pooling, a linear layer: its 4 x 4 map is exact too
    (checked through the probabilities: T·log p_c − mean cam_c − bias_c is the same for all c)."""
    root = write_class_folders(tmp_path / "data", per_class=6)
    config = TrainConfig(backbone="scratch-cnn", max_epochs=3)
    result = next(
        e.result for e in train(config, scan_image_folder(root)) if isinstance(e, Finished)
    )
    path = tmp_path / "small.onnx"
    export_model(result, path)
    predictor = Predictor(path)
    image = load_image(result.reference_items[0])
    probabilities, cam = predictor.session.run(None, {"image": image[None]})
    assert cam.shape == (1, 3, 4, 4)
    temperature = result.calibration.temperature if result.calibration else 1.0
    log_p = np.log(probabilities[0].astype(np.float64))
    bias = result.head_state["classifier.1.bias"].astype(np.float64)
    rest = temperature * log_p - cam[0].mean(axis=(1, 2)) - bias
    assert np.ptp(rest) < 1e-3 * max(1.0, float(np.ptp(temperature * log_p)))
    assert ImageExplainer(predictor).explain(image).heatmap.shape == (32, 32)  # its input size


def test_words_of_the_any_language_model_chinese_pieces_no_prefix_no_spaces():
    """e5's tokenizer splits words at spaces only and prepends "query: ": a Chinese sentence is
    weighed piece by piece, the prefix is no word of the user's, and words carry no space."""
    from desktop_app.core.explain import _prefix_tokens, word_spans
    from desktop_app.core.text_embedding import load_tokenizer

    backbone = get_backbone("multilingual-e5-small")
    if not backbone.tokenizer_path.exists():
        pytest.skip("multilingual-e5-small is not built (make models)")
    tokenizer = load_tokenizer(backbone)

    class Model:  # what word_spans' caller needs of a Predictor
        @staticmethod
        def encode(texts):
            return tokenizer.encode_batch(texts)

    skip = _prefix_tokens(Model())
    assert skip == 3  # "▁que", "ry", ":"
    chinese = "房间又小又脏，隔音很差"
    words = [chinese[s:e] for _, s, e in word_spans(tokenizer.encode(chinese), chinese, skip)]
    assert len(words) >= 5 and "".join(words) == chinese
    english = "The room was dirty"
    spans = word_spans(tokenizer.encode(english), english, skip)
    assert [english[s:e] for _, s, e in spans] == ["The", "room", "was", "dirty"]
