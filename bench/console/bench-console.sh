#!/usr/bin/env bash
# Console benchmark: VMStation's viewer against gvncviewer (gtk-vnc, the widget in GNOME Boxes and
# virt-manager) and TigerVNC's viewer, one after another on the same QEMU guest workload: the test guest
# redrawing its whole framebuffer continuously (vmstation-testcard animate), at 1024x768 and 1920x1080,
# under Xvfb. Per viewer: updates shown per second (framebuffer updates QEMU sent to it, counted with QEMU's
# own vnc_job_nrects trace event; a VNC client asks for the next update only after taking the last one),
# CPU seconds of the viewer process over the window (/proc/PID/stat utime+stime) and CPU per shown update.
#
# Usage: bench/console/bench-console.sh [SECONDS]     (default 30)
#   WARMUP=8  seconds after the viewer's first update before the window; RESOLUTIONS="1024x768 1920x1080";
#   VIEWERS="vmstation gvncviewer tigervnc"; KEEP=1 keeps the work folder (logs, QEMU trace);
#   THREADS=1 also prints each viewer's CPU seconds by thread (stderr)
# Not a test: it installs the two peer viewers with apt (idempotently) and prints a table.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
window="${1:-30}"
warmup="${WARMUP:-8}"
resolutions=(${RESOLUTIONS:-1024x768 1920x1080})

need=()
for p in gvncviewer tigervnc-viewer xvfb; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if ((${#need[@]})); then
  echo "installing ${need[*]}..." >&2
  sudo_=(); [[ $(id -u) = 0 ]] || sudo_=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q "${need[@]}" >&2
fi
# shellcheck source=scripts/ensure-jdk.sh
source "$here/scripts/ensure-jdk.sh"
jar=app/target/app-0.1.0-SNAPSHOT.jar
[[ -f $jar ]] || mvn -B -q -DskipTests install
guest="$(bash resources/src/main/resources/org/vmstation/resources/guest/build-guest.sh 2>/dev/null | awk '/^GUEST-DIR/ {print $2}')"
[[ -n $guest ]] || { echo "the guest recipe failed; run it by hand to see why" >&2; exit 1; }
kernel="$guest/vmlinux"; [[ -f $kernel ]] || kernel="$guest/vmlinuz"

work="$(mktemp -d /tmp/vmsconsole.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [[ -n ${KEEP:-} ]] || rm -rf "$work"; }
trap cleanup EXIT
[[ -n ${VIEWERS:-} ]] && echo "viewers: $VIEWERS" >&2

disp=:$((90 + RANDOM % 100))
Xvfb "$disp" -screen 0 2560x1600x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$disp
sleep 1

tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
updates() { grep -c 'vnc_job_nrects' "$1" 2>/dev/null || true; }
thread_ticks() { # PID -> "tid ticks name" per thread, sorted by tid for join
  for t in /proc/"$1"/task/*; do
    printf '%s %s %s\n' "${t##*/}" "$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)" "$(tr ' ' '_' <"$t/comm" 2>/dev/null)"
  done | sort -k1,1
}

start_viewer() { # NAME SOCKET -> pid of the viewer process
  case "$1" in
    vmstation)  "$JAVA_HOME/bin/java" ${VIEWER_JAVA_OPTS:-} -jar "$jar" viewer --socket "$2" >"$work/$1.log" 2>&1 & ;;
    gvncviewer) gvncviewer "$2" >"$work/$1.log" 2>&1 & ;;
    tigervnc)   xtigervncviewer ${TIGERVNC_OPTS:-} "$2" >"$work/$1.log" 2>&1 & ;;
  esac
  echo $!
}

printf '%-10s %-11s %10s %10s %14s\n' resolution viewer updates/s cpu_s cpu_ms/update
for res in "${resolutions[@]}"; do
  sock="$work/vnc-$res.sock"; serial="$work/serial-$res.log"; trace="$work/trace-$res.log"
  qemu-system-x86_64 -machine q35,accel=tcg -m 256 -nodefaults -no-user-config -display none \
    -kernel "$kernel" -initrd "$guest/initrd.img" \
    -append "console=ttyS0 console=tty0 quiet video=Virtual-1:$res vmstation.testcard=animate" \
    -device virtio-vga -device qemu-xhci -device usb-tablet -serial "file:$serial" -vnc "unix:$sock" \
    -trace "enable=vnc_job_nrects,file=$trace" >"$work/qemu-$res.log" 2>&1 &
  qpid=$!; pids+=($qpid)
  for ((i = 0; i < 600; i++)); do grep -q 'VMSTATION-TESTCARD' "$serial" 2>/dev/null && break; sleep 0.5; done
  grep -q "VMSTATION-TESTCARD animating $res" "$serial" || { echo "guest did not start animating at $res:" >&2; tail -5 "$serial" >&2; exit 1; }
  for viewer in ${VIEWERS:-vmstation gvncviewer tigervnc}; do
    before=$(updates "$trace")
    vpid=$(start_viewer "$viewer" "$sock"); pids+=($vpid)
    # Count from the viewer's first update on (a JVM under load takes a while to open its window), after a warm-up.
    for ((i = 0; i < 1200; i++)); do (($(updates "$trace") > before)) && break; sleep 0.1; done
    sleep "$warmup"
    kill -0 "$vpid" 2>/dev/null || { echo "$viewer exited:" >&2; cat "$work/$viewer.log" >&2; exit 1; }
    c0=$(cpu_ticks "$vpid"); u0=$(updates "$trace"); thread_ticks "$vpid" >"$work/threads0"
    sleep "$window"
    c1=$(cpu_ticks "$vpid"); u1=$(updates "$trace"); thread_ticks "$vpid" >"$work/threads1"
    if [[ -n ${THREADS:-} ]]; then # where the viewer's CPU went, by thread
      join "$work/threads0" "$work/threads1" | awk -v t="$tck" -v v="$viewer" -v r="$res" '{ d = $4 - $2 } d > 0 {
        printf "    %s %s thread %-32s %6.2f s\n", r, v, $3, d / t }' | sort -k5 -rn >&2
    fi
    kill "$vpid"; wait "$vpid" 2>/dev/null || true
    awk -v r="$res" -v v="$viewer" -v n=$((u1 - u0)) -v c=$((c1 - c0)) -v t="$tck" -v w="$window" 'BEGIN {
      printf "%-10s %-11s %10.1f %10.2f %14.1f\n", r, v, n / w, c / t, n ? 1000 * c / t / n : 0 }'
    sleep 2
  done
  kill "$qpid"; wait "$qpid" 2>/dev/null || true
done
