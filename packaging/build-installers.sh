#!/usr/bin/env bash
# Builds VMStation's installers with jpackage from the JDK in JAVA_HOME: a jlinked runtime holding only
# the JDK modules VMStation uses (JavaFX ships as jars with its native libraries, beside the app's jars),
# an app-image, and the platform's packages:
#   Linux:   vmstation_<v>-1_amd64.deb, vmstation-<v>-1.x86_64.rpm, vmstation-<v>-linux-<arch>.tar.gz
#   macOS:   VMStation-<v>.dmg and .pkg        Windows: VMStation-<v>.msi and .exe
# Called by `mvn -P installers package` (packaging/pom.xml); runnable by hand after `mvn package`.
#
# Usage: build-installers.sh --app-dir DIR --version VERSION --dest DIR [--types "app-image deb rpm"]
#   --app-dir  the app module's target folder: app-<VERSION>.jar and lib/*.jar
#   --version  the Maven project version; the installers get its numeric part (0.1.0-SNAPSHOT -> 0.1.0)
#   --dest     output folder (installers/ and work/ are made inside it)
#   --types    which outputs to build (default: all of this platform's)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src"
say() { printf '[installers] %s\n' "$*" >&2; }
die() { printf 'build-installers.sh: %s\n' "$*" >&2; exit 1; }

APP_DIR= VERSION= DEST= TYPES=
while [ $# -gt 0 ]; do
    case "$1" in
        --app-dir) APP_DIR=$2; shift 2 ;;
        --version) VERSION=$2; shift 2 ;;
        --dest) DEST=$2; shift 2 ;;
        --types) TYPES=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (expected --app-dir, --version, --dest, --types)" ;;
    esac
done
[ -n "$APP_DIR" ] && [ -n "$VERSION" ] && [ -n "$DEST" ] || die "--app-dir, --version and --dest are required"

OS=$(uname -s)
case "$OS" in
    Linux) DEFAULT_TYPES="app-image deb rpm" ;;
    Darwin) DEFAULT_TYPES="app-image dmg pkg" ;;
    MINGW*|MSYS*|CYGWIN*) DEFAULT_TYPES="app-image msi exe" ;;
    *) die "no installer types known for $OS" ;;
esac
TYPES=${TYPES:-$DEFAULT_TYPES}

# jpackage wants 1 to 3 numbers; Maven's qualifier (-SNAPSHOT, -rc1) is not part of an installer version.
PKG_VERSION=${VERSION%%-*}
[[ "$PKG_VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "project version '$VERSION' does not start with 1 to 3 numbers (expected e.g. 0.1.0-SNAPSHOT)"

MAIN_JAR="app-$VERSION.jar"
[ -f "$APP_DIR/$MAIN_JAR" ] || die "$APP_DIR/$MAIN_JAR is missing: build the app first (mvn package)"
[ -d "$APP_DIR/lib" ] || die "$APP_DIR/lib is missing: the app's package phase copies its dependencies there"

[ -n "${JAVA_HOME:-}" ] || die "JAVA_HOME is not set (expected a JDK 25 with jpackage)"
JBIN="$JAVA_HOME/bin"
for tool in java jdeps jlink jpackage; do
    [ -x "$JBIN/$tool" ] || die "$JBIN/$tool is missing: JAVA_HOME must be a full JDK 25"
done

NAME=vmstation
INSTALL_DIR=/opt/$NAME
AOT_CACHE=vmstation-gui.aot
# sqlite-jdbc and JavaFX load native code.
JAVA_OPTIONS="--enable-native-access=ALL-UNNAMED"
WORK="$DEST/work"
OUT="$DEST/installers"
rm -rf "$WORK" "$OUT"
mkdir -p "$WORK" "$OUT"

# --- the application's jars, laid out as the main jar's Class-Path (lib/...) expects ---
INPUT="$WORK/input"
mkdir -p "$INPUT/lib"
cp "$APP_DIR/$MAIN_JAR" "$INPUT/"
cp "$APP_DIR"/lib/*.jar "$INPUT/lib/"

# --- icons: one SVG and a PNG per hicolor size, drawn from the same shapes ---
say "rendering icons"
"$JBIN/java" -Djava.awt.headless=true "$src/icon/IconRenderer.java" "$WORK/icons"

# --- runtime: the JDK modules jdeps finds, plus those reached only by reflection or lookup by name ---
say "finding the JDK modules VMStation uses (jdeps)"
found=$("$JBIN/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
    --class-path "$INPUT/lib/*" "$INPUT/$MAIN_JAR" | tail -1)
[[ "$found" =~ ^[a-z.,]+$ ]] || die "jdeps printed no module list (got: $found)"
# jdk.unsupported: JavaFX and sqlite-jdbc reach sun.misc.Unsafe reflectively; jdk.charsets: .vmx files
# declare legacy encodings (Shift_JIS, GBK); jdk.zipfs: zip file systems; jdk.crypto.ec: TLS curves.
MODULES="$found,jdk.unsupported,jdk.charsets,jdk.zipfs,jdk.crypto.ec,java.logging,java.naming"
say "runtime modules: $MODULES"
"$JBIN/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-6 --generate-cds-archive --output "$WORK/runtime"
# The JDK's libjvm.so carries its symbol table (5 MB); a user's runtime does not need it.
if [ "$OS" = Linux ] && command -v strip >/dev/null 2>&1; then
    chmod u+w "$WORK/runtime/lib/server/libjvm.so"
    strip --strip-unneeded "$WORK/runtime/lib/server/libjvm.so"
fi
# The class-data archive makes start-up faster. Its uncompressed-oops twin serves only heaps over 32 GB.
rm -f "$WORK/runtime/lib/server/classes_nocoops.jsa"

# --- files installed outside the app folder, staged as <app>/lib/system/usr/... ---
SYSTEM="$WORK/system"
mkdir -p "$SYSTEM/usr/share/applications" "$SYSTEM/usr/share/mime/packages" "$SYSTEM/usr/lib/udev/rules.d" \
    "$SYSTEM/usr/share/icons/hicolor/scalable/apps"
cp "$src/linux/vmstation.desktop" "$SYSTEM/usr/share/applications/vmstation.desktop"
cp "$src/linux/vmstation-mime.xml" "$SYSTEM/usr/share/mime/packages/vmstation.xml"
cp "$src/linux/60-vmstation-usb.rules" "$SYSTEM/usr/lib/udev/rules.d/60-vmstation-usb.rules"
cp "$WORK/icons/vmstation.svg" "$SYSTEM/usr/share/icons/hicolor/scalable/apps/vmstation.svg"
for png in "$WORK"/icons/vmstation-*.png; do
    size=${png##*-}; size=${size%.png}
    mkdir -p "$SYSTEM/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$SYSTEM/usr/share/icons/hicolor/${size}x${size}/apps/vmstation.png"
done

# The command on PATH starts the bundled runtime itself: the jpackage launcher in bin/ asks rpm and dpkg
# which package owns it on every start (`dpkg -S` reads the whole package database: 0.3 to 2 s).
mkdir -p "$SYSTEM/usr/bin"
# With the AOT cache trained below (when the build had a display), the window starts from it; a cache the JVM
# cannot use is skipped quietly (its messages would mix into the command line's output).
cat > "$SYSTEM/usr/bin/$NAME" <<WRAPPER
#!/bin/sh
# VMStation $VERSION: the command line and, with no command or \`gui\`, the window.
aot=
[ -f $INSTALL_DIR/lib/app/$AOT_CACHE ] && aot="-XX:AOTCache=$INSTALL_DIR/lib/app/$AOT_CACHE -Xlog:aot=off -Xlog:cds=off"
exec $INSTALL_DIR/lib/runtime/bin/java $JAVA_OPTIONS \$aot -Djpackage.app-version=$PKG_VERSION -jar $INSTALL_DIR/lib/app/$MAIN_JAR "\$@"
WRAPPER
chmod 755 "$SYSTEM/usr/bin/$NAME"

# The association property files are the one list of formats: every one must be claimed by the MIME
# package and the desktop entry, or double-clicking it would not reach VMStation.
mimetypes_line=$(grep '^MimeType=' "$src/linux/vmstation.desktop")
for props in "$src"/associations/*.properties; do
    ext=$(sed -n 's/^extension=//p' "$props")
    mime=$(sed -n 's/^mime-type=//p' "$props")
    grep -q "<glob pattern=\"\*\.$ext\"/>" "$src/linux/vmstation-mime.xml" || die "$props: no glob *.$ext in src/linux/vmstation-mime.xml"
    grep -q "<mime-type type=\"$mime\">" "$src/linux/vmstation-mime.xml" || die "$props: type $mime is missing from src/linux/vmstation-mime.xml"
    case "$mimetypes_line" in *"=$mime;"*|*";$mime;"*) ;; *) die "$props: $mime is missing from MimeType= in src/linux/vmstation.desktop" ;; esac
done

COMMON=(--app-version "$PKG_VERSION" --vendor "VMStation" \
    --description "Desktop virtualization workstation on QEMU" --copyright "VMStation contributors")

say "app-image (jpackage)"
"$JBIN/jpackage" --type app-image --name "$NAME" "${COMMON[@]}" --dest "$WORK/image" \
    --input "$INPUT" --main-jar "$MAIN_JAR" --main-class org.vmstation.app.Main \
    --runtime-image "$WORK/runtime" --icon "$WORK/icons/vmstation-128.png" \
    --java-options "$JAVA_OPTIONS"
IMAGE="$WORK/image/$NAME"
[ -x "$IMAGE/bin/$NAME" ] || die "jpackage made no launcher $IMAGE/bin/$NAME"

# The window's AOT cache (JDK 25: its classes loaded and linked and its lambdas spun ahead of time; a cold window
# start takes about half as long, see bench/gui/README.md): recorded by one window launch of the image's own
# runtime and jar on a throwaway library, ended after 25 s (the JVM writes the cache as it exits). Its own
# runtime folder keeps it from handing over to a VMStation window open on this machine. Under xvfb-run where it
# is installed, else on the display; with neither, the packages ship without the cache and start as before.
train_aot_cache() {
    local cmd=("$IMAGE/lib/runtime/bin/java" $JAVA_OPTIONS "-XX:AOTCacheOutput=$IMAGE/lib/app/$AOT_CACHE"
        -jar "$IMAGE/lib/app/$MAIN_JAR" --library "$WORK/aot-training/library" gui)
    rm -rf "$WORK/aot-training" && mkdir -p "$WORK/aot-training"
    # short and private: control sockets live there, and UNIX socket paths are limited to ~100 bytes
    local run
    run=$(mktemp -d /tmp/vmstation-aot.XXXXXX)
    export VMSTATION_RUNTIME_DIR="$run"
    if command -v xvfb-run >/dev/null 2>&1; then
        timeout -s TERM 90 xvfb-run -a -s "-screen 0 1280x800x24" timeout -s TERM 25 "${cmd[@]}" >"$WORK/aot-training/log" 2>&1 || true
    elif [ -n "${DISPLAY:-}" ]; then
        timeout -s TERM 25 "${cmd[@]}" >"$WORK/aot-training/log" 2>&1 || true
    else
        say "no display and no xvfb-run: the packages ship without the window's AOT cache"
    fi
    unset VMSTATION_RUNTIME_DIR
    rm -rf "$run"
    rm -f "$IMAGE/lib/app/$AOT_CACHE.config"
    if [ -s "$IMAGE/lib/app/$AOT_CACHE" ]; then
        say "window AOT cache: $(du -m "$IMAGE/lib/app/$AOT_CACHE" | cut -f1) MB"
    else
        rm -f "$IMAGE/lib/app/$AOT_CACHE"
        say "window AOT cache not recorded (see $WORK/aot-training/log); the packages ship without it"
    fi
}
[ "$OS" = Linux ] && train_aot_cache
[ "$OS" = Linux ] && cp -r "$SYSTEM" "$IMAGE/lib/system"

file_associations() {
    local args=() f
    for f in "$src"/associations/*.properties; do args+=(--file-associations "$f"); done
    printf '%s\n' "${args[@]}"
}

for type in $TYPES; do
    case "$type" in
        app-image)
            # The app-image as a tarball: unpack anywhere and run bin/vmstation (lib/system holds the
            # desktop files for a hand install).
            arch=$(uname -m)
            say "app-image tarball"
            tar -C "$WORK/image" -czf "$OUT/$NAME-$PKG_VERSION-$(uname -s | tr A-Z a-z)-$arch.tar.gz" "$NAME"
            ;;
        deb)
            say "deb (jpackage, then the system files are placed so dpkg owns them)"
            mkdir -p "$WORK/deb-resources" "$WORK/deb-jpackage"
            cp "$src"/linux/deb/* "$WORK/deb-resources/"
            # jpackage's .deb is only unpacked again below: spare it the xz pass (minutes for 120 MB).
            DPKG_DEB_COMPRESSOR_TYPE=none \
            "$JBIN/jpackage" --type deb --name "$NAME" "${COMMON[@]}" --app-image "$IMAGE" --dest "$WORK/deb-jpackage" \
                --resource-dir "$WORK/deb-resources" --linux-package-name "$NAME" --linux-app-release 1 \
                --linux-deb-maintainer "vmstation@users.noreply.github.com" --linux-app-category admin \
                --linux-package-deps "qemu-system-x86, qemu-utils, libgtk-3-0, osinfo-db"
            deb=$(ls "$WORK"/deb-jpackage/*.deb)
            root="$WORK/deb-root"
            dpkg-deb -R "$deb" "$root"
            sh "$src/linux/place-system-files.sh" "$root" "$INSTALL_DIR"
            size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
            sed -i "s/^Installed-Size:.*/Installed-Size: $size/" "$root/DEBIAN/control"
            (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum > DEBIAN/md5sums)
            dpkg-deb --root-owner-group -Zxz --build "$root" "$OUT/$(basename "$deb")" >/dev/null
            ;;
        rpm)
            say "rpm (jpackage with the spec that places the system files)"
            mkdir -p "$WORK/rpm-resources"
            sed "s|@PLACE_SYSTEM_FILES@|$src/linux/place-system-files.sh|" "$src/linux/rpm/vmstation.spec" > "$WORK/rpm-resources/$NAME.spec"
            # The spec's Requires: take the first of qemu-kvm (RHEL/Fedora's KVM build) or qemu-system-x86.
            "$JBIN/jpackage" --type rpm --name "$NAME" "${COMMON[@]}" --app-image "$IMAGE" --dest "$OUT" \
                --resource-dir "$WORK/rpm-resources" --linux-package-name "$NAME" --linux-app-release 1 \
                --linux-rpm-license-type "GPL-2.0-or-later" --linux-app-category Emulators \
                --linux-package-deps "(qemu-kvm or qemu-system-x86), qemu-img, gtk3"
            ;;
        dmg|pkg|msi|exe)
            # Not built on Linux; the file associations go into the app's own image (Info.plist, registry).
            say "$type (jpackage)"
            mapfile -t fa < <(file_associations)
            platform=()
            case "$type" in msi|exe) platform=(--win-menu --win-shortcut --win-dir-chooser --win-console) ;; esac
            "$JBIN/jpackage" --type "$type" --name VMStation "${COMMON[@]}" --dest "$OUT" \
                --input "$INPUT" --main-jar "$MAIN_JAR" --main-class org.vmstation.app.Main \
                --runtime-image "$WORK/runtime" --java-options "$JAVA_OPTIONS" \
                "${platform[@]}" "${fa[@]}"
            ;;
        *) die "unknown type '$type' (expected app-image, deb, rpm, dmg, pkg, msi, exe)" ;;
    esac
done

say "built:"
ls -l "$OUT" >&2
