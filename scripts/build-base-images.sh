#!/usr/bin/env bash
# Builds local stand-ins for the public Temurin base images from Debian's archive, for machines
# that cannot pull from Docker Hub (no registry access beyond the Debian archive / Maven Central):
#   arbiter-base/jre:17   ~ eclipse-temurin:17-jre   (OpenJDK 17 JRE, curl, unzip, CA certificates)
#   arbiter-base/jdk:17   ~ eclipse-temurin:17-jdk   (+ JDK, and the code sandbox's toolchains:
#                                                     bubblewrap, python3, g++, nodejs)
#   arbiter-base/python:3 (Debian + python3: DockerSandboxIT's runner image)
#   arbiter-base/postgres:15 ~ postgres:15 (Debian's PostgreSQL 15 with an entrypoint that reads
#                             POSTGRES_USER/_PASSWORD/_DB like the official image's: meta-reward's
#                             PostgresRubricStoreTest starts it through Testcontainers)
# Both put the JDK at /opt/java/openjdk (JAVA_HOME, as in Temurin) so the Dockerfile is the same for
# either base. The host's extra CA certificates (/usr/local/share/ca-certificates) are trusted inside
# (system store and Java's cacerts), so a build that downloads over a re-signing proxy works.
# Then build with  --build-arg JRE_IMAGE=arbiter-base/jre:17 --build-arg JDK_IMAGE=arbiter-base/jdk:17
# Needs root, mmdebstrap and a running Docker engine. Skips an image that exists unless --force.
set -euo pipefail

MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${DEBIAN_SUITE:-bookworm}"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

# Debian's essential packages and apt, bootstrapped with mmdebstrap and imported as an image; the
# packages come after, installed by apt in a build on top (dpkg's maintainer scripts, Java's among
# them, need the /proc a container has and a bare chroot here may not).
bootstrap() {
  local tag="$1"
  if [ "$FORCE" = 0 ] && docker image inspect "$tag" >/dev/null 2>&1; then
    echo "base: $tag exists (--force rebuilds it)"
    return
  fi
  local start=$SECONDS
  echo "base: bootstrapping $tag from $SUITE ($MIRROR)"
  mmdebstrap --variant=apt --quiet \
    --customize-hook='mkdir -p "$1/usr/local/share/ca-certificates"' \
    --customize-hook='[ -d /usr/local/share/ca-certificates ] && cp -r /usr/local/share/ca-certificates/. "$1/usr/local/share/ca-certificates/" || true' \
    --customize-hook='printf "path-exclude=/usr/share/man/*\npath-exclude=/usr/share/doc/*\npath-exclude=/usr/share/locale/*\n" > "$1/etc/dpkg/dpkg.cfg.d/excludes"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$SUITE" - "$MIRROR" \
    | docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' - "$tag" >/dev/null
  echo "base: $tag bootstrapped in $((SECONDS - start)) s"
}

# Packages installed by apt in a build on top of another image (the Debian archive is plain HTTP;
# the build uses host networking).
build_on() {
  local tag="$1" from="$2" packages="$3"
  if [ "$FORCE" = 0 ] && docker image inspect "$tag" >/dev/null 2>&1; then
    echo "base: $tag exists (--force rebuilds it)"
    return
  fi
  local start=$SECONDS
  echo "base: building $tag on $from"
  printf '%s\n' "FROM $from" \
    "RUN printf 'path-exclude=/usr/share/man/*\\npath-exclude=/usr/share/doc/*\\npath-exclude=/usr/share/locale/*\\n' > /etc/dpkg/dpkg.cfg.d/excludes \\" \
    " && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages \\" \
    " && rm -rf /var/lib/apt/lists/* /var/cache/apt/* \\" \
    " && mkdir -p /opt/java && ln -sfn /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk" \
    "ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    | docker build -q --network host -t "$tag" - >/dev/null
  echo "base: $tag built in $((SECONDS - start)) s, $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}')"
}

bootstrap arbiter-base/debian:bookworm
build_on arbiter-base/jre:17 arbiter-base/debian:bookworm \
  "ca-certificates passwd curl unzip openjdk-17-jre-headless"
build_on arbiter-base/jdk:17 arbiter-base/jre:17 "openjdk-17-jdk-headless bubblewrap python3 g++ nodejs"
# A small Python-only runner for DockerSandboxIT: the docker backend starts a container per run, and
# with the vfs storage driver each start copies the whole image.
build_on arbiter-base/python:3 arbiter-base/debian:bookworm "python3"

# PostgreSQL from Debian's archive, behaving like the official image as far as Testcontainers'
# PostgreSQLContainer needs: POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB create the user and
# database on the first start, "database system is ready to accept connections" is logged twice
# (the init server's, then the real one's), and the command is "postgres <args>".
build_postgres() {
  local tag="$1" from="$2"
  if [ "$FORCE" = 0 ] && docker image inspect "$tag" >/dev/null 2>&1; then
    echo "base: $tag exists (--force rebuilds it)"
    return
  fi
  local start=$SECONDS ctx
  ctx=$(mktemp -d)
  cat > "$ctx/entrypoint.sh" <<'ENTRYPOINT'
#!/bin/sh
set -e
PATH=$(echo /usr/lib/postgresql/*/bin):$PATH
export PATH
user="${POSTGRES_USER:-postgres}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    printf '%s' "$POSTGRES_PASSWORD" > /tmp/pwfile
    initdb -D "$PGDATA" --username="$user" --pwfile=/tmp/pwfile --auth-local=trust \
      --auth-host=scram-sha-256 >/dev/null
    rm -f /tmp/pwfile
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  else
    initdb -D "$PGDATA" --username="$user" --auth=trust >/dev/null
    echo "host all all all trust" >> "$PGDATA/pg_hba.conf"
  fi
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  db="${POSTGRES_DB:-$user}"
  if [ "$db" != postgres ]; then
    psql -v ON_ERROR_STOP=1 --username="$user" --dbname=postgres -c "CREATE DATABASE \"$db\""
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
exec "$@"
ENTRYPOINT
  chmod 755 "$ctx/entrypoint.sh"
  printf '%s\n' "FROM $from" \
    "RUN mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \\" \
    " && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \\" \
    " && rm -rf /var/lib/apt/lists/* /var/cache/apt/* \\" \
    " && mkdir -p /var/lib/postgresql/data /var/run/postgresql && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql" \
    "COPY entrypoint.sh /usr/local/bin/postgres-entrypoint" \
    "ENV PGDATA=/var/lib/postgresql/data" \
    "USER postgres" \
    "EXPOSE 5432" \
    'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]' \
    'CMD ["postgres"]' > "$ctx/Dockerfile"
  docker build -q --network host -t "$tag" "$ctx" >/dev/null
  rm -rf "$ctx"
  echo "base: $tag built in $((SECONDS - start)) s, $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}')"
}

build_postgres arbiter-base/postgres:15 arbiter-base/debian:bookworm
