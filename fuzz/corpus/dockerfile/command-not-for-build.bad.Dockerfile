FROM debian:bookworm-slim
RUN vim /etc/hosts
RUN service nginx start
CMD ["/bin/true"]
