FROM alpine
RUN apk add \
      curl \

      git
ENV A=1 \
    B=2
RUN <<EOF
echo crlf
EOF
CMD ["sh"]
