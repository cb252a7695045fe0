# Sourced by bin/ses-feedback, bin/replay, bin/load and bin/benchmark: the one place that knows how the tools are
# built. The tools (tools/) and the builds they use (testing/, the recorder) are installed through builds/pom.xml, no
# tests (their test sources compile against the recorder's emulator tests: -Pemulators, the format not checked); the
# tools' classpath (their classes first) goes to TOOLS_CLASSPATH. Run each tool as: java -cp "$(cat "$TOOLS_CLASSPATH")"
# io.sesfeedback.tools.SesFeedback COMMAND ...
# Debian's Maven 3.8.7 writes colour resets even in batch mode: strip escape sequences from what it prints.
TOOLS_CLASSPATH=tools/target/ses-feedback-tools.classpath

build_tools() {
  local home=${1:-.}
  (cd "$home" && mvn -B -q -f builds/pom.xml -pl ../tools -am -Pemulators -DskipTests -Dspotless.check.skip install 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2)
  (cd "$home/tools" && mvn -B -q dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/dependencies.classpath 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2)
  echo "$(cd "$home" && pwd)/tools/target/classes:$(cat "$home/tools/target/dependencies.classpath")" > "$home/$TOOLS_CLASSPATH"
}

# True when the tools were never built in the folder given, or a source they are built from changed since.
tools_stale() {
  local home=${1:-.}
  [ ! -f "$home/$TOOLS_CLASSPATH" ] || [ -n "$(find "$home/src/main" "$home/testing/src/main" "$home/tools/src/main" \
    "$home/pom.xml" "$home/testing/pom.xml" "$home/tools/pom.xml" -newer "$home/$TOOLS_CLASSPATH" -print -quit)" ]
}
