# make run | make class | make serve | make test | make soak | make grade | make bench
# make screenshots | make guides | make guide-pictures | make static | make clean
# Installs go into .venv and are redone only when pyproject.toml changes (stamp files).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run class serve test soak grade bench browser screenshots guides guide-pictures \
	translations static clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-app

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-app

# The committed catalogues (.po) compiled for the app (.mo, not committed): the English UI.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard webapp/translations/*/LC_MESSAGES/*.po))

translations: $(CATALOGUES)

%.mo: %.po | $(VENV)/.installed-app
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

# Static files minified under content-hashed names, gzip and brotli beside them, and their
# manifest, in build/static (webapp/static_files.py), redone when a source changes.
STATIC_SOURCES := $(shell find static -type f)

static: build/static/manifest.json

build/static/manifest.json: $(STATIC_SOURCES) webapp/static_files.py | $(VENV)/.installed-app
	$(BIN)/python scripts/build_static.py

# HOST and PORT, from the environment or the command line, override 127.0.0.1:5000.
run: $(VENV)/.installed-app translations static
	$(BIN)/python -m webapp $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

# A class in a room (docs/practice.md): make run on every interface, so that a class's join
# link and QR code carry this machine's network address, which the room's phones can open.
class:
	$(MAKE) run HOST=0.0.0.0

# Production: gunicorn with worker processes and threads, set up by gunicorn.conf.py from
# SECRET_KEY (required), ACCOUNT_STORE_URL, HOST, PORT, WORKERS and THREADS.
serve: $(VENV)/.installed-app translations static
	$(BIN)/gunicorn --config gunicorn.conf.py

# Find a Chromium that starts before pytest does, so a missing browser is one clear message.
browser: $(VENV)/.installed-test
	$(BIN)/python -m e2e.browser

# Both test folders (a clone may not have tests/ yet; naming a missing one is an error), on
# two workers (pytest-xdist). A failed browser test keeps a trace and a screenshot in
# test-results/, and the summary lists them (e2e/conftest.py).
E2E_ARGS := --tracing retain-on-failure --screenshot only-on-failure --output test-results

test: browser translations static
	$(BIN)/python -m pytest -n 2 $(E2E_ARGS) $(wildcard tests e2e) $(PYTEST_ARGS)

# Grade a test suite against the planted faults (webapp/grade.py, docs/bug-hunt.md): SUITE runs
# once on the correct app, then once per fault it reaches, each stopped at its first failure;
# {base_url} (and $BASE_URL) is the server's URL, {junit} a file for JUnit XML. GRADE_ARGS adds
# --matrix, --json FILE, --html FILE, --redesign (alone: only whether SUITE survives the app's
# redesigned markup)... The default SUITE is our browser suite's bug-hunt subset.
SUITE ?= $(BIN)/python -m pytest e2e -m bughunt -x -q -p no:cacheprovider --base-url {base_url} --junitxml {junit}
GRADE_ARGS ?=

grade: browser translations static
	$(BIN)/python -m webapp.grade $(GRADE_ARGS) -- $(SUITE)

# The model-based test of the web layer (tests/web/test_model.py) for much longer than make
# test runs it: SOAK_EXAMPLES sequences of SOAK_STEPS steps each (about 10 minutes).
SOAK_EXAMPLES ?= 1000
SOAK_STEPS ?= 60

soak: $(VENV)/.installed-test translations static
	WEILIDAI_MODEL_EXAMPLES=$(SOAK_EXAMPLES) WEILIDAI_MODEL_STEPS=$(SOAK_STEPS) \
		$(BIN)/python -m pytest tests/web/test_model.py $(PYTEST_ARGS)

# Speed, weight and memory beside bare Flask, and Lighthouse's scores, written to
# bench/RESULTS.md (bench/README.md); not part of make test. Uses wrk where installed, a
# Python load generator otherwise; Lighthouse from LIGHTHOUSE or PATH, where there is one.
bench: $(VENV)/.installed-bench browser translations static
	$(BIN)/python -m bench $(BENCH_ARGS)

screenshots: browser translations static
	$(BIN)/python scripts/screenshots.py $(SCREENSHOT_ARGS)

# Every tour's illustrated guide (HTML, Markdown, PDF, large-print PDF, MP4 with captions, GIF)
# from the running app, into guides/<tour>/<zh|en>/ (scripts/guides.py; git ignores guides/);
# CARE=1 adds the 关怀模式 editions. Needs ffmpeg and poppler-utils (apt). GUIDE_ARGS for the
# rest: GUIDE_ARGS='--tour why-frozen --lang en'. It writes nothing but guides/.
guides: browser translations static
	$(BIN)/python scripts/guides.py $(if $(filter 1 yes true,$(CARE)),--care) $(GUIDE_ARGS)

# README.md's pictures of a guide (docs/screens/guide-*.png): one guide built in a temporary
# folder, a page of each PDF and a frame of its video.
guide-pictures: browser translations static
	$(BIN)/python scripts/guides.py --readme

clean:
	rm -rf build/static
	rm -rf $(VENV)
