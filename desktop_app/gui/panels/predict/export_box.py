"""The export corner of "4 · Predict & Export": the "Smaller model (INT8)" box and "Export
model…", which write the model with a ready-to-run script and README beside it (the export
bundle workflow). A float export is a quick copy on the GUI thread; an INT8 export quantizes and
checks the copy on a background job ("export-int8", the job-owner helper) with progress in the
tab's status line. The words keep the "PredictPanel" translation context they had before the
tab was split, so the 简体中文 translation still finds them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QFileDialog, QPushButton, QWidget

from desktop_app.core.inference import ModelError, Predictor
from desktop_app.core.quantize import HeldOut
from desktop_app.core.training.events import CancelToken, Progress
from desktop_app.core.workflows.bundle import Bundle, ModelFacts, export_bundle
from desktop_app.core.workflows.stages import drain
from desktop_app.gui.dialogs import save_folder
from desktop_app.gui.jobs import JobOwner, user_message

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class ModelHost(Protocol):
    """What the export box needs to know about the model in use (the Predict panel)."""

    session: Any
    model_path: Path | None
    model_source: str  # "run", "file" or ""
    model_run_id: str | None
    model_kind: str  # "image" or "text"
    loaded_predictor: Predictor | None
    int8_needs_training_items: bool

    def model_summary(self) -> tuple[tuple[str, ...], float | None]: ...
    def predictor_for(self, path: Path) -> Predictor: ...
    def set_status(self, text: str, kind: str = "hint", show_folder: bool = False) -> None: ...


class ExportBox(QObject, JobOwner):
    """ "Smaller model (INT8)" and "Export model…" (`int8_check`, `export_button`: the panel
    puts them in its header row); `finished` tells where the model went."""

    finished = Signal(str)  # the exported model's path, "" when it failed or was cancelled

    def __init__(self, host: ModelHost, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent  # the dialogs' parent
        self.host = host
        self.session = host.session
        self.last_export: Path | None = None
        self._int8_report: Bundle | None = None  # the INT8 export's files, once written
        self._int8_error = ""
        self.export_button = QPushButton(translate("PredictPanel", "Export model…"))
        self.export_button.setObjectName("primary")
        self.export_button.setToolTip(
            translate(
                "PredictPanel", "Save the model as one .onnx file with a ready-to-run predict.py"
            )
        )
        self.export_button.clicked.connect(self._choose_export_path)
        self.int8_check = QCheckBox(translate("PredictPanel", "Smaller model (INT8)"))

    @property
    def running(self) -> bool:
        return self.job_running("export-int8")

    def refresh(self) -> None:
        """Usable with a model and no INT8 export running; the INT8 box says why it is not."""
        enabled = self.host.model_path is not None and not self.running
        self.export_button.setEnabled(enabled)
        reason = ""
        if self._is_int8_model():
            reason = translate("PredictPanel", "This model is already INT8.")
        elif self.host.int8_needs_training_items and not self._calibration_items():
            reason = translate(
                "PredictPanel",
                "Needs the project's training images: they calibrate the INT8 model.",
            )
        self.int8_check.setEnabled(enabled and not reason)
        if reason:
            self.int8_check.setChecked(False)
        self.int8_check.setToolTip(
            reason
            or translate(
                "PredictPanel",
                "Export an INT8 (quantized) copy: about half the size for image models, and faster "
                "on CPUs with 8-bit dot-product instructions (the export measures the speed-up on "
                "this computer). Accuracy usually changes by less than one point; the export checks "
                "how often the copy agrees with the full model on held-out items.",
            )
        )

    def _is_int8_model(self) -> bool:
        predictor = self.host.loaded_predictor
        return (
            self.host.model_source == "file"
            and predictor is not None
            and predictor.metadata.get("precision") == "int8"
        )

    def _calibration_items(self) -> list[str]:
        """The project's training items of the model's kind: images calibrate, texts check."""
        project = self.session.project
        if project is None or project.task != self.host.model_kind:
            return []
        return [path for path, item in project.items.items() if item.split == "train"]

    # ------------------------------------------------------------------ export
    def export_model(self, path: str, int8: bool | None = None) -> bool:
        """Copy the model to `path` with its script and README.txt beside it; record the export.

        `int8` (default: the INT8 box) writes a quantized copy instead, in a background job:
        True then means "started", and `finished` tells the end."""
        source = self.host.model_path
        if source is None:
            self.host.set_status(
                translate("PredictPanel", "There is no model to export yet."), "error"
            )
            return False
        target = Path(path)
        if target.suffix.lower() != ".onnx":
            target = target.with_name(target.name + ".onnx")
        if int8 is None:
            int8 = self.int8_check.isEnabled() and self.int8_check.isChecked()
        if int8:
            return self._start_int8_export(source, target)
        try:
            bundle = drain(export_bundle(source, target, self.model_facts(), CancelToken()))
        except OSError as error:
            text = translate("PredictPanel", "Could not export the model: {0}")
            self.host.set_status(text.format(user_message(error)), "error")
            self.finished.emit("")
            return False
        return self._finish_export(bundle)

    def _finish_export(self, bundle: Bundle) -> bool:
        """Record the written bundle with the project and say what was written."""
        target, int8_report = Path(bundle.model), bundle.int8
        script, readme = Path(bundle.script), Path(bundle.readme)
        project, run_id = self.session.project, self.host.model_run_id
        if project is not None and self.host.model_source == "run" and run_id:
            try:
                project.add_export(str(target), run_id)
            except Exception as error:  # noqa: BLE001 - the files are written; say what failed
                log.warning("could not record the export: %s", error)
        self.last_export = target
        if int8_report is None:
            message = translate("PredictPanel", "Exported {0} with {1} and {2}.").format(
                str(target), script.name, readme.name
            )
        else:
            message = translate(
                "PredictPanel",
                "Exported the INT8 model {0} ({1} MB instead of {2} MB) with {3} and {4}.",
            ).format(
                str(target),
                f"{int8_report.size_bytes / 1e6:.1f}",
                f"{int8_report.float_size_bytes / 1e6:.1f}",
                script.name,
                readme.name,
            )
            if int8_report.accuracy_change_points is not None:
                message += " " + translate(
                    "PredictPanel",
                    "On {0} held-out {1} items: same top label as the full model on {2} %, "
                    "accuracy {3} % against {4} % ({5} points).",
                ).format(
                    int8_report.check_items,
                    {
                        "test": translate("PredictPanel", "test"),
                        "val": translate("PredictPanel", "validation"),
                    }.get(int8_report.check_split, int8_report.check_split),
                    f"{int8_report.top1_agreement * 100:.1f}",
                    f"{int8_report.int8_accuracy * 100:.1f}",
                    f"{int8_report.float_accuracy * 100:.1f}",
                    f"{int8_report.accuracy_change_points:+.1f}",
                )
            if int8_report.speedup is not None:
                message += " " + translate(
                    "PredictPanel", "On this computer it runs at {0}× the full model's speed."
                ).format(f"{int8_report.speedup:.1f}")
        self.host.set_status(message, show_folder=True)
        # the status bar gets a short line (the panel's own line has the details)
        self.session.status_message.emit(
            translate("PredictPanel", "Exported {0}.").format(target.name)
        )
        self.finished.emit(str(target))
        return True

    def _start_int8_export(self, source: Path, target: Path) -> bool:
        """Quantize `source` into `target` in the export job, calibrating on training items."""
        if self.running:
            self.host.set_status(
                translate("PredictPanel", "An INT8 export is already running."), "warning"
            )
            return False
        if target.resolve() == source.resolve():
            self.host.set_status(
                translate(
                    "PredictPanel", "Choose another file: the INT8 model cannot replace its source."
                ),
                "error",
            )
            return False
        calibration = self._calibration_items()
        if self.host.int8_needs_training_items and not calibration:
            self.host.set_status(
                translate(
                    "PredictPanel",
                    "An INT8 export needs the project's training images to calibrate on.",
                ),
                "error",
            )
            return False
        self._int8_report, self._int8_error = None, ""
        facts = self.model_facts()
        project = self.session.project
        held_out = None  # checked on the project's test (else val) items, never on training ones
        if project is not None and project.task == self.host.model_kind:
            held_out = HeldOut.of(project.dataset())

        def make(cancel: CancelToken) -> Iterator[Any]:
            return export_bundle(source, target, facts, cancel, True, calibration, held_out)

        self.start_job("export-int8", make)
        self.host.set_status(translate("PredictPanel", "Making the INT8 model…"))
        self.refresh()
        return True

    def cancel_export(self) -> None:
        """Stop an INT8 export in progress; nothing is written."""
        self.cancel_job("export-int8")

    def on_event(self, name: str, event: object) -> None:
        if not isinstance(event, Progress) or event.total <= 0:
            return
        if event.stage == "calibrate":
            text = translate(
                "PredictPanel", "Making the INT8 model: calibrating on {0} of {1} training items…"
            )
            self.host.set_status(text.format(event.done, event.total))
        elif event.stage == "check":
            text = translate(
                "PredictPanel",
                "Making the INT8 model: comparing it with the full model ({0} of {1})…",
            )
            self.host.set_status(text.format(event.done, event.total))
        else:
            text = translate("PredictPanel", "Making the INT8 model: quantizing the weights…")
            self.host.set_status(text)

    def on_done(self, name: str, result: Any) -> None:
        if isinstance(result, Bundle):
            self._int8_report = result

    def on_error(self, name: str, message: str) -> None:
        self._int8_error = message

    def on_job_finished(self, name: str) -> None:
        bundle, self._int8_report = self._int8_report, None
        self.refresh()
        if bundle is not None:
            self._finish_export(bundle)
            return
        if self._int8_error:
            text = translate("PredictPanel", "Could not export the INT8 model: {0}")
            self.host.set_status(text.format(self._int8_error), "error")
        else:
            text = translate("PredictPanel", "The INT8 export was cancelled; nothing was written.")
            self.host.set_status(text)
        self.finished.emit("")

    @Slot()
    def _choose_export_path(self) -> None:
        model = self.host.model_path
        if model is None:
            return
        run = self.host.model_run_id or model.stem
        project = self.session.project
        base = project.name if project is not None and getattr(project, "name", "") else run
        suggestion = str(save_folder(project) / f"{safe_file_name(base)}.onnx")
        path, _ = QFileDialog.getSaveFileName(
            self._parent,
            translate("PredictPanel", "Export model"),
            suggestion,
            translate("PredictPanel", "ONNX models (*.onnx)"),
        )
        if path:
            self.export_model(path)

    @Slot()
    def show_export_folder(self) -> None:
        """Open the folder of the last export in the file manager."""
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

    def model_facts(self) -> ModelFacts:
        """What the exported README says about the model in use (labels, origin, accuracy)."""
        host = self.host
        labels, accuracy = host.model_summary()
        if not labels and host.model_path is not None:
            with contextlib.suppress(ModelError):
                labels = host.predictor_for(host.model_path).labels
        origin = (
            f"{host.model_run_id}"
            if host.model_source == "run"
            else f"the file {host.model_path.name if host.model_path else ''}"
        )
        eval_n, eval_split = None, ""
        result = self.session.model_result
        if host.model_source == "run" and result is not None and result.eval_metrics:
            eval_n, eval_split = result.eval_metrics.n, result.eval_split
        return ModelFacts(host.model_kind, tuple(labels), origin, accuracy, eval_n, eval_split)


def safe_file_name(text: str) -> str:
    """`text` as a file name: letters, digits and "-_ ." kept, the rest "_"."""
    cleaned = "".join(c if c.isalnum() or c in "-_ ." else "_" for c in text).strip(" .")
    return cleaned or "model"
