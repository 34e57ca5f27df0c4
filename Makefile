# Everything a fresh Debian machine with Python 3.11 needs lives here, not in anyone's head.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
DEBIAN_PACKAGES := espeak-ng ffmpeg chromium fonts-dejavu-core wrk

.PHONY: run test install install-test system-deps bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Debian packages: installed when we are root and they are missing; otherwise we say what is missing.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: missing Debian packages (install as root):$$missing"; fi; \
	fi

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: system-deps $(VENV)/.installed

install-test: system-deps $(VENV)/.installed-test

run: install
	$(VENV)/bin/newsdesk demo

test: install-test
	$(PY) -m pytest

bench: install-test
	$(PY) bench/extraction.py
	$(PY) bench/pipeline.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
