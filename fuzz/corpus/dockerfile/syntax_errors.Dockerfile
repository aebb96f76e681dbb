FROM alpine
ENV A=${UNCLOSED
=== not an instruction ===
RUN echo still modelled
