#!/bin/bash
# Installs what VMStation needs on a Debian/Ubuntu machine, then builds the
# cached demo/test guest. Safe to run again: only missing packages are
# installed and the guest is rebuilt only when its recipe changed.
#
# Usage: scripts/setup-deps.sh [--test] [--no-guest]
#   --test      also install the tools the GUI/guest test suites use
#   --no-guest  skip building the demo guest
# Runs as root, or through sudo when not root.
set -euo pipefail

say() { printf '[setup] %s\n' "$*"; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

WITH_TEST=0
WITH_GUEST=1
for arg in "$@"; do
    case "$arg" in
        --test) WITH_TEST=1 ;;
        --no-guest) WITH_GUEST=0 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "setup-deps.sh: unknown argument '$arg' (expected --test, --no-guest)" >&2; exit 2 ;;
    esac
done

# qemu-system-gui: SDL/GTK displays; ovmf: UEFI firmware; busybox-static, cpio,
# xz-utils: the demo guest; libgtk-3-0: JavaFX's native glass toolkit; xvfb, xauth: headless GUI runs.
PACKAGES=(qemu-system-x86 qemu-utils qemu-system-gui ovmf busybox-static cpio xz-utils maven libgtk-3-0 xvfb xauth acpica-tools osinfo-db)
# acpica-tools: iasl compiles the laptop power devices' ACPI table at VM start.
# osinfo-db: the New VM wizard's OS list, defaults and installer-ISO detection (read by our own parser).
# xdotool: drive windows in GUI tests; imagemagick: screenshots;
# fakeroot, rpm: jpackage builds the .deb (fakeroot + dpkg-deb) and the .rpm (rpmbuild) in packaging/.
# genisoimage: real installer ISOs for the OS-detection tests.
# dbus-daemon: the host power tests run a private bus on which they play UPower and logind.
# mtools, syslinux, syslinux-common: the demo guest as a bootable disk (GuestDiskBuilder) for the import/export boots.
TEST_PACKAGES=(xdotool imagemagick fakeroot rpm genisoimage dbus-daemon mtools syslinux syslinux-common)
[ "$WITH_TEST" = 1 ] && PACKAGES+=("${TEST_PACKAGES[@]}")

command -v dpkg-query >/dev/null 2>&1 || {
    echo "setup-deps.sh supports Debian/Ubuntu only (no dpkg-query). Install by hand: ${PACKAGES[*]}" >&2
    exit 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

MISSING=()
for p in "${PACKAGES[@]}"; do
    installed "$p" || MISSING+=("$p")
done

# The guest recipe resolves and downloads the kernel with apt, so it needs
# package lists even when every package here is already installed.
NEED_LISTS=0
if [ "$WITH_GUEST" = 1 ] && ! apt-cache depends linux-image-amd64 2>/dev/null | grep -q 'Depends: linux-image-[0-9]'; then
    NEED_LISTS=1
fi

if [ ${#MISSING[@]} -eq 0 ] && [ "$NEED_LISTS" = 0 ]; then
    say "all packages present: ${PACKAGES[*]}"
else
    AS_ROOT=()
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            AS_ROOT=(sudo)
        else
            echo "Not root and no sudo. As root, run:" >&2
            echo "  apt-get update && apt-get install -y --no-install-recommends ${MISSING[*]}" >&2
            exit 1
        fi
    fi
    APT=("${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
    say "updating apt package lists"
    "${APT[@]}" update
    if [ ${#MISSING[@]} -gt 0 ]; then
        say "installing missing packages: ${MISSING[*]}"
        "${APT[@]}" install -y --no-install-recommends "${MISSING[@]}"
    fi
fi

# A JDK is not installed here (Temurin is not in Debian's archive); just report.
if ( . "$here/ensure-jdk.sh" ) 2>/dev/null; then
    say "JDK: $( . "$here/ensure-jdk.sh" 2>/dev/null; echo "$JAVA_HOME")"
else
    say "WARNING: VMStation needs a JDK 25 or newer; install temurin-25-jdk or openjdk-25-jdk"
fi

if [ "$WITH_GUEST" = 1 ]; then
    say "building the demo/test guest (cached after the first time)"
    RECIPE="$here/../resources/src/main/resources/org/vmstation/resources/guest/build-guest.sh"
    # Under sudo, build into the invoking user's cache, not root's.
    if [ "$(id -u)" = 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
        sudo -u "$SUDO_USER" -H bash "$RECIPE"
    else
        bash "$RECIPE"
    fi
fi
say "done"
