# A CUDA-capable runtime base for the GPU images: NVIDIA's CUDA 12 + cuDNN 9 runtime libraries (what
# onnxruntime_gpu 1.2x's CUDA execution provider and libtorch 2.7.1+cu128 load) with OpenJDK 17's JRE
# at /opt/java/openjdk, laid out like the Temurin images so ./Dockerfile uses it unchanged:
#   docker build -f docker/cuda-jre.Dockerfile -t arbiter-base/cuda-jre:17 docker
#   docker build --build-arg RUNTIME_IMAGE=arbiter-base/cuda-jre:17 --build-arg MAVEN_ARGS=-Pgpu \
#     --build-arg MODULE=reward-models/principle-rm --build-arg ARTIFACT=principle-rm \
#     --build-arg PORT=8084 --build-arg HEAP_PERCENT=40 -t arbiter/principle-rm:0.1.0-gpu .
# The node needs the NVIDIA driver (>= 570 for CUDA 12.8) and the NVIDIA container toolkit / device
# plugin, which mount libcuda.so. Not built on the development machine (no access to nvcr.io or Docker
# Hub there); see README.md, "Images".
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
FROM ${CUDA_IMAGE}
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl \
      ca-certificates unzip \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /opt/java && ln -s "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
