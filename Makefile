# Two commands matter: `make run` and `make test`. Every other target is a step they share.
# `make test` runs ruff and ESLint, the front end's unit tests (Node's runner), then pytest.
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-12)
NPM_STAMP := node_modules/.installed-$(shell cat package-lock.json | md5sum | cut -c1-12)
export DJANGO_SETTINGS_MODULE := dashboard.settings

.PHONY: run test lint fmt bench demo demo-clean system engine static image image-inputs clean

run: system engine $(VENV_STAMP) $(NPM_STAMP) static
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py bootstrap_admin
	exec bash scripts/run.sh

test: system engine $(VENV_STAMP) $(NPM_STAMP) lint static image-inputs
	node --test tests/js/*.test.mjs
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV_STAMP) $(NPM_STAMP)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	node_modules/.bin/eslint .
	npm run --silent format:check

fmt: $(VENV_STAMP) $(NPM_STAMP)
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
	npm run --silent format

bench: system engine $(VENV_STAMP) $(NPM_STAMP) static
	$(PY) -m scripts.bench $(BENCH)

demo: system engine
	@bash scripts/demo.sh

demo-clean:
	@bash scripts/demo.sh clean

# Debian packages the commands need (docker.io, busybox-static, chromium, node); root only.
system:
	@bash scripts/ensure-system.sh

# A Docker Engine that answers: started in the background when the local socket is silent.
engine:
	@bash scripts/ensure-engine.sh

$(VENV_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q '.[test]'
	rm -f .venv/.installed-* && touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -f node_modules/.installed-* && touch $@

# The container image, from the official Python and Node images (needs their registry).
image: system engine
	docker build -t docker-network-dashboard .

# What the image tests build from, with no network (a debootstrap base, wheels, npm cache).
image-inputs: system engine $(VENV_STAMP)
	@bash scripts/image-inputs.sh

# The map's modules bundled into one file (fewer requests to lose; loader.js retries it),
# then everything collected into var/static.
static: $(VENV_STAMP) $(NPM_STAMP)
	npm run --silent build
	$(PY) manage.py collectstatic --noinput -v 0

clean:
	rm -rf .venv node_modules var/static
