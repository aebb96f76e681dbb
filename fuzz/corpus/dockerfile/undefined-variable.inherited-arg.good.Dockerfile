# A stage built FROM another inherits its ARGs and ENVs.
FROM alpine:3.20 AS base
ARG APP_VERSION=1.0
ENV APP_HOME=/srv
FROM base AS build
WORKDIR $APP_HOME/$APP_VERSION
