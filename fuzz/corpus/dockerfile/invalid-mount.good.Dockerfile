FROM alpine:3.20 AS build
RUN mkdir -p /etc/app
FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk add gcc
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc echo
RUN --mount=type=secret,id=token,env=TOKEN,required=true echo
RUN --mount=type=ssh echo
RUN --mount=type=bind,from=build,source=/etc,target=/mnt,ro echo
RUN --mount=type=tmpfs,target=/tmp,size=64m echo
RUN --mount=target=/src echo
