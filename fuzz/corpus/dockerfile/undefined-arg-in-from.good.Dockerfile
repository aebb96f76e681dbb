ARG NODE_VERSION=22
ARG REGISTRY
FROM ${REGISTRY:-docker.io}/library/node:${NODE_VERSION}-alpine
FROM --platform=$BUILDPLATFORM golang:1.23 AS build
