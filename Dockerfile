# LocalDB port manager: `localdb serve` (web server + actuator + hourly cleanup) in a container.
#
#   docker build -t localdb .
#   docker run -d --name localdb --network host --pid host --user "$(id -u):$(id -g)" \
#     -v "$HOME/.localdb:/data" localdb
#
# --network host: LocalDB checks and serves ports of the host, not of a container namespace.
# --pid host:     process checks (is this project's server alive, and ours?) see the host's pids.
# --user:         your own uid, so the 0600 registry stays readable by your own localdb CLI.
# JAVA_OPTS passes JVM options (-Dlocaldb.ports.default-range=...); SERVER_PORT moves the web port.
# Base images are pinned to one JDK release; bump them deliberately.

FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY application.yml ./
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 localdb \
 && mkdir -p /data \
 && chmod 1777 /data
COPY --from=build /src/target/localdb.jar /opt/localdb/localdb.jar
ENV LOCALDB_HOME=/data SERVER_PORT=10400 JAVA_OPTS=""
VOLUME /data
USER localdb
EXPOSE 10400
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health" || exit 1
# a shell entry point, so that JAVA_OPTS is honoured; exec keeps java as pid 1 for SIGTERM
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:TieredStopAtLevel=1 -jar /opt/localdb/localdb.jar \"$@\"", "localdb"]
CMD ["serve"]
