#!/bin/bash
# VMStation OpenGL test guest recipe: the demo guest (build-guest.sh, run first)
# plus Debian's Mesa and kmscube, so that tests and benchmarks can see which
# OpenGL renderer the guest gets on virtio-gpu ("virgl" with 3-D on, Mesa's
# software "llvmpipe" without) and how many frames per second it draws.
#
# Cached in
#   ${VMSTATION_GUEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vmstation/guest}/gl-<GL_RECIPE_VERSION>/
# as vmlinuz, vmlinux (the demo guest's kernels), initrd.img and manifest.
# initrd.img is the demo guest's initramfs followed by a second, uncompressed
# cpio archive (the kernel unpacks both, the later one over the earlier) with
# Mesa's libraries, kmscube and the guest's "gl" probe. Mesa with LLVM is about
# 200 MB unpacked, so the guest needs 1 GiB of memory. An archive instead of a
# disk: the Debian kernel has ext4/squashfs only as modules, and the initramfs
# needs no module to mount.
#
# In the guest: vmstation.probe=gl (kernel command line) runs the workload
# before VMSTATION-READY; vmstation.gl.seconds=N sets its length (default 20),
# vmstation.gl.workload= which one: "cube" (kmscube's shaded cube: few pixels
# of work, mostly the cost of a frame's round trip) or "shader" (a full-screen
# fragment shader, plasma.glsl below: the cost of drawing pixels, where
# rendering on the host pays off). `vmstation-gl [SECONDS [WORKLOAD]]` runs it
# again from the guest's shell. It prints
#   VMSTATION-GL-WORKLOAD <cube|shader> <seconds>
#   VMSTATION-GL <each line kmscube writes>
#   VMSTATION-GL-RENDERER <the GL_RENDERER string, e.g. virgl or llvmpipe (LLVM 15.0.6, 128 bits)>
#   VMSTATION-GL-FPS <frames per second> <frames> <seconds>   (VMSTATION-GL-FPS none: no frame counted)
#   VMSTATION-GL-DONE <kmscube's exit status; 143 = stopped at the end of the run>
# SECONDS count from the end of kmscube's start-up (it prints its renderer then).
#
# Usage: build-guest-gl.sh [--force] [--print-dir]
# Needs what build-guest.sh needs (it must sit beside this file), plus network
# access to the Debian archive through apt. No root needed.
set -euo pipefail

# Bump when the produced image changes in a way callers can observe.
GL_RECIPE_VERSION=1

SELF="${BASH_SOURCE[0]}"
BASE_RECIPE="$(cd "$(dirname "$SELF")" && pwd)/build-guest.sh"
if [ ! -f "$BASE_RECIPE" ]; then
    printf '[guest] ERROR (locate recipe): build-guest.sh must be beside %s (the GL guest extends the demo guest)\n' "$SELF" >&2
    exit 1
fi
# The demo guest's recipe defines the steps both recipes share (say, fail,
# parse_args, use_cache_dir, lock_cache, ...) and, sourced, does nothing else.
# shellcheck source=build-guest.sh
. "$BASE_RECIPE"
SAY_TAG=guest-gl

parse_args 28 "$@"
use_cache_dir "gl-$GL_RECIPE_VERSION"

# ---------------------------------------------------------------- base guest
say "making sure the demo guest is built"
BASE_DIR=$(VMSTATION_GUEST_CACHE="$CACHE_ROOT" bash "$BASE_RECIPE" | awk '/^GUEST-DIR / {print $2}')
[ -n "$BASE_DIR" ] && [ -s "$BASE_DIR/initrd.img" ] && [ -f "$BASE_DIR/manifest" ] ||
    fail "base guest" "build-guest.sh printed no usable GUEST-DIR"

# The recipe's own hash and the base guest's manifest (it changes with every
# rebuild of the base, so also when the shared steps in build-guest.sh change)
# decide whether a cached image is still current.
RECIPE_SHA=$(sha256sum "$SELF" | cut -d' ' -f1)
BASE_SHA=$(sha256sum "$BASE_DIR/manifest" | cut -d' ' -f1)

cache_valid() {
    [ -s "$OUT_DIR/vmlinuz" ] && [ -s "$OUT_DIR/initrd.img" ] && [ -f "$OUT_DIR/manifest" ] &&
        grep -qx "recipe-version=gl-$GL_RECIPE_VERSION" "$OUT_DIR/manifest" &&
        grep -qx "recipe-sha256=$RECIPE_SHA" "$OUT_DIR/manifest" &&
        grep -qx "base-manifest-sha256=$BASE_SHA" "$OUT_DIR/manifest"
}

exit_if_current "GL guest"
lock_cache .lock-gl "GL guest"
need_tools "the GL guest recipe" apt-get apt-cache dpkg-deb cpio zcat sha256sum
make_work_dir vmstation-guest-gl

# ---------------------------------------------------------------- packages
# kmscube and Mesa's DRI drivers with everything they need at run time; coreutils
# only for libstdbuf.so (line-buffered kmscube output through a pipe).
ROOTS="kmscube libgl1-mesa-dri"
say "resolving $ROOTS and their dependencies (apt-cache depends --recurse)"
PKGS=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances $ROOTS 2>/dev/null |
    awk '/^[a-z0-9]/ && !/^</ {print $1}' | sort -u)
for need in kmscube libgl1-mesa-dri libegl-mesa0 libgbm1 libc6; do
    printf '%s\n' "$PKGS" | grep -qx "$need" ||
        fail "resolve" "apt-cache knows no $need; run 'apt-get update' (scripts/setup-deps.sh) on a Debian 12 amd64 host"
done
PKGS="$PKGS coreutils"
say "$(printf '%s\n' $PKGS | wc -l) packages; downloading (apt-get download)"
mkdir -p "$WORK/debs"
if ! apt_download "$WORK/debs" $PKGS; then
    tail -n 5 "$WORK/download.log" >&2
    fail "download" "apt-get download of Mesa and kmscube failed; check network/apt sources and run 'apt-get update'"
fi

say "unpacking"
PKG="$WORK/pkg"
unpack_debs "$WORK/debs" "$PKG"
KMSCUBE_VERSION=$(dpkg-deb -f "$WORK"/debs/kmscube_*.deb Version)
MESA_VERSION=$(dpkg-deb -f "$WORK"/debs/libgl1-mesa-dri_*.deb Version)

# ---------------------------------------------------------------- overlay
# Only what runs: shared libraries, the two DRI drivers Mesa picks on virtio-gpu
# (virtio_gpu with virgl, kms_swrast without), glvnd's vendor file, kmscube.
OV="$WORK/overlay"
mkdir -p "$OV/usr/bin" "$OV/usr/libexec/coreutils" "$OV/usr/share" "$OV/bin" "$OV/usr/lib"
for dir in lib64 lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
    [ -d "$PKG/$dir" ] || continue
    mkdir -p "$OV/$dir"
    cp -a "$PKG/$dir/." "$OV/$dir/"
done
[ -e "$OV/lib64/ld-linux-x86-64.so.2" ] || fail "unpack" "libc6 brought no /lib64/ld-linux-x86-64.so.2"
MULTI="$OV/usr/lib/x86_64-linux-gnu"
DRI="$MULTI/dri"
[ -f "$DRI/virtio_gpu_dri.so" ] || fail "unpack" "libgl1-mesa-dri has no dri/virtio_gpu_dri.so"
# The drivers are one file under many names (hard links): keep one, link the two others.
find "$DRI" -mindepth 1 ! -name virtio_gpu_dri.so -delete
ln -s virtio_gpu_dri.so "$DRI/kms_swrast_dri.so"
ln -s virtio_gpu_dri.so "$DRI/swrast_dri.so"
rm -rf "$MULTI/gconv" "$MULTI/audit" "$MULTI/pkgconfig"
find "$OV" -name '*.a' -delete
cp -a "$PKG/usr/share/glvnd" "$OV/usr/share/" 2>/dev/null || fail "unpack" "libegl-mesa0 has no usr/share/glvnd (EGL vendor file)"
cp "$PKG/usr/bin/kmscube" "$OV/usr/bin/"
mkdir -p "$OV/usr/share/vmstation/gl"
cat >"$OV/usr/share/vmstation/gl/plasma.glsl" <<'SHADER_EOF'
// VMStation's "shader" GL workload for kmscube -S (GLSL ES 1.00, Shadertoy's mainImage):
// eleven warps of the coordinates per pixel, so drawing the pixels dominates each frame.
void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;
    float t = iTime * 0.5;
    vec3 col = vec3(0.0);
    for (int i = 1; i < 12; i++) {
        float fi = float(i);
        uv += 0.3 / fi * vec2(sin(fi * uv.y + t + 0.3 * fi), cos(fi * uv.x + t + 0.7 * fi));
        col += 0.5 + 0.5 * cos(vec3(0.0, 2.0, 4.0) + uv.xyx + t);
    }
    fragColor = vec4(col / 11.0, 1.0);
}
SHADER_EOF
cp "$PKG/usr/libexec/coreutils/libstdbuf.so" "$OV/usr/libexec/coreutils/" ||
    fail "unpack" "coreutils has no usr/libexec/coreutils/libstdbuf.so"

# The demo guest's init runs /bin/vmstation-probe for vmstation.probe=...; the
# overlay's version adds the "gl" probe and hands every other name to the
# original, kept as vmstation-probe.base. The demo guest itself is unchanged.
(cd "$WORK" && zcat "$BASE_DIR/initrd.img" | cpio -i --quiet --to-stdout bin/vmstation-probe >"$OV/bin/vmstation-probe.base") ||
    fail "base guest" "cannot read bin/vmstation-probe from $BASE_DIR/initrd.img"
[ -s "$OV/bin/vmstation-probe.base" ] || fail "base guest" "$BASE_DIR/initrd.img has no bin/vmstation-probe"

cat >"$OV/bin/vmstation-probe" <<'PROBE_EOF'
#!/bin/sh
# The GL guest's probe: "gl" runs vmstation-gl; every other name goes to the demo guest's probe.
SETTLE=
if [ "$1" = --settle ]; then SETTLE=--settle; shift; fi
OTHERS= GL=0
for p in "$@"; do
    if [ "$p" = gl ]; then GL=1; else OTHERS="$OTHERS $p"; fi
done
[ -n "$OTHERS" ] && /bin/vmstation-probe.base $SETTLE $OTHERS
if [ $GL = 1 ]; then
    echo "VMSTATION-PROBE-BEGIN gl"
    /bin/vmstation-gl
    echo "VMSTATION-PROBE-END gl"
fi
exit 0
PROBE_EOF

cat >"$OV/bin/vmstation-gl" <<'GL_EOF'
#!/bin/sh
# Usage: vmstation-gl [SECONDS [cube|shader]]   Runs kmscube on /dev/dri/card0 for SECONDS (default:
# vmstation.gl.seconds= from the kernel command line, else 20) drawing the workload (default:
# vmstation.gl.workload=, else cube); see build-guest-gl.sh for the lines it prints.
SECS=$1 WORKLOAD=$2
for word in $(cat /proc/cmdline); do
    case "$word" in
        vmstation.gl.seconds=*) [ -n "$1" ] || SECS=${word#vmstation.gl.seconds=} ;;
        vmstation.gl.workload=*) [ -n "$2" ] || WORKLOAD=${word#vmstation.gl.workload=} ;;
    esac
done
case "$SECS" in ''|*[!0-9]*) SECS=20 ;; esac
[ "$SECS" -ge 1 ] || SECS=1
case "$WORKLOAD" in
    shader) ARGS="-S /usr/share/vmstation/gl/plasma.glsl" ;;
    *) WORKLOAD=cube ARGS= ;;
esac
echo "VMSTATION-GL-WORKLOAD $WORKLOAD $SECS"
OUT=/tmp/vmstation-gl.out
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu HOME=/root
# No shader cache on a tmpfs that vanishes anyway; kmscube's stdout through a pipe stays line-buffered.
export MESA_SHADER_CACHE_DISABLE=true LD_PRELOAD=/usr/libexec/coreutils/libstdbuf.so _STDBUF_O=L
: >$OUT
rm -f /tmp/vmstation-gl.pid /tmp/vmstation-gl.rc /tmp/vmstation-gl.stdin
# kmscube stops ("user interrupted!") as soon as its stdin is readable, which /dev/null always is: give it a
# FIFO opened read-write, which nobody writes to.
mkfifo /tmp/vmstation-gl.stdin
exec 4<>/tmp/vmstation-gl.stdin
{ kmscube $ARGS <&4 2>&1 & echo $! >/tmp/vmstation-gl.pid; wait $!; echo "$?" >/tmp/vmstation-gl.rc; } | while IFS= read -r line; do
    printf '%s\n' "$line" >>$OUT
    printf 'VMSTATION-GL %s\n' "$line"
done &
unset LD_PRELOAD _STDBUF_O
# SECONDS count from the end of kmscube's start (loading LLVM and Mesa takes long on a busy TCG host),
# which it marks by printing its renderer; at most START_LIMIT seconds are allowed for that.
START_LIMIT=300
i=0
while [ $i -lt $((START_LIMIT * 5)) ] && [ ! -f /tmp/vmstation-gl.rc ] && ! grep -q 'renderer:' $OUT; do
    sleep 0.2; i=$((i + 1))
done
[ -f /tmp/vmstation-gl.rc ] || sleep "$SECS"
[ -f /tmp/vmstation-gl.pid ] && kill "$(cat /tmp/vmstation-gl.pid)" 2>/dev/null
wait
exec 4<&-
rm -f /tmp/vmstation-gl.stdin
RENDERER=$(sed -n 's/^ *renderer: "\(.*\)"$/\1/p' $OUT | head -n 1)
echo "VMSTATION-GL-RENDERER ${RENDERER:-unknown}"
# "Rendered 52 frames in 2.012 sec (25.84 fps)", every 2 s: the last report covers the run since the
# first frame. A "Rendered 0 frames" report comes while the first frame (shader compilation) is still drawn.
FPS=$(sed -n 's/^Rendered \([1-9][0-9]*\) frames in \([0-9.]*\) sec (\([0-9.]*\) fps)$/\3 \1 \2/p' $OUT | tail -n 1)
echo "VMSTATION-GL-FPS ${FPS:-none}"
echo "VMSTATION-GL-DONE $(cat /tmp/vmstation-gl.rc 2>/dev/null || echo unknown)"
GL_EOF
chmod 755 "$OV/bin/vmstation-probe" "$OV/bin/vmstation-probe.base" "$OV/bin/vmstation-gl"

say "packing the Mesa overlay ($(du -sh "$OV" | cut -f1) unpacked)"
# Uncompressed: the guest copies it instead of inflating ~200 MB under TCG.
(cd "$OV" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$WORK/overlay.cpio" ||
    fail "pack" "cpio failed"

# ---------------------------------------------------------------- publish
new_stage "gl-$GL_RECIPE_VERSION"
for k in vmlinuz vmlinux; do
    [ -f "$BASE_DIR/$k" ] || continue
    ln "$BASE_DIR/$k" "$STAGE/$k" 2>/dev/null || cp "$BASE_DIR/$k" "$STAGE/$k"
done
# The kernel takes an uncompressed archive after a compressed one only at a
# 4-byte aligned offset; it skips the zeros in between.
BASE_SIZE=$(stat -c %s "$BASE_DIR/initrd.img")
{ cat "$BASE_DIR/initrd.img"; head -c $(( (512 - BASE_SIZE % 512) % 512 )) /dev/zero; cat "$WORK/overlay.cpio"; } >"$STAGE/initrd.img" ||
    fail "publish" "cannot write $STAGE/initrd.img"
{
    echo "recipe-version=gl-$GL_RECIPE_VERSION"
    echo "recipe-sha256=$RECIPE_SHA"
    echo "base-manifest-sha256=$BASE_SHA"
    grep -E '^(kernel-release|pvh-kernel)=' "$BASE_DIR/manifest" || true
    echo "kmscube-version=$KMSCUBE_VERSION"
    echo "mesa-version=$MESA_VERSION"
    echo "memory-mib=1024"
    echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$STAGE/manifest"
publish_stage "gl-$GL_RECIPE_VERSION"
say "GL guest ready: $OUT_DIR ($(du -h "$OUT_DIR/initrd.img" | cut -f1) initrd, Mesa $MESA_VERSION, kmscube $KMSCUBE_VERSION)"
printf 'GUEST-DIR %s\n' "$OUT_DIR"
