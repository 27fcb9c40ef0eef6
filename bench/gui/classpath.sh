#!/usr/bin/env bash
# Builds the app module and everything it needs (main and test classes), then prints the class path the GUI
# benchmark mains run with: app's test and main classes, the reactor modules' classes, every dependency jar.
# Set SKIP_BUILD=1 to reuse the last build. Run from anywhere; works on the checkout it lives in.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -s app/target/bench-classpath.txt ]; then
    mvn -o -q -pl app -am test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
fi
[ -s app/target/bench-classpath.txt ] || { echo "bench: app/target/bench-classpath.txt is missing; the build above failed" >&2; exit 1; }
echo "$PWD/app/target/test-classes:$PWD/app/target/classes:$(cat app/target/bench-classpath.txt)"
