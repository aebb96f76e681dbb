FROM alpine:3.20 AS build
FROM alpine:3.20
COPY --from=build --from=build /a /b
HEALTHCHECK --retries=3 --retries=5 CMD ["true"]
