# One recipe for every Arbiter service image. Build from the repository root, e.g.
#   docker build --build-arg MODULE=verifiers/vision-iou --build-arg ARTIFACT=vision-iou \
#                --build-arg PORT=8081 -t arbiter/vision-iou .
# docker-compose.yml passes each service's arguments; see "Images" in README.md.
#
# Two ways to get the service's thin jar (target/<artifact>.jar + target/lib):
#   (default)            the last stage, "app": builds the whole reactor inside Docker with the Maven
#                        wrapper (stage "source"). Every service's image reuses that one stage from
#                        the build cache, and BuildKit keeps the Maven repository in a cache mount,
#                        so seven images cost one Maven build, and a rebuild no new downloads.
#   --target host-jars   copies the jar the host already built (./mvnw package) from a context that
#                        holds <module>/target/<artifact>.jar and target/lib (.dockerignore keeps
#                        target/ out of the repository's own context); what the container tests use
#                        (with BuildKit: the classic builder commits every instruction, which the
#                        vfs storage driver turns into a copy of the whole image): no Maven build.
# Base images are arguments; the defaults are the public Temurin images. scripts/build-base-images.sh
# builds stand-ins from Debian's archive where Docker Hub is not reachable.
ARG JDK_IMAGE=eclipse-temurin:17-jdk
ARG JRE_IMAGE=eclipse-temurin:17-jre
# The service's runtime base: the JRE, or the JDK for code-sandbox (javac serves Java submissions).
ARG RUNTIME_IMAGE=${JRE_IMAGE}

FROM ${RUNTIME_IMAGE} AS runtime
# PACKAGES: Debian/Ubuntu packages the service needs at run time, installed only when the base lacks
# them (the stand-in bases carry them), in one layer. HEAP_PERCENT: heap as a share of the
# container's memory limit; the rest is left to native memory (metaspace, thread stacks, Netty's
# direct buffers; ONNX Runtime's and libtorch's arenas in the model images, which set 40;
# code-sandbox 50). PYTORCH_LIBRARY_PATH: where libtorch is unpacked below (policy-trainer only;
# DJL reads it only when PyTorch is on the classpath).
ARG PACKAGES="curl"
RUN missing=""; for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done; \
    if [ -n "$missing" ]; then apt-get update && apt-get install -y --no-install-recommends $missing \
      && rm -rf /var/lib/apt/lists/*; fi; \
    useradd --system --uid 10001 --home-dir /app arbiter && mkdir -p /app/data && chown 10001 /app/data
ARG PORT=8080
ARG HEAP_PERCENT=75
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=${HEAP_PERCENT} -XX:+ExitOnOutOfMemoryError" \
    DJL_CACHE_DIR=/tmp/djl \
    PYTORCH_LIBRARY_PATH=/opt/libtorch/lib
WORKDIR /app
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

# The jar built on the host: ./mvnw -pl <module> -am package first.
FROM runtime AS host-jars
ARG MODULE
ARG ARTIFACT
COPY ${MODULE}/target/${ARTIFACT}.jar /app/app.jar
COPY ${MODULE}/target/lib /app/lib
# libtorch (policy-trainer): unpacked from DJL's native jar now, not into /tmp at every start; or,
# for CUDA, LIBTORCH_URL's libtorch 2.7.1+cu128 archive (DJL's CUDA natives are not on Maven
# Central): add PYTORCH_FLAVOR=cu128 to the environment (the k8s gpu overlay does).
ARG LIBTORCH_URL=""
RUN set -e; jar=$(ls /app/lib/pytorch-native-cpu-*.jar 2>/dev/null || true); \
    if [ -n "$LIBTORCH_URL" ]; then curl -fsSL "$LIBTORCH_URL" -o /tmp/libtorch.zip \
      && unzip -q /tmp/libtorch.zip -d /opt && rm -f /tmp/libtorch.zip $jar; \
    elif [ -n "$jar" ]; then mkdir -p /opt/libtorch/lib && cd /opt/libtorch \
      && unzip -q "$jar" 'pytorch/*' 'native/lib/*' && mv pytorch/cpu/linux-x86_64/* lib/ \
      && rm -rf pytorch "$jar"; fi
USER 10001

FROM ${JDK_IMAGE} AS source
WORKDIR /src
COPY . .
# Every module but the one-process suite, so each service's image shares this stage: it uses no
# service's build arg, so BuildKit builds it once for all images. No test compilation and no
# formatting here (the host's build does both).
ARG MAVEN_ARGS=""
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q package -Dmaven.test.skip=true -Dspotless.skip=true -pl '!suite' ${MAVEN_ARGS}

FROM runtime AS app
ARG MODULE
ARG ARTIFACT
ARG LIBTORCH_URL=""
COPY --from=source /src/${MODULE}/target/${ARTIFACT}.jar /app/app.jar
COPY --from=source /src/${MODULE}/target/lib /app/lib
RUN set -e; jar=$(ls /app/lib/pytorch-native-cpu-*.jar 2>/dev/null || true); \
    if [ -n "$LIBTORCH_URL" ]; then curl -fsSL "$LIBTORCH_URL" -o /tmp/libtorch.zip \
      && unzip -q /tmp/libtorch.zip -d /opt && rm -f /tmp/libtorch.zip $jar; \
    elif [ -n "$jar" ]; then mkdir -p /opt/libtorch/lib && cd /opt/libtorch \
      && unzip -q "$jar" 'pytorch/*' 'native/lib/*' && mv pytorch/cpu/linux-x86_64/* lib/ \
      && rm -rf pytorch "$jar"; fi
USER 10001
