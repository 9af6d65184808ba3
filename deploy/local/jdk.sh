# Finds a JDK 25 and exports JAVA_HOME, or explains in one line how to get one. Sourced by the scripts here and .ci/run.
aifa_java_version() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
aifa_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* \
      /usr/lib/jvm/jdk-25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home "$HOME"/.sdkman/candidates/java/25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    local version; version=$(aifa_java_version "$candidate")
    if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "error: no JDK 25 found (JAVA_HOME=${JAVA_HOME:-unset}); install one (e.g. Temurin 25 from https://adoptium.net) and set JAVA_HOME to it" >&2
  return 1
}
