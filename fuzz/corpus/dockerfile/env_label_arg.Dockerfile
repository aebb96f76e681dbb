FROM alpine
ENV LEGACY value with   spaces
ENV A=1 B="two words" C=three\ words D='single $quoted' E=
ENV MULTI=1 \
    # comment in the middle
    NEXT=2 \

    LAST="x"
LABEL org.opencontainers.image.title="dockwise" \
      version=1.0
LABEL legacy-label some value
ARG NAME
ARG VERSION=1.2.3 OTHER
ARG EMPTY=
ENV
