FROM debian:bookworm-slim
RUN vim --version
LABEL step="1"
RUN service mysql start && mysql -e 'CREATE DATABASE app' && service mysql stop
LABEL step="2"
RUN systemctl enable nginx
CMD ["/bin/true"]
