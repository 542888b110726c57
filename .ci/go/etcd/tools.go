//go:build tools

// Package tools names the etcd server main package so that go.mod and go.sum keep what it needs;
// .ci/setup-host.sh builds it with `go build go.etcd.io/etcd/server/v3`.
package tools

import _ "go.etcd.io/etcd/server/v3"
