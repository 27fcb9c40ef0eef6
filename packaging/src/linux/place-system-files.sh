#!/bin/sh
# Moves the files VMStation installs outside its own folder (desktop entry, icons, MIME types, udev rule)
# and the vmstation command from <ROOT><INSTALL_DIR>/lib/system into <ROOT>.
# ROOT is a package's staging root (the unpacked .deb, rpmbuild's buildroot), so that the package
# manager owns every file and removes it on uninstall.
#
# Usage: place-system-files.sh ROOT INSTALL_DIR     e.g. place-system-files.sh /tmp/deb-root /opt/vmstation
set -eu
[ $# -eq 2 ] || { echo "usage: place-system-files.sh ROOT INSTALL_DIR" >&2; exit 2; }
root=$1
install_dir=$2
staged="$root$install_dir/lib/system"
[ -d "$staged/usr" ] || { echo "place-system-files.sh: $staged/usr is missing (was the app-image built by build-installers.sh?)" >&2; exit 1; }
[ -x "$root$install_dir/bin/vmstation" ] || { echo "place-system-files.sh: no launcher $root$install_dir/bin/vmstation" >&2; exit 1; }

(cd "$staged" && find usr -type f) | while read -r f; do
    mkdir -p "$root/$(dirname "$f")"
    mv "$staged/$f" "$root/$f"
done
rm -rf "$staged"
[ -x "$root/usr/bin/vmstation" ] || { echo "place-system-files.sh: the staged files held no usr/bin/vmstation" >&2; exit 1; }
