SHELL := /bin/bash
# The two commands of the README: `make site` builds the sample handbook into public/,
# `make test` runs every test. Both install what is missing first (as root, with apt-get).
SWIFT ?= swift
APT = DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: site test deps test-deps release clean

deps:
	@pkg-config --exists libcmark jemalloc 2>/dev/null || { apt-get update -qq && $(APT) libcmark-dev libjemalloc-dev pkg-config; }

# Chromium renders pages in the browser tests; the CJK font makes Chinese legible in it;
# poppler-utils reads printed PDFs back.
test-deps: deps
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null && fc-list 2>/dev/null | grep -qi "noto sans cjk" || \
	  { apt-get update -qq && $(APT) chromium fonts-noto-cjk poppler-utils; }

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
