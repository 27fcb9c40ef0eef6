#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine: installs what the tests need (QEMU, Xvfb, the test
# guest, the JDK check), runs `mvn verify` under Xvfb (unit, real-guest and window tests), then the
# end-to-end check that the README's run command boots the demo guest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

"$here/scripts/setup-deps.sh" --test
# shellcheck source=scripts/ensure-jdk.sh
source "$here/scripts/ensure-jdk.sh"

echo "==> mvn verify (under Xvfb)"
xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B verify "$@"

echo "==> end to end: the README's run command boots the demo VM"
e2e="$(mktemp -d)"
trap 'VMSTATION_LIBRARY="$e2e" ./vmstation stop --force Demo >/dev/null 2>&1 || true; rm -rf "$e2e"' EXIT
VMSTATION_LIBRARY="$e2e" DISPLAY= ./vmstation demo --no-console --timeout 180 | tail -n 5
VMSTATION_LIBRARY="$e2e" ./vmstation list --json | grep -q '"state" : "running"'
VMSTATION_LIBRARY="$e2e" ./vmstation stop --timeout 60 Demo
VMSTATION_LIBRARY="$e2e" ./vmstation list --json | grep -q '"state" : "stopped"'
echo "end-to-end: the demo VM booted, ran and shut down through the README run command"

echo "==> installers: build the .deb/.rpm, install, launch, open an .ova, purge"
"$here/packaging/test-installers.sh"
