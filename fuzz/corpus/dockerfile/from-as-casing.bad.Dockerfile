FROM golang:1.23 as build
from alpine:3.20 AS final
