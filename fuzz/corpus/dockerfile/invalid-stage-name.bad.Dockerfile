FROM golang:1.23 AS 1build
FROM alpine:3.20 AS my/stage
