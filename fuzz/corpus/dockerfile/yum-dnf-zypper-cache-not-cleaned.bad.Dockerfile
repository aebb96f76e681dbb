FROM rockylinux:9
RUN dnf install -y httpd
USER nobody
CMD ["sh", "-c", "echo ok"]
