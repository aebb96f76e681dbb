#
# Build stage
#
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workspace/app

COPY mvnw .
COPY .mvn .mvn
COPY pom.xml .
COPY src src

RUN --mount=type=cache,target=/root/.m2 ./mvnw install -DskipTests -B -q
RUN mkdir -p target/dependency && (cd target/dependency; jar -xf ../*.jar)

#
# Package stage
#
FROM eclipse-temurin:21-jre-alpine
VOLUME /tmp
ARG DEPENDENCY=/workspace/app/target/dependency
ARG JAVA_OPTS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75.0 -Djava.security.egd=file:/dev/./urandom"
ENV JAVA_OPTS=${JAVA_OPTS} \
    SPRING_PROFILES_ACTIVE=prod \
    TZ=UTC

RUN addgroup -S spring && adduser -S spring -G spring \
    && apk add --no-cache curl bash fontconfig ttf-dejavu \
    && mkdir -p /app/logs && chown spring:spring /app/logs

COPY --from=build ${DEPENDENCY}/BOOT-INF/lib /app/lib
COPY --from=build ${DEPENDENCY}/META-INF /app/META-INF
COPY --from=build ${DEPENDENCY}/BOOT-INF/classes /app

USER spring:spring
WORKDIR /app
EXPOSE 8080 8081
HEALTHCHECK --interval=20s --timeout=4s --retries=5 \
  CMD curl --fail --silent http://localhost:8081/actuator/health | grep -q UP || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp app:app/lib/* com.example.demo.DemoApplication \"$@\"", "--"]
