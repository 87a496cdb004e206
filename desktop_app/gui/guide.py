"""Help → Guide (F1): the three steps, the data layouts and what the numbers mean, in the app.

A non-modal window with one page of rich text, so it can stay open beside the main window while
a person follows it. Every sentence goes through tr(); run the module alone to preview it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class GuideDialog(QDialog):
    """The in-app guide: what to do, what the app expects, what its figures say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("Classifier Studio guide"))
        self.resize(640, 620)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(self.html())
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def html(self) -> str:
        """The guide's page in the user's language."""
        sections = [
            (
                self.tr("Three steps"),
                [
                    self.tr(
                        "<b>1 · Data</b>: drop a folder with one sub-folder of images per class "
                        "(or a table of texts with their labels). Files that cannot be used are "
                        "listed with the reason; nothing else is changed."
                    ),
                    self.tr(
                        "<b>2 · Train</b>: choose a model (the recommended one is a good start) "
                        "and press Start. Most image and text projects train in seconds."
                    ),
                    self.tr(
                        "<b>3 · Evaluate</b>, then <b>4 · Predict &amp; Export</b>: see what the "
                        "model gets right and wrong, try it on new images or texts, and export "
                        "one .onnx file that runs anywhere."
                    ),
                ],
            ),
            (
                self.tr("How to lay out your data"),
                [
                    self.tr(
                        "Images: <tt>flowers/rose/*.jpg</tt>, <tt>flowers/tulip/*.jpg</tt>… "
                        "The folder names become the classes. Folders named train, val and test "
                        "(each with the class folders inside) are kept as they are; otherwise "
                        "20 % of the images are held out for validation."
                    ),
                    self.tr(
                        "Texts: a CSV, TSV or TXT file with a text column and a label column "
                        "(the app finds them and shows a preview you can correct), or a folder "
                        "with one sub-folder of .txt files per class."
                    ),
                    self.tr(
                        "At least two classes, and a few examples of each; 20 or more per class "
                        "usually give a useful model."
                    ),
                ],
            ),
            (
                self.tr("What the numbers mean"),
                [
                    self.tr(
                        "<b>Accuracy</b>: the share of held-out items (never seen in training) "
                        "that the model classifies correctly."
                    ),
                    self.tr(
                        "<b>Macro-F1</b>: the average over classes of how well each one is "
                        "found; every class counts the same, so a weak small class shows here."
                    ),
                    self.tr(
                        "<b>Precision</b> of a class: of the items the model put in it, the share "
                        "that belong there. <b>Recall</b>: of the items that belong there, the "
                        "share the model found."
                    ),
                    self.tr(
                        "<b>Confusion matrix</b>: rows are the real classes, columns what the "
                        "model said. Click a cell to see its items; a confident mistake is often "
                        "a wrongly labelled item, which you can relabel there."
                    ),
                    self.tr(
                        "<b>Loss</b> (Train tab): how wrong the model still is; lower is better. "
                        "The dashed line marks the epoch that was kept: the one with the best "
                        "validation result."
                    ),
                ],
            ),
        ]
        parts = []
        for title, paragraphs in sections:
            parts.append(f"<h3>{title}</h3>")
            parts.extend(f"<p>{text}</p>" for text in paragraphs)
        return "".join(parts)


if __name__ == "__main__":  # preview: python -m desktop_app.gui.guide
    from desktop_app.gui.application import create_application

    app = create_application()
    dialog = GuideDialog()
    dialog.show()
    app.exec()
