"""The "3 · Evaluate" tab: how good is the model, where does it go wrong, and fix the data.

Shows the current run's headline numbers (`summary`), a per-class table (`class_table`), and a
switch of views (`VIEWS`): the confusion matrix, ROC and precision–recall curves, the
reliability diagram and "Sure enough?", the threshold below which the model answers "not
sure" (`trust`). "Check with cross-validation" (`crossval`) says how much the figures depend on
the split. Clicking a cell lists the items behind it (`cells`: one page per kind of data,
`CELL_PAGES`, thumbnails or texts), with the model's confidence, and lets the user relabel a
wrongly labelled item in one click; the panel then reminds them to retrain, since the numbers
belong to the old data. "Evaluate on other data…" (`other_data`) measures the model on new data.
"""

from __future__ import annotations

import contextlib

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.project import ProjectError
from desktop_app.gui.messages import error_text
from desktop_app.gui.panels.evaluate.cells import (
    CELL_PAGES,
    NBSP,
    CellPage,
    ImageCellPage,
    ShownResult,
    TextCellPage,
    breakable,
    escape,
)
from desktop_app.gui.panels.evaluate.class_table import ClassTable
from desktop_app.gui.panels.evaluate.crossval import CrossValidationCheck
from desktop_app.gui.panels.evaluate.other_data import OtherDataEvaluator
from desktop_app.gui.panels.evaluate.summary import SummaryCard, label
from desktop_app.gui.panels.evaluate.trust import CurvePage, ReliabilityPage, ThresholdPage
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.confusion import ConfusionMatrix
from desktop_app.gui.widgets.elided_button import ElidedButton

TOP_K = 3
# The views of the left side, in the switch's order (Alt+1 … Alt+5)
VIEWS = ("confusion", "roc", "pr", "reliability", "threshold")
MATRIX_SHARE = 5 / 11  # of the width, for the matrix (the rest: table, images, details)


class EvaluatePanel(QWidget):
    """Accuracy, per-class table, confusion matrix and the items behind each of its cells."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._result = None  # the TrainResult shown
        self._predicted = np.zeros(0, dtype=np.int64)  # argmax per eval item
        self._cell: tuple[int, int] | None = None  # the confusion cell whose items are listed
        self._relabelled: dict[str, str] = {}  # item → new label, since this result was shown
        self._split_by_user = False  # the splitter was dragged: keep the person's widths
        self._shown_run: tuple[object, str | None] = (None, None)  # (project folder, run id)
        self.pages: dict[str, CellPage] = {kind: page(self) for kind, page in CELL_PAGES.items()}
        self._build()
        session.result_changed.connect(self.refresh)
        session.project_changed.connect(self.refresh)
        session.data_changed.connect(self._update_actions)
        self.refresh()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        # Empty state.
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        self.empty_label = label(
            self.tr("Train a model first (tab 2) to see how well it does."), "sectionTitle", True
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = label(
            self.tr(
                "After training, this tab shows how often the model is right on images it never "
                "saw, which classes it mixes up, and lets you fix wrongly labelled images."
            ),
            "hint",
            True,
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(2)
        self.stack.addWidget(empty)

        # Results.
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        self.summary = SummaryCard()
        self.accuracy_label, self.accuracy_caption = (
            self.summary.accuracy_label,
            self.summary.accuracy_caption,
        )
        self.f1_label, self.f1_caption = self.summary.f1_label, self.summary.f1_caption
        self.verdict_label, self.run_label = self.summary.verdict_label, self.summary.run_label
        layout.addWidget(self.summary)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.other_data = OtherDataEvaluator(self.session, lambda: self.cells)
        actions.addWidget(self.other_data, 1)
        self.crossval = CrossValidationCheck(self.session)
        actions.addWidget(self.crossval, 1)
        layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_matrix_side())
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self._build_table())
        right.addWidget(self._build_cell_side())
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        splitter.addWidget(right)
        # Widths by share, not by the two sides' size hints: those grow with the per-class
        # table and the translated words, and squeezed the matrix to tiny cells.
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        self.splitter = splitter
        splitter.splitterMoved.connect(self._on_splitter_moved)
        splitter.installEventFilter(self)
        layout.addWidget(splitter, 1)
        self.stack.addWidget(page)

    def _build_matrix_side(self) -> QWidget:
        """The switch of views (a row of segments) over the view shown."""
        side = QWidget()
        outer = QVBoxLayout(side)
        outer.setContentsMargins(0, 0, 6, 0)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        names = {
            "confusion": self.tr("Confusion"),
            "roc": self.tr("ROC"),
            "pr": self.tr("Precision–recall"),
            "reliability": self.tr("Reliability"),
            "threshold": self.tr("Sure enough?"),
        }
        tips = {
            "confusion": self.tr("What the model mixes up"),
            "roc": self.tr("How well it ranks each class above the others"),
            "pr": self.tr("How many of the examples it puts in a class belong there"),
            "reliability": self.tr("Whether “90 % sure” means right 9 times in 10"),
            "threshold": self.tr("Answer only when at least this sure; “not sure” below"),
        }
        self.view_buttons = QButtonGroup(self)
        for index, name in enumerate(VIEWS):
            button = QToolButton()
            button.setText(names[name])
            button.setToolTip(f"{tips[name]} (Alt+{index + 1})")
            button.setCheckable(True)
            button.setObjectName("segment")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.view_buttons.addButton(button, index)
            switch.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # only while the tab shows
            shortcut.activated.connect(lambda n=name: self.show_view(n))
        switch.addStretch(1)
        outer.addLayout(switch)
        self.views = QStackedWidget()
        self.view_buttons.idClicked.connect(self.views.setCurrentIndex)
        self.views.currentChanged.connect(self._on_view_changed)

        box, layout = _titled_box(self.tr("What the model mixes up"), (0, 6, 0, 0))
        self.matrix_hint = label("", "hint", True)
        layout.addWidget(self.matrix_hint)
        self.confusion = ConfusionMatrix()
        self.confusion.cell_clicked.connect(self.open_cell)
        layout.addWidget(self.confusion, 1)
        self.views.addWidget(box)
        self.roc_page = CurvePage("roc")
        self.pr_page = CurvePage("pr")
        self.reliability_page = ReliabilityPage()
        self.threshold_page = ThresholdPage(self.session)
        for page in (self.roc_page, self.pr_page, self.reliability_page, self.threshold_page):
            self.views.addWidget(page)
        outer.addWidget(self.views, 1)
        self.show_view("confusion")
        return side

    def show_view(self, name: str) -> None:
        """Show one of VIEWS on the left side."""
        index = VIEWS.index(name)
        self.views.setCurrentIndex(index)
        self.view_buttons.button(index).setChecked(True)

    def current_view(self) -> str:
        return VIEWS[self.views.currentIndex()]

    @Slot(int)
    def _on_view_changed(self, index: int) -> None:
        self.view_buttons.button(index).setChecked(True)
        self._fill_view()

    def _fill_view(self) -> None:
        """Give the view shown the current run (views not shown are filled when shown)."""
        page = self.views.currentWidget()
        result = self._result if self._result is not None and len(self._predicted) else None
        if page is self.views.widget(0) or getattr(page, "shown_result", False) is result:
            return
        page.shown_result = result  # type: ignore[attr-defined]
        page.set_result(result)

    def _build_table(self) -> QWidget:
        box, layout = _titled_box(self.tr("Per class"), (6, 0, 0, 6))
        self.table = ClassTable()
        self.table.class_opened.connect(self._open_class)
        layout.addWidget(self.table, 1)
        return box

    def _build_cell_side(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 0, 0)

        header = QHBoxLayout()
        self.cell_title = label("", "sectionTitle", True)
        header.addWidget(self.cell_title, 1)
        self.mistakes_button = QPushButton(self.tr("All mistakes"))
        self.mistakes_button.setToolTip(
            self.tr("List every wrongly predicted image, most confident mistakes first.")
        )
        self.mistakes_button.clicked.connect(self.open_mistakes)
        header.addWidget(self.mistakes_button)
        layout.addLayout(header)
        self.cell_hint = label("", "hint", True)
        layout.addWidget(self.cell_hint)

        body = QHBoxLayout()
        self.cell_stack = QStackedWidget()
        for cells in self.pages.values():
            cells.view.selectionModel().selectionChanged.connect(self._update_actions)
            self.cell_stack.addWidget(cells.view)
        image_cells, text_cells = self.pages["image"], self.pages["text"]
        assert isinstance(image_cells, ImageCellPage) and isinstance(text_cells, TextCellPage)
        self.cell_model, self.cell_view = image_cells.model, image_cells.view
        self.cell_text_model, self.cell_text_view = text_cells.model, text_cells.view
        body.addWidget(self.cell_stack, 1)

        details = QFrame()
        details.setObjectName("card")
        # In a scroll area: on a small window the details scroll instead of being cut off.
        details_scroll = QScrollArea()
        details_scroll.setWidget(details)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        details_scroll.viewport().setAutoFillBackground(False)
        details_scroll.setMinimumWidth(220)
        details_scroll.setMaximumWidth(290)
        column = QVBoxLayout(details)
        column.setContentsMargins(12, 10, 12, 10)
        self.selected_title = label("", "sectionTitle")
        column.addWidget(self.selected_title)
        self.details_label = label("", "hint", True)
        self.details_label.setTextFormat(Qt.TextFormat.RichText)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # never wider than the card: what cannot wrap is cut here, not the whole card
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.details_label.setSizePolicy(policy)
        column.addWidget(self.details_label)
        column.addSpacing(6)
        self.relabel_button = ElidedButton(self.tr("Relabel"))
        self.relabel_button.setObjectName("primary")
        self.relabel_button.setToolTip(
            self.tr("The model is right and the label is wrong: move the image to that class.")
        )
        self.relabel_button.clicked.connect(lambda: self.relabel_selected(None))
        column.addWidget(self.relabel_button)
        self.relabel_other = QToolButton()
        self.relabel_other.setText(self.tr("Relabel as…"))
        self.relabel_other.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.relabel_other.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.relabel_other.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.relabel_menu = QMenu(self.relabel_other)
        self.relabel_menu.aboutToShow.connect(self._fill_relabel_menu)
        self.relabel_menu.triggered.connect(self._on_relabel_menu)
        self.relabel_other.setMenu(self.relabel_menu)
        column.addWidget(self.relabel_other)
        self.retrain_hint = label(self.tr("Retrain to update these numbers."), "warning", True)
        self.retrain_hint.setVisible(False)
        column.addWidget(self.retrain_hint)
        column.addStretch(1)
        self.open_hint = label(self.tr("Double-click an image to open it."), "hint", True)
        column.addWidget(self.open_hint)
        body.addWidget(details_scroll)
        layout.addLayout(body, 1)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._share_width()
        return super().eventFilter(watched, event)

    def _share_width(self) -> None:
        """Give the matrix its share of the width (until the person drags the splitter)."""
        if self._split_by_user:
            return
        total = self.splitter.width() - self.splitter.handleWidth()
        left = round(total * MATRIX_SHARE)
        self.splitter.setSizes([left, total - left])

    @Slot(int, int)
    def _on_splitter_moved(self, pos: int, index: int) -> None:
        self._split_by_user = True

    # ------------------------------------------------------------------ refresh
    @property
    def cells(self) -> CellPage:
        """The cell page for the open project's kind of data (images without a project)."""
        project = self.session.project
        kind = project.task if project is not None and project.task in self.pages else "image"
        return self.pages[kind]

    @property
    def _shown(self) -> ShownResult:
        return ShownResult(self._result, self._predicted, self._relabelled)

    @Slot()
    def refresh(self) -> None:
        """Show the session's current result (or the empty state)."""
        result = self.session.result if self.session.project is not None else None
        metrics = result.eval_metrics if result is not None else None
        shown = (
            self.session.project.folder if self.session.project else None,
            self.session.result_run_id,
        )
        if result is not self._result and shown != self._shown_run:
            # another run (the one just re-saved with a new threshold keeps these)
            self._relabelled = {}
            self.retrain_hint.setVisible(False)
            self.crossval.reset()
        self._shown_run = shown
        self._result = result
        self.crossval.update_enabled()
        self._cell = None
        for cells in self.pages.values():
            cells.clear()
        self._use_words_for_kind()
        if result is None or metrics is None:
            self._predicted = np.zeros(0, dtype=np.int64)
            self.confusion.clear()
            self.table.setRowCount(0)
            self.stack.setCurrentIndex(0)
            self._update_actions()
            return
        self._predicted = result.eval_predicted()
        self.summary.show_result(result, metrics, self.cells.words(), self.session.result_run_id)
        self.table.fill(metrics)
        if metrics.has_matrix:
            self.confusion.set_matrix(metrics.confusion, list(result.classes))
        else:  # too many classes to draw (and to keep) the whole matrix
            self.confusion.clear()
            self.matrix_hint.setText(
                self.tr(
                    "{0} classes are too many to draw the matrix: open a class in the table, "
                    "or list all mistakes."
                ).format(len(result.classes))
            )
        if not len(self._predicted):
            self.cell_hint.setText(
                self.tr("This run did not keep its test images, so cells cannot be opened.")
            )
        self.mistakes_button.setEnabled(bool(len(self._predicted)))
        self.stack.setCurrentIndex(1)
        self._fill_view()
        self._update_actions()

    def _use_words_for_kind(self) -> None:
        """Say "texts" or "images" in the fixed labels, after the open project's kind of data."""
        cells, words = self.cells, self.cells.words()
        self.open_hint.setVisible(cells.shows_open_hint)
        self.selected_title.setText(words.selected_title)
        self.matrix_hint.setText(words.matrix_hint)
        self.table.set_noun(words.noun)
        self.cell_title.setText(words.noun)
        self.cell_hint.setText(words.cells_hint)
        self.cell_stack.setCurrentWidget(cells.view)
        self.threshold_page.set_kind(cells.kind)

    # ------------------------------------------------------------------ cells
    @Slot(int, int)
    def open_cell(self, true_index: int, predicted_index: int) -> None:
        """List the eval items of true class `true_index` predicted as `predicted_index`."""
        result = self._result
        if result is None or not len(self._predicted):
            return
        labels = np.asarray(result.eval_labels, dtype=np.int64)
        rows = np.flatnonzero((labels == true_index) & (self._predicted == predicted_index))
        confidence = result.eval_probability(rows, predicted_index)
        diagonal = true_index == predicted_index
        if diagonal:
            order = np.argsort(confidence, kind="stable")  # least confident first
        else:
            order = np.argsort(-confidence, kind="stable")  # most confident mistakes first
        self._cell = (true_index, predicted_index)
        self.confusion.set_selected(true_index, predicted_index)
        names, words = result.classes, self.cells.words()
        title = words.cell_right if diagonal else words.cell_wrong
        self.cell_title.setText(title.format(len(rows), names[true_index], names[predicted_index]))
        self.cell_hint.setText(words.cell_right_hint if diagonal else words.cell_wrong_hint)
        self._show_rows([int(i) for i in rows[order]])

    @Slot(int)
    def _open_class(self, index: int) -> None:
        """A class opened in the table: its items, and its curves on the ROC and PR views."""
        self.open_cell(index, index)
        for page in (self.roc_page, self.pr_page):
            if getattr(page, "shown_result", None) is not None:
                page.show_class(index)

    @Slot()
    def open_mistakes(self) -> None:
        """List every misclassified eval item, most confident mistakes first."""
        result = self._result
        if result is None or not len(self._predicted):
            return
        labels = np.asarray(result.eval_labels, dtype=np.int64)
        rows = np.flatnonzero(labels != self._predicted)
        confidence = result.eval_probability(rows, self._predicted[rows])
        order = np.argsort(-confidence, kind="stable")
        self._cell = None
        self.confusion.set_selected(None)
        self.cell_title.setText(self.tr("All {0} mistakes").format(len(rows)))
        self.cell_hint.setText(
            self.tr("Most confident mistakes first: often these are wrongly labelled.")
        )
        self._show_rows([int(i) for i in rows[order]])

    def _show_rows(self, rows: list[int]) -> None:
        cells = self.cells
        self.cell_stack.setCurrentWidget(cells.view)
        for other in self.pages.values():
            if other is not cells:
                other.clear()
        cells.show_rows(self._shown, rows)
        self._update_actions()

    def cell_texts(self) -> list[str]:
        """The texts listed for the open cell, in the order shown."""
        result = self._result
        if result is None:
            return []
        return [result.eval_items[row.payload] for row in self.cell_text_model.rows]

    def _selected_rows(self) -> list[int]:
        """Eval item indices of the selected thumbnails (or texts)."""
        return self.cells.selected_rows()

    @Slot()
    def _update_actions(self) -> None:
        """Details of the selected item and the relabel buttons' state."""
        result = self._result
        rows = self._selected_rows() if result is not None else []
        project = self.session.project
        if not rows or result is None:
            self.details_label.setText(self.cells.words().select_hint)
            self.relabel_button.setText(self.tr("Relabel"))
            self.relabel_button.setEnabled(False)
            self.relabel_other.setEnabled(False)
            return
        row = rows[0]
        path = result.eval_items[row]
        top = result.eval_top(row, TOP_K)
        true = result.classes[result.eval_labels[row]]
        predicted = result.classes[int(self._predicted[row])]
        lines = [self.cells.headline(path)]
        if len(rows) > 1:
            lines[0] += " " + escape(self.tr("(+{0} more selected)").format(len(rows) - 1))
        lines.append(escape(breakable(self.tr("Labelled: {0}").format(true))))
        current = project.items.get(path) if project is not None else None
        if current is not None and current.label != true:
            now = breakable(self.tr("Now: {0}").format(current.label))
            lines.append("<b>" + escape(now) + "</b>")
        lines.append("<br>" + escape(self.tr("The model's top {0}:").format(len(top))))
        for rank, (index, probability) in enumerate(top, 1):
            name = escape(breakable(result.classes[index]))
            share = f"{100 * probability:.1f}{NBSP}%"
            if int(index) == int(self._predicted[row]) and predicted != true:
                lines.append(f"{rank}. <b>{name}</b> — {share}")
            else:
                lines.append(f"{rank}. {name} — {share}")
        self.details_label.setText("<br>".join(lines))

        self.relabel_button.setText(self.tr("Relabel as '{0}'").format(predicted))
        if project is not None and project.read_only is not None:
            project = None  # viewed read-only: nothing can be relabelled
        can_move = project is not None and predicted in project.classes
        needed = any(
            project is not None
            and (item := project.items.get(result.eval_items[r])) is not None
            and item.label != result.classes[int(self._predicted[r])]
            for r in rows
        )
        self.relabel_button.setEnabled(bool(can_move and needed))
        self.relabel_other.setEnabled(project is not None and bool(project.classes))

    @Slot()
    def _fill_relabel_menu(self) -> None:
        self.relabel_menu.clear()
        project = self.session.project
        if project is None:
            return
        for name in project.classes:
            action = QAction(name, self.relabel_menu)
            action.setData(name)
            self.relabel_menu.addAction(action)

    @Slot(QAction)
    def _on_relabel_menu(self, action: QAction) -> None:
        label = action.data()
        if isinstance(label, str):
            self.relabel_selected(label)

    def relabel_selected(self, label: str | None = None) -> int:
        """Move the selected items to `label` (None: each to its predicted class); saves.

        Returns how many items changed class. The shown numbers are not recomputed: they
        belong to the trained model, so the panel asks for a retrain instead.
        """
        result = self._result
        project = self.session.project
        rows = self._selected_rows()
        if result is None or project is None or not rows:
            return 0
        if project.read_only is not None:
            self.session.status_message.emit(self.session.read_only_text())
            return 0
        moved = 0
        changed: list[int] = []
        for row in rows:
            path = result.eval_items[row]
            target = label if label is not None else result.classes[int(self._predicted[row])]
            try:
                count = project.move_items([path], target)
            except ProjectError as error:
                self.session.status_message.emit(error_text(error))
                continue
            if count:
                moved += count
                self._relabelled[path] = target
                changed.append(row)
        if not moved:
            self.session.status_message.emit(
                self.tr("Nothing to relabel: the image already has that class or left the project.")
            )
            self._update_actions()
            return 0
        self.session.data_edited()
        self.cells.update_rows(self._shown, changed)
        self.retrain_hint.setVisible(True)
        self.session.status_message.emit(self.cells.words().relabelled.format(moved))
        self._update_actions()
        return moved

    def detach(self) -> None:
        """Disconnect from the session (the main window calls this before it goes away)."""
        for signal, slot in (
            (self.session.result_changed, self.refresh),
            (self.session.project_changed, self.refresh),
            (self.session.data_changed, self._update_actions),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)


def _titled_box(title: str, margins: tuple[int, int, int, int]) -> tuple[QWidget, QVBoxLayout]:
    """A column that starts with a section title."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(*margins)
    layout.addWidget(label(title, "sectionTitle"))
    return box, layout
