# syntax=docker/dockerfile:1.7
#check = skip=JSONArgsRecommended
  # escape=\
# unknown=ignored
# escape=`
FROM alpine
# escape=`
RUN echo \
  still-the-same-line
