#!/usr/bin/env bash
# Cold start of the VMStation window beside a minimal JavaFX window (a Stage with a Label), same run, alternating
# rounds: time from launching the JVM to the first painted frame (for VMStation: the library list showing its VMs).
# Prints every round, the medians and their ratio. Target: VMStation at most 2x the minimal window.
#
# Usage: bench/gui/cold-start.sh [ROUNDS=10]     (under Xvfb when there is no DISPLAY)
#   BENCH_JAVA_OPTS="..."  extra JVM options for every launch; %s becomes the program's name, e.g.
#                          "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/tmp/cds-%s.jsa" (AppCDS)
#   BENCH_PICOCLI=1        also time the window launched through the command line's picocli model (the launch
#                          before Main read plain window launches directly)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=${1:-10}
CP=$("$HERE/classpath.sh")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vmstation-bench-cold.XXXXXX")
cmd=(java -cp "$CP" org.vmstation.app.gui.e2e.bench.ColdStartBench "$CP" "$WORK" "$ROUNDS")
echo "host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
if [ -z "${DISPLAY:-}" ]; then xvfb-run -a -s "-screen 0 1920x1200x24" "${cmd[@]}"; else "${cmd[@]}"; fi \
    || { echo "cold-start: failed; the launched processes' stderr is in $WORK" >&2; exit 1; }
rm -rf "$WORK"
