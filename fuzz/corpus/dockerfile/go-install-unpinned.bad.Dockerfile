FROM golang:1.22 AS build
RUN go install golang.org/x/tools/gopls@latest

FROM alpine:3.20
COPY --from=build /go/bin/gopls /usr/local/bin/
USER nobody
CMD ["sh", "-c", "echo ok"]
