#!/usr/bin/env bash
# Loading the osinfo database (osinfo-db, ~800 OS files) with VMStation's reader, beside references, same run,
# alternating rounds; wall time and CPU time (user+sys: on a shared, loaded machine the CPU time is the fairer one):
#  1. whole process: `osinfo-query os` (libosinfo, C: loads the database and lists it) vs a fresh JVM that loads
#     it with OsInfoDatabase and prints the count (JVM start included);
#  2. the load call alone in a fresh JVM (what the wizard's first opening pays, off the FX thread): ours vs the
#     JDK's DOM parser over the same files;
#  3. warm, in one JVM: ours vs DOM.
#
# Usage: bench/osinfo/load.sh [ROUNDS=7]   (after `mvn -pl vm-engine -am test-compile`; needs osinfo-query:
#        sudo apt install libosinfo-bin)   OSINFO_DIR overrides /usr/share/osinfo.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=${1:-7}
DB=${OSINFO_DIR:-/usr/share/osinfo}
CP="$ROOT/vm-engine/target/classes:$ROOT/vm-engine/target/test-classes"
[ -d "$ROOT/vm-engine/target/test-classes/org/vmstation/engine/osinfo" ] || { echo "build first: mvn -pl vm-engine -am test-compile" >&2; exit 2; }
command -v osinfo-query >/dev/null || { echo "the reference osinfo-query is missing: sudo apt install libosinfo-bin" >&2; exit 2; }
BENCH=(java -cp "$CP" org.vmstation.engine.osinfo.OsInfoLoadBench)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }
# "WALL_MS CPU_MS" of a whole command (bash's time: real, user+sys)
run() { local TIMEFORMAT='%R %U %S' t; t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ); echo "$t" | awk '{printf "%d %d\n", $1*1000, ($2+$3)*1000}'; }

echo "host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); osinfo-db $(cat "$DB/VERSION" 2>/dev/null || echo '?'); $(dpkg-query -W -f='libosinfo-bin ${Version}' libosinfo-bin 2>/dev/null || true)"
echo "1. whole process, ms (wall / cpu)"
QW=(); QC=(); JW=(); JC=()
for i in $(seq 1 "$ROUNDS"); do
    read -r qw qc < <(OSINFO_SYSTEM_DIR="$DB" run osinfo-query os)
    read -r jw jc < <(run "${BENCH[@]}" process "$DB")
    QW+=("$qw"); QC+=("$qc"); JW+=("$jw"); JC+=("$jc")
    echo "  round $i: osinfo-query $qw / $qc, java+OsInfoDatabase $jw / $jc"
done
a=$(printf '%s\n' "${QW[@]}" | median); b=$(printf '%s\n' "${JW[@]}" | median)
c=$(printf '%s\n' "${QC[@]}" | median); d=$(printf '%s\n' "${JC[@]}" | median)
echo "  medians: osinfo-query $a / $c, java+OsInfoDatabase $b / $d; ratio ours/libosinfo wall $(ratio "$b" "$a"), cpu $(ratio "$d" "$c")"

echo "2. the load call in a fresh JVM, ms (wall / cpu)"
OW=(); OC=(); DW=(); DC=()
for i in $(seq 1 "$ROUNDS"); do
    read -r ow oc < <("${BENCH[@]}" cold-ours "$DB"); read -r dw dc < <("${BENCH[@]}" cold-dom "$DB")
    OW+=("$ow"); OC+=("$oc"); DW+=("$dw"); DC+=("$dc")
    echo "  round $i: ours $ow / $oc, JDK DOM $dw / $dc"
done
a=$(printf '%s\n' "${OW[@]}" | median); b=$(printf '%s\n' "${DW[@]}" | median)
c=$(printf '%s\n' "${OC[@]}" | median); d=$(printf '%s\n' "${DC[@]}" | median)
echo "  medians: ours $a / $c, JDK DOM $b / $d; ratio ours/DOM wall $(ratio "$a" "$b"), cpu $(ratio "$c" "$d")"

echo "3. warm, one JVM"
"${BENCH[@]}" warm "$DB" "$ROUNDS" | sed 's/^/  /'
