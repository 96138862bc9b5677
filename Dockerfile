# Image of the portal: gunicorn serving Django, static files collected for whitenoise.
# Untested here (no Docker engine on the build machines); see README.
FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic needs settings that import: throwaway values for this build step only.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only ELECTIONSPRO_NUMEN_PEPPER=collectstatic-only \
    python manage.py collectstatic --noinput
RUN useradd --system --home /app electionspro && mkdir -p /app/media && chown electionspro /app/media
USER electionspro
EXPOSE 8000
# One process per core, 16 threads each (the queue-timing gthread worker lets the load
# shedding answer a request that waited too long with the polite 503; see BENCHMARKS.md).
CMD ["gunicorn", "electionspro.wsgi", "--bind", "0.0.0.0:8000", \
     "-k", "electionspro.gunicorn_worker.QueueTimedThreadWorker", \
     "--workers", "2", "--threads", "16", "--timeout", "30"]
