//go:build tools

// Package tools names the commands .ci/setup-host.sh builds from the k8s.io/kubernetes module, so
// that go.mod and go.sum keep everything they need. go.mod pins k8s.io/kubernetes and, as every
// project that uses it as a library must, replaces each k8s.io staging module it requires at
// v0.0.0 with the release that matches (v1.X.Y -> v0.X.Y).
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
