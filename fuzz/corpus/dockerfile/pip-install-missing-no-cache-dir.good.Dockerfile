# syntax=docker/dockerfile:1
FROM python:3.12-slim AS build
RUN pip install build

FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
RUN python -m pip download -d /tmp/wheels six
ENV PIP_NO_CACHE_DIR=1
RUN pip3 install -r requirements.txt
USER nobody
CMD ["sh", "-c", "echo ok"]
