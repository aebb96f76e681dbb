FROM debian:bookworm-slim
COPY installer.sh /tmp/installer.sh
RUN sh /tmp/installer.sh
RUN rm -f /tmp/installer.sh
CMD ["/bin/true"]
