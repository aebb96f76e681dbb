FROM alpine
RUN echo before
RUN <<EOF
echo body
CMD ["never", "an", "instruction"]
