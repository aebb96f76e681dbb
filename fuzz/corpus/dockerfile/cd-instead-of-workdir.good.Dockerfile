FROM alpine:3.20
WORKDIR /usr/src
RUN make install && cd docs && make html
LABEL step="1"
RUN ./configure && cd build && make
CMD ["/bin/true"]
