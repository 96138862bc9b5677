# The portal's image: gunicorn serving Django, static files collected for whitenoise.
# Dependencies come from the lock file, every hash checked. No Docker engine runs on the
# build machines: tests/electionspro/test_docker_compose.py checks this file,
# .dockerignore and docker-compose.yml by reading them (docs/operations.md, Docker).
FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
# .dockerignore keeps the virtualenv, databases, .git, media, keys and shares out.
COPY . .
# collectstatic needs settings that import: throwaway values for this build step only.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only ELECTIONSPRO_NUMEN_PEPPER=collectstatic-only \
    python manage.py collectstatic --noinput
RUN useradd --system --home /app electionspro && mkdir -p /app/media && chown electionspro /app/media
USER electionspro
EXPOSE 8000
# The one place the web command is written. gunicorn reads the number of worker processes
# from WEB_CONCURRENCY (one per core); 16 threads each, and the queue-timing gthread worker
# lets the load shedding answer a request that waited too long with the polite 503
# (BENCHMARKS.md). Each thread holds a database connection.
ENV WEB_CONCURRENCY=2
CMD ["gunicorn", "electionspro.wsgi", "--bind", "0.0.0.0:8000", \
     "-k", "electionspro.gunicorn_worker.QueueTimedThreadWorker", \
     "--threads", "16", "--timeout", "30"]
