FROM alpine:3.20
# Signals are handled by the wrapper script itself.
# dockwise ignore=shell-form-cmd
CMD /usr/local/bin/run-app
