# syntax=docker/dockerfile:1
FROM rockylinux:9 AS build
RUN dnf install -y gcc

FROM rockylinux:9 AS base
RUN dnf install -y httpd && dnf clean all

FROM base AS tools
RUN yum install -y git && rm -rf /var/cache/yum

FROM tools
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y make
USER nobody
CMD ["sh", "-c", "echo ok"]
