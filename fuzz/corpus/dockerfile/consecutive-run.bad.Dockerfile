FROM alpine:3.20
RUN mkdir -p /app/data
RUN touch /app/data/ready
# a comment between keeps them consecutive
RUN echo done > /app/data/log
CMD ["/bin/true"]
