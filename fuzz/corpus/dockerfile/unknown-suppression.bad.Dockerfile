# dockwise ignore-file=shell-form-cmd,no-such-rule
FROM alpine:3.20
# dockwise ignore=consecutive-runs
RUN echo one
CMD ["/bin/true"]
