#!/bin/sh
# One-shot (temporalio/admin-tools, `temporal` CLI): make sure the namespace exists and
# carries CarePact's custom Keyword search attributes. Idempotent: only missing pieces
# are created, and the job ends only once every attribute is listed by the server, so
# workers started after it never see an unknown attribute. A same-named attribute of
# another type is an error (it would silently break visibility queries).
set -eu

addr="${TEMPORAL_ADDRESS:-temporal:7233}"
ns="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
attrs="CarePactRegion CarePactStatus CarePactGrade CarePactKind CarePactContract"
tries=60

fail() { echo "temporal-setup: $*" >&2; exit 1; }

n=0
until temporal operator cluster health --address "$addr" >/dev/null 2>&1; do
  n=$((n + 1)); [ "$n" -lt "$tries" ] || fail "server at $addr never became healthy"
  sleep 2
done

if temporal operator namespace describe --namespace "$ns" --address "$addr" >/dev/null 2>&1; then
  echo "temporal-setup: namespace $ns exists"
else
  temporal operator namespace create --namespace "$ns" --retention "$retention" --address "$addr" \
    || temporal operator namespace describe --namespace "$ns" --address "$addr" >/dev/null \
    || fail "could not create namespace $ns"
  echo "temporal-setup: namespace $ns created (retention $retention)"
fi

# A new namespace takes a few seconds to reach every service, so retry until all are listed.
n=0
while :; do
  listed=$(temporal operator search-attribute list --namespace "$ns" --address "$addr" 2>/dev/null || true)
  set --
  for sa in $attrs; do
    row=$(printf '%s\n' "$listed" | grep -E "(^|[[:space:]])$sa([[:space:]]|\$)" || true)
    if [ -z "$row" ]; then
      set -- "$@" --name "$sa" --type Keyword
    elif ! printf '%s\n' "$row" | grep -qi keyword; then
      fail "search attribute $sa already exists with another type: $row"
    fi
  done
  [ "$#" -gt 0 ] || break
  n=$((n + 1)); [ "$n" -le "$tries" ] || fail "could not register search attributes ($*)"
  temporal operator search-attribute create --namespace "$ns" --address "$addr" "$@" || true
  sleep 2
done
echo "temporal-setup: search attributes present in $ns: $attrs"
