FROM alpine:3.20
RUN cat <<EOF > /etc/motd
hello
EOF
CMD ["cat", "/etc/motd"]
