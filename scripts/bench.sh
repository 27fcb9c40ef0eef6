#!/usr/bin/env bash
# Start-overhead benchmark: time from `vmstation start --headless` to the guest's ready marker, against the
# same guest booted by a hand-written QEMU command line, alternating in one run (the machine is noisy: the
# ratio counts, not the absolute times). Usage: scripts/bench.sh [ROUNDS]   (default 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
rounds="${1:-5}"
# shellcheck source=scripts/ensure-jdk.sh
source "$here/scripts/ensure-jdk.sh"
[[ -f app/target/app-0.1.0-SNAPSHOT.jar ]] || mvn -B -q -DskipTests install

work="$(mktemp -d /tmp/vmsbench.XXXXXX)"
export VMSTATION_LIBRARY="$work/lib"
vms() { "$JAVA_HOME/bin/java" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$work/app.jsa" -XX:TieredStopAtLevel=1 \
          -jar app/target/app-0.1.0-SNAPSHOT.jar "$@"; }
cleanup() { vms stop --force Demo >/dev/null 2>&1 || true; [[ -n "${qpid:-}" ]] && kill "$qpid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "preparing the demo VM and warming caches..." >&2
vms demo --no-console >/dev/null
vms stop --force Demo >/dev/null
show="$(vms show Demo --json)"
kernel="$(grep -o '"kernelPath" : "[^"]*"' <<<"$show" | cut -d'"' -f4)"
initrd="$(grep -o '"initrdPath" : "[^"]*"' <<<"$show" | cut -d'"' -f4)"
cmdline="$(grep -o '"commandLine" : "[^"]*"' <<<"$show" | cut -d'"' -f4)"
serial="$(grep -o '"folder" : "[^"]*"' <<<"$show" | cut -d'"' -f4)/logs/serial.log"

now() { date +%s%N; }
wait_marker() { # file start_offset
  while ! tail -c +"$(( $2 + 1 ))" "$1" 2>/dev/null | grep -q VMSTATION-READY; do sleep 0.01; done
}

vm_times=(); raw_times=()
for ((i = 1; i <= rounds; i++)); do
  off=$(stat -c %s "$serial" 2>/dev/null || echo 0)
  t0=$(now); vms start --headless Demo >/dev/null; wait_marker "$serial" "$off"; t1=$(now)
  vm_times+=($(( (t1 - t0) / 1000000 )))
  vms stop --force Demo >/dev/null

  rawlog="$work/raw-serial.log"; : >"$rawlog"
  t0=$(now)
  # The same hardware VMStation gives the demo VM, written by hand.
  qemu-system-x86_64 -machine q35,accel=tcg -cpu max -smp 1 -m 256M -nodefaults -no-user-config -display none \
    -kernel "$kernel" -initrd "$initrd" -append "$cmdline" -device virtio-vga -rtc base=utc \
    -netdev user,id=n0 -device virtio-net-pci,netdev=n0 -device qemu-xhci -device usb-tablet \
    -serial "file:$rawlog" &
  qpid=$!
  wait_marker "$rawlog" 0; t1=$(now)
  raw_times+=($(( (t1 - t0) / 1000000 )))
  kill "$qpid"; wait "$qpid" 2>/dev/null || true; qpid=
  echo "round $i: vmstation ${vm_times[-1]} ms, hand-written qemu ${raw_times[-1]} ms" >&2
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
mv_=$(median "${vm_times[@]}"); mr=$(median "${raw_times[@]}")
echo "median start→ready: vmstation ${mv_} ms, hand-written qemu ${mr} ms, overhead $(awk -v a="$mv_" -v b="$mr" 'BEGIN{printf "%.1f", (a-b)*100/b}') %"
