# The two commands of the README: `make run` (portal with demo data) and `make test` (the whole suite).
# Every target is safe to run again: steps are skipped when their inputs have not changed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8000
VENDOR := static/vendor

.PHONY: run test lint format worker beat vendor migrate demo clean help

help:
	@echo "make run     - cài đặt, nạp dữ liệu mẫu và chạy cổng tại http://$(HOST):$(PORT)"
	@echo "make test    - cài thư viện kiểm thử và chạy toàn bộ bộ kiểm thử"
	@echo "make worker  - Celery worker (cần REDIS_URL)"
	@echo "make beat    - Celery beat (cần REDIS_URL; chỉ chạy một tiến trình beat)"
	@echo "make lint    - ruff"

$(VENV)/.created:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cần Python ≥ 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	touch $@

$(VENV)/.requirements: requirements.txt $(VENV)/.created
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.requirements-test: requirements-test.txt requirements.txt $(VENV)/.created
	$(PIP) install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.requirements

# Bootstrap and htmx from the npm registry, copied into static/vendor: served by us, never by a CDN.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/htmx
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	touch $@

vendor: $(VENDOR)/.installed

migrate: $(VENV)/.requirements
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_demo

run: $(VENV)/.requirements vendor demo
	@echo ""
	@echo "Cổng thi đua – khen thưởng: http://$(HOST):$(PORT)/  (dừng: Ctrl+C)"
	@echo ""
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.requirements-test vendor
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.requirements-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.requirements-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

worker: $(VENV)/.requirements
	@test -n "$$REDIS_URL" || (echo "Đặt REDIS_URL (ví dụ redis://127.0.0.1:6379/0) trước khi chạy worker."; exit 1)
	$(VENV)/bin/celery -A emulation worker --loglevel=INFO

beat: $(VENV)/.requirements
	@test -n "$$REDIS_URL" || (echo "Đặt REDIS_URL (ví dụ redis://127.0.0.1:6379/0) trước khi chạy beat."; exit 1)
	$(VENV)/bin/celery -A emulation beat --loglevel=INFO --schedule var/celerybeat-schedule

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var/staticfiles
