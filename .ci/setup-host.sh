#!/usr/bin/env bash
# Prepares this machine to run minisched's tests without a Docker engine or an image registry,
# as shared/ENVIRONMENT.md describes: Podman (with runc) serving the Docker API, and
# kube-apiserver, kube-scheduler, kubectl and etcd of the release the stages follow, built from
# their Go modules (Go 1.24 or newer and the Go module proxy). Everything slow is cached under
# $MINISCHED_CACHE between runs on one machine, by version.
#
# Source this file, from a script (.ci/run) or from an interactive shell: it exports the
# variables the tests read, and defines `minisched_host_stop`, which stops what it started (the
# Podman API service). Nothing is committed that it builds.
#
# Sourced, it leaves the caller's shell options as they were: no `set -e`, which in an
# interactive shell would close the terminal at the next failing command. The slow part
# (packages, builds, images) runs as a child bash of its own, this same file executed, with
# `set -euo pipefail`; a failure there makes `source` return 1 (which ends a script under
# `set -e`, as .ci/run is) and starts nothing. The Podman service stops with the shell that
# sourced this: minisched_host_stop is added in front of the shell's EXIT trap, whatever that
# trap already did (.ci/run later sets its own, which calls minisched_host_stop too); in an
# interactive shell, minisched_host_stop stops it at once.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  if [ -n "${MINISCHED_PODMAN_PID:-}" ] && declare -F minisched_host_stop >/dev/null; then
    minisched_host_stop # sourced again: one service at a time
  fi
  MINISCHED_CACHE=${MINISCHED_CACHE:-$HOME/.cache/minisched}
  _minisched_env=$(mktemp /tmp/minisched-env.XXXXXX) || return 1
  if ! MINISCHED_CACHE=$MINISCHED_CACHE bash "${BASH_SOURCE[0]}" "$_minisched_env"; then
    rm -f "$_minisched_env"
    unset _minisched_env
    echo "[setup] failed (see above); nothing was started, and this shell is as it was" >&2
    return 1
  fi
  # shellcheck disable=SC1090 # written by the child above: export lines only
  source "$_minisched_env"
  rm -f "$_minisched_env"
  unset _minisched_env

  # Podman's Docker-compatible API for Testcontainers, on a socket of this run's own.
  minisched_host_stop() {
    [ -n "${MINISCHED_PODMAN_PID:-}" ] && kill "$MINISCHED_PODMAN_PID" 2>/dev/null || true
    # Not `wait`: from an interactive shell the service is a job, from a script a child; both
    # are gone once kill -0 fails.
    local _
    for _ in $(seq 1 50); do
      [ -n "${MINISCHED_PODMAN_PID:-}" ] && kill -0 "$MINISCHED_PODMAN_PID" 2>/dev/null || break
      sleep 0.1
    done
    [ -n "${podman_dir:-}" ] && rm -rf "$podman_dir"
    unset MINISCHED_PODMAN_PID podman_dir
    return 0
  }
  podman_dir=$(mktemp -d /tmp/minisched-podman.XXXXXX) || return 1
  # The service stops when this shell exits (also on a failure under set -e, or a closed
  # terminal's SIGHUP), after which the shell's own EXIT trap, if it had one, still runs.
  _minisched_exit_trap() { eval "set -- $(trap -p EXIT)"; printf '%s' "${3:-}"; } # trap -- 'CMD' EXIT
  _minisched_trap=$(_minisched_exit_trap)
  if [[ $_minisched_trap != *minisched_host_stop* ]]; then
    trap -- "minisched_host_stop${_minisched_trap:+; $_minisched_trap}" EXIT
  fi
  unset _minisched_trap
  unset -f _minisched_exit_trap
  podman system service --time=0 "unix://$podman_dir/podman.sock" >"$podman_dir/service.log" 2>&1 &
  MINISCHED_PODMAN_PID=$!
  for _ in $(seq 1 100); do [ -S "$podman_dir/podman.sock" ] && break; sleep 0.1; done
  if [ ! -S "$podman_dir/podman.sock" ]; then
    cat "$podman_dir/service.log" >&2
    minisched_host_stop
    return 1
  fi
  export DOCKER_HOST="unix://$podman_dir/podman.sock"
  export TESTCONTAINERS_RYUK_DISABLED=true
  # The machine has /.dockerenv, so Testcontainers would otherwise use the bridge gateway.
  export TESTCONTAINERS_HOST_OVERRIDE=localhost
  printf '[setup %(%H:%M:%S)T] %s\n' -1 "podman API at $DOCKER_HOST; images $MINISCHED_APISERVER_IMAGE, $MINISCHED_ETCD_IMAGE; assets $KUBEBUILDER_ASSETS"
  if [[ $- == *i* ]]; then
    echo "[setup] this shell is ready; minisched_host_stop stops the Podman service"
  fi
  return 0
fi

# Executed (by the sourced part above, or by hand): the slow part, which may fail anywhere.
# $1, if given: a file to write the caller's exports to.
set -euo pipefail

MINISCHED_CACHE=${MINISCHED_CACHE:-$HOME/.cache/minisched}
mkdir -p "$MINISCHED_CACHE"
log() { printf '[setup %(%H:%M:%S)T] %s\n' -1 "$*"; }

need_pkgs=()
command -v podman >/dev/null || need_pkgs+=(podman)
command -v runc >/dev/null || need_pkgs+=(runc)
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

# kube-apiserver, kube-scheduler and kubectl of the release the stages follow, and the etcd
# kubeadm pairs with it, built from their Go modules: .ci/go/kubernetes and .ci/go/etcd are
# small modules of ours that require them (go.mod and go.sum pin every version; no upstream
# code is committed). Each build goes to a directory named by its version, and only a complete
# one is moved there, so an interrupted run leaves nothing half-built for the next.
ci_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
go_version_ok() { # the modules say go 1.24
  command -v go >/dev/null || return 1
  local v; v=$(go env GOVERSION 2>/dev/null) || return 1
  v=${v#go}
  [ "$(printf '%s\n' 1.24 "$v" | sort -V | head -n 1)" = 1.24 ]
}
module_version() { # dir module
  awk -v m="$2" '$1 == "require" && $2 == m { print $3 } $1 == m && $2 ~ /^v/ { print $2 }' "$1/go.mod" | head -n 1
}
build_go_commands() { # name module-dir dest-dir ldflags how-long package...
  local name=$1 dir=$2 dest=$3 ldflags=$4 took=$5; shift 5
  [ -d "$dest" ] && return 0
  go_version_ok || { echo "[setup] building $name needs Go 1.24 or newer on PATH (found: $(go version 2>/dev/null || echo none)); install it, or put the binaries in $dest" >&2; return 1; }
  log "building $name from its Go module (once per version: about $took)"
  local started=$SECONDS
  rm -rf "$dest.partial" && mkdir -p "$dest.partial"
  (cd "$dir" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -ldflags "$ldflags" -o "$dest.partial/" "$@") \
    >"$dest.partial.log" 2>&1 || { tail -n 40 "$dest.partial.log"; return 1; }
  mv "$dest.partial" "$dest"
  rm -f "$dest.partial.log"
  log "built $name in $(( SECONDS - started )) s: $(ls "$dest" | tr '\n' ' ')"
}

K8S_VERSION=$(module_version "$ci_dir/go/kubernetes" k8s.io/kubernetes)
ETCD_VERSION=$(module_version "$ci_dir/go/etcd" go.etcd.io/etcd/server/v3)
ETCD_VERSION=${ETCD_VERSION#v}
k8s_bin="$MINISCHED_CACHE/kubernetes-$K8S_VERSION/bin"
etcd_bin="$MINISCHED_CACHE/etcd-$ETCD_VERSION/bin"
# What upstream's hack/lib/version.sh stamps, so that --version and /version name the release.
k8s_minor=${K8S_VERSION#v1.}; k8s_minor=${k8s_minor%%.*}
k8s_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags="$k8s_ldflags -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$k8s_minor -X $pkg.gitTreeState=clean"
done
build_go_commands "kubernetes $K8S_VERSION" "$ci_dir/go/kubernetes" "$k8s_bin" "$k8s_ldflags" "5 minutes on 2 cores (10 CPU-minutes)" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
build_go_commands "etcd $ETCD_VERSION" "$ci_dir/go/etcd" "$etcd_bin" "-s -w" "1 minute" go.etcd.io/etcd/server/v3
# go build names the binary after the module path (server); the rest of the world calls it etcd.
[ -x "$etcd_bin/etcd" ] || mv "$etcd_bin"/* "$etcd_bin/etcd"
# Upstream's sources of that release, for reading beside the stages (the module cache has them).
mkdir -p "$MINISCHED_CACHE/src"
# What earlier versions of this script left (v1.20.2's source package and its 2 GB build tree).
find "$MINISCHED_CACHE/src" -mindepth 1 -maxdepth 1 ! -name "kubernetes-$K8S_VERSION" -exec rm -rf {} +
rm -f "$MINISCHED_CACHE/build.log"
k8s_src=$(cd "$ci_dir/go/kubernetes" && go list -m -f '{{.Dir}}' k8s.io/kubernetes 2>/dev/null || true)
[ -z "$k8s_src" ] || ln -sfn "$k8s_src" "$MINISCHED_CACHE/src/kubernetes-$K8S_VERSION"
# ~/.cache/minisched/bin is where the benchmark and the differential test look for kube-scheduler.
[ -L "$MINISCHED_CACHE/bin" ] || rm -rf "$MINISCHED_CACHE/bin"
ln -sfn "kubernetes-$K8S_VERSION/bin" "$MINISCHED_CACHE/bin"
# kubectl of the same release first on PATH: the tests drive the control plane with it.
export PATH="$k8s_bin:$PATH"

# The binaries backend's directory, envtest-style.
assets="$MINISCHED_CACHE/assets"
mkdir -p "$assets"
ln -sfn "$etcd_bin/etcd" "$assets/etcd"
ln -sfn "$k8s_bin/kube-apiserver" "$assets/kube-apiserver"
export KUBEBUILDER_ASSETS="$assets"

export MINISCHED_APISERVER_IMAGE="localhost/minisched/kube-apiserver:$K8S_VERSION"
export MINISCHED_ETCD_IMAGE="localhost/minisched/etcd:$ETCD_VERSION"

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
import_image "$MINISCHED_ETCD_IMAGE" "$etcd_bin/etcd"
import_image "$MINISCHED_APISERVER_IMAGE" "$k8s_bin/kube-apiserver"

# What the sourcing shell needs from here, for it to source.
if [ -n "${1:-}" ]; then
  for v in CONTAINERS_CONF PATH KUBEBUILDER_ASSETS MINISCHED_APISERVER_IMAGE MINISCHED_ETCD_IMAGE; do
    printf 'export %s=%q\n' "$v" "${!v}"
  done >"$1"
else
  log "host prepared; source this file to use it: source .ci/setup-host.sh"
fi
