# Variables from the base image's own ENV, and PATH, which BuildKit always sets.
FROM eclipse-temurin:21-jre
ENV PATH="$JAVA_HOME/bin:$PATH"
WORKDIR $JAVA_HOME
ENV JAVA_HOME=/opt/java/openjdk
FROM scratch
ENV PATH="$PATH:/bin"
