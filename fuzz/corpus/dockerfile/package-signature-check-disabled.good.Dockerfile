FROM rockylinux:9
RUN rpm --import https://example.com/RPM-GPG-KEY && dnf install -y httpd && dnf clean all
USER nobody
CMD ["sh", "-c", "echo ok"]
