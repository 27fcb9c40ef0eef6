#!/usr/bin/env bash
# Cold start of the VMStation window beside a minimal JavaFX window (a Stage with a Label), same run, alternating
# rounds: time from launching the JVM to the first painted frame (for VMStation: the library list showing its VMs).
# Prints every round, the medians and their ratio. Target: VMStation at most 2x the minimal window.
#
# Usage: bench/gui/cold-start.sh [ROUNDS=10]     (under Xvfb when there is no DISPLAY)
#   BENCH_JAVA_OPTS="..."  extra JVM options for every launch; %s becomes the program's name, e.g.
#                          "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/tmp/cds-%s.jsa" (AppCDS)
#   BENCH_TRAIN_JAVA_OPTS="..."  options of one untimed launch of each program before the rounds, e.g. the AOT
#                          cache training run "-XX:AOTCacheOutput=/tmp/aot-%s.aot" beside
#                          BENCH_JAVA_OPTS="-XX:AOTCache=/tmp/aot-%s.aot"
#   BENCH_PICOCLI=1        also time the window launched through the command line's picocli model (the launch
#                          before Main read plain window launches directly)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=${1:-10}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vmstation-bench-cold.XXXXXX")
# every launch runs from jars, as the installed app does: CDS and the AOT cache archive classes from jars only
CP=""
for entry in $("$HERE/classpath.sh" | tr ':' ' '); do
    if [ -d "$entry" ]; then
        jarred="$WORK/classes-$(echo "$entry" | md5sum | cut -c1-8).jar"
        jar --create --file "$jarred" -C "$entry" .
        entry=$jarred
    fi
    CP="${CP:+$CP:}$entry"
done
cmd=(java -cp "$CP" org.vmstation.app.gui.e2e.bench.ColdStartBench "$CP" "$WORK" "$ROUNDS")
echo "host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
if [ -z "${DISPLAY:-}" ]; then xvfb-run -a -s "-screen 0 1920x1200x24" "${cmd[@]}"; else "${cmd[@]}"; fi \
    || { echo "cold-start: failed; the launched processes' stderr is in $WORK" >&2; exit 1; }
rm -rf "$WORK"
