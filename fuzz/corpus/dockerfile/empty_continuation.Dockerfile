FROM alpine
RUN apk add \

    curl \
   
    jq


RUN echo done
