FROM debian:bookworm-slim
RUN sudo chown -R app /srv
CMD ["/bin/true"]
