from alpine as base
Run echo one
	cOpY	a	b
user _apt
STOPSIGNAL SIGRTMIN+3
EXPOSE 80/sctp 8000-8010/udp 443
maintainer Jane Doe <jane@example.com>
FORM typo
workdir /srv
