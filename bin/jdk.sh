# Sourced by bin/quarry and bin/test: selects a JDK >= 21 into $JDK and its feature version into $MAJOR.
java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/*; do [ -d "$d" ] && candidates+=("$d"); done
  local best="" best_major=0
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    local major; major="$(java_major "$home/bin/java")"
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$home"; best_major="$major"; fi
    # JAVA_HOME wins when it qualifies.
    if [ "$home" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best="$home"; best_major="$major"; break; fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}

if ! JDK="$(find_jdk)"; then
  echo "quarry: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*); install one, e.g. Temurin 21+" >&2
  exit 1
fi
MAJOR="$(java_major "$JDK/bin/java")"
