FROM rockylinux:9
RUN dnf install -y httpd && yum --assumeyes install git && dnf clean all

FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
RUN microdnf install tar && microdnf clean all

FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl && zypper -n in git && zypper clean --all
USER nobody
CMD ["sh", "-c", "echo ok"]
