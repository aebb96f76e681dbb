FROM alpine
CMD ["echo", "a b"]
ENTRYPOINT [ "/bin/sh" , "-c", "printf \"%s\\n\" \u00e9 \ud83d\ude00\n" ]
CMD ['single', 'quotes']
CMD ["trailing", ]
CMD [1, 2]
CMD []
RUN [ -f /etc/os-release ] && cat /etc/os-release
RUN ["sh", \
     "-c", \
     # a comment between elements
     "echo joined"]
VOLUME ["/data", "/logs"]
VOLUME /a /b
COPY ["with space.txt", "/dst/"]
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
CMD ["a"] trailing
