FROM alpine
RUN echo ab
LABEL x=1
