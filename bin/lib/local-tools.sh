# Sourced by bin/replay, bin/load and bin/benchmark, from the project folder: builds the recorder (no tests) and the
# local tools (local/), and writes the tools' classpath (their classes first) to the file given.
# Debian's Maven 3.8.7 writes colour resets even in batch mode: strip escape sequences from what it prints.
build_local_tools() {
  local classpath_file=$1
  mkdir -p "$(dirname "$classpath_file")"
  mvn -B -q -DskipTests install 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
  (cd local && mvn -B -q -DskipTests package dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/tools.classpath 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2)
  echo "local/target/classes:$(cat local/target/tools.classpath)" > "$classpath_file"
}
