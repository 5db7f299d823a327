SHELL := /bin/bash
# The two commands of the README: `make site` builds the sample handbook into public/,
# `make test` runs every test. Both install what is missing first (as root, with apt-get).
SWIFT ?= swift
APT = DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: site test deps test-deps release clean

deps:
	@pkg-config --exists libcmark yaml-0.1 jemalloc 2>/dev/null || { apt-get update -qq && $(APT) libcmark-dev libyaml-dev libjemalloc-dev pkg-config; }

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

# The server tests time edits (served within a second) and the browser tests run Chromium; on
# two cores, running them beside other tests makes those timings flaky: they run one at a time
# (SERIAL), after the other suites, which run in parallel. TMPDIR is a folder of this run,
# removed at its end: the Swift toolchain leaves a TemporaryDirectory.* folder behind for each
# compiler it runs (some 1,000 per build), and the tests' own folders go with it if one is left.
SERIAL = HandbookServerTests|ConfirmationTests|ConfirmationPrintTests|MarkdownTableTests|AccessibilityTests|BrowserTests|FilterTests|PhoneLayoutTests|PrintTests|ReviewPageTests|SearchBrowserTests|TrainingRecordTests
QUIET = grep -vE '^\[[0-9]+/[0-9]+\]|^(Compiling|Building|Emitting|Write|Linking)'
test: test-deps
	@export TMPDIR=$$(mktemp -d /tmp/handbook-test.XXXXXX); trap 'rm -rf "$$TMPDIR"' EXIT; \
	$(SWIFT) build --build-tests 2>&1 | $(QUIET); [ $${PIPESTATUS[0]} = 0 ] || exit 1; \
	$(SWIFT) test --skip-build --skip '$(SERIAL)' 2>&1 | $(QUIET); parallel=$${PIPESTATUS[0]}; \
	$(SWIFT) test --skip-build --no-parallel --filter '$(SERIAL)' 2>&1 | $(QUIET); serial=$${PIPESTATUS[0]}; \
	[ $$parallel = 0 ] && [ $$serial = 0 ]

clean:
	rm -rf .build public/*
