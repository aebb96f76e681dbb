FROM alpine:3.20
Run echo one
run echo two
COPY a /a
