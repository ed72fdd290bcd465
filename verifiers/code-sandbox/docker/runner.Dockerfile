# The runner image of the docker backend (arbiter.code.backend=docker, arbiter.code.docker.image):
# the toolchains only; the service itself runs elsewhere and starts one container per run.
#   docker build -t arbiter/code-runner:latest -f verifiers/code-sandbox/docker/runner.Dockerfile .
FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 g++ nodejs default-jdk-headless bash golang-go rustc \
 && rm -rf /var/lib/apt/lists/*
USER 65534:65534
