"""What core tells a person (errors, skip reasons, import notes): a stable key and its values.

The English templates live here, once: the CLI prints them filled in (`str(error)`), the window
translates the template by its key (`gui/messages.py`) and fills in the same values. A value may
itself be a `Phrase` (a reason inside a message) or a tuple of them (joined with "; "): both are
rendered, and translated, recursively.

Adding an error: put `"area.what": "English with {0}, {1}"` in TEMPLATES, raise
`SomeError("area.what", a, b)`, then `make translations` and translate it in the .ts file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# key → English template; `{0}`, `{1}`… are the values, in the order they are passed.
TEMPLATES: dict[str, str] = {
    # data/images.py: files that look like images but cannot be used
    "image.empty_file": "empty file (0 bytes)",
    "image.unsupported_format": "{0} images are not supported (use JPEG, PNG, BMP, WebP or TIFF)",
    "image.unrecognised": "not an image file (unrecognised content)",
    "image.too_many_pixels": "too many pixels ({0} x {1} pixels; the limit is {2} megapixels): "
    "a damaged file or a decompression bomb",
    "image.too_large": "file too large ({0} MB; the limit is {1} MB)",
    "image.truncated_jpeg": "truncated JPEG (the file ends before the image does)",
    "image.cannot_decode": "cannot decode this {0} file (damaged, or too many pixels)",
    "image.out_of_memory": "not enough memory to decode this image",
    "image.pixel_type": "unsupported pixel type {0}",
    "image.channels": "unsupported number of channels ({0})",
    "image.cannot_read_file": "cannot read file ({0})",
    "image.cannot_read": "cannot read this image ({0})",
    # data/dataset.py, data/detect.py: junk, files outside the expected layout, refused folders
    "dataset.system_file": "system file, not {0} ({1})",
    "dataset.hidden_file": "hidden file, not used (its name starts with a dot)",
    "dataset.not_an_image": "not an image ({0})",
    "dataset.not_an_image_file": "not an image file",
    "dataset.cannot_read": "cannot read ({0})",
    "dataset.not_regular_file": "not a regular file (a pipe or a device)",
    "dataset.not_in_class_folder": "not inside a class folder",
    "dataset.not_split_folder": "folder ignored: not a train/val/test split folder",
    "dataset.no_usable_images": "no usable images in this class folder",
    "dataset.file_not_found": "file not found",
    "dataset.no_label": "no label given",
    "dataset.unreadable": "file not found or unreadable",
    "dataset.cannot_read_folder": "Cannot read folder {0}: {1}",
    "dataset.folder_not_found": "Folder not found: {0}",
    "dataset.path_not_found": "Folder or file not found: {0}",
    "dataset.not_found": "Not found: {0}",
    "dataset.not_a_folder": "Not a folder: {0} (drop a folder with one sub-folder per class)",
    "dataset.one_image": "{0} is one image: give the folder that holds one sub-folder per class.",
    "dataset.no_images": "No images found in {0}. Expected one sub-folder per class, "
    "each holding JPEG, PNG, BMP, WebP or TIFF images.{1}",
    "dataset.no_usable_files": "None of the given files is a usable image.{0}",
    "dataset.skipped_summary": " {0} files were skipped: {1}.",
    "dataset.skipped_entry": "{0}: {1}",
    "dataset.and_more": "and {0} more",
    "dataset.val_carved": "No validation folder: {0} of train set aside for validation.",
    "dataset.duplicate": "the same image is in two classes (both kept; check their labels): {0}",
    "dataset.lookalike_classes": "class names that look the same are different names, so they "
    "are trained as separate classes (rename one if they are the same class): {0}",
    "dataset.bad_fraction": "val_fraction must be in [0, 1)",
    "dataset.length_mismatch": "{0} must have the same length",
    "dataset.nothing_to_import": "Nothing to import.",
    "dataset.import_failed": "{0}",
    # data/text.py: rows and files that cannot be used, refused files, how a file was read
    "text.empty_row": "empty row",
    "text.empty_text": "empty text",
    "text.empty_file": "empty file",
    "text.missing_label": "missing label",
    "text.missing_text": "missing text",
    "text.field_count": "expected {0} fields, found {1}",
    "text.bad_bytes": "bytes that are not valid {0}",
    "text.nul_bytes": "contains NUL bytes (binary data?)",
    "text.cell_too_large": "a cell is larger than 1 MB",
    "text.file_too_large": "larger than 1 MB",
    "text.not_txt": "not a .txt file",
    "text.not_text": "not text",
    "text.cannot_parse": "cannot parse ({0})",
    "text.unbalanced_quote": "unbalanced quote (an opening quote is never closed)",
    "text.file_ignored": "file ignored: {0}",
    "text.not_split_folder": "folder ignored: not a train/val/test folder",
    "text.conflict": "the same text as an earlier row, which is kept with label '{0}': this "
    "row's label '{1}' is not used",
    "text.empty_table": "{0} is empty: no rows to import",
    "text.no_rows": "no rows with any text",
    "text.no_label_column": "found only one column, so there is no label column",
    "text.one_column": "found only one column (no tab, comma, semicolon or | between fields)",
    "text.same_column": "{0}: the text and the label cannot be the same column ('{1}')",
    "text.no_readable_rows": "{0}: no rows can be read with these settings.",
    "text.no_data": "No text data found in {0}. Expected a CSV/TSV/TXT file, train/dev/test "
    "files, or one sub-folder of .txt files per class.",
    "text.no_columns": "{0} holds one sub-folder per class: there are no columns to choose",
    "text.unknown_encoding": "Unknown text encoding {0}",
    "text.no_usable_rows": "No usable rows in {0}: every row was empty or had no label.",
    "text.one_class": "Only one class ('{0}') in {1}: a classifier needs at least two "
    "(check the label column).",
    "text.labels_look_like_text": "{0}: the label column '{1}' holds {2} different values in "
    "{3} rows, almost one per row: it looks like free text, not classes. Choose the column "
    "that names each row's class.",
    "text.cannot_read": "Cannot read {0}: {1}",
    "text.not_a_table": "Cannot read {0}: it is {1}, not a text table.",
    "text.no_column_named": "No {0} column named {1}; columns are: {2}",
    "text.column_out_of_range": "{0} column index {1} is out of range: the file has {2} columns "
    "(0-based: 0 to {3})",
    "text.read_as": "Read {0} as {1} {2} {3}; text column '{4}', label column '{5}'.",
    "text.read_as_literal": "Read {0} as {1} {2} {3}, quotes taken literally; text column "
    "'{4}', label column '{5}'.",
    "text.read_folders": "Read {0} as one sub-folder of .txt files per class.",
    "text.label_guessed": "No column looks like labels (50 or fewer distinct values); guessed "
    "'{0}': choose the label column if wrong.",
    "text.kept_splits": "Kept the splits of {0}.",
    "text.val_carved": "No validation file: {0} of train set aside for it.",
    "text.skipped_count": "Skipped {0} row(s) or file(s); see the list of skipped items.",
    "text.repeats_merged": "{0} repeated text(s) with the same label were merged: each text is "
    "one item.",
    "text.repeats_conflict": "{0} repeat(s) of a text came with different labels: each such text "
    "is kept once, under its first label; those rows are listed as not used.",
    # fileio.py: a user's file refused before it is read (pipes, devices, huge files)
    "file.not_regular": "not a regular file (a pipe or a device)",
    "file.too_large": "file too large ({0} MB; the limit is {1} MB)",
    "file.cannot_read": "Cannot read {0}: {1}.",
    # workflows/classify.py: the results' CSV
    "csv.is_folder": "Cannot write the results to {0}: it is a folder (give a .csv file name).",
    "csv.cannot_write": "Cannot write the results to {0} ({1}).",
    "csv.written_elsewhere": "Could not write {0} ({1}); the results were saved to {2} instead.",
    "csv.not_saved": "Could not write the results to {0} ({1}), nor to {2} ({3}).",
    # inference.py, quantize.py: models that are refused
    "model.is_folder": "{0} is a folder, not a model file: {1}",
    "model.not_regular": "{0} is not a regular file (a pipe or a device), not a model.",
    "model.run_failed": "{0} failed while classifying ({1}).",
    "model.too_much_memory": "{0} asks for {1} GB in one buffer, more than this computer has: "
    "a damaged or crafted model.",
    "model.run_timeout": "{0} was stopped: classifying one batch took longer than {1} s "
    "(a damaged or crafted model, or a far too slow computer).",
    "model.tokenizer_failed": "{0}: its tokenizer failed on the texts ({1}).",
    "model.not_found": "Model file not found: {0}",
    "model.cannot_read": "Cannot read the model file {0}: {1}",
    "model.cannot_write": "Cannot write the model file {0}: {1}",
    "model.not_changed": "{0} was written but does not read back as changed; it may be damaged.",
    # trust.py: the "unsure" threshold (answer only when at least this sure)
    "calibration.bad_threshold": "The unsure threshold must be a probability from 0 to 1 "
    "(e.g. 0.8 for 80 %), got {0}.",
    "model.empty": "{0} is an empty file (0 bytes), not a model.",
    "model.too_large": "{0}: {1} GB is larger than any model this app makes (the limit is {2} GB).",
    "model.not_onnx": "{0} is not a valid ONNX model ({1}).",
    "model.not_ours": "{0} was not exported by Classifier Studio (its metadata has no labels).",
    "model.newer_format": "{0} uses model format {1}, newer than this app understands.",
    "model.no_task": "{0}: damaged metadata, it does not say its task.",
    "model.unknown_task": "{0}: unknown task {1} in its metadata (this app classifies {2}).",
    "model.unknown_task_short": "{0}: unknown task {1} in its metadata.",
    "model.labels_unreadable": "{0}: damaged metadata, its labels cannot be read ({1}).",
    "model.labels_not_names": "{0}: damaged metadata, its labels are not a list of names.",
    "model.bad_image_input": "{0}: its input is {1} {2}, not the uint8 images "
    "(batch, height, width, 3) its metadata promises.",
    "model.bad_text_input": "{0}: its inputs are not the token ids of a text model.",
    "model.output_mismatch": "{0}: its metadata names {1} labels but the model has {2} outputs.",
    "model.bad_tokenizer": "{0}: its tokenizer cannot be read ({1}).",
    "model.wrong_kind": "{0} classifies {1}, not {2}.",
    "model.already_int8": "{0} is already quantized to INT8; quantize its float model.",
    "model.no_pixels": "This image model has no 'pixels' joint after its preprocessing.",
    # project.py: creating, opening and editing a project
    "project.exists": "There is already a project in {0}.",
    "project.not_empty": "{0} is not empty; choose an empty or new folder.",
    "project.cannot_create": "Cannot create {0}: {1}",
    "project.missing": "No project in {0} ({1} not found).",
    "project.cannot_read": "Cannot read {0}: {1}",
    "project.not_a_project": "{0} is not a Classifier Studio project.",
    "project.unknown_format": "{0} has an unknown project format ({1}).",
    "project.newer_format": "{0} was saved by a newer version of Classifier Studio (project "
    "format {1}; this version reads up to {2}). Update the app to open it.",
    "project.damaged": "The project in {0} is damaged: {1}",
    "project.class_needs_name": "A class needs a name.",
    "project.class_exists": "There is already a class called '{0}'.",
    "project.no_class": "No class called '{0}'.",
    "project.no_run": "No training run '{0}' in this project.",
    "project.run_interrupted": "The app stopped before this run finished.",
    "project.unknown_task": "{0}: unknown task {1} (this version classifies {2}).",
    "project.bad_file": "{0} cannot be used: {1}.",
    "project.file_problem": "{0}: {1}; {2}.",
    "project.bad_run_id": "{0} is not a run id such as run-0001: the app uses no folder by "
    "that name.",
    "project.link_outside": "{0} is a link to {1}, outside the project folder: the app neither "
    "reads nor writes there.",
    # project_schema.py: what is wrong in a project file (a field, named) and what was done
    "schema.too_deep": "nested too deeply to be read (a damaged file)",
    "schema.whole_file": "it must hold a JSON object, found {0}",
    "schema.not_object": '"{0}" must be an object, found {1}',
    "schema.not_list": '"{0}" must be a list, found {1}',
    "schema.not_text": '"{0}" must be a text, found {1}',
    "schema.wrong_value": '"{0}" has a value this app cannot use: {1}',
    "schema.not_item": '"{0}" must be [item, label, split] (three texts), found {1}',
    "schema.not_run_id": '"{0}" must be a run id such as run-0001, found {1}',
    "schema.duplicate": '"{0}" repeats {1}',
    "schema.unknown_value": '"{0}" is {1}, not one of: {2}',
    "schema.label_not_class": '"{0}" has the label {1}, which is not in "classes"',
    "schema.value_ignored": "it is ignored",
    "schema.entry_left_out": "this entry is left out",
    "schema.run_left_out": "this run is left out",
    "schema.run_unreadable": "the run is listed as unreadable",
    "schema.class_added": "the class is added",
    "schema.put_in_train": "the item is used for training",
    "schema.classes_from_items": "the classes are taken from the items' labels",
    # project_lock.py and saving: one writer per project; projects that cannot be saved
    "project.locked": "{0} is open in another Classifier Studio ({1}): it can only be opened "
    "read-only here until it is closed there.",
    "project.lock_holder": "process {0} on {1}, since {2}",
    "project.lock_unknown": "holder unknown",
    "project.cannot_lock": "Cannot open the project for writing: its lock file {0} is not a "
    "plain file ({1}). Remove it if no Classifier Studio has the project open.",
    "project.opened_read_only": "{0} is open read-only: you can view it, evaluate and predict, "
    "but not train, edit or save it.",
    "project.folder_read_only": "The project folder {0} is read-only: you can view it, evaluate "
    "and predict, but not train, edit or save it.",
    "project.disk_full": "The disk holding {0} is full: you can view the project, evaluate and "
    "predict, but not train, edit or save it until space is freed and it is opened again.",
    "project.closed": "{0} was closed: nothing more can be saved in it.",
    "project.cannot_save": "Cannot save the project in {0}: {1}",
    # training/, features.py, catalog.py, text_embedding.py: refused data, runs, models not built
    "train.wrong_kind": "The '{0}' model is for {1} data, not {2}.",
    "train.reads_other_kind": "The '{0}' model reads {1}s; this dataset holds {2}s.",
    "train.word_pieces_unused": "Word pieces are read beside a pretrained text model's sentence "
    "vector; the '{0}' model has none, so it trains without them.",
    "train.two_image_classes": "Training needs at least two classes with usable images in the "
    "training set (found: {0}). Add a sub-folder of images for each class.",
    "train.two_text_classes": "Training needs at least two classes with usable texts in the "
    "training set (found: {0}). Give each class some example texts.",
    "train.empty_image_classes": "These classes have no usable training images: {0}.",
    "train.empty_text_classes": "These classes have no usable training texts: {0}.",
    "finetune.not_pretrained_image": "The '{0}' model cannot be fine-tuned: fine-tuning needs a "
    "pretrained image model (Fast or Accurate) or, for texts, the any-language model "
    "(multilingual-e5-small).",
    "finetune.text_one_process": "Texts are fine-tuned in one process: run the command without "
    "torchrun.",
    "finetune.word_pieces": "A fine-tune teaches the sentence vector's classifier, not the word "
    "pieces: turn off Word pieces (--word-pieces) to fine-tune, or fine-tuning to keep them.",
    "finetune.text_model": "Fine-tuning texts: the any-language model is the one whose layers "
    "can learn, so the Automatic choice takes it.",
    "finetune.weights_missing": "The '{0}' model cannot be fine-tuned here: its PyTorch weights "
    "are not installed (Python package {1}).",
    "distributed.cannot_join": "Process {0} of this torchrun launch could not join the others: {1}",
    "distributed.peer_lost": "Process {0} of this torchrun launch stops: another process "
    "failed or was stopped ({1}). Its own message says why.",
    "finetune.head_kept": "Fine-tuning did not beat the first model on the validation "
    "images (none of its {0} epochs had a lower loss than epoch {1}), so the first model is kept.",
    "augment.unknown": "Unknown augmentation '{0}'. Choose from: {1}, or none.",
    "augment.flip_on": "Flipping stays on: mirrored pictures were recognised as well as the "
    "originals ({0} % and {1} % right, on {2} sample pictures) and look like real ones.",
    "augment.flip_off_facing": "Flipping is off: your pictures all face the same way (a "
    "picture could be told from its mirror image {0} % of the time, on {1} sample pictures), so "
    "mirrored copies would look unlike the real ones.",
    "augment.flip_off": "Flipping is off: mirrored pictures were recognised much worse ({0} % "
    "right before mirroring, {1} % after, on {2} sample pictures), so which way a picture faces "
    "matters here.",
    "augment.flip_off_swap": "Flipping is off: mirrored pictures were recognised much worse "
    "({0} % right before mirroring, {1} % after, on {2} sample pictures; a mirrored '{3}' was "
    "often taken for '{4}'), so which way a picture faces matters here.",
    "augment.flip_unmeasured": "Flipping stays on: too few pictures to measure whether "
    "mirroring changes what they show.",
    "features.cache_unwritable": "cannot store features in the cache {0} ({1}): training goes "
    "on without it, and they are computed again next time",
    "run.cannot_read": "Cannot read the training run in {0}: {1}",
    "run.unknown_format": "{0}: unknown format {1}.",
    "run.damaged": "{0} is damaged: {1}",
    "backbone.unknown": "Unknown backbone '{0}'. Choose one of: {1}.",
    "backbone.no_default": "No default backbone for task '{0}'.",
    "backbone.not_built": "The '{0}' model is not built yet. Run: desktop-app models --build",
    "backbone.not_text": "'{0}' is not a text backbone",
    "backbone.tokenizer_not_built": "The '{0}' tokenizer is not built yet. "
    "Run: desktop-app models --build",
    # export.py and quantize.py: writing the model file
    "export.not_onnx_name": "The model file must end in .onnx: {0}",
    "export.parity": "The exported model disagrees with the trained one by {0} (> {1}).",
    "export.cannot_write": "Cannot write {0}: {1}",
    # explain.py and workflows/explain.py: why the model decided
    "explain.not_image": "{0} classifies texts: heatmaps are for image models (use --text).",
    "explain.not_text": "{0} classifies images: word weights are for text models.",
    "explain.no_preprocessing": "{0} does not describe its preprocessing: "
    "no heatmap can be placed on the image.",
    "explain.cannot_write": "Cannot write the heatmap {0}: {1}",
    "quantize.no_images": "No training images to calibrate the INT8 model on: "
    "give the images it was trained on.",
    "quantize.no_readable_images": "None of the calibration images could be read.",
    "quantize.failed": "Quantization failed: {0}",
    # workflows/auto_choice.py: the automatic model choice and the fine-tune suggestion
    "auto.chose_accuracy": "Chose {0}: {1} right on the validation images, against {2}.",
    "auto.score_for": "{0} for {1}",
    # a text model whose classifier also reads the word pieces (core/training/word_pieces.py)
    "auto.with_word_pieces": "{0} + word pieces",
    "auto.chose_loss": "Chose {0}: {1} right on the validation images, as many as {2}, and "
    "more confident on them (validation loss {3} against {4}).",
    "auto.chose_speed": "Chose {0}: {1} right on the validation images, as many as {2}, and "
    "it is faster.",
    "auto.chose_no_validation": "Chose {0}: there are no validation images to compare the "
    "models on, so the fastest is kept.",
    "auto.chose_only": "Chose {0}, the model recommended for this data: there is no other to "
    "compare it with.",
    "auto.candidate": "{0}: {1} right on the validation images (validation loss {2}) in {3} s.",
    # the same for texts (the Automatic choice of a text model)
    "auto.chose_accuracy_text": "Chose {0}: {1} right on the validation texts, against {2}.",
    "auto.chose_loss_text": "Chose {0}: {1} right on the validation texts, as many as {2}, and "
    "more confident on them (validation loss {3} against {4}).",
    "auto.chose_speed_text": "Chose {0}: {1} right on the validation texts, as many as {2}, and "
    "it is faster.",
    "auto.chose_no_validation_text": "Chose {0}: there are no validation texts to compare the "
    "models on, so the first is kept.",
    "auto.candidate_text": "{0}: {1} right on the validation texts (validation loss {2}) in {3} s.",
    "auto.chose_language": "Chose {0}: the texts look {1}, and it is the only one of the "
    "models tried that is made for them.",
    # the languages core/language.py tells apart, as "the texts look {…}" says them
    "language.en": "English",
    "language.zh": "Chinese",
    "language.ja": "Japanese",
    "language.ko": "Korean",
    "language.latin": "like a Latin-script language other than English",
    "language.cyrillic": "Cyrillic (e.g. Russian)",
    "language.arabic": "Arabic",
    "language.greek": "Greek",
    "language.hebrew": "Hebrew",
    "language.devanagari": "Devanagari (e.g. Hindi)",
    "language.thai": "Thai",
    "auto.fine_tune_suggested": "Fine-tuning will likely help: {0}.",
    "auto.reason_small": "the images are small ({0} × {1} pixels typically) next to the {2} "
    "pixels the model looks at",
    "auto.reason_grey": "most images are grey (like scans, X-rays or drawings), far from the "
    "colour photos the model learnt from",
    "auto.reason_low_accuracy": "the ready-made models get only {0} of the validation images right",
    "auto.reason_low_accuracy_text": "the ready-made models get only {0} of the validation texts "
    "right",
    "auto.reason_gap": "the model gets {0} of the training images right but only {1} of the "
    "validation images",
    "auto.reason_gap_text": "the model gets {0} of the training texts right but only {1} of the "
    "validation texts",
    # phrases: parts of the messages above (what a file is, how a file was read…)
    "phrase.an_image": "an image",
    "phrase.a_text": "a text",
    "phrase.macos_settings": "macOS folder settings",
    "phrase.macos_names": "macOS folder name translations",
    "phrase.macos_icon": "macOS folder icon",
    "phrase.macos_extra": "macOS extra data for {0}",
    "phrase.windows_thumbnails": "Windows thumbnail cache",
    "phrase.windows_settings": "Windows folder settings",
    "phrase.kde_settings": "KDE folder settings",
    "phrase.a_file_of_type": "a {0} file",
    "phrase.unrecognised": "unrecognised content",
    "phrase.png": "a PNG image",
    "phrase.jpeg": "a JPEG image",
    "phrase.gif": "a GIF image",
    "phrase.pdf": "a PDF document",
    "phrase.zip": "an Excel workbook or another ZIP archive (save it as CSV)",
    "phrase.old_office": "an old Excel or Office file (save it as CSV)",
    "phrase.binary": "binary data",
    "phrase.utf8_bom": "UTF-8 (with BOM)",
    "phrase.semicolon_separated": "semicolon-separated",
    "phrase.pipe_separated": "pipe-separated",
    "phrase.separated_by": "{0}-separated",
    "phrase.with_header": "with a header",
    "phrase.without_header": "without a header",
    "phrase.image": "image",
    "phrase.text": "text",
    "phrase.image_or_text": "image or text",
    "phrase.none": "none",
    # health.py, workflows/inspect.py: data health findings (evidence, then the suggested fix)
    "health.label_evidence": "labelled '{0}' ({1} likely), but looks like '{2}' ({3} likely) "
    "to a model that never saw it",
    "health.label_fix": "relabel it as '{0}'",
    "health.same_class": "both '{0}'",
    "split.train": "train",
    "split.val": "validation",
    "split.test": "test",
    "health.other_classes": "labelled '{0}' and '{1}'",
    "health.leak_evidence": "{0}: one copy in {1}, one in {2} ({3}); a copy in both makes "
    "the accuracy look better than it is",
    "health.leak_fix": "remove the copy in {0}",
    "health.duplicate_evidence": "{0}: the same picture or text twice ({1})",
    "health.alike": "{0} alike",
    "health.alike_points": "{0} alike, {1} matching points in the same places",
    "health.duplicate_fix": "remove one of the two",
    "health.outlier_evidence": "labelled '{0}' but unlike every class: {1} times as far from "
    "the nearest class as the typical item",
    "health.outlier_fix": "remove it if it is not a '{0}'",
    "health.balance_evidence": "'{0}' has {1} items; the median class has {2}",
    "health.balance_fix_image": "collect about {0} more '{1}' images",
    "health.balance_fix_text": "collect about {0} more '{1}' texts",
    "health.small_evidence": "{0} x {1} pixels, far below the {2} x {2} the model looks at",
    "health.small_fix": "use a larger picture, or remove this one",
    "camera.cannot_open": "Cannot open the camera or video {0} (is it connected, and not in use "
    "by another program?)",
    "camera.cannot_save": "Cannot save a camera frame in {0}",
    "health.too_few_items": "Data health needs at least 2 classes with 2 items each; {0} has {1} "
    "items in {2} classes.",
}


def render(key: str, params: Sequence[Any]) -> str:
    """The English template of `key` filled in with `params` (nested phrases rendered too)."""
    return TEMPLATES[key].format(*(_render_value(value) for value in params))


def _render_value(value: Any) -> str:
    if isinstance(value, tuple):
        return "; ".join(_render_value(part) for part in value)
    return str(value)


@dataclass(frozen=True)
class Phrase:
    """A keyed English text that is not an error: a skip reason, an import note, a part of a
    message. `str()` is the English; the window translates `key` and fills in `params`."""

    key: str
    params: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _plain(self.params))

    def __str__(self) -> str:
        return render(self.key, self.params)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (nested phrases as objects), for project files."""
        return {"key": self.key, "params": [_to_json(value) for value in self.params]}

    @classmethod
    def from_json(cls, data: Any) -> Phrase | None:
        """The phrase `to_json` wrote, or None when it is not one this version knows."""
        if not isinstance(data, dict) or data.get("key") not in TEMPLATES:
            return None
        params = data.get("params", [])
        if not isinstance(params, list):
            return None
        return cls(str(data["key"]), tuple(_from_json(value) for value in params))


def _plain(params: Sequence[Any]) -> tuple[Any, ...]:
    """Values as plain data that crosses threads and files: phrases, lists of them (tuples),
    numbers; anything else (a path, an OSError…) as its text."""
    return tuple(
        value
        if isinstance(value, Phrase | int | float | str)
        else _plain(value)
        if isinstance(value, tuple)
        else str(value)
        for value in params
    )


def _to_json(value: Any) -> Any:
    if isinstance(value, Phrase):
        return value.to_json()
    if isinstance(value, tuple):
        return [_to_json(part) for part in value]
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, dict):
        return Phrase.from_json(value) or str(value)
    if isinstance(value, list):
        return tuple(_from_json(part) for part in value)
    return value


class CoreError(Exception):
    """Base of every error core raises for a person to read: a stable `key` into TEMPLATES and
    its `params`; `str(error)` is the English text. `CoreError(phrase)` raises a reason that a
    check returned as a `Phrase`."""

    def __init__(self, key: str | Phrase, *params: Any) -> None:
        if isinstance(key, Phrase):
            key, params = key.key, key.params
        self.key: str = key
        self.params: tuple[Any, ...] = _plain(params)
        super().__init__(render(key, self.params))

    @property
    def phrase(self) -> Phrase:
        """The error as a `Phrase` (to nest it in another message)."""
        return Phrase(self.key, self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled by key (Exception would pass the English text back as the key)
        return (type(self), (self.key, *self.params))


def reason_of(error: BaseException) -> Phrase | str:
    """An error as a value inside another message: keyed when it is a CoreError."""
    return error.phrase if isinstance(error, CoreError) else str(error)
