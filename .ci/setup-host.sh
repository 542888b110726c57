#!/usr/bin/env bash
# Prepares this machine to run minisched's tests without a Docker engine or an image registry,
# as shared/ENVIRONMENT.md describes: Podman (with runc) serving the Docker API, etcd from
# Debian's etcd-server, and kube-apiserver / kube-scheduler built from Debian's `kubernetes`
# source package. Everything slow is cached under $MINISCHED_CACHE between runs on one machine.
#
# Source this file: it exports the variables the tests read, and defines `minisched_host_stop`
# which stops what it started (the Podman API service). Nothing is committed that it builds.
set -euo pipefail

MINISCHED_CACHE=${MINISCHED_CACHE:-$HOME/.cache/minisched}
mkdir -p "$MINISCHED_CACHE"
log() { printf '[setup %(%H:%M:%S)T] %s\n' -1 "$*"; }

need_pkgs=()
command -v podman >/dev/null || need_pkgs+=(podman)
command -v runc >/dev/null || need_pkgs+=(runc)
[ -x /usr/bin/etcd ] || need_pkgs+=(etcd-server)
if [ ! -x "$MINISCHED_CACHE/bin/kube-apiserver" ] || [ ! -x "$MINISCHED_CACHE/bin/kube-scheduler" ]; then
  command -v go >/dev/null || need_pkgs+=(golang-go)
  command -v rsync >/dev/null || need_pkgs+=(rsync)
  command -v jq >/dev/null || need_pkgs+=(jq)
  command -v dpkg-source >/dev/null || need_pkgs+=(dpkg-dev)
fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing Debian packages: ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# Podman: runc instead of crun (cgroups in hybrid mode) and ulimits this sandbox allows.
# Our own containers.conf, so the machine's configuration is left as it is.
export CONTAINERS_CONF="$MINISCHED_CACHE/containers.conf"
cat > "$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
CONF

# kube-apiserver, kube-scheduler (for the benchmark) and, if missing, kubectl.
if [ ! -x "$MINISCHED_CACHE/bin/kube-apiserver" ] || [ ! -x "$MINISCHED_CACHE/bin/kube-scheduler" ]; then
  src="$MINISCHED_CACHE/src"
  if ! ls -d "$src"/kubernetes-*/ >/dev/null 2>&1; then
    log "fetching Debian's kubernetes source package"
    if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/; then
      cat > /etc/apt/sources.list.d/minisched-deb-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
      apt-get update -qq
    fi
    rm -rf "$src" && mkdir -p "$src"
    (cd "$src" && apt-get source -qq kubernetes >/dev/null)
  fi
  tree=$(ls -d "$src"/kubernetes-*/ | head -n 1)
  tree=${tree%/}
  log "building kube-apiserver and kube-scheduler in $tree (about 6 minutes the first time)"
  mkdir -p "$tree/.go/src/k8s.io"
  ln -sfn ../../.. "$tree/.go/src/k8s.io/kubernetes"
  what="cmd/kube-apiserver cmd/kube-scheduler"
  command -v kubectl >/dev/null || what="$what cmd/kubectl"
  (cd "$tree/.go/src/k8s.io/kubernetes" && GOPATH="$tree/.go" GO111MODULE=off CGO_ENABLED=0 \
     GOFLAGS= make WHAT="$what" >"$MINISCHED_CACHE/build.log" 2>&1) \
    || { tail -n 40 "$MINISCHED_CACHE/build.log"; exit 1; }
  mkdir -p "$MINISCHED_CACHE/bin"
  for b in kube-apiserver kube-scheduler kubectl; do
    [ -x "$tree/_output/bin/$b" ] && cp "$tree/_output/bin/$b" "$MINISCHED_CACHE/bin/$b"
  done
  log "built: $(ls "$MINISCHED_CACHE/bin" | tr '\n' ' ')"
fi
command -v kubectl >/dev/null || export PATH="$MINISCHED_CACHE/bin:$PATH"

# The binaries backend's directory, envtest-style.
assets="$MINISCHED_CACHE/assets"
mkdir -p "$assets"
ln -sfn /usr/bin/etcd "$assets/etcd"
ln -sfn "$MINISCHED_CACHE/bin/kube-apiserver" "$assets/kube-apiserver"
export KUBEBUILDER_ASSETS="$assets"

apiserver_version=$("$MINISCHED_CACHE/bin/kube-apiserver" --version | awk '{print $2}')
etcd_version=$(/usr/bin/etcd --version | awk '/^etcd Version/ {print $3}')
export MINISCHED_APISERVER_IMAGE="localhost/minisched/kube-apiserver:$apiserver_version"
export MINISCHED_ETCD_IMAGE="localhost/minisched/etcd:$etcd_version"

# Images from root filesystem tarballs: no registry can be reached here.
import_image() { # name binary...
  local name=$1; shift
  podman image exists "$name" && return 0
  local root; root=$(mktemp -d)
  mkdir -p "$root/usr/local/bin" "$root/tmp" "$root/var/lib" "$root/etc"
  chmod 1777 "$root/tmp"
  echo 'root:x:0:0:root:/root:/sbin/nologin' > "$root/etc/passwd"
  local bin lib
  for bin in "$@"; do
    cp -L "$bin" "$root/usr/local/bin/"
    for lib in $(ldd "$bin" 2>/dev/null | grep -o '/[^ ]*' || true); do
      mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
    done
  done
  tar -C "$root" -cf "$root.tar" .
  podman import -q "$root.tar" "$name" >/dev/null
  rm -rf "$root" "$root.tar"
  log "image $name imported"
}
import_image "$MINISCHED_ETCD_IMAGE" /usr/bin/etcd
import_image "$MINISCHED_APISERVER_IMAGE" "$MINISCHED_CACHE/bin/kube-apiserver"

# Podman's Docker-compatible API for Testcontainers, on a socket of this run's own.
podman_dir=$(mktemp -d /tmp/minisched-podman.XXXXXX)
podman system service --time=0 "unix://$podman_dir/podman.sock" >"$podman_dir/service.log" 2>&1 &
MINISCHED_PODMAN_PID=$!
for _ in $(seq 1 100); do [ -S "$podman_dir/podman.sock" ] && break; sleep 0.1; done
[ -S "$podman_dir/podman.sock" ] || { cat "$podman_dir/service.log"; exit 1; }
export DOCKER_HOST="unix://$podman_dir/podman.sock"
export TESTCONTAINERS_RYUK_DISABLED=true
# The machine has /.dockerenv, so Testcontainers would otherwise use the bridge gateway.
export TESTCONTAINERS_HOST_OVERRIDE=localhost
log "podman API at $DOCKER_HOST; images $MINISCHED_APISERVER_IMAGE, $MINISCHED_ETCD_IMAGE; assets $KUBEBUILDER_ASSETS"

minisched_host_stop() {
  kill "$MINISCHED_PODMAN_PID" 2>/dev/null || true
  wait "$MINISCHED_PODMAN_PID" 2>/dev/null || true
  rm -rf "$podman_dir"
}
