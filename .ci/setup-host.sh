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

# Debian's `kubernetes` source package, fetched with a private apt configuration: the deb-src
# entry is derived from the machine's own configured Debian source and /etc/os-release, and
# lives in a temporary directory, so /etc/apt is left exactly as it was.
fetch_kubernetes_source() { # dest
  local dest=$1 codename uri signed apt_dir
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || { echo "[setup] /etc/os-release names no VERSION_CODENAME" >&2; return 1; }
  # The first deb entry (deb822 or one-line) that serves this release's main component.
  read -r uri signed < <(python3 - "$codename" <<'PY'
import glob, re, sys
codename = sys.argv[1]
def stanzas():
    for f in sorted(glob.glob('/etc/apt/sources.list.d/*.sources')):
        for block in re.split(r'\n\s*\n', open(f).read()):
            fields = {}
            for line in block.splitlines():
                if line.startswith('#') or ':' not in line: continue
                k, v = line.split(':', 1); fields[k.strip().lower()] = v.strip()
            yield fields
    for f in ['/etc/apt/sources.list'] + sorted(glob.glob('/etc/apt/sources.list.d/*.list')):
        try: lines = open(f).read().splitlines()
        except OSError: continue
        for line in lines:
            m = re.match(r'^deb\s+(\[(?P<opts>[^]]*)\]\s+)?(?P<uri>\S+)\s+(?P<suite>\S+)\s+(?P<comps>.*)$', line.strip())
            if not m: continue
            opts = dict(o.split('=', 1) for o in (m.group('opts') or '').split() if '=' in o)
            yield {'types': 'deb', 'uris': m.group('uri'), 'suites': m.group('suite'),
                   'components': m.group('comps'), 'signed-by': opts.get('signed-by', '')}
for s in stanzas():
    if 'deb' in s.get('types', '').split() and codename in s.get('suites', '').split() \
            and 'main' in s.get('components', '').split() and s.get('uris'):
        print(s['uris'].split()[0], s.get('signed-by') or '-'); break
PY
)
  [ -n "${uri:-}" ] || { echo "[setup] no apt source for Debian $codename main found in /etc/apt; add one, or put kube-apiserver and kube-scheduler in $MINISCHED_CACHE/bin" >&2; return 1; }
  apt_dir=$(mktemp -d /tmp/minisched-apt.XXXXXX)
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/parts"
  { echo "Types: deb-src"; echo "URIs: $uri"; echo "Suites: $codename"; echo "Components: main"
    [ "$signed" = "-" ] || echo "Signed-By: $signed"; } > "$apt_dir/parts/deb-src.sources"
  local opts=(-o "APT::Sandbox::User=root" -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_dir/parts"
              -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=")
  apt-get "${opts[@]}" update -qq \
    && (cd "$dest" && apt-get "${opts[@]}" source -qq kubernetes >/dev/null)
  local rc=$?
  rm -rf "$apt_dir"
  return $rc
}

# kube-apiserver, kube-scheduler (for the benchmark) and, if missing, kubectl. Source and build
# happen in temporary places and are moved into the cache only when complete, so an interrupted
# run cannot leave a half-extracted tree or a half-copied binary behind for the next one.
if [ ! -x "$MINISCHED_CACHE/bin/kube-apiserver" ] || [ ! -x "$MINISCHED_CACHE/bin/kube-scheduler" ]; then
  src="$MINISCHED_CACHE/src"
  if ! ls -d "$src"/kubernetes-*/ >/dev/null 2>&1; then
    log "fetching Debian's kubernetes source package"
    rm -rf "$src" "$src.partial" && mkdir -p "$src.partial"
    fetch_kubernetes_source "$src.partial"
    mv "$src.partial" "$src"
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
  rm -rf "$MINISCHED_CACHE/bin.partial" && mkdir -p "$MINISCHED_CACHE/bin.partial"
  for b in kube-apiserver kube-scheduler kubectl; do
    [ -x "$tree/_output/bin/$b" ] && cp "$tree/_output/bin/$b" "$MINISCHED_CACHE/bin.partial/$b"
  done
  mkdir -p "$MINISCHED_CACHE/bin"
  for b in "$MINISCHED_CACHE/bin.partial"/*; do mv -f "$b" "$MINISCHED_CACHE/bin/"; done
  rmdir "$MINISCHED_CACHE/bin.partial"
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
minisched_host_stop() {
  [ -n "${MINISCHED_PODMAN_PID:-}" ] && kill "$MINISCHED_PODMAN_PID" 2>/dev/null || true
  [ -n "${MINISCHED_PODMAN_PID:-}" ] && wait "$MINISCHED_PODMAN_PID" 2>/dev/null || true
  [ -n "${podman_dir:-}" ] && rm -rf "$podman_dir"
  return 0
}
podman_dir=$(mktemp -d /tmp/minisched-podman.XXXXXX)
# From here on a failed setup (set -e) still stops the service it started.
trap minisched_host_stop EXIT
podman system service --time=0 "unix://$podman_dir/podman.sock" >"$podman_dir/service.log" 2>&1 &
MINISCHED_PODMAN_PID=$!
for _ in $(seq 1 100); do [ -S "$podman_dir/podman.sock" ] && break; sleep 0.1; done
[ -S "$podman_dir/podman.sock" ] || { cat "$podman_dir/service.log"; exit 1; }
export DOCKER_HOST="unix://$podman_dir/podman.sock"
export TESTCONTAINERS_RYUK_DISABLED=true
# The machine has /.dockerenv, so Testcontainers would otherwise use the bridge gateway.
export TESTCONTAINERS_HOST_OVERRIDE=localhost
log "podman API at $DOCKER_HOST; images $MINISCHED_APISERVER_IMAGE, $MINISCHED_ETCD_IMAGE; assets $KUBEBUILDER_ASSETS"
