# electionspro: the README's two commands, `make run` and `make test`.
# The virtualenv is built with the first Python >= 3.12 that scripts/find-python finds.

VENV        ?= .venv
PY          := $(VENV)/bin/python
HOST        ?= 127.0.0.1
PORT        ?= 8000
STAMP_RUN   := $(VENV)/.installed-run
STAMP_TEST  := $(VENV)/.installed-test

.PHONY: run test lint bench messages clean

$(PY):
	@interpreter=$$(scripts/find-python) && "$$interpreter" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(STAMP_TEST): requirements.txt requirements-test.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $(STAMP_RUN) $@

## run: serve the demo on SQLite at http://127.0.0.1:8000 (debug mode)
run: $(STAMP_RUN)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## test: every test, browser journey included (needs Chromium: scripts/ensure-chromium)
test: $(STAMP_TEST)
	@scripts/ensure-chromium
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

## messages: refresh and compile the English translation
messages: $(STAMP_RUN)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=static --ignore=staticfiles
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media demo-shares
