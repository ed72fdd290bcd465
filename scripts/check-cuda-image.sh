#!/usr/bin/env bash
# Checks a GPU principle-rm image (docker/cuda-jre.Dockerfile + ./Dockerfile with MAVEN_ARGS=-Pgpu)
# and fails loudly, naming what is missing, where ONNX Runtime's CUDA execution provider could not
# load:
#   scripts/check-cuda-image.sh IMAGE         no GPU needed: onnxruntime_gpu's CUDA provider library
#                                             (from /app/lib) has every shared library it links
#                                             (CUDA 12: cudart, cublas, cublasLt, cufft, curand;
#                                             cuDNN 9) in the image
#   scripts/check-cuda-image.sh IMAGE --gpu   and then, on a GPU node with the NVIDIA container
#                                             toolkit: the service started with device cuda reports
#                                             "ONNX Runtime on cuda:0" in its GET /v1/scorers (it
#                                             falls back to CPU with a logged reason otherwise)
# CHECK_DOCKER_ARGS: extra `docker run` arguments (e.g. a volume with the jars, to check a base).
set -euo pipefail
image="${1:?usage: $0 IMAGE [--gpu]}"
gpu="${2:-}"
docker_cli=docker
if ! docker buildx version >/dev/null 2>&1 && [ -x /usr/bin/docker ]; then docker_cli=/usr/bin/docker; fi

# shellcheck disable=SC2086
"$docker_cli" run --rm --network none --user 0 ${CHECK_DOCKER_ARGS:-} --entrypoint sh "$image" -c '
  set -e
  jar=$(ls /app/lib/onnxruntime_gpu-*.jar 2>/dev/null | head -1)
  [ -n "$jar" ] || { echo "FAIL: no onnxruntime_gpu jar in /app/lib: not a -Pgpu build"; exit 1; }
  dir=$(mktemp -d) && cd "$dir"
  unzip -q "$jar" "ai/onnxruntime/native/linux-x64/*"
  lib=ai/onnxruntime/native/linux-x64
  missing=$(LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ldd "$lib/libonnxruntime_providers_cuda.so" | grep "not found" || true)
  echo "$(basename "$jar"): libonnxruntime_providers_cuda.so links:"
  LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ldd "$lib/libonnxruntime_providers_cuda.so" | grep -E "cu(da|dnn|blas|fft|rand)" || true
  if [ -n "$missing" ]; then echo "FAIL: the CUDA execution provider cannot load here:"; echo "$missing"; exit 1; fi
  echo "OK: every library the CUDA execution provider links is in the image"
'

[ "$gpu" = --gpu ] || exit 0
name="arbiter-cuda-check-$$"
trap '"$docker_cli" rm -f "$name" >/dev/null 2>&1 || true' EXIT
"$docker_cli" run -d --name "$name" --gpus all --network host -e SERVER_PORT=18184 \
  -e ARBITER_PRINCIPLE_ONNX_DEVICE=cuda "$image" >/dev/null
for _ in $(seq 1 120); do
  curl -fsS http://127.0.0.1:18184/actuator/health/readiness >/dev/null 2>&1 && break
  sleep 2
done
if curl -fsS http://127.0.0.1:18184/v1/scorers | grep -q "ONNX Runtime on cuda:0"; then
  echo "OK: principle-rm runs ONNX Runtime on cuda:0"
else
  echo "FAIL: principle-rm is not on CUDA; its log says:"
  "$docker_cli" logs "$name" 2>&1 | grep -iE "cuda|onnx|error" | tail -20
  exit 1
fi
