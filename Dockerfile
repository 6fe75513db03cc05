# LocalDB port manager: `localdb serve` (web server + actuator + hourly cleanup) in a container.
#
#   docker build -t localdb .
#   docker run -d --name localdb --network host --pid host -v "$HOME/.localdb:/data" localdb
#
# --network host: LocalDB checks and serves ports of the host, not of a container namespace.
# --pid host:     process checks (is this project's server alive, and ours?) see the host's pids.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY application.yml ./
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 localdb \
 && mkdir -p /data \
 && chown localdb /data
COPY --from=build /src/target/localdb.jar /opt/localdb/localdb.jar
ENV LOCALDB_HOME=/data
VOLUME /data
USER localdb
EXPOSE 10400
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:10400/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-jar", "/opt/localdb/localdb.jar"]
CMD ["serve"]
