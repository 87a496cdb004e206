# Two commands do everything on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test models lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[build,dev]'
	touch $(STAMP)

models: $(STAMP)
	$(PY) -m desktop_app models --build

run: models
	$(PY) -m desktop_app

lint: $(STAMP)
	$(PY) -m ruff check desktop_app tests
	$(VENV)/bin/lint-imports

test: models lint
	# core tests run with Qt made unimportable (ARCHITECTURE rule 1)
	CLASSIFIER_STUDIO_BLOCK_QT=1 $(PY) -m pytest -p no:pytest-qt tests/unit -q
	$(PY) -m pytest tests/e2e -q

clean:
	rm -rf $(VENV) models/*.onnx models/*.build.json
