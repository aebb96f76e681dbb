# escape=|
# escape=\
# check=skip=JSONArgsRecommended;error=maybe
FROM alpine:3.20
