#!/usr/bin/env bash
# Installer test, as a new user meets VMStation: builds the installers, installs the .deb with apt, runs the
# installed `vmstation` (--version, list --json, create), upgrades the package and finds the library
# intact, opens the installed window under Xvfb and takes a screenshot, opens a tiny .ova through the
# desktop entry's Exec line, then purges the package and checks that none of its files is left while the
# user's library remains. The .rpm is checked with rpm -qpl / -qpR / --scripts. Prints the installer sizes
# and the installed command's start time beside `java -jar` from the build, measured in this run.
#
# Usage: packaging/test-installers.sh [--no-build]
#   --no-build  use the installers already in packaging/target/installers (from `mvn -P installers package`)
# Needs: root or sudo (apt-get install/purge), the test packages of scripts/setup-deps.sh --test (xvfb,
# xdotool, imagemagick, fakeroot, rpm), a JDK 25 (scripts/ensure-jdk.sh). Leaves screenshots and logs in
# packaging/target/test-installers/. Exit status 0 only when every check passed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
BUILD=1
for arg in "$@"; do
    case "$arg" in
        --no-build) BUILD=0 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "test-installers.sh: unknown argument '$arg' (expected --no-build)" >&2; exit 2 ;;
    esac
done

say() { printf '[test-installers] %s\n' "$*" >&2; }
FAILURES=0
pass() { printf '[test-installers] PASS %s\n' "$*" >&2; }
fail() { printf '[test-installers] FAIL %s\n' "$*" >&2; FAILURES=$((FAILURES + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
die() { printf '[test-installers] ERROR %s\n' "$*" >&2; exit 1; }

AS_ROOT=()
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "needs root or sudo to install and purge the package"
    AS_ROOT=(sudo)
fi
APT=("${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600)
for tool in Xvfb xdotool import rpm dpkg-deb python3 qemu-img; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run scripts/setup-deps.sh --test"
done

# shellcheck source=../scripts/ensure-jdk.sh
source "$repo/scripts/ensure-jdk.sh"
VERSION=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$repo/pom.xml" | head -1)
PKG_VERSION=${VERSION%%-*}

OUT="$here/target/test-installers"
INST="$here/target/installers"
if [ "$BUILD" = 1 ]; then
    say "building the installers (mvn -P installers package)"
    t0=$(date +%s)
    (cd "$repo" && mvn -B -q -P installers -DskipTests -pl packaging -am package)
    say "installers built in $(( $(date +%s) - t0 )) s"
fi
rm -rf "$OUT"
mkdir -p "$OUT"
deb=$(ls "$INST"/vmstation_"$PKG_VERSION"-*_amd64.deb 2>/dev/null | head -1)
rpmf=$(ls "$INST"/vmstation-"$PKG_VERSION"-*.x86_64.rpm 2>/dev/null | head -1)
tarball=$(ls "$INST"/vmstation-"$PKG_VERSION"-linux-*.tar.gz 2>/dev/null | head -1)
[ -n "$deb" ] || die "no vmstation_${PKG_VERSION}-*_amd64.deb in $INST (build with mvn -P installers package)"
[ -n "$rpmf" ] || die "no vmstation-${PKG_VERSION}-*.x86_64.rpm in $INST"
[ -n "$tarball" ] || die "no app-image tarball vmstation-${PKG_VERSION}-linux-*.tar.gz in $INST"

# Files every package must install, relative to /.
ICON_SIZES="16 22 24 32 48 64 128 256 512"
EXPECTED=(/opt/vmstation/bin/vmstation /usr/bin/vmstation /usr/share/applications/vmstation.desktop
    /usr/share/mime/packages/vmstation.xml /usr/lib/udev/rules.d/60-vmstation-usb.rules
    /usr/share/icons/hicolor/scalable/apps/vmstation.svg)
for s in $ICON_SIZES; do EXPECTED+=("/usr/share/icons/hicolor/${s}x${s}/apps/vmstation.png"); done
EXTENSIONS="ova ovf vmx vbox pvs utm qcow2 vmdk vdi vhd vhdx"

# ---------------------------------------------------------------- rpm: file list, dependencies, scripts
say "checking $(basename "$rpmf")"
rpm -qpl "$rpmf" > "$OUT/rpm-files.txt" 2>/dev/null
rpm -qpR "$rpmf" > "$OUT/rpm-requires.txt" 2>/dev/null
rpm -qp --recommends "$rpmf" > "$OUT/rpm-recommends.txt" 2>/dev/null
rpm -qp --scripts "$rpmf" > "$OUT/rpm-scripts.txt" 2>/dev/null
rpm -qp --queryformat '%{VERSION}' "$rpmf" > "$OUT/rpm-version.txt" 2>/dev/null
for f in "${EXPECTED[@]}"; do
    grep -qxF "$f" "$OUT/rpm-files.txt" || fail "rpm lacks $f"
done
pass "rpm lists the launcher, /usr/bin/vmstation, desktop entry, MIME package, udev rule and ${ICON_SIZES// /,} px icons"
check "rpm claims no system folder (/usr/share, /usr/share/icons, ...)" \
    bash -c "! grep -xE '/usr|/usr/bin|/usr/share|/usr/share/(applications|icons|mime|mime/packages)|/usr/lib|/usr/lib/udev(/rules.d)?|/opt' '$OUT/rpm-files.txt'"
check "rpm requires QEMU in Fedora/RHEL terms" grep -qF '(qemu-kvm or qemu-system-x86)' "$OUT/rpm-requires.txt"
check "rpm requires qemu-img and gtk3" bash -c "grep -qx 'qemu-img' '$OUT/rpm-requires.txt' && grep -qx 'gtk3' '$OUT/rpm-requires.txt'"
check "rpm recommends edk2-ovmf" grep -qx 'edk2-ovmf' "$OUT/rpm-recommends.txt"
check "rpm scripts reload the udev rules" grep -q 'udevadm control --reload-rules' "$OUT/rpm-scripts.txt"
check "rpm version $PKG_VERSION comes from the Maven version $VERSION" grep -qx "$PKG_VERSION" "$OUT/rpm-version.txt"

# ---------------------------------------------------------------- deb: control fields
say "checking $(basename "$deb")"
dpkg-deb -f "$deb" > "$OUT/deb-control.txt"
check "deb depends on qemu-system-x86, qemu-utils, libgtk-3-0" \
    bash -c "grep '^Depends:' '$OUT/deb-control.txt' | grep -q 'qemu-system-x86' && grep '^Depends:' '$OUT/deb-control.txt' | grep -q 'qemu-utils' && grep '^Depends:' '$OUT/deb-control.txt' | grep -q 'libgtk-3-0'"
check "deb recommends ovmf" grep -qx 'Recommends: ovmf' "$OUT/deb-control.txt"
check "deb version $PKG_VERSION-* comes from the Maven version $VERSION" grep -q "^Version: $PKG_VERSION-" "$OUT/deb-control.txt"

# ---------------------------------------------------------------- install with apt
if dpkg-query -W -f='${Status}' vmstation 2>/dev/null | grep -q 'ok installed'; then
    say "removing an earlier vmstation package first"
    "${APT[@]}" purge vmstation >/dev/null
fi
say "apt-get install $(basename "$deb")"
(cd "$(dirname "$deb")" && "${APT[@]}" install "./$(basename "$deb")") > "$OUT/apt-install.log" 2>&1 \
    || { cat "$OUT/apt-install.log" >&2; die "apt-get install failed"; }
pass "apt-get install ./$(basename "$deb")"
dpkg -L vmstation > "$OUT/deb-files.txt"
for f in "${EXPECTED[@]}"; do
    [ -e "$f" ] && grep -qxF "$f" "$OUT/deb-files.txt" || fail "installed package lacks $f (or dpkg does not own it)"
done
pass "dpkg owns the launcher, /usr/bin/vmstation, desktop entry, MIME package, udev rule and icons"

# The user: a fresh home, so the test neither reads nor harms the real library.
USER_HOME=$(mktemp -d /tmp/vmstation-pkgtest.XXXXXX)
export HOME="$USER_HOME" XDG_DATA_HOME="$USER_HOME/.local/share" XDG_CACHE_HOME="$USER_HOME/.cache" \
    XDG_CONFIG_HOME="$USER_HOME/.config" XDG_RUNTIME_DIR="$USER_HOME/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset VMSTATION_LIBRARY VMSTATION_QEMU VMSTATION_RUNTIME_DIR
LIBRARY_DB="$XDG_DATA_HOME/vmstation/library.db"

check "vmstation on PATH is /usr/bin/vmstation" test "$(command -v vmstation)" = /usr/bin/vmstation
check "/opt/vmstation/bin/vmstation (jpackage's launcher) runs too" bash -c "/opt/vmstation/bin/vmstation --version | grep -qx 'VMStation $VERSION'"
# Start times: the installed command and the build's jar, alternately, in this run. The first installed
# run is the cold one (fresh page cache for the package's files just written, no QEMU probe cache).
ms() { local t0 t1; t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
COLD_INSTALLED=$(ms vmstation --version)
vmstation --version > "$OUT/version.txt" 2>&1 || fail "vmstation --version exited non-zero"
check "vmstation --version reports VMStation $VERSION" grep -qx "VMStation $VERSION" "$OUT/version.txt"
check "vmstation --version reports the QEMU it found" grep -q '^QEMU [0-9]' "$OUT/version.txt"
# The window's AOT cache, trained when the installers were built (under Xvfb here): in the package, and usable at
# the installed location (AOTMode=on makes the JVM refuse to start when the cache does not fit its runtime and jar)
check "the package ships the window's AOT cache" test -s /opt/vmstation/lib/app/vmstation-gui.aot
check "the installed command starts from that AOT cache" bash -c "JAVA_TOOL_OPTIONS=-XX:AOTMode=on vmstation --version 2>&1 | grep -qx 'VMStation $VERSION'"
JAR="$repo/app/target/app-$VERSION.jar"
WARM_INSTALLED=() WARM_JAR=()
if [ -f "$JAR" ]; then
    COLD_JAR=$(ms "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JAR" --version)
    for _ in 1 2 3; do
        WARM_INSTALLED+=("$(ms vmstation --version)")
        WARM_JAR+=("$(ms "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JAR" --version)")
    done
else
    say "note: $JAR not built, so no start time from the build to compare with"
    for _ in 1 2 3; do WARM_INSTALLED+=("$(ms vmstation --version)"); done
fi

vmstation list --json > "$OUT/list-empty.json" 2> "$OUT/list-empty.err" || fail "vmstation list --json exited non-zero: $(cat "$OUT/list-empty.err")"
check "vmstation list --json prints a JSON array" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, list)" "$OUT/list-empty.json"
vmstation create pkgtest-vm --memory 256M --cpus 1 --disk-size 16M > "$OUT/create.txt" 2>&1 || fail "vmstation create failed: $(cat "$OUT/create.txt")"
has_vm() { vmstation list --json 2>/dev/null | python3 -c "import json,sys; sys.exit(0 if any(v.get('name') == 'pkgtest-vm' for v in json.load(sys.stdin)) else 1)"; }
check "the installed command creates a VM in the user's library" has_vm
check "the library is in the user's data folder ($LIBRARY_DB)" test -f "$LIBRARY_DB"

# ---------------------------------------------------------------- upgrade keeps the library
# The same payload as a later package version exercises the maintainer scripts' upgrade path.
UPG="$OUT/upgrade"
mkdir -p "$UPG"
dpkg-deb -R "$deb" "$UPG/root"
sed -i "s/^Version: .*/Version: ${PKG_VERSION}-99/" "$UPG/root/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip -z1 --build "$UPG/root" "$UPG/vmstation_${PKG_VERSION}-99_amd64.deb" > /dev/null
rm -rf "$UPG/root"
(cd "$UPG" && "${APT[@]}" install "./vmstation_${PKG_VERSION}-99_amd64.deb") > "$OUT/apt-upgrade.log" 2>&1 \
    || { cat "$OUT/apt-upgrade.log" >&2; die "apt-get install (upgrade) failed"; }
check "upgrade to ${PKG_VERSION}-99 installed" bash -c "dpkg-query -W -f='\${Version}' vmstation | grep -qx '${PKG_VERSION}-99'"
check "after the upgrade the VM is still in the library" has_vm

# ---------------------------------------------------------------- desktop integration
DESKTOP=/usr/share/applications/vmstation.desktop
check "desktop entry runs 'vmstation gui %F'" grep -qx 'Exec=vmstation gui %F' "$DESKTOP"
check "desktop entry names the themed icon" grep -qx 'Icon=vmstation' "$DESKTOP"
for ext in $EXTENSIONS; do
    # A glob two types share (*.vhd: VHDL source too) is settled by content, so one claimed type is enough.
    mimes=$(awk -v e="*.$ext" -F: '$3 == e { print $2 }' /usr/share/mime/globs2 | sort -u)
    claimed=0
    for mime in $mimes; do
        sed -n 's/^MimeType=/;/p' "$DESKTOP" | grep -qF ";$mime;" && claimed=1
    done
    [ -n "$mimes" ] || fail "the MIME database has no type for *.$ext"
    [ -z "$mimes" ] || [ "$claimed" = 1 ] || fail "*.$ext is $(echo $mimes), which the desktop entry does not claim"
done
pass "the MIME database maps every imported extension ($EXTENSIONS) to a type the desktop entry claims"
check "no claim on .xml (libvirt XML is not a VMStation file)" bash -c "! grep -q 'pattern=\"\*\.xml\"' /usr/share/mime/packages/vmstation.xml"
check "udev rule tags USB devices for the seat user (uaccess) and plugdev" \
    bash -c "grep -q 'SUBSYSTEM==\"usb\"' /usr/lib/udev/rules.d/60-vmstation-usb.rules && grep -q 'TAG+=\"uaccess\"' /usr/lib/udev/rules.d/60-vmstation-usb.rules && grep -q 'GROUP=\"plugdev\"' /usr/lib/udev/rules.d/60-vmstation-usb.rules"

# ---------------------------------------------------------------- the installed window under Xvfb
DISPLAY_NUM=:$(( 90 + RANDOM % 100 ))
Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
APP_PIDS=()
cleanup() {
    local p
    for p in "${APP_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do xdotool getdisplaygeometry --display "$DISPLAY_NUM" >/dev/null 2>&1 && break; sleep 0.2; done
export DISPLAY=$DISPLAY_NUM

# wait_window PID LOG: the PID's own top-level window, mapped, within 120 s; prints its id.
wait_window() {
    local pid=$1 log=$2 w
    for _ in $(seq 240); do
        kill -0 "$pid" 2>/dev/null || { echo "exited: $(tail -5 "$log")" >&2; return 1; }
        w=$(xdotool search --onlyvisible --pid "$pid" --name 'VMStation' 2>/dev/null | head -1 || true)
        [ -n "$w" ] && { echo "$w"; return 0; }
        sleep 0.5
    done
    return 1
}
# screenshot NAME: the whole screen; true when it shows more than one colour (a window was drawn).
# A frame caught while JavaFX repaints can be blank, so up to 5 tries a second apart.
screenshot() {
    local colours try
    for try in 1 2 3 4 5; do
        import -window root "$OUT/$1.png"
        colours=$(convert "$OUT/$1.png" -format '%k' info:)
        say "screenshot $OUT/$1.png (try $try): $colours colours"
        [ "$colours" -gt 16 ] && return 0
        sleep 1
    done
    return 1
}

say "starting the installed window: vmstation (no arguments)"
vmstation > "$OUT/gui.log" 2>&1 &
GUI_PID=$!
APP_PIDS+=("$GUI_PID")
if win=$(wait_window "$GUI_PID" "$OUT/gui.log"); then
    pass "the installed VMStation opens its window ($(xdotool getwindowname "$win"))"
    sleep 3
    check "screenshot of the installed window shows it drawn" screenshot installed-window
else
    fail "the installed VMStation opened no window in 120 s (log: $OUT/gui.log)"
fi
kill "$GUI_PID" 2>/dev/null || true
wait "$GUI_PID" 2>/dev/null || true

# ---------------------------------------------------------------- double-click an .ova
# A tiny OVA: a corpus OVF descriptor as the archive's first member, as the OVF spec requires.
CORPUS="$repo/../shared/corpus"
[ -d "$CORPUS" ] || CORPUS=/work/shared/corpus
OVF_SRC="$CORPUS/ovf/vmware-ovftool-4.0-ttylinux.ovf"
[ -f "$OVF_SRC" ] || die "corpus file $OVF_SRC is missing"
mkdir -p "$OUT/ova"
cp "$OVF_SRC" "$OUT/ova/ttylinux.ovf"
# The disk the descriptor names, as a small empty streamOptimized VMDK (as ovftool writes them).
disk=$(sed -n 's/.*<File ovf:href="\([^"]*\)".*/\1/p' "$OVF_SRC" | head -1)
qemu-img create -q -f qcow2 "$OUT/ova/empty.qcow2" 30M
qemu-img convert -q -O vmdk -o subformat=streamOptimized "$OUT/ova/empty.qcow2" "$OUT/ova/$disk"
tar --format=ustar -C "$OUT/ova" -cf "$OUT/Tiny Appliance.ova" ttylinux.ovf "$disk"
check "the MIME database types the .ova as application/ovf" \
    bash -c "awk -F: '\$3 == \"*.ova\" { print \$2 }' /usr/share/mime/globs2 | grep -qx application/ovf"
# What a file manager runs on double-click: the entry's Exec line with %F replaced by the file.
EXEC=$(sed -n 's/^Exec=//p' "$DESKTOP")
read -r -a EXEC_ARGV <<< "${EXEC% %F}"
say "opening the .ova through the desktop entry: ${EXEC_ARGV[*]} '$OUT/Tiny Appliance.ova'"
"${EXEC_ARGV[@]}" "$OUT/Tiny Appliance.ova" > "$OUT/open-ova.log" 2>&1 &
OVA_PID=$!
APP_PIDS+=("$OVA_PID")
if win=$(wait_window "$OVA_PID" "$OUT/open-ova.log"); then
    pass "the .ova opens VMStation ($(xdotool getwindowname "$win"))"
    titles=$(xdotool search --onlyvisible --pid "$OVA_PID" --name '.' 2>/dev/null | while read -r w; do xdotool getwindowname "$w"; done | sort -u | paste -sd '|')
    say "windows of the .ova run: $titles"
    check "the .ova reached VMStation as its argument" grep -qa 'Tiny Appliance.ova' "/proc/$OVA_PID/cmdline"
    preview=
    for _ in $(seq 120); do
        preview=$(xdotool search --onlyvisible --pid "$OVA_PID" --name '^Import Tiny Appliance\.ova$' 2>/dev/null | head -1 || true)
        [ -n "$preview" ] && break
        sleep 0.5
    done
    check "double-clicking the .ova opens VMStation's import preview ('Import Tiny Appliance.ova')" test -n "$preview"
    sleep 2
    check "screenshot of the import preview" screenshot open-ova
else
    fail "VMStation opened no window for the .ova in 120 s (log: $OUT/open-ova.log)"
fi
kill "$OVA_PID" 2>/dev/null || true
wait "$OVA_PID" 2>/dev/null || true

# ---------------------------------------------------------------- purge
say "apt-get purge vmstation"
"${APT[@]}" purge vmstation > "$OUT/apt-purge.log" 2>&1 || { cat "$OUT/apt-purge.log" >&2; die "apt-get purge failed"; }
left=()
while read -r f; do
    [ -d "$f" ] && [ ! -L "$f" ] && continue   # folders shared with other packages (/usr/share/icons) stay
    { [ -e "$f" ] || [ -L "$f" ]; } && left+=("$f")
done < "$OUT/deb-files.txt"
check "purge left none of the package's files (${#left[@]} left: ${left[*]:0:5})" test ${#left[@]} -eq 0
check "purge removed /opt/vmstation" test ! -e /opt/vmstation
check "purge removed the vmstation command" bash -c "! command -v vmstation"
check "the MIME database no longer knows *.vmx" bash -c "! grep -q ':\*\.vmx$' /usr/share/mime/globs2"
check "the user's library remains after purge" test -s "$LIBRARY_DB"
check "the user's VM folder remains after purge" bash -c "ls -d '$XDG_DATA_HOME'/vmstation/vms/*/ >/dev/null 2>&1 || ls '$XDG_DATA_HOME'/vmstation | grep -q ."
rm -rf "$USER_HOME"

# ---------------------------------------------------------------- report
size_mb() { python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1e6:.1f} MB')" "$1"; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
{
    echo "installers ($VERSION -> $PKG_VERSION):"
    echo "  $(basename "$deb"): $(size_mb "$deb")"
    echo "  $(basename "$rpmf"): $(size_mb "$rpmf")"
    echo "  $(basename "$tarball"): $(size_mb "$tarball")"
    echo "start time of 'vmstation --version' (ms):"
    echo "  installed /usr/bin/vmstation: cold $COLD_INSTALLED, warm median $(median "${WARM_INSTALLED[@]}") (${WARM_INSTALLED[*]})"
    if [ ${#WARM_JAR[@]} -gt 0 ]; then
        echo "  java -jar app/target/app-$VERSION.jar: first $COLD_JAR, warm median $(median "${WARM_JAR[@]}") (${WARM_JAR[*]})"
    fi
} | tee "$OUT/report.txt" >&2

if [ "$FAILURES" -gt 0 ]; then
    say "$FAILURES check(s) FAILED"
    exit 1
fi
say "all checks passed"
