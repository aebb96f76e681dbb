ARG REGISTRY=docker.io
ARG TAG
FROM $REGISTRY/library/alpine:${TAG:-latest} AS base
ENV A=$HOME B=${HOME} C=${X:-word} D=${X-word} E=${X:+word} F=${X+word}
ENV G=${X:?msg} H=${X?msg} I=${X#pat} J=${X##pat} K=${X%pat} L=${X%%pat}
ENV M=${X/pat/repl} N=${X//pat/repl}
ENV LITERAL=\$HOME SINGLE='$HOME' DOUBLE="$HOME" POSITIONAL=$1 AT=$@ CMDSUB="$(date)"
WORKDIR /srv/${APP_NAME}
FROM localhost:5000/team/app@sha256:0123456789abcdef AS pinned
FROM base
