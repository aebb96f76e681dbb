ARG VERSION=1.2.3
FROM python:3.12-slim AS build
ARG VERSION
ARG TARGETARCH
ENV APP_HOME=/app PATH=$PATH:/app/bin
WORKDIR $APP_HOME/$TARGETARCH
COPY app-${VERSION}.tar ${PYTHON_VERSION}/ /tmp/
LABEL version=${VERSION} proxy=${HTTP_PROXY} mode=${MODE:-release}
FROM build AS test
WORKDIR $APP_HOME/tests
FROM scratch
ARG DEST=/srv
COPY --from=build /app $DEST
