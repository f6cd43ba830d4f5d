#!/usr/bin/env bash
# Starts the built standalone jar (its arguments after these), as every script here starts it: with
# standalone/jvm.options, the class-data archive scripts/build.sh made for this very jar, and then
# DEVSANCTUM_JAVA_OPTS (which come last and win, e.g. DEVSANCTUM_JAVA_OPTS=-Xmx1g). The process
# becomes the JVM (exec), so its pid is the server's.
#
# The archive (AppCDS: the classes the start-up loads, already parsed and verified) takes about a
# third off a start. It is used only when it is newer than the jar: a jar built again without
# one would make the JVM refuse it, and a missing archive given by name turns off the JDK's own
# class-data sharing too.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=standalone/target/devsanctum.jar
archive=standalone/target/devsanctum.jsa
cds=()
if [[ -f $archive && $archive -nt $jar ]]; then
  cds=(-XX:SharedArchiveFile="$archive")
fi
# shellcheck disable=SC2086 # DEVSANCTUM_JAVA_OPTS is a list of options
exec java @standalone/jvm.options "${cds[@]}" ${DEVSANCTUM_JAVA_OPTS:-} -jar "$jar" "$@"
