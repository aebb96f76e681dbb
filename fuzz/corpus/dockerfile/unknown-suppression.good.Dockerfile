# dockwise ignore-file=shell-form-cmd
FROM alpine:3.20
# hadolint ignore=DL9999,DL3025
RUN echo one
CMD /bin/true
