FROM alpine
ONBUILD RUN echo triggered
ONBUILD COPY --chown=app . /app
onbuild env A=1
HEALTHCHECK NONE
HEALTHCHECK --interval=30s --timeout=3s \
  CMD curl -f http://localhost/ || exit 1
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
healthcheck cmd true
ONBUILD
