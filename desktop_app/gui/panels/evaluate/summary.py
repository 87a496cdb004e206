"""The headline card of the Evaluate tab: accuracy and macro-F1 with what they were measured on,
a verdict in plain words, and which model and run they belong to."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from desktop_app.gui.model_words import model_title
from desktop_app.gui.panels.evaluate.cells import CellPage

translate = QCoreApplication.translate


def percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def duration(seconds: float) -> str:
    """ "12.3 s", "4 min 5 s", "1 h 2 min": how long a run trained."""
    seconds = max(0.0, float(seconds))
    if seconds < 60:
        return translate("EvaluatePanel", "{0} s").format(f"{seconds:.1f}")
    minutes, rest = divmod(round(seconds), 60)
    if minutes < 60:
        return translate("EvaluatePanel", "{0} min {1} s").format(minutes, rest)
    hours, minutes = divmod(minutes, 60)
    return translate("EvaluatePanel", "{0} h {1} min").format(hours, minutes)


def label(text: str = "", name: str = "", wrap: bool = False) -> QLabel:
    """A label with a style-sheet object name ("hint", "sectionTitle"…)."""
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def verdict(words: CellPage, accuracy: float, n_classes: int) -> str:
    """What the accuracy means, in plain words (chance depends on the number of classes)."""
    chance = 1.0 / max(n_classes, 1)
    high = words.verdict(accuracy)
    if high:
        return high
    if accuracy >= 0.70:
        return translate(
            "EvaluatePanel",
            "Fair: usable for a first try, but it makes many mistakes. More or cleaner "
            "examples of the weak classes usually help.",
        )
    if accuracy >= min(0.95, 1.5 * chance):
        return translate(
            "EvaluatePanel",
            "Weak: it often gets it wrong. Check the labels of the mistakes and add more "
            "varied examples.",
        )
    return translate(
        "EvaluatePanel",
        "About as good as guessing: the classes may look too alike, or there are too few examples.",
    )


class SummaryCard(QFrame):
    """Accuracy · macro-F1 · verdict and run."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(28)

        column = QVBoxLayout()
        column.setSpacing(0)
        self.accuracy_label = label("", "bigNumber")
        self.accuracy_caption = label("", "bigCaption", True)
        column.addWidget(self.accuracy_label)
        column.addWidget(self.accuracy_caption)
        row.addLayout(column, 3)

        column = QVBoxLayout()
        column.setSpacing(0)
        self.f1_label = label("", "bigNumber")
        self.f1_caption = label("", "bigCaption", True)
        column.addWidget(self.f1_label)
        column.addWidget(self.f1_caption)
        row.addLayout(column, 2)

        column = QVBoxLayout()
        column.setSpacing(4)
        self.verdict_label = label("", "sectionTitle", True)
        self.run_label = label("", "hint", True)
        self.run_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.verdict_label)
        column.addWidget(self.run_label)
        column.addStretch(1)
        row.addLayout(column, 5)

    def show_result(self, result: Any, metrics: Any, words: CellPage, run_id: str | None) -> None:
        """Show a TrainResult's numbers (`metrics`: the ones it was judged on)."""
        split = result.eval_split or ("test" if result.test_metrics is not None else "val")
        self.accuracy_label.setText(percent(metrics.accuracy))
        self.accuracy_caption.setText(
            translate("EvaluatePanel", "accuracy {0}").format(words.split_words(split, metrics.n))
        )
        self.f1_label.setText(percent(metrics.macro_f1))
        self.f1_caption.setText(
            translate("EvaluatePanel", "macro-F1: every class counts the same, big or small")
        )
        text = verdict(words, metrics.accuracy, len(result.classes))
        if metrics.n < 30:
            text += " " + translate(
                "EvaluatePanel", "Only {0} images were tested, so these numbers are rough."
            ).format(metrics.n)
        self.verdict_label.setText(text)
        title = model_title(result.backbone_id)
        model = f"{title} ({result.backbone_id})" if title else result.backbone_id
        lines = [
            translate("EvaluatePanel", "Model: {0}").format(model),
            words.trained_on().format(
                result.epochs_run, result.best_epoch, result.n_train, duration(result.seconds)
            ),
        ]
        if run_id:
            lines.append(translate("EvaluatePanel", "Run {0}").format(run_id))
        self.run_label.setText("\n".join(lines))
