# syntax=docker/dockerfile:1
# A comment before FROM is fine, and so are global ARGs.
ARG BASE=alpine:3.20
FROM ${BASE}
ENV LANG=C.UTF-8
