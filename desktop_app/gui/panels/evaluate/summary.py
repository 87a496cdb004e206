"""The headline card of the Evaluate tab: accuracy and macro-F1 with what they were measured on,
a verdict in plain words, and which model and run they belong to."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from desktop_app.gui.model_words import model_name, model_title
from desktop_app.gui.panels.evaluate.cells import KindWords

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


def verdict(words: KindWords, accuracy: float, n_classes: int) -> str:
    """What the accuracy means, in plain words (chance depends on the number of classes)."""
    chance = 1.0 / max(n_classes, 1)
    if accuracy >= 0.95:
        return words.excellent
    if accuracy >= 0.85:
        return words.good
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


def _add_column(row: QHBoxLayout, stretch: int, upper: QLabel, lower: QLabel, gap: int = 0) -> None:
    """Two labels one above the other (a number and its caption), added to `row`; with a `gap`
    between them they sit at the top."""
    column = QVBoxLayout()
    column.setSpacing(gap)
    column.addWidget(upper)
    column.addWidget(lower)
    if gap:
        column.addStretch(1)
    row.addLayout(column, stretch)


class SummaryCard(QFrame):
    """Accuracy · macro-F1 · verdict and run."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(28)

        self.accuracy_label = label("", "bigNumber")
        self.accuracy_caption = label("", "bigCaption", True)
        _add_column(row, 3, self.accuracy_label, self.accuracy_caption)
        self.f1_label, self.f1_caption = label("", "bigNumber"), label("", "bigCaption", True)
        _add_column(row, 2, self.f1_label, self.f1_caption)
        self.verdict_label, self.run_label = (
            label("", "sectionTitle", True),
            label("", "hint", True),
        )
        _add_column(row, 5, self.verdict_label, self.run_label, gap=4)
        self.run_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_result(self, result: Any, metrics: Any, words: KindWords, run_id: str | None) -> None:
        """Show a TrainResult's numbers (`metrics`: the ones it was judged on)."""
        split = result.eval_split or ("test" if result.test_metrics is not None else "val")
        self.accuracy_label.setText(percent(metrics.accuracy))
        self.accuracy_caption.setText(
            translate("EvaluatePanel", "accuracy {0}").format(
                (words.split_test if split == "test" else words.split_val).format(metrics.n)
            )
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
        if title and result.config.word_pieces:
            title = model_name(result.backbone_id, True)
        model = f"{title} ({result.backbone_id})" if title else result.backbone_id
        lines = [
            translate("EvaluatePanel", "Model: {0}").format(model),
            words.trained_on.format(
                result.epochs_run, result.best_epoch, result.n_train, duration(result.seconds)
            ),
        ]
        if run_id:
            lines.append(translate("EvaluatePanel", "Run {0}").format(run_id))
        self.run_label.setText("\n".join(lines))
