#!/bin/bash
# VMStation demo/test guest recipe.
#
# Builds a tiny Linux guest (kernel + busybox initramfs) from the host's Debian
# packages and caches it in
#   ${VMSTATION_GUEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vmstation/guest}/<RECIPE_VERSION>/
# as vmlinuz (bzImage), vmlinux (the same kernel as an ELF that QEMU boots through
# its PVH entry, much faster under TCG; BIOS only), initrd.img and manifest.
#
# Usage: build-guest.sh [--force] [--print-dir]
#   --force      rebuild even if the cache is valid
#   --print-dir  only print the cache directory this recipe uses and exit
#
# Needs: apt-get/apt-cache (Debian/Ubuntu host with package lists), dpkg-deb,
# gzip, cpio (or falls back to busybox cpio). No root needed.
# Run scripts/setup-deps.sh first on a fresh machine.
#
# The whole recipe (including the guest's /init) lives in this one file on
# purpose: the Java side extracts just this file from the classpath and runs it.
# build-guest-gl.sh sources its first section, the steps both recipes share.
set -euo pipefail

# Bump when the produced image changes in a way callers can observe.
RECIPE_VERSION=2

# ---------------------------------------------------------------- shared steps
# build-guest-gl.sh (always beside this file) sources this file for the
# functions of this section and stops at its end. Each recipe defines its own
# cache_valid.
SAY_TAG=guest
say()  { printf '[%s] %s\n' "$SAY_TAG" "$*" >&2; }
fail() { printf '[guest] ERROR (%s): %s\n' "$1" "$2" >&2; exit 1; }

# Sets FORCE and PRINT_DIR from the recipe's arguments (after $1); --help
# prints the recipe's header comment, up to line $1.
parse_args() {
    local help_end="$1" arg
    shift
    FORCE=0
    PRINT_DIR=0
    for arg in "$@"; do
        case "$arg" in
            --force) FORCE=1 ;;
            --print-dir) PRINT_DIR=1 ;;
            -h|--help) sed -n "2,${help_end}p" "$0"; exit 0 ;;
            *) fail "arguments" "unknown argument '$arg' (expected --force or --print-dir)" ;;
        esac
    done
}

# Sets CACHE_ROOT and OUT_DIR, the image's folder $1 in it; with --print-dir,
# prints OUT_DIR and exits.
use_cache_dir() {
    if [ -n "${VMSTATION_GUEST_CACHE:-}" ]; then
        CACHE_ROOT="$VMSTATION_GUEST_CACHE"
    else
        CACHE_ROOT="${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/vmstation/guest"
    fi
    OUT_DIR="$CACHE_ROOT/$1"
    if [ "$PRINT_DIR" = 1 ]; then
        printf '%s\n' "$OUT_DIR"
        exit 0
    fi
}

# Unless --force: when the recipe's cache_valid holds, reports OUT_DIR as the
# image ($1 names it) and exits.
exit_if_current() {
    if [ "$FORCE" = 0 ] && cache_valid; then
        say "cached $1 is current: $OUT_DIR"
        printf 'GUEST-DIR %s\n' "$OUT_DIR"
        exit 0
    fi
}

# One builder at a time per cache and image (parallel test JVMs), holding the
# lock file $1; a waiting builder then finds the fresh cache of the image ($2
# names it) and returns at once.
lock_cache() {
    mkdir -p "$CACHE_ROOT" || fail "cache" "cannot create $CACHE_ROOT"
    command -v flock >/dev/null 2>&1 || return 0
    exec 9>"$CACHE_ROOT/$1"
    if ! flock -n 9; then
        say "another build of the $2 is running; waiting for it"
        flock 9
    fi
    exit_if_current "$2"
}

# Exits unless every tool after $1 (the recipe that needs them) is installed.
need_tools() {
    local who="$1" tool
    shift
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 ||
            fail "tools" "'$tool' not found; $who needs a Debian/Ubuntu host (run scripts/setup-deps.sh)"
    done
}

# Sets WORK to a new private folder named after $1, removed when the recipe exits.
make_work_dir() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    chmod 755 "$WORK"
}

# Downloads the Debian packages after $1 into folder $1 (apt-get download);
# apt's output goes to $WORK/download.log. As root, apt drops privileges to
# _apt for downloads, which cannot write into our private temp dir; download as
# root instead of weakening the dir's mode.
apt_download() {
    local dir="$1" opts=()
    shift
    if [ "$(id -u)" = 0 ]; then opts=(-o APT::Sandbox::User=root); fi
    (cd "$dir" && apt-get "${opts[@]}" -q download "$@" >"$WORK/download.log" 2>&1)
}

# Unpacks every .deb in folder $1 into folder $2.
unpack_debs() {
    local deb
    mkdir -p "$2"
    for deb in "$1"/*.deb; do
        dpkg-deb -x "$deb" "$2" || fail "unpack" "dpkg-deb -x $deb failed"
    done
}

# Sets STAGE to a new, empty folder where the image $1 (its folder's name) is put together.
new_stage() {
    STAGE="$CACHE_ROOT/.build-$1.$$"
    rm -rf "$STAGE"
    mkdir -p "$STAGE"
}

# Swaps STAGE in as OUT_DIR for the image $1, atomically: readers see either
# the old complete dir or the new one.
publish_stage() {
    local old="$CACHE_ROOT/.old-$1.$$"
    if [ -e "$OUT_DIR" ]; then mv "$OUT_DIR" "$old"; fi
    mv -T "$STAGE" "$OUT_DIR" || fail "publish" "cannot rename $STAGE to $OUT_DIR"
    rm -rf "$old"
}

# ---------------------------------------------------------------- the recipe
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

parse_args 18 "$@"
use_cache_dir "$RECIPE_VERSION"

# The recipe's own hash decides whether a cached image is still current, so
# editing this file (even without bumping RECIPE_VERSION) triggers a rebuild.
SELF="${BASH_SOURCE[0]}"
RECIPE_SHA=$(sha256sum "$SELF" | cut -d' ' -f1)

cache_valid() {
    [ -s "$OUT_DIR/vmlinuz" ] && [ -s "$OUT_DIR/initrd.img" ] && [ -f "$OUT_DIR/manifest" ] &&
        grep -qx "recipe-version=$RECIPE_VERSION" "$OUT_DIR/manifest" &&
        grep -qx "recipe-sha256=$RECIPE_SHA" "$OUT_DIR/manifest"
}

exit_if_current guest
lock_cache .lock guest
need_tools "the guest recipe" apt-get apt-cache dpkg-deb gzip sha256sum find sort od tail head
make_work_dir vmstation-guest

# ---------------------------------------------------------------- packages
say "resolving the Debian kernel package (linux-image-amd64)"
KPKG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '$1 ~ /Depends:$/ && $2 ~ /^linux-image-[0-9]/ {print $2; exit}') || true
[ -n "$KPKG" ] || fail "resolve kernel" "apt-cache knows no linux-image-amd64; run 'apt-get update' (scripts/setup-deps.sh does it) on a Debian amd64 host"
KPKG_VERSION=$(apt-cache policy "$KPKG" | awk '/Candidate:/ {print $2; exit}')
BB_VERSION=$(apt-cache policy busybox-static | awk '/Candidate:/ {print $2; exit}')
[ -n "$BB_VERSION" ] && [ "$BB_VERSION" != "(none)" ] ||
    fail "resolve busybox" "apt-cache knows no busybox-static; run 'apt-get update' (scripts/setup-deps.sh)"
say "kernel package: $KPKG $KPKG_VERSION, busybox-static $BB_VERSION"

say "downloading $KPKG and busybox-static (apt-get download)"
if ! apt_download "$WORK" "$KPKG" busybox-static; then
    # Offline: apt's own archive cache may already hold exactly these versions.
    rm -f "$WORK"/*.deb
    for pv in "$KPKG:$KPKG_VERSION" "busybox-static:$BB_VERSION"; do
        cached="/var/cache/apt/archives/${pv%%:*}_${pv#*:}_amd64.deb"
        cached="${cached//:/%3a}"
        [ -f "$cached" ] && cp "$cached" "$WORK/"
    done
    if [ "$(ls "$WORK"/*.deb 2>/dev/null | wc -l)" -ne 2 ]; then
        cat "$WORK/download.log" >&2
        fail "download" "apt-get download failed; check network/apt sources and run 'apt-get update'"
    fi
    say "offline: using packages from /var/cache/apt/archives"
fi

say "unpacking packages"
unpack_debs "$WORK" "$WORK/pkg"

# Newer (usr-merged) packages ship /usr/lib/modules and /usr/bin/busybox;
# depmod -b expects BASE/lib/modules, so give it that view.
if [ ! -d "$WORK/pkg/lib/modules" ] && [ -d "$WORK/pkg/usr/lib/modules" ]; then
    mkdir -p "$WORK/pkg/lib"
    ln -s ../usr/lib/modules "$WORK/pkg/lib/modules"
fi
KVER=$(ls "$WORK/pkg/lib/modules" 2>/dev/null | head -n1)
[ -n "$KVER" ] || fail "unpack" "no lib/modules/<version> in $KPKG"
VMLINUZ="$WORK/pkg/boot/vmlinuz-$KVER"
[ -s "$VMLINUZ" ] || fail "unpack" "$KPKG has no boot/vmlinuz-$KVER"
BUSYBOX=
for candidate in "$WORK/pkg/bin/busybox" "$WORK/pkg/usr/bin/busybox"; do
    if [ -x "$candidate" ]; then BUSYBOX="$candidate"; break; fi
done
[ -n "$BUSYBOX" ] || fail "unpack" "busybox-static has no bin/busybox"
MODSRC="$WORK/pkg/lib/modules/$KVER"

# ---------------------------------------------------------------- modules
# modules.dep is created by the package's postinst, so generate it here.
# Prefer kmod's depmod, else (or if it writes elsewhere) the statically linked
# busybox we just unpacked.
HOST_DEPMOD=$(command -v depmod 2>/dev/null || { [ -x /sbin/depmod ] && echo /sbin/depmod; } || true)
run_depmod() {
    local base="$1" dep="$1/lib/modules/$KVER/modules.dep"
    rm -f "$dep"
    if [ -n "$HOST_DEPMOD" ]; then
        "$HOST_DEPMOD" -b "$base" "$KVER" 2>/dev/null || true
    fi
    if [ ! -s "$dep" ]; then
        "$BUSYBOX" depmod -b "$base" "$KVER" || fail "depmod" "depmod -b $base failed"
    fi
    [ -s "$dep" ] || fail "depmod" "depmod -b $base produced no modules.dep"
}
say "computing module dependencies (depmod -b)"
run_depmod "$WORK/pkg"

# Module names are compared with '-' folded to '_', as the kernel does.
WANTED_REQUIRED="virtio_pci button evdev"
WANTED_OPTIONAL="
 virtio_blk virtio_net virtio_console virtio_input virtio_gpu virtio_scsi virtio_rng virtio_balloon
 bochs qxl
 battery ac
 xhci_pci xhci_hcd ehci_pci ehci_hcd uhci_hcd ohci_pci
 usbhid hid_generic"
# Storage and network drivers wait for their (async) device probing before
# insmod returns, mostly sleeping; the guest loads them in the background.
WANTED_BACKGROUND="usb_storage uas sd_mod sr_mod ahci ata_piix e1000 e1000e"

# Index "name<TAB>relative-path" of every module in modules.dep.
awk -F: '{ p = $1; n = p; sub(/.*\//, "", n); sub(/\.ko(\.(xz|zst|gz))?$/, "", n); gsub(/-/, "_", n); print n "\t" p }' \
    "$MODSRC/modules.dep" >"$WORK/modindex"

builtin_has() {
    awk -v n="$1" '{ b = $0; sub(/.*\//, "", b); sub(/\.ko$/, "", b); gsub(/-/, "_", b); if (b == n) { f = 1; exit } } END { exit !f }' \
        "$MODSRC/modules.builtin" 2>/dev/null
}
path_of() { awk -F'\t' -v n="$1" '$1 == n { print $2; exit }' "$WORK/modindex"; }
deps_of() { awk -F': ' -v p="$1" '$1 == p { print $2; exit }' "$MODSRC/modules.dep"; }

# Depth-first into the current set: every dependency lands in ORDER before
# the module needing it, so each ORDER is a valid load order.
declare -A VISITED=()
ORDER=()
visit() {
    local rel="$1" dep
    [ -n "${VISITED[$rel]:-}" ] && return 0
    VISITED[$rel]=1
    for dep in $(deps_of "$rel"); do visit "$dep"; done
    ORDER+=("$rel")
}

visit_wanted() {
    local name rel
    for name in "$@"; do
        rel=$(path_of "$name")
        if [ -n "$rel" ]; then
            visit "$rel"
        elif builtin_has "$name"; then
            :
        elif [[ " $WANTED_REQUIRED " == *" $name "* ]]; then
            fail "modules" "kernel $KVER has neither a module nor a built-in '$name'"
        else
            say "note: kernel $KVER has no module '$name', skipping"
        fi
    done
}

visit_wanted $WANTED_REQUIRED $WANTED_OPTIONAL
FG_ORDER=("${ORDER[@]}")
declare -A FG_SET=()
for rel in "${FG_ORDER[@]}"; do FG_SET[$rel]=1; done
VISITED=()
ORDER=()
visit_wanted $WANTED_BACKGROUND
BG_ORDER=("${ORDER[@]}")
declare -A BG_SET=()
for rel in "${BG_ORDER[@]}"; do BG_SET[$rel]=1; done

# Modules both sets need load first; then the two sets no longer share anything
# and may load concurrently. Each list keeps its topological order.
LOAD_FIRST=() LOAD_FG=() LOAD_BG=()
for rel in "${FG_ORDER[@]}"; do
    if [ -n "${BG_SET[$rel]:-}" ]; then LOAD_FIRST+=("$rel"); else LOAD_FG+=("$rel"); fi
done
for rel in "${BG_ORDER[@]}"; do
    [ -n "${FG_SET[$rel]:-}" ] || LOAD_BG+=("$rel")
done
MODULE_COUNT=$(( ${#LOAD_FIRST[@]} + ${#LOAD_FG[@]} + ${#LOAD_BG[@]} ))
say "$MODULE_COUNT kernel modules in the dependency closure (${#LOAD_BG[@]} load in the background)"

# ---------------------------------------------------------------- PVH kernel
# Under TCG the bzImage's own in-guest xz decompression costs seconds. The
# payload is the ELF vmlinux, which QEMU can boot directly through its PVH
# entry point (SeaBIOS only; UEFI needs the bzImage). Offsets are from the
# x86 boot protocol's setup header.
le_u32() { od -An -t u4 -j "$2" -N 4 "$1" | tr -d ' '; }
extract_pvh_kernel() {
    local img="$1" out="$2" setup_sects start offset length magic
    setup_sects=$(od -An -t u1 -j $((0x1f1)) -N 1 "$img" | tr -d ' ')
    [ "$setup_sects" = 0 ] && setup_sects=4
    start=$(( (setup_sects + 1) * 512 ))
    offset=$(le_u32 "$img" $((0x248)))
    length=$(le_u32 "$img" $((0x24c)))
    [ -n "$offset" ] && [ -n "$length" ] && [ "$length" -gt 0 ] || return 1
    magic=$(od -An -t x1 -j $((start + offset)) -N 6 "$img" | tr -d ' ')
    local payload=(tail -c +$((start + offset + 1)) "$img")
    case "$magic" in
        fd377a585a00) command -v xz >/dev/null || return 1; "${payload[@]}" | head -c "$length" | xz -dcq >"$out" 2>/dev/null ;;
        28b52ffd*)    command -v zstd >/dev/null || return 1; "${payload[@]}" | head -c "$length" | zstd -dcq >"$out" 2>/dev/null ;;
        1f8b*)        "${payload[@]}" | head -c "$length" | gzip -dc >"$out" 2>/dev/null ;;
        *) return 1 ;;
    esac
    # xz/zstd may complain about the size trailer after the stream; judge by the result.
    [ "$(od -An -t x1 -N 4 "$out" | tr -d ' ')" = 7f454c46 ]
}
PVH_KERNEL=
if grep -qx 'CONFIG_PVH=y' "$WORK/pkg/boot/config-$KVER" 2>/dev/null; then
    say "extracting the PVH-bootable ELF kernel from the bzImage"
    if extract_pvh_kernel "$VMLINUZ" "$WORK/vmlinux"; then
        PVH_KERNEL="$WORK/vmlinux"
    else
        say "note: could not extract the ELF kernel (xz-utils missing?); only the bzImage will be cached"
    fi
fi

# ---------------------------------------------------------------- initramfs
ROOT="$WORK/root"
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,etc/acpi/PWRF,lib/modules/$KVER,root}
cp "$BUSYBOX" "$ROOT/bin/busybox"
ln -s busybox "$ROOT/bin/sh"

MODDST="$ROOT/lib/modules/$KVER"
# copy_module REL LISTFILE: installs the module uncompressed and appends it to the list.
copy_module() {
    local rel="$1" list="$2" src="$MODSRC/$1" plain
    plain="${rel%.xz}"; plain="${plain%.zst}"; plain="${plain%.gz}"
    mkdir -p "$(dirname "$MODDST/$plain")"
    # Decompress at build time so busybox insmod never has to.
    case "$rel" in
        *.ko.xz)  command -v xz   >/dev/null || fail "modules" "xz is needed for $rel (apt-get install xz-utils)";  xz -dc "$src" >"$MODDST/$plain" ;;
        *.ko.zst) command -v zstd >/dev/null || fail "modules" "zstd is needed for $rel (apt-get install zstd)";  zstd -qdc "$src" >"$MODDST/$plain" ;;
        *.ko.gz)  gzip -dc "$src" >"$MODDST/$plain" ;;
        *)        cp "$src" "$MODDST/$plain" ;;
    esac
    printf '%s\n' "$plain" >>"$MODDST/$list"
}
: >"$MODDST/vmstation.load-first"; : >"$MODDST/vmstation.load"; : >"$MODDST/vmstation.load-bg"
for rel in "${LOAD_FIRST[@]}"; do copy_module "$rel" vmstation.load-first; done
for rel in "${LOAD_FG[@]}"; do copy_module "$rel" vmstation.load; done
for rel in "${LOAD_BG[@]}"; do copy_module "$rel" vmstation.load-bg; done
cp "$MODSRC/modules.builtin" "$MODSRC/modules.order" "$MODDST/" 2>/dev/null || true
say "generating modules.dep for the initramfs (depmod -b)"
run_depmod "$ROOT"

# busybox acpid turns the power button (ACPI button driver via evdev) into the
# action /etc/acpi/PWRF/00000080, relative to its config dir.
cat >"$ROOT/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
echo "vmstation: ACPI power button, powering off" >/dev/ttyS0 2>/dev/null
sync
poweroff -f
EOF
chmod 755 "$ROOT/etc/acpi/PWRF/00000080"

cat >"$ROOT/etc/profile" <<'EOF'
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export PS1='vmstation-guest# '
EOF

# Probes: also usable from the guest shell, e.g. `vmstation-probe usb` after a
# hot-plug; output goes to stdout between the markers the host parses.
cat >"$ROOT/bin/vmstation-probe" <<'PROBE_EOF'
#!/bin/sh
# Usage: vmstation-probe [--settle] NAME...   (NAME: power usb input drm block net all)
# USB/input devices appear asynchronously; wait until the set has not changed
# for 0.5 s (at most 8 s).
settle() {
    last= same=0 i=0
    while [ $i -lt 80 ]; do
        now=$(ls /sys/bus/usb/devices 2>/dev/null; cat /proc/bus/input/devices 2>/dev/null | grep -c '^I:'; cat /proc/partitions 2>/dev/null | wc -l)
        if [ "$now" = "$last" ]; then
            same=$((same + 1))
            [ $same -ge 5 ] && return 0
        else
            same=0
        fi
        last=$now
        i=$((i + 1))
        sleep 0.1
    done
}

probe_power() {
    for ps in /sys/class/power_supply/*; do
        [ -e "$ps" ] || continue
        echo "supply ${ps##*/}"
        [ -f "$ps/uevent" ] && sed 's/^/  /' "$ps/uevent"
    done
    if [ -d /proc/acpi/button ]; then
        for f in $(find /proc/acpi/button -type f 2>/dev/null); do
            echo "acpi-button $f: $(cat "$f" 2>/dev/null | tr -s ' \n' ' ')"
        done
    fi
    awk '/^N: Name=/ { n = $0; sub(/^N: Name=/, "", n); gsub(/"/, "", n); if (n ~ /Lid|Sleep|Power/) print "input " n }' /proc/bus/input/devices
}

probe_usb() {
    for d in /sys/bus/usb/devices/*; do
        [ -f "$d/idVendor" ] || continue
        echo "${d##*/} idVendor=$(cat "$d/idVendor") idProduct=$(cat "$d/idProduct") product=$(cat "$d/product" 2>/dev/null) manufacturer=$(cat "$d/manufacturer" 2>/dev/null)"
    done
}

probe_drm() {
    for c in /sys/class/drm/*; do
        [ -d "$c" ] || continue
        line="${c##*/}"
        [ -f "$c/status" ] && line="$line status=$(cat "$c/status")"
        [ -f "$c/device/uevent" ] && line="$line $(grep -E '^(DRIVER|PCI_ID)=' "$c/device/uevent" | tr '\n' ' ')"
        echo "$line"
    done
    for n in /sys/kernel/debug/dri/*/name; do
        [ -f "$n" ] && echo "dri ${n%/name}: $(cat "$n")"
    done
}

run_probe() {
    case "$1" in
        power) probe_power ;;
        usb)   probe_usb ;;
        input) cat /proc/bus/input/devices ;;
        drm)   probe_drm ;;
        block) cat /proc/partitions ;;
        net)   ip addr ;;
        *)     echo "unknown probe '$1' (known: power usb input drm block net)" ;;
    esac
}

SETTLE=0
if [ "$1" = --settle ]; then SETTLE=1; shift; fi
NAMES="$*"
[ "$NAMES" = all ] && NAMES="power usb input drm block net"
[ -n "$NAMES" ] || { echo "usage: vmstation-probe [--settle] power|usb|input|drm|block|net|all ..." >&2; exit 2; }
[ $SETTLE = 1 ] && settle
for p in $NAMES; do
    echo "VMSTATION-PROBE-BEGIN $p"
    run_probe "$p" 2>&1
    echo "VMSTATION-PROBE-END $p"
done
PROBE_EOF
chmod 755 "$ROOT/bin/vmstation-probe"

# ---------------------------------------------------------------- console test card
# A deterministic picture for the console's pixel-truth tests and benchmark.
# Every pixel is a function of its absolute (x, y) only, so the card for a
# narrower or shorter mode is the top-left crop of a bigger one. Graphics tests
# compute the same function (keep TestCard.java in step):
#   (x % 64 == 0 || y % 64 == 0): white; else with by = y / 8:
#   R = 1 + (x/32*29 + by*7) % 255, G = 1 + x % 255, B = 1 + (by*13 + x/256*61) % 255
# Stored per fbdev width as raw XRGB8888 (little endian), gzip'd.
testcard() { # WIDTH HEIGHT -> raw pixels on stdout
    LC_ALL=C "$BUSYBOX" awk -v W="$1" -v H="$2" 'BEGIN {
        # Bytes 1..255 only (awk strings cannot hold NUL): hence the 1 + ... % 255.
        for (i = 1; i < 256; i++) chr[i] = sprintf("%c", i)
        white = chr[255] chr[255] chr[255] chr[255]
        # Rows are built in 64-pixel chunks: appending pixel by pixel to a whole row is quadratic.
        grid = ""
        for (x = 0; x < W; x += 64) { c = ""; for (k = 0; k < 64 && x + k < W; k++) c = c white; grid = grid c }
        for (y = 0; y < H; y++) {
            if (y % 64 == 0) { printf "%s", grid; continue }
            by = int(y / 8)
            if (!(by in band)) {
                row = ""
                for (x = 0; x < W; x += 64) {
                    c = ""
                    for (k = 0; k < 64 && x + k < W; k++) {
                        px = x + k
                        if (px % 64 == 0) { c = c white; continue }
                        r = 1 + (int(px / 32) * 29 + by * 7) % 255
                        g = 1 + px % 255
                        b = 1 + (by * 13 + int(px / 256) * 61) % 255
                        c = c chr[b] chr[g] chr[r] chr[255]
                    }
                    row = row c
                }
                band[by] = row
            }
            printf "%s", band[by]
        }
    }'
}
say "drawing the console test cards"
mkdir -p "$ROOT/usr/share/vmstation/testcard"
for wh in 640x480 800x600 1024x768 1280x1024 1920x1200; do
    testcard "${wh%x*}" "${wh#*x}" | gzip -9n >"$ROOT/usr/share/vmstation/testcard/${wh%x*}.gz" ||
        fail "test card" "could not draw the ${wh} test card"
done

cat >"$ROOT/bin/vmstation-testcard" <<'TESTCARD_EOF'
#!/bin/sh
# Usage: vmstation-testcard show|animate|off
#   show     draw the test card on /dev/fb0 (the console text layer is detached first)
#   animate  redraw the whole framebuffer continuously, alternating the card and
#            the card moved up 64 rows, until `vmstation-testcard off`
#   off      stop animating and give the screen back to the text console
# Prints "VMSTATION-TESTCARD <what> <width>x<height>" when done.
DIR=/usr/share/vmstation/testcard
PIDFILE=/run/vmstation-testcard.pid
fbcon() { # 0 detaches the framebuffer console (it would draw its cursor over the card), 1 re-attaches
    for v in /sys/class/vtconsole/vtcon*; do
        if grep -q 'frame buffer' "$v/name" 2>/dev/null && [ "$(cat "$v/bind")" != "$1" ]; then
            echo "$1" >"$v/bind"
            # Detaching clears the screen a moment later, which would race with the card.
            [ "$1" = 0 ] && sleep 1
        fi
    done
}
stop_animation() {
    [ -f $PIDFILE ] && kill "$(cat $PIDFILE)" 2>/dev/null
    rm -f $PIDFILE
}
geometry() {
    [ -c /dev/fb0 ] || { echo "VMSTATION-TESTCARD-ERROR no /dev/fb0"; exit 1; }
    SIZE=$(cat /sys/class/graphics/fb0/virtual_size); W=${SIZE%,*}; H=${SIZE#*,}
    STRIDE=$(cat /sys/class/graphics/fb0/stride); BPP=$(cat /sys/class/graphics/fb0/bits_per_pixel)
    CARD=$DIR/$W.gz
    if [ "$BPP" != 32 ] || [ "$STRIDE" != $((W * 4)) ] || [ ! -f "$CARD" ]; then
        echo "VMSTATION-TESTCARD-ERROR unsupported framebuffer ${W}x${H} stride $STRIDE bpp $BPP (cards: $(ls $DIR))"
        exit 1
    fi
    BYTES=$((STRIDE * H))
}
frame() { # FILE: one write() for the whole frame; with many small writes the
          # fbdev emulation was seen to drop some of the damage it flushes to the host
    dd if="$1" of=/dev/fb0 bs=$BYTES count=1 2>/dev/null
}
case "$1" in
    show)
        stop_animation; geometry; fbcon 0
        zcat "$CARD" | head -c $BYTES >/tmp/testcard.0
        frame /tmp/testcard.0; rm -f /tmp/testcard.0
        echo "VMSTATION-TESTCARD shown ${W}x${H}" ;;
    animate)
        stop_animation; geometry; fbcon 0
        zcat "$CARD" | head -c $BYTES >/tmp/testcard.0
        # The second frame: the same card moved up 64 rows (the last 64 rows keep the first frame's).
        tail -c +$((STRIDE * 64 + 1)) /tmp/testcard.0 >/tmp/testcard.1
        ( while :; do frame /tmp/testcard.0; frame /tmp/testcard.1; done ) &
        echo $! >$PIDFILE
        echo "VMSTATION-TESTCARD animating ${W}x${H}" ;;
    off)
        stop_animation; rm -f /tmp/testcard.0 /tmp/testcard.1; fbcon 1
        echo "VMSTATION-TESTCARD off" ;;
    *) echo "usage: vmstation-testcard show|animate|off" >&2; exit 2 ;;
esac
TESTCARD_EOF
chmod 755 "$ROOT/bin/vmstation-testcard"

cat >"$ROOT/bin/vmstation-input" <<'INPUT_EOF'
#!/bin/sh
# Usage: vmstation-input start|stop
# Prints every input event of every /dev/input/event* device, one line each:
#   VMSTATION-INPUT eventN <16 timestamp chars> TYPE CODE VALUE
# (struct input_event on x86-64: 16 bytes of time, u16 type, u16 code, s32 value).
# A reader can rely on the last three fields. "start" first lists the devices
# ("VMSTATION-INPUT-DEVICE eventN NAME") and ends with VMSTATION-INPUT-READY.
PIDS=/run/vmstation-input.pids
case "$1" in
    start)
        [ -f $PIDS ] && kill $(cat $PIDS) 2>/dev/null
        : >$PIDS
        for dev in /dev/input/event*; do
            [ -c "$dev" ] || continue
            n=${dev##*/}
            echo "VMSTATION-INPUT-DEVICE $n $(cat /sys/class/input/$n/device/name 2>/dev/null)"
            hexdump -v -e "\"VMSTATION-INPUT $n \" 16/1 \"%_p\" 2/2 \" %u\" 1/4 \" %d\" \"\\n\"" "$dev" &
            echo $! >>$PIDS
        done
        sleep 0.2
        echo "VMSTATION-INPUT-READY" ;;
    stop)
        [ -f $PIDS ] && kill $(cat $PIDS) 2>/dev/null
        rm -f $PIDS
        echo "VMSTATION-INPUT-STOPPED" ;;
    *) echo "usage: vmstation-input start|stop" >&2; exit 2 ;;
esac
INPUT_EOF
chmod 755 "$ROOT/bin/vmstation-input"

cat >"$ROOT/init" <<'INIT_EOF'
#!/bin/sh
# VMStation demo guest init (busybox sh, PID 1).
/bin/busybox mkdir -p /proc /sys /dev
/bin/busybox mount -t devtmpfs devtmpfs /dev
# Kernel handed us no usable fds (no /dev/console in the archive); open it now.
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mkdir -p /dev/pts /sys/kernel/debug
mount -t devpts devpts /dev/pts 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
hostname vmstation-guest

# `poweroff`/`reboot` typed in a shell signal PID 1 (busybox-init protocol).
trap 'sync; poweroff -f' USR2
trap 'sync; reboot -f' TERM
trap 'sync; poweroff -f' USR1

SERIAL=/dev/ttyS0
[ -c "$SERIAL" ] || SERIAL=/dev/console
# Everything machine-readable goes to the serial port, whatever console=/quiet say.
serial() { printf '%s\n' "$*" >"$SERIAL"; }

KVER=$(uname -r)
load_modules() {
    while read -r mod; do
        insmod "/lib/modules/$KVER/$mod" 2>/dev/null
    done <"/lib/modules/$KVER/$1"
}
# Storage/network drivers sleep while probing; overlap them with the rest.
load_modules vmstation.load-first
load_modules vmstation.load-bg &
BG_LOAD=$!
load_modules vmstation.load
wait $BG_LOAD

# Keep late kernel messages (USB enumeration ...) out of the probe blocks.
dmesg -n 1

acpid -c /etc/acpi -l /tmp/acpid.log

PROBES=
for word in $(cat /proc/cmdline); do
    case "$word" in
        vmstation.probe=*) PROBES=$(echo "${word#vmstation.probe=}" | tr ',' ' ') ;;
        vmstation.testcard=*) TESTCARD=${word#vmstation.testcard=} ;;
    esac
done

[ -n "$PROBES" ] && vmstation-probe --settle $PROBES >"$SERIAL" 2>&1

# Guest-side boot time, for benchmarks that want it without host scheduling noise.
serial "VMSTATION-UPTIME $(cut -d' ' -f1 /proc/uptime)"
serial "VMSTATION-READY"
# vmstation.testcard=show|animate: the console benchmark's workload, from boot on.
[ -n "${TESTCARD:-}" ] && vmstation-testcard "$TESTCARD" >"$SERIAL" 2>&1
if [ -c /dev/tty0 ]; then
    # Clear boot noise; ASCII only, the VGA console font has no em dash.
    printf '\033[2J\033[H\n  VMStation demo guest - ready\n  VMSTATION-READY\n\n' >/dev/tty0
fi

# Shells for a person at the serial port and at the graphical console; respawned
# so that `exit` never leaves PID 1 without a console.
respawn_shell() {
    while :; do
        setsid -c sh -l <"$1" >"$1" 2>&1
        sleep 1
    done
}
respawn_shell "$SERIAL" &
[ -c /dev/tty1 ] && respawn_shell /dev/tty1 &

while :; do
    sleep 3600 &
    wait $!
done
INIT_EOF
chmod 755 "$ROOT/init"

say "packing initramfs"
if command -v cpio >/dev/null 2>&1; then
    CPIO=(cpio -o -H newc -R 0:0 --quiet)
else
    CPIO=("$BUSYBOX" cpio -o -H newc -R 0:0)
fi
# Root-owned entries regardless of who builds; sorted for a stable archive.
(cd "$ROOT" && find . -mindepth 1 | LC_ALL=C sort | "${CPIO[@]}") \
    | gzip -9n >"$WORK/initrd.img" || fail "pack" "cpio/gzip failed"

# ---------------------------------------------------------------- publish
new_stage "$RECIPE_VERSION"
cp "$VMLINUZ" "$STAGE/vmlinuz"
if [ -n "$PVH_KERNEL" ]; then cp "$PVH_KERNEL" "$STAGE/vmlinux"; fi
cp "$WORK/initrd.img" "$STAGE/initrd.img"
{
    echo "recipe-version=$RECIPE_VERSION"
    echo "recipe-sha256=$RECIPE_SHA"
    echo "kernel-package=$KPKG"
    echo "kernel-package-version=$KPKG_VERSION"
    echo "kernel-release=$KVER"
    if [ -n "$PVH_KERNEL" ]; then echo "pvh-kernel=vmlinux"; fi
    echo "busybox-version=$BB_VERSION"
    echo "modules=$MODULE_COUNT"
    echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$STAGE/manifest"
publish_stage "$RECIPE_VERSION"
say "guest ready: $OUT_DIR ($(du -h "$OUT_DIR/initrd.img" | cut -f1) initrd, kernel $KVER)"
printf 'GUEST-DIR %s\n' "$OUT_DIR"
