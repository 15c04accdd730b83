# Sourced by the bench scripts: sets JAVA to the same JDK the toolchains plugin picks (JAVA_HOME if it is 25 or
# newer, else a JDK 25 in Debian's JVM folder), or stops with a message.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
JAVA=""
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && $(java_major "$JAVA_HOME/bin/java") -ge 25 ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  for j in /usr/lib/jvm/*25*/bin/java; do
    if [[ -x "$j" ]]; then JAVA="$j"; break; fi
  done
fi
[[ -n "$JAVA" ]] || { printf 'no JDK 25 found (set JAVA_HOME)\n' >&2; exit 1; }

# A property of pom.xml as Maven resolves it: the JVM flags are made of other properties (natter.jvm.tuning).
pom_property() { ./mvnw -q -B help:evaluate -Dexpression="$1" -DforceStdout; }
