# Set-up and common tasks. Needs only python3 and make; tools run from the venv as `.venv/bin/python -m ...`.
# Stamp files inside .venv keep targets idempotent: a second `make test` neither reinstalls nor downloads.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
INSTALLED := $(VENV)/.stamp-installed
MODEL     := $(VENV)/.stamp-model

.PHONY: .venv venv model run test eval curve train bench clean distclean

.venv venv: $(INSTALLED)

# numpy and wheel first: provisioning runs `pip download --no-build-isolation` on the pkuseg sdist, whose
# setup.py imports numpy.
$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip setuptools wheel numpy
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m compileall -q extractor > /dev/null
	touch $@

model: $(MODEL)

$(MODEL): $(INSTALLED)
	$(PY) -m extractor.tools.provision
	touch $@

run: model
	$(VENV)/bin/extract corpus/ --out out/
	@echo "Summary of out/ (line counts; CSV lines include the header):"
	@for f in out/*.csv out/*.jsonl; do [ -f "$$f" ] && printf '  %-36s %6d lines\n' "$$f" "$$(wc -l < "$$f")"; done; true
	@echo "Review report: out/report.html (open it in a browser: file://$(CURDIR)/out/report.html)"

test: model
	$(PY) -m pytest -q

eval: model
	$(PY) -m extractor.tools.evaluate

# How the held-out figures grow with the annotated pages (docs/decisions.md, README "Adapt it to your documents")
curve: model
	$(PY) -m extractor.tools.learning_curve

# The shipped model (extractor/decide/data), retrained from the shared gold sets; SOURCE_DATE_EPOCH pins the card's date
# to the last commit so that the same data gives the same files.
SHARED ?= ../shared
train: $(INSTALLED)
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || date +%s) \
	  $(VENV)/bin/extract train $(SHARED)/seeds $(SHARED)/dev $(SHARED)/dev2 --out extractor/decide/data

bench: model
	$(PY) -m extractor.tools.bench

# `clean` keeps the venv and the model (a shared venv may be in use); `distclean` removes them too.
clean:
	rm -rf out/ .pytest_cache/ .hypothesis/ build/ dist/
	find extractor tests rules -name __pycache__ -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info/
