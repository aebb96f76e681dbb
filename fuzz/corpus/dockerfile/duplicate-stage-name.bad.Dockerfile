FROM golang:1.23 AS build
FROM golang:1.23-alpine AS BUILD
