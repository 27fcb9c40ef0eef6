#!/bin/bash
# Builds (or reuses) the cached VMStation demo/test guest; see the recipe for details.
# Arguments are passed through (--force, --print-dir).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec bash "$here/../resources/src/main/resources/org/vmstation/resources/guest/build-guest.sh" "$@"
