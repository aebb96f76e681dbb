FROM alpine:3.20
RUN mkdir -p /app/data \
    && touch /app/data/ready
RUN --mount=type=cache,target=/root/.cache echo cached
RUN <<EOF
echo heredoc runs are left alone
EOF
RUN echo done
CMD ["/bin/true"]
