# electionspro: the README's two commands, `make run` and `make test`.
# The virtualenv is built with the first Python >= 3.12 that scripts/find-python finds.

VENV        ?= .venv
PY          := $(VENV)/bin/python
HOST        ?= 127.0.0.1
PORT        ?= 8000
STAMP_RUN   := $(VENV)/.installed-run
STAMP_TEST  := $(VENV)/.installed-test

.PHONY: run test lint lock bench messages clean

$(PY):
	@interpreter=$$(scripts/find-python) && "$$interpreter" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

# Installs come from the lock files (every package pinned, with its hashes): `make lock`.
$(STAMP_RUN): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	@touch $@

$(STAMP_TEST): requirements.lock requirements-test.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock
	@touch $(STAMP_RUN) $@

## run: serve the demo on SQLite at http://127.0.0.1:8000 (debug mode)
# Links in the demo's opening mails point at the address served (make run PORT=8001 too).
run: export ELECTIONSPRO_SITE_URL ?= http://$(HOST):$(PORT)
run: $(STAMP_RUN)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## test: the import layers (lint-imports, pyproject.toml), then every test, browser journey
##       included (needs Chromium: scripts/ensure-chromium)
test: $(STAMP_TEST)
	$(VENV)/bin/lint-imports --no-logo
	@scripts/ensure-chromium
	$(PY) -m pytest $(PYTEST_ARGS)

## bench: the load and scale benchmark (BENCHMARKS.md) on PostgreSQL + gunicorn, 127.0.0.1 only; not part of `make test`.
##        BENCH_SCALE=smoke|small|full (default full), BENCH_ARGS="--profile --only pages,login"
bench: $(STAMP_TEST)
	$(PY) -m pip install --quiet -r bench/requirements.txt
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null 2>&1 \
		|| echo "wrk absent : les GET seront mesurés par le client Python."
	BENCH_SCALE=$${BENCH_SCALE:-full} $(PY) -m bench.run $(BENCH_ARGS)

## lock: pin requirements*.txt's ranges into requirements.lock and requirements-test.lock
##       (pip-compile --generate-hashes, public index only); commit them with the .txt files.
##       Existing pins are kept; LOCK_UPGRADE=1 moves every package to its newest allowed release.
lock: | $(PY)
	PY=$(PY) LOCK_UPGRADE=$(LOCK_UPGRADE) scripts/lock

lint: $(STAMP_TEST)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

## messages: refresh the English catalogue (locale/en), say what is left to translate, compile it.
##           New or changed strings come out empty or "fuzzy": translate them in the .po, run again.
MESSAGES_IGNORE := .venv static staticfiles bench bench-data tests test-artifacts media demo-credentials demo-trustees
MESSAGES_PO     := locale/en/LC_MESSAGES/django.po
messages: $(STAMP_RUN)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l en --no-obsolete $(MESSAGES_IGNORE:%=--ignore=%)
	@msgfmt --check --statistics -o /dev/null $(MESSAGES_PO)
	@msgattrib --untranslated --no-obsolete $(MESSAGES_PO) | grep -q '^msgid' \
		&& echo "To translate: msgattrib --untranslated --no-obsolete $(MESSAGES_PO)" || true
	@msgattrib --only-fuzzy --no-obsolete $(MESSAGES_PO) | grep -q '^msgid' \
		&& echo "To review (fuzzy): msgattrib --only-fuzzy --no-obsolete $(MESSAGES_PO)" || true
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media demo-credentials demo-trustees
