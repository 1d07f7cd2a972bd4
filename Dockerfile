# The dashboard as a container next to the Docker daemon: non-root, settings from the
# environment, static files built in, a health check on /healthz.
#
#   docker build -t docker-network-dashboard .
#   docker run -d -p 8000:8000 -v /var/run/docker.sock:/var/run/docker.sock:ro \
#     --group-add "$(stat -c %g /var/run/docker.sock)" -v dashboard:/var/lib/dashboard \
#     docker-network-dashboard
#
# compose.yaml runs it behind a socket proxy instead, with Redis and PostgreSQL.
# Offline builds (the test suite's): put a pip wheelhouse in offline/wheels and an npm
# cache in offline/npm-cache, and pass PIP_NO_INDEX=1 PIP_FIND_LINKS=/src/wheels
# npm_config_offline=true, and base images of your own as PYTHON_IMAGE and NODE_IMAGE.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# The front end's libraries, exactly as the lockfile pins them.
FROM ${NODE_IMAGE} AS front
ARG npm_config_offline=false
WORKDIR /src
# offlin[e]: the offline inputs when the context has them, nothing otherwise.
COPY package.json package-lock.json offlin[e] ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --cache /src/npm-cache \
 && rm -rf /src/npm-cache
# The map's modules bundled into var/bundle (what `make static` does).
COPY static/js static/js
RUN npm run --silent build

FROM ${PYTHON_IMAGE}
ARG PIP_NO_INDEX=
ARG PIP_FIND_LINKS=
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=dashboard.settings \
    DASHBOARD_VAR_DIR=/var/lib/dashboard \
    DASHBOARD_BIND=0.0.0.0 \
    DASHBOARD_PORT=8000
WORKDIR /app
COPY pyproject.toml offlin[e] ./
RUN python3 -m venv /venv \
 && /venv/bin/pip install --no-cache-dir --disable-pip-version-check . \
 && rm -rf /app/wheels /app/npm-cache build *.egg-info
COPY manage.py ./
COPY dashboard dashboard
COPY templates templates
COPY static static
COPY --from=front /src/node_modules/cytoscape/dist node_modules/cytoscape/dist
COPY --from=front /src/var/bundle var/bundle
# Static files in the image; the secret key is a throwaway one, only for this step.
RUN DJANGO_SECRET_KEY=build-only DASHBOARD_VAR_DIR=/app/var python3 manage.py collectstatic \
      --noinput -v 0 \
 && useradd --system --uid 10001 --home-dir /var/lib/dashboard --create-home dashboard
ENV DASHBOARD_STATIC_ROOT=/app/var/static
USER 10001
EXPOSE 8000
VOLUME /var/lib/dashboard
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['DASHBOARD_PORT']}/healthz\", timeout=2)"]
CMD ["sh", "-c", "python3 manage.py migrate --noinput -v 0 && python3 manage.py bootstrap_admin && exec daphne -b \"$DASHBOARD_BIND\" -p \"$DASHBOARD_PORT\" dashboard.asgi:application"]
