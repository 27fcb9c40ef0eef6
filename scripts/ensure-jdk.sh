# shellcheck shell=bash
# Source this file: finds a JDK 25 or newer and exports JAVA_HOME and PATH.
#   . scripts/ensure-jdk.sh || exit 1
# Order: $JAVA_HOME (if >= 25), /usr/lib/jvm/temurin-25*, /usr/lib/jvm/*-25*,
# then any /usr/lib/jvm/* whose java reports >= 25. If nothing fits and apt
# offers openjdk-25-jdk, it is installed (as root or via sudo).

VMSTATION_MIN_JDK=25

# Prints the feature version (e.g. 25) of the JDK in $1, or nothing.
_vmstation_jdk_feature() {
    local java="$1/bin/java" line ver
    [ -x "$java" ] && [ -x "$1/bin/javac" ] || return 1
    line=$("$java" -version 2>&1 | head -n1) || return 1
    ver=$(printf '%s\n' "$line" | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p')
    # Pre-9 JDKs report "1.8.0_..."
    [ "$ver" = 1 ] && ver=8
    [ -n "$ver" ] && printf '%s\n' "$ver"
}

_vmstation_jdk_ok() {
    local v
    v=$(_vmstation_jdk_feature "$1") || return 1
    [ "$v" -ge "$VMSTATION_MIN_JDK" ] 2>/dev/null
}

_vmstation_find_jdk() {
    local c
    if [ -n "${JAVA_HOME:-}" ] && _vmstation_jdk_ok "$JAVA_HOME"; then
        printf '%s\n' "$JAVA_HOME"; return 0
    fi
    # VMSTATION_JVM_DIR exists so the "nothing found" path can be exercised.
    local dir="${VMSTATION_JVM_DIR:-/usr/lib/jvm}"
    for c in "$dir"/temurin-25* "$dir"/*-25* "$dir"/*; do
        [ -d "$c" ] && _vmstation_jdk_ok "$c" && { printf '%s\n' "$c"; return 0; }
    done
    return 1
}

_vmstation_try_install_jdk() {
    [ -z "${VMSTATION_NO_JDK_INSTALL:-}" ] || return 1
    command -v apt-cache >/dev/null 2>&1 || return 1
    apt-cache policy openjdk-25-jdk 2>/dev/null | grep -q 'Candidate: [0-9]' || return 1
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || return 1
        sudo=(sudo)
    fi
    echo "[jdk] no JDK >= $VMSTATION_MIN_JDK found; installing openjdk-25-jdk with apt-get" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-25-jdk >&2
}

_vmstation_ensure_jdk() {
    local jdk
    jdk=$(_vmstation_find_jdk) || { _vmstation_try_install_jdk && jdk=$(_vmstation_find_jdk); } || {
        echo "VMStation needs a JDK 25 or newer; install temurin-25-jdk or openjdk-25-jdk (or set JAVA_HOME to one)" >&2
        return 1
    }
    export JAVA_HOME="$jdk"
    case ":$PATH:" in
        "$jdk/bin:"*) ;;
        *) export PATH="$jdk/bin:$PATH" ;;
    esac
    echo "[jdk] using $JAVA_HOME (Java $(_vmstation_jdk_feature "$jdk"))" >&2
}

_vmstation_ensure_jdk
