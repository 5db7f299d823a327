SHELL := /bin/bash
# The two commands of the README: `make site` builds the sample handbook into public/,
# `make test` runs every test. Both install what is missing first (as root, with apt-get).
SWIFT ?= swift
APT = DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: site test deps test-deps release clean

deps:
	@pkg-config --exists libcmark jemalloc 2>/dev/null || { apt-get update -qq && $(APT) libcmark-dev libjemalloc-dev pkg-config; }

# Chromium renders pages in the browser tests; the CJK font makes Chinese legible in it;
# poppler-utils reads printed PDFs back; axe-core (from PyPI's axe-core-python wheel, unpacked
# into .build/axe/, not installed) checks the pages' accessibility.
AXE = .build/axe/axe_core_python/axe.min.js
test-deps: deps $(AXE)
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null && fc-list 2>/dev/null | grep -qi "noto sans cjk" || \
	  { apt-get update -qq && $(APT) chromium fonts-noto-cjk poppler-utils; }

$(AXE):
	@python3 -m pip --version >/dev/null 2>&1 || { apt-get update -qq && $(APT) python3-pip; }
	python3 -m pip download --quiet --no-deps --dest .build/axe axe-core-python==0.1.0
	python3 -m zipfile -e .build/axe/axe_core_python-0.1.0-py3-none-any.whl .build/axe/

release: deps
	$(SWIFT) build -c release --product handbook

site: release
	.build/release/handbook build .

# --no-parallel: the server tests time edits (served within a second) and the browser tests
# run Chromium; on two cores, running them side by side makes those timings flaky.
test: test-deps
	$(SWIFT) test --no-parallel 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]|^(Compiling|Building|Emitting|Write|Linking)'; exit $${PIPESTATUS[0]}

clean:
	rm -rf .build public/*
