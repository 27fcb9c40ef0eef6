#!/bin/bash
# Bulk throughput of the Java usbredir mass-storage path vs QEMU's emulated usb-storage on the same image.
# Needs qemu-system-x86_64 and the demo guest (built on first use). Run from anywhere.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MVN_OPTS=${MVN_OPTS:--q -o}
mvn $MVN_OPTS -pl vm-engine -am install -DskipTests
mvn $MVN_OPTS -pl usb-passthrough test-compile
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn $MVN_OPTS -pl usb-passthrough dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
exec java -cp "usb-passthrough/target/test-classes:usb-passthrough/target/classes:$(cat "$CP_FILE")" \
    org.vmstation.usb.redir.UsbRedirBenchmark
