FROM alpine:3.20 AS base
FROM registry.example.com/team/tool:1.4 AS tool
FROM base
COPY --from=tool /tool /usr/local/bin/tool
CMD ["/bin/true"]
