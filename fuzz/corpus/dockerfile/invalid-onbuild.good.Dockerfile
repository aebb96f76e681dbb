FROM alpine:3.20
ONBUILD COPY . /app/src
ONBUILD RUN make -C /app/src
