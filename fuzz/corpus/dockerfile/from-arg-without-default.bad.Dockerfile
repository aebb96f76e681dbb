ARG BASE
ARG TAG
FROM $BASE AS first
RUN echo first

FROM alpine:${TAG}
USER nobody
CMD ["sh", "-c", "echo ok"]
