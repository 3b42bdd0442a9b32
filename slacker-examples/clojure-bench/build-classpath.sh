#!/usr/bin/env bash
# Assembles the class path of the real Clojure slacker server (sunng87/slacker) for RpcBenchmark's
# clojure-server target and prints it on stdout:
#
#   CLJ_CP=$(slacker-examples/clojure-bench/build-classpath.sh [WORK_DIR])
#
# On a normal machine `lein classpath` in slacker's own checkout at the commit below gives the same
# libraries from Clojars (plus its :dev profile's optional nippy, cheshire, transit-clj and log4j 2,
# which content type clj does not use), as does a project that depends on that slacker. This
# environment reaches Maven Central only, so here the Clojars libraries come from bare git clones of
# their GitHub repositories under $MIRRORS/owner+name/repo (or .../repo/.git), at the tag that slacker's and its dependencies' project.clj ask for; their
# Clojure sources go on the class path as they are (Clojure compiles them when loading), their few
# Java sources are compiled with javac. Clojure, tools.logging and Netty come from Maven Central.
# Nothing of slacker or its libraries is changed.
#
# The result is a directory WORK_DIR (default: ${TMPDIR:-/tmp}/slacker-clj-bench) with src/<lib>/,
# classes/ and lib/; the class path starts with this module's src/main/clojure-bench (namespaces
# bench and bench-server). Run again at will: it rebuilds WORK_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${1:-${TMPDIR:-/tmp}/slacker-clj-bench}
MIRRORS=${MIRRORS:-/work/.mirror}

# name, mirror, commit (tag), source dirs. slacker: 685b16f is 0.18.0-SNAPSHOT, the version the
# golden frames of testdata/wire-vectors were recorded with; its project.clj asks for link 0.12.7,
# rigui 0.5.3, manifold 0.2.3, tools.logging 1.2.4 and versioneer 0.2.0; manifold 0.2.3 asks for
# dirigiste 1.0.0 and riddley 0.1.15.
SOURCES=(
  "slacker    sunng87+slacker        685b16fa369910d35333e4d9e85b2f27aaa71648 src"
  "link       sunng87+link           a049b101d10863413958be87fd785b9f99bf70f9 src"
  "rigui      sunng87+rigui          c539f8916a52cb28b8675a2dfaf0bc9fbf5fa488 src"
  "manifold   clj-commons+manifold   f08f0a29bda169f43e86859463439415fa838e54 src"
  "dirigiste  clj-commons+dirigiste  6449923b7865fcda1d4a0acadac7bc985ff5766d src"
  "riddley    ztellman+riddley       bdcaa78e9eef24bb79cd6bf42c56831339e06243 src"
  "versioneer trptcolin+versioneer   d4fa40bb1750f5066c755cf2fbccb3cc357df605 src"
)
# Maven Central. Clojure 1.11.1 is the one slacker's :dev profile (its tests) uses; Netty is the
# version link 0.12.7 asks for, with the modules it names and their own dependencies.
NETTY=4.1.60.Final
JARS=(
  org.clojure:clojure:1.11.1
  org.clojure:spec.alpha:0.3.218
  org.clojure:core.specs.alpha:0.2.62
  org.clojure:tools.logging:1.2.4
  io.netty:netty-common:$NETTY
  io.netty:netty-buffer:$NETTY
  io.netty:netty-resolver:$NETTY
  io.netty:netty-transport:$NETTY
  io.netty:netty-codec:$NETTY
  io.netty:netty-handler:$NETTY
  io.netty:netty-codec-http:$NETTY
  io.netty:netty-codec-http2:$NETTY
)

rm -rf "$WORK"
mkdir -p "$WORK/src" "$WORK/classes" "$WORK/lib"
CP=""
for row in "${SOURCES[@]}"; do
  read -r name mirror commit dirs <<<"$row"
  git_dir="$MIRRORS/$mirror/repo"
  [ -d "$git_dir/.git" ] && git_dir="$git_dir/.git"
  if ! git --git-dir="$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "missing: $name at $commit (fetch github:${mirror/+//} into $MIRRORS first)" >&2
    exit 1
  fi
  mkdir -p "$WORK/src/$name"
  git --git-dir="$git_dir" archive "$commit" $dirs | tar -x -C "$WORK/src/$name"
  CP="$CP:$WORK/src/$name/src"
done

for a in "${JARS[@]}"; do
  mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="$a" -DoutputDirectory="$WORK/lib" >&2
done
LIB=$(ls "$WORK"/lib/*.jar | paste -sd:)

# the Java parts, as the libraries' :java-source-paths build them
javac -nowarn -d "$WORK/classes" $(find "$WORK/src/dirigiste/src" -name '*.java') >&2
javac -nowarn -cp "$LIB" -d "$WORK/classes" "$WORK/src/riddley/src/riddley/Util.java" >&2
# what the jar built by Leiningen carries, so that slacker reports its own version
mkdir -p "$WORK/classes/META-INF/maven/slacker/slacker"
echo "version=0.18.0-SNAPSHOT" > "$WORK/classes/META-INF/maven/slacker/slacker/pom.properties"

echo "$(cd "$HERE/../src/main/clojure-bench" && pwd):$WORK/classes${CP}:$LIB"
