# A CUDA-capable runtime base for the GPU images: NVIDIA's CUDA 12 + cuDNN 9 runtime libraries with
# OpenJDK 17's JRE at /opt/java/openjdk, laid out like the Temurin images so ./Dockerfile uses it
# unchanged:
#   docker build -f docker/cuda-jre.Dockerfile -t arbiter-base/cuda-jre:17 docker
#   docker build --build-arg RUNTIME_IMAGE=arbiter-base/cuda-jre:17 --build-arg MAVEN_ARGS=-Pgpu \
#     --build-arg MODULE=reward-models/principle-rm --build-arg ARTIFACT=principle-rm \
#     --build-arg PORT=8084 --build-arg HEAP_PERCENT=40 -t arbiter/principle-rm:0.1.0-gpu .
#   scripts/check-cuda-image.sh arbiter/principle-rm:0.1.0-gpu          (no GPU needed)
#   scripts/check-cuda-image.sh arbiter/principle-rm:0.1.0-gpu --gpu    (on a GPU node)
# The check fails, naming the missing libraries, unless the CUDA execution provider can load.
#
# What principle-rm's -Pgpu build needs (onnxruntime_gpu 1.23.2 from Maven Central; the DT_NEEDED
# entries of its libonnxruntime_providers_cuda.so, read with readelf): libcudart.so.12,
# libcublas.so.12, libcublasLt.so.12, libcufft.so.11, libcurand.so.10 (CUDA 12.x runtime) and
# libcudnn.so.9 (cuDNN 9; the provider uses cuDNN 9.3+ features where present). The node needs an
# NVIDIA driver for CUDA 12.8 (>= 570) and the NVIDIA container toolkit / device plugin, which mount
# libcuda.so.
#
# Not built on the development machine: it reaches Debian's archive and Maven Central only (no
# nvcr.io, Docker Hub or developer.download.nvidia.com). Debian has the CUDA part but not cuDNN:
# bookworm's non-free has CUDA 11.8 only (libcudart11.0, libcublas11: the wrong major version);
# trixie's non-free has CUDA 12.4 (libcudart12 12.4.127, libcublas12/libcublaslt12 12.4.5.8,
# libcufft11 11.2.1.3, libcurand10 10.3.5.147); cuDNN 9 exists in Debian only as contrib's
# nvidia-cudnn 9.0.0.312~cuda12, an installer that downloads cuDNN from NVIDIA at install time.
# Without that download there is no libcudnn.so.9 and the provider cannot load, so a Debian-only
# variant would not be a working GPU image. Where NVIDIA's registry is reachable, use the default
# CUDA_IMAGE below; where only NVIDIA's apt repository is, a Debian 12 / Ubuntu 24.04 base with
# NVIDIA's cuda-keyring and the packages cuda-cudart-12-8 libcublas-12-8 libcufft-12-8
# libcurand-12-8 libcudnn9-cuda-12 (plus openjdk-17-jre-headless) should be equivalent (not tried
# here); scripts/check-cuda-image.sh tells.
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
FROM ${CUDA_IMAGE}
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl \
      ca-certificates unzip \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /opt/java && ln -s "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
