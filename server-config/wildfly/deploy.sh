#!/usr/bin/env bash
# Deploys a configured Tollgate on a running WildFly (standalone.xml) in one command (docs/operations.md, "WildFly"):
#   JBOSS_HOME=… TOLLGATE_DB_URL=… TOLLGATE_DB_USER=… TOLLGATE_DB_PASSWORD=… TOLLGATE_ADMIN_SECRET=… … deploy.sh
# Writes the secrets as owner-only files, then runs tollgate.cli with jboss-cli. On a server already configured it
# updates the data source and the settings, and redeploys.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../settings.sh"
require JBOSS_HOME TOLLGATE_DB_URL TOLLGATE_DB_USER TOLLGATE_DB_PASSWORD
export TOLLGATE_WAR=$(realpath "${TOLLGATE_WAR:-$here/../../target/tollgate.war}")
export TOLLGATE_JDBC_DRIVER=$(realpath "${TOLLGATE_JDBC_DRIVER:-$here/../../target/server-lib/postgresql.jar}")
export TOLLGATE_ECLIPSELINK_JAR=$(realpath "${TOLLGATE_ECLIPSELINK_JAR:-$here/../../target/server-lib/eclipselink.jar}")
export TOLLGATE_JIPIJAPA_JAR=$(ls "$JBOSS_HOME"/modules/system/layers/base/org/eclipse/persistence/main/jipijapa-eclipselink-*.jar)
# Opens the credential store; standalone.xml keeps it. Random unless given.
export TOLLGATE_CREDENTIAL_STORE_PASSWORD=${TOLLGATE_CREDENTIAL_STORE_PASSWORD:-$(head -c 24 /dev/urandom | base64)}
read -r -a options <<< "${JBOSS_CLI_OPTIONS:-}"
cli() { "$JBOSS_HOME/bin/jboss-cli.sh" --connect "${options[@]}" "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"

secrets="$JBOSS_HOME/standalone/configuration/tollgate-secrets"
mkdir -p "$secrets"
chmod 700 "$secrets"
setting_command() {
    if [ "$3" = secret ]; then
        (umask 077 && printf '%s' "$2" > "$secrets/$1")
    else
        printf '/subsystem=microprofile-config-smallrye/config-source=tollgate:map-put(name=properties, key=%s, value=%s)\n' \
            "$1" "$(quoted "$2")"
    fi
}
for_each_setting setting_command > "$work/settings"

commands="$work/tollgate.cli"
installed=()
# EclipseLink's module, once added, stays: "module add" is no management operation that could be asked first.
[ -f "$JBOSS_HOME/modules/org/eclipse/persistence/main/module.xml" ] && installed=(-e '/^module add/d')
sed "${installed[@]}" -e "/^#SETTINGS/r $work/settings" "$here/tollgate.cli" > "$commands"
cli --resolve-parameter-values --file="$commands"
