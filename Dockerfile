# The app image: web (gunicorn), Celery worker and Celery beat all run from it (see docker-compose.yml).

# -- 1. the frontend, built with Node ------------------------------------------------------------------
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# -- 2. the Python app, with Graphviz for diagrams ----------------------------------------------------
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends graphviz fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
COPY --from=frontend /src/frontend/dist ./frontend/dist
# collectstatic only reads settings; these throwaway values never reach a running container.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-real-secret-key-0123456789abcdef ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v 0 \
 && useradd --create-home --uid 10001 designer \
 && mkdir -p /app/var/media /app/var/beat \
 && chown -R designer /app/var
USER designer
ENV DEBUG=0 VAR_DIR=/app/var STATIC_ROOT=/app/var/static MEDIA_ROOT=/app/var/media
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
