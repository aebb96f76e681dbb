ARG BASE=debian
FROM ubuntu AS build
RUN echo build

FROM $BASE
USER nobody
