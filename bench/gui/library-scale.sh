#!/usr/bin/env bash
# Library scale: JavaFX-thread time to open the window and to filter by a search term with a 10,000-VM library,
# beside the same operations on an empty library, alternating in the same run. Target: each under 100 ms.
# The 10,000-VM library is made once (through VmLibrary.add) under WORKDIR and reused.
#
# Usage: bench/gui/library-scale.sh [VMS=10000] [ROUNDS=3] [TERM=mail-09]   (WORKDIR: $BENCH_WORK or app/target/bench-gui)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CP=$("$HERE/classpath.sh")
WORK=${BENCH_WORK:-$ROOT/app/target/bench-gui}
mkdir -p "$WORK"
export VMSTATION_RUNTIME_DIR="$WORK/runtime"
cmd=(java -cp "$CP" org.vmstation.app.gui.e2e.bench.LibraryScaleBench "$WORK" "${1:-10000}" "${2:-3}" "${3:-mail-09}")
echo "host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
if [ -z "${DISPLAY:-}" ]; then xvfb-run -a -s "-screen 0 1920x1200x24" "${cmd[@]}"; else "${cmd[@]}"; fi
