FROM alpine:3.20
ADD config.yml /etc/app/config.yml
add --chown=1000 ./static /srv/static
ADD *.jar /opt/app/
CMD ["/bin/true"]
