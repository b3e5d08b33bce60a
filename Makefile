# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make serve   set up, build claims/ into claimdesk.db, serve on http://127.0.0.1:8001
#   make test    set up, lint, type-check and run the tests
# The first Python 3.11+ on PATH that runs, by its usual names: some machines have python3.12
# but no python3, a python3 that is older, or only `python`. A name that is there but does not
# run (a pyenv shim for a version not installed exits 127) is passed over, as a missing one is.
# With none, make stops here and says so, rather than a recipe failing with Error 127.
# The loop ends with `true`: when the last name is not there the shell exits 127, and make's
# $(shell) then drops everything the loop printed (a machine with python3.12 and no python3.11
# fell back to a python3 that did not run, and no test was collected).
# Each prints where its interpreter really is (a pyenv shim resolved to the version it runs).
# Expanded once (:=), not at every use: each expansion would run the probe again.
ifndef PYTHON
PYTHON := $(firstword $(shell for name in python3 python3.14 python3.13 python3.12 python3.11 \
	python; do $$name -c 'import os, sys; sys.version_info >= (3, 11) and \
	print(os.path.realpath(sys.executable))' 2>/dev/null; done; true))
endif
ifeq ($(PYTHON),)
$(error claimdesk needs Python 3.11 or newer on PATH (tried python3, python3.14 to python3.11 and python))
endif
# uv builds .venv with that same Python instead of searching PATH for one itself: some uv
# releases stop at the first candidate that does not run (a pyenv `python` shim exits 127,
# astral-sh/uv#21047) rather than passing over it, as the probe above does. The real path, not
# a shim's or a symlink's: uv takes another path to the same Python for another one, and would
# build .venv again at every `make`.
export UV_PYTHON ?= $(PYTHON)
# uv from PATH if it runs there; otherwise the copy `make` installs with pip (a uv on PATH that
# does not run, such as a pyenv shim, stopped `make setup` with Error 127).
ifndef UV
UV := $(shell uv --version >/dev/null 2>&1 && command -v uv || echo "$(PYTHON) -m uv")
endif
# Trust the system's certificate store, as pip does, not only uv's bundled roots. uv 0.13
# renamed the setting (and warns on the old name); an older uv already here knows only the
# old one, and a uv `make setup` is about to install is the newest.
ifeq ($(shell $(UV) --version >/dev/null 2>&1 && ! $(UV) help 2>/dev/null | grep -q -e --system-certs && echo old),old)
export UV_NATIVE_TLS ?= 1
else
export UV_SYSTEM_CERTS ?= 1
endif
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: setup browser fonts screenshots serve build test lint docs typecheck pytest bench clean

setup:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --user --quiet uv \
		|| $(PYTHON) -m pip install --user --quiet --break-system-packages uv
	$(UV) sync --locked

# The browser tests drive Debian's chromium (never a browser Playwright downloads). Installing
# needs root or sudo and apt-get; where neither is there, say so and go on: the other checks
# still run, and the browser tests fail naming what is missing.
CHROMIUM ?= /usr/bin/chromium
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	command -v apt-get >/dev/null && { [ -z "$$SUDO" ] || command -v sudo >/dev/null; } && \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

browser:
	@test -x $(CHROMIUM) || { $(APT_INSTALL) chromium >/dev/null; } || \
		echo "make: could not install Debian's chromium (needs apt-get, and root or sudo);" \
			"the browser tests need it at $(CHROMIUM)" >&2

# Screenshots and the claim share cards (web/public/card.py) need CJK fonts: Debian's Noto CJK.
# Without them, the tests still pass (a card falls back to English in Pillow's own font).
fonts:
	@fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || { $(APT_INSTALL) fonts-noto-cjk >/dev/null; } || \
		echo "make: could not install Debian's fonts-noto-cjk (needs apt-get, and root or sudo);" \
			"share cards will be drawn in English and screenshots will lack CJK glyphs" >&2

# Every page of the public site and the desk, 1280 and 390 pixels wide, as
# docs/screenshots/<page>-<width>.png.
screenshots: setup browser fonts
	$(UV) run python docs/screenshots.py

serve: setup
	$(UV) run claimdesk serve --host $(HOST) --port $(PORT)

build: setup
	$(UV) run claimdesk build

test: setup browser fonts lint typecheck pytest

# The docs whose cog blocks run the real commands; docs/transcript.py is their helper.
COG_FILES = README.md docs/*.md
COG = $(UV) run cog -I docs

lint:
	$(UV) run ruff check src tests bench docs
	$(UV) run ruff format --check src tests bench docs
	$(COG) --check --check-fail-msg "run 'make docs'" $(COG_FILES)

# Run every cog block again and write its output into the docs.
docs:
	$(COG) -r $(COG_FILES)

typecheck:
	$(UV) run mypy

pytest:
	$(UV) run pytest

bench: setup
	$(UV) run python bench/bench_extract.py

clean:
	rm -rf .venv .pytest_cache .mypy_cache .ruff_cache claimdesk.db
