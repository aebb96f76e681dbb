FROM rockylinux:9
RUN dnf install httpd && dnf clean all

FROM opensuse/leap:15.6
RUN zypper install curl && zypper clean --all
USER nobody
CMD ["sh", "-c", "echo ok"]
