FROM python:3.11-slim-bookworm

LABEL maintainer="Data Platform Team <data-platform@example.com>"

ARG DEBIAN_FRONTEND=noninteractive
ARG PIP_VERSION=24.0
ARG POETRY_VERSION=1.8.2

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=off \
    PIP_DISABLE_PIP_VERSION_CHECK=on \
    PIP_DEFAULT_TIMEOUT=100 \
    POETRY_HOME="/opt/poetry" \
    POETRY_VIRTUALENVS_IN_PROJECT=true \
    POETRY_NO_INTERACTION=1 \
    PYSETUP_PATH="/opt/pysetup" \
    VENV_PATH="/opt/pysetup/.venv"

ENV PATH="$POETRY_HOME/bin:$VENV_PATH/bin:$PATH"

# System packages needed to build the wheels (numpy, scipy, psycopg2, lxml) and to run them.
RUN apt-get update \
    && apt-get install --no-install-recommends -y \
        # build tools
        build-essential \
        gcc \
        g++ \
        gfortran \
        pkg-config \
        # libraries
        libpq-dev \
        libxml2-dev \
        libxslt1-dev \
        libopenblas-dev \
        liblapack-dev \
        libjpeg62-turbo-dev \
        zlib1g-dev \
        # runtime tools
        curl \
        git \
        netcat-openbsd \
        procps \
    && rm -rf /var/lib/apt/lists/* \
    && apt-get clean

RUN pip install --upgrade "pip==${PIP_VERSION}" \
    && curl -sSL https://install.python-poetry.org | python3 - --version "$POETRY_VERSION"

WORKDIR $PYSETUP_PATH
COPY poetry.lock pyproject.toml ./
RUN poetry install --only main --no-root \
    && poetry run python -c "import numpy, scipy, pandas, sklearn; print(numpy.__version__)"

WORKDIR /app
COPY ./src /app/src
COPY ./config/logging.yaml ./config/settings.toml /app/config/
COPY ./scripts/entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chmod +x /usr/local/bin/entrypoint.sh \
    && useradd --create-home --shell /bin/bash worker \
    && chown -R worker:worker /app \
    && mkdir -p /data/models /data/cache \
    && chown -R worker:worker /data

VOLUME ["/data/models", "/data/cache"]
USER worker
ENV MODEL_DIR=/data/models CACHE_DIR=/data/cache WORKERS=4
EXPOSE 8000
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["gunicorn", "src.app:create_app()", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "120"]
