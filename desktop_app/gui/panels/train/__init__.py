"""The "2 · Train" tab, split by responsibility: `panel.py` (the shell: start, cancel, the
training job), `model_choice.py` (catalog cards), `settings_form.py` (advanced settings),
`progress.py` (stage, bar, curves, messages), `runs.py` (the run list), `words.py` (what differs
per kind of data). Preview it alone: `python -m desktop_app.gui.panels.train [PROJECT]`."""

from desktop_app.gui.panels.train.panel import TrainPanel, training_job

__all__ = ["TrainPanel", "training_job"]
