# syntax=docker/dockerfile:1
# A comment after the directives.
FROM alpine:3.20
