"""The Train tab's fine-tune section (issue 17): shown while "Best accuracy" is ticked, its
augmentation ticks pre-set from the measured choice with the reason, a preview strip that
follows the ticks and shuffles, and the estimate. The job is replaced by a quick fake (the
real one, in a child process, is covered in core: tests/unit/test_augment_choice.py)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.errors import Phrase
from desktop_app.core.training.augment import AugmentChoice, combination_index
from desktop_app.core.training.events import Finished, Progress
from desktop_app.core.training.finetune_estimate import FineTuneEstimate
from desktop_app.core.workflows.finetune_plan import AugmentPreview, ChoiceReady

REASON = Phrase("augment.flip_off", (90, 40, 20))


def _fake_preview(seed: int) -> AugmentPreview:
    """Each set of augmentations and draw gets its own flat colour: what is shown tells which."""
    pictures = np.zeros((2, 16, 8, 72, 72, 3), np.uint8)
    for r in range(2):
        for combo in range(16):
            pictures[r, combo] = (combo * 15, r * 100, seed * 50)
    return AugmentPreview(pictures)


LINGER = {"seconds": 0.0}  # the job goes on this long after its result (the real one's
# child process closing)


@pytest.fixture
def fake_plan(monkeypatch):
    calls: list[tuple] = []
    LINGER["seconds"] = 0.0

    def plan_job(config, dataset, seed, preview):
        calls.append((config.backbone, len(dataset.items), seed, preview))

        def run(cancel):
            if preview:
                yield Finished(_fake_preview(seed))
                return
            yield _fake_preview(seed)
            yield ChoiceReady(AugmentChoice(("crop", "rotate", "colour"), REASON))
            yield Progress("estimate", 3, 12, message="Estimating the time")
            yield Finished(FineTuneEstimate(245.0, {"steps": 200.0}, {}, 252, 20.0, 230.0))
            end = time.monotonic() + LINGER["seconds"]
            while time.monotonic() < end and not cancel.cancelled:
                time.sleep(0.02)

        return run

    monkeypatch.setattr("desktop_app.gui.panels.train.augment_section.plan_job", plan_job)
    return calls


@pytest.fixture
def panel(qtbot, session, image_folder):
    from desktop_app.gui.panels.train import TrainPanel

    session.project.merge(scan_image_folder(image_folder))
    session.data_edited()
    widget = TrainPanel(session)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    return widget


def _shown_colour(section, i: int = 0) -> tuple[int, int, int]:
    image = section.thumbnails[i].pixmap().toImage()
    colour = image.pixelColor(10, 10)
    return colour.red(), colour.green(), colour.blue()


def test_section_follows_the_choice_the_ticks_and_shuffle(qtbot, panel, fake_plan):
    section = panel.fine_tune_section
    panel.set_backbone("efficientnet-lite0")
    assert not section.isVisible()
    panel.fine_tune_check.setChecked(True)
    assert section.isVisible()
    qtbot.waitUntil(lambda: "min" in section.estimate_label.text(), timeout=10_000)
    assert fake_plan == [("efficientnet-lite0", 36, 0, False)]
    # pre-set from the measured choice, with its reason in words
    ticked = {name for name, check in section.checks.items() if check.isChecked()}
    assert ticked == {"crop", "rotate", "colour"}
    assert "Flipping is off" in section.reason_label.text()
    assert "about 4 min" in section.estimate_label.text()
    # the automatic choice stands: the run measures it again (None); the strip shows that set
    assert panel.config().augmentations is None
    assert _shown_colour(section)[0] == combination_index(("crop", "rotate", "colour")) * 15
    # a tick changed: the user's choice, shown at once, saved with the run's settings
    section.checks["flip"].setChecked(True)
    assert panel.config().augmentations == ("crop", "flip", "rotate", "colour")
    assert _shown_colour(section)[0] == 15 * 15
    section.checks["crop"].setChecked(False)
    assert _shown_colour(section)[0] == combination_index(("flip", "rotate", "colour")) * 15
    # Shuffle: the next draw, then new images (a short job with another seed)
    section.shuffle()
    assert _shown_colour(section)[1] == 100
    section.shuffle()
    qtbot.waitUntil(lambda: _shown_colour(section)[2] == 50, timeout=10_000)
    assert fake_plan[-1][2:] == (1, True)
    # the settings come back with the project
    panel.apply_settings(panel.config().to_json())
    assert panel.config().augmentations == ("flip", "rotate", "colour")
    # unticked: the section goes, its job is not run again
    panel.fine_tune_check.setChecked(False)
    assert not section.isVisible() and not panel.config().fine_tune


def test_durations_in_words(qtbot):
    from desktop_app.gui.panels.train.augment_section import duration_text

    assert duration_text(41) == "about 40 s"
    assert duration_text(300, 180) == "about 3–5 min" and duration_text(300, 290) == "about 5 min"
    assert duration_text(4000, 2000) == "about 1 h 07 min"


def test_no_section_for_the_model_from_scratch(qtbot, panel, fake_plan):
    panel.fine_tune_check.setChecked(True)
    panel.set_backbone("scratch-cnn")
    assert not panel.fine_tune_section.isVisible()
    panel.set_backbone("efficientnet-lite0")
    assert panel.fine_tune_section.isVisible()


@pytest.mark.parametrize("linger", [0.0, 30.0])
def test_a_run_keeps_what_was_measured_for_the_same_model_and_data(
    qtbot, panel, fake_plan, monkeypatch, linger
):
    """The choice and the estimate hold after a run when neither the model nor the data
    changed: not measured again (the probe is a short fine-tune: 30-50 s of both cores), also
    when the run starts while the job that measured them is still ending."""
    from dataclasses import replace

    from desktop_app.gui.panels.train.augment_section import DELAY_MS, JOB

    LINGER["seconds"] = linger
    section = panel.fine_tune_section
    panel.set_backbone("efficientnet-lite0")
    panel.fine_tune_check.setChecked(True)
    qtbot.waitUntil(lambda: "min" in section.estimate_label.text(), timeout=10_000)
    said = section.estimate_label.text(), section.reason_label.text()
    ticked = section.augmentations()
    head_only = panel.config  # a quick run: the section's part is the same
    monkeypatch.setattr(panel, "config", lambda: replace(head_only(), fine_tune=False))
    panel.set_max_epochs(3)
    assert section.job_running(JOB) == (linger > 0)
    with qtbot.waitSignal(panel.training_finished, timeout=120_000):
        assert panel.start_training()
        assert not section.isEnabled()
    LINGER["seconds"] = 0.0
    qtbot.waitUntil(lambda: not section.job_running(JOB), timeout=10_000)
    qtbot.wait(DELAY_MS * 3)  # a new measurement would have started by now
    assert fake_plan == [("efficientnet-lite0", 36, 0, False)]
    assert (section.estimate_label.text(), section.reason_label.text()) == said
    assert section.isEnabled() and section.augmentations() == ticked
    section.shuffle()  # the preview still works: its draws, then new images
    section.shuffle()
    qtbot.waitUntil(lambda: fake_plan[-1][2:] == (1, True), timeout=10_000)
    # another model: measured again
    panel.set_backbone("efficientnet-lite2")
    qtbot.waitUntil(lambda: fake_plan[-1] == ("efficientnet-lite2", 36, 1, False), timeout=10_000)
