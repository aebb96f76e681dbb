FROM debian:bookworm-slim
RUN --mount=type=bind,source=installer.sh,target=/tmp/installer.sh sh /tmp/installer.sh
WORKDIR /opt
RUN curl -fsSLo /opt/tool.tgz https://example.com/tool.tgz \
    && tar -xzf tool.tgz \
    && rm tool.tgz
LABEL step="1"
RUN rm -rf /var/cache/old
CMD ["/bin/true"]
