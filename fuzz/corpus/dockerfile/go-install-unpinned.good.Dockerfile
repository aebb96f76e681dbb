FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go install golang.org/x/tools/gopls@v0.16.1 && go install ./...

FROM alpine:3.20
COPY --from=build /go/bin/ /usr/local/bin/
USER nobody
CMD ["sh", "-c", "echo ok"]
