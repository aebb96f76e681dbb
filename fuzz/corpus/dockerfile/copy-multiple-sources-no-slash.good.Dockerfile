FROM alpine:3.20
WORKDIR /etc/app
COPY a.conf b.conf /etc/app/
COPY c.conf d.conf .
COPY e.conf /etc/app/e.conf
CMD ["/bin/true"]
