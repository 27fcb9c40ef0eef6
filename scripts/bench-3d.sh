#!/usr/bin/env bash
# 3-D benchmark: the OpenGL test guest's frame rate with virgl (virtio-vga-gl shown in QEMU's own GL window,
# VMStation's "separate window" mode: -display gtk,gl=on) against the same guest without 3-D (virtio-vga, Mesa's
# llvmpipe rendering in software inside the guest), alternating rounds in one run, on two workloads:
#   cube    kmscube's shaded cube: little drawing per frame, mostly the cost of getting each frame out
#   shader  a full-screen fragment shader (build-guest-gl.sh's plasma.glsl): the cost of drawing pixels
# The frame rate is kmscube's own count inside the guest, over its run after its first frame (start-up and
# shader compilation are not counted). Runs under a private Xvfb, whose Mesa llvmpipe is the host's OpenGL on
# a machine without GPU; with a GPU and a desktop, run it with BENCH_DISPLAY=$DISPLAY to use the desktop's GL.
#
# Usage: scripts/bench-3d.sh [ROUNDS]   (default 2)
#   CUBE_SECONDS=20 SHADER_SECONDS=60  length of each run; WORKLOADS="cube shader"; KEEP=1 keeps the work folder
# Not a test: prints one line per run and then a table of medians and their ratio.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
rounds="${1:-2}"
workloads=(${WORKLOADS:-cube shader})
declare -A seconds=([cube]="${CUBE_SECONDS:-20}" [shader]="${SHADER_SECONDS:-60}")
qemu="${VMSTATION_QEMU:-qemu-system-x86_64}"

guest="$(bash resources/src/main/resources/org/vmstation/resources/guest/build-guest-gl.sh | awk '/^GUEST-DIR/ {print $2}')"
[[ -n $guest ]] || { echo "the GL guest recipe failed; run it by hand to see why" >&2; exit 1; }
kernel="$guest/vmlinux"; [[ -f $kernel ]] || kernel="$guest/vmlinuz"

work="$(mktemp -d /tmp/vms3d.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [[ -n ${KEEP:-} ]] || rm -rf "$work"; }
trap cleanup EXIT

if [[ -n ${BENCH_DISPLAY:-} ]]; then
  export DISPLAY=$BENCH_DISPLAY
else
  disp=:$((90 + RANDOM % 100))
  Xvfb "$disp" -screen 0 1600x1200x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY=$disp
  sleep 1
fi

# run MODE WORKLOAD ROUND -> "fps frames seconds renderer..." (fps "none" when no frame was counted)
run() {
  local mode=$1 load=$2 round=$3 serial="$work/serial-$1-$2-$3.log" dev display
  # The arguments VMStation's 3-D backend gives a VM in each mode (3-D off: 2-D adapter, console over VNC).
  if [[ $mode = virgl ]]; then dev=virtio-vga-gl display=(-display gtk,gl=on)
  else dev=virtio-vga display=(-display none -vnc "unix:$work/vnc-$round.sock"); fi
  "$qemu" -machine q35,accel=tcg -m 1024 -nodefaults -no-user-config -monitor none -name "bench-3d-$mode" \
    -kernel "$kernel" -initrd "$guest/initrd.img" \
    -append "console=ttyS0 console=tty0 quiet vmstation.probe=gl vmstation.gl.seconds=${seconds[$load]} vmstation.gl.workload=$load" \
    -device "$dev" "${display[@]}" -serial "file:$serial" >"$work/qemu-$mode-$load-$round.log" 2>&1 &
  local q=$! i
  pids+=($q)
  for ((i = 0; i < 2 * (seconds[$load] + 240); i++)); do
    grep -q 'VMSTATION-PROBE-END gl' "$serial" 2>/dev/null && break
    kill -0 "$q" 2>/dev/null || { echo "QEMU ($mode) exited:" >&2; cat "$work/qemu-$mode-$load-$round.log" >&2; exit 1; }
    sleep 0.5
  done
  kill "$q" 2>/dev/null; wait "$q" 2>/dev/null || true
  grep -q 'VMSTATION-PROBE-END gl' "$serial" || { echo "no GL report from the guest ($mode, $load):" >&2; tail -5 "$serial" >&2; exit 1; }
  local fps renderer
  fps=$(sed -n 's/^VMSTATION-GL-FPS //p' "$serial" | tail -n 1 | tr -d '\r')
  renderer=$(sed -n 's/^VMSTATION-GL-RENDERER //p' "$serial" | tail -n 1 | tr -d '\r')
  [[ $fps = none ]] && fps="none 0 ${seconds[$load]}"
  echo "$fps $renderer"
}

printf '%-6s %-7s %-6s %10s %8s %8s  %s\n' round load mode fps frames seconds renderer >&2
declare -A results=()
for ((r = 1; r <= rounds; r++)); do
  for load in "${workloads[@]}"; do
    # Alternate which mode goes first, so a drift in the machine's load favours neither.
    if ((r % 2)); then order=(virgl software); else order=(software virgl); fi
    for mode in "${order[@]}"; do
      line=$(run "$mode" "$load" "$r")
      read -r fps frames secs renderer <<<"$line"
      printf '%-6s %-7s %-6s %10s %8s %8s  %s\n' "$r" "$load" "${mode:0:6}" "$fps" "$frames" "$secs" "$renderer" >&2
      results[$mode-$load]+="$fps "
    done
  done
done

median() { # numbers; "none" counts as 0 frames
  tr ' ' '\n' | sed '/^$/d; s/^none$/0/' | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
echo
printf '%-8s %14s %14s %10s\n' workload virgl_fps software_fps ratio
for load in "${workloads[@]}"; do
  v=$(median <<<"${results[virgl-$load]}")
  s=$(median <<<"${results[software-$load]}")
  awk -v l="$load" -v v="$v" -v s="$s" -v t="${seconds[$load]}" 'BEGIN {
    if (s > 0) printf "%-8s %14.2f %14.2f %9.1fx\n", l, v, s, v / s
    # No frame in the whole run: the software rate is below one frame per run, so the ratio is at least this.
    else printf "%-8s %14.2f %14s %9s\n", l, v, "<" sprintf("%.3f", 1 / t), ">" sprintf("%.0fx", v * t) }'
done
echo "(medians of $rounds rounds; fps = frames kmscube counted inside the guest / seconds; host OpenGL: ${BENCH_DISPLAY:+the desktop $DISPLAY}${BENCH_DISPLAY:-Xvfb with Mesa llvmpipe}; QEMU $("$qemu" --version | head -n 1 | awk '{print $4}'), TCG)"
