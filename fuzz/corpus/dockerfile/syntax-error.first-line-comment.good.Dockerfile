# keepassxc
#
# docker run -d \
#	-v /tmp/.X11-unix:/tmp/.X11-unix \
#	jess/keepassxc
FROM alpine:3.20
