#!/usr/bin/env bash
# Deploys a configured Tollgate on a Payara Server 6 domain in one command (docs/operations.md, "Payara Server"):
#   PAYARA_HOME=… TOLLGATE_DB_URL=… TOLLGATE_DB_USER=… TOLLGATE_DB_PASSWORD=… TOLLGATE_ADMIN_SECRET=… … deploy.sh
# Starts the domain if it is not running, stores every secret as a password alias, then runs tollgate.asadmin
# with asadmin multimode. On a domain already configured it updates the aliases, settings and pool, and redeploys.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../settings.sh"
require PAYARA_HOME TOLLGATE_DB_URL TOLLGATE_DB_USER TOLLGATE_DB_PASSWORD
war=$(realpath "${TOLLGATE_WAR:-$here/../../target/tollgate.war}")
driver=$(realpath "${TOLLGATE_JDBC_DRIVER:-$here/../../target/server-lib/postgresql.jar}")
domain=${PAYARA_DOMAIN:-domain1}
read -r -a options <<< "${ASADMIN_OPTIONS:-}"
asadmin() { "$PAYARA_HOME/bin/asadmin" "${options[@]}" "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"

asadmin list-domains | grep -q "^$domain running" || asadmin start-domain "$domain"
aliases=$(asadmin list-password-aliases || true)

# A password alias, created or replaced; its value passes through an owner-only file, never the command line.
store_alias() {
    local value=${2//\\/\\\\}
    printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$value" > "$work/alias"
    if grep -qx "$1" <<< "$aliases"; then
        asadmin --passwordfile "$work/alias" update-password-alias "$1" > /dev/null
    else
        asadmin --passwordfile "$work/alias" create-password-alias "$1" > /dev/null
    fi
    rm -f "$work/alias"
}

setting_command() {
    local value=$2
    if [ "$3" = secret ]; then
        store_alias "$1" "$2"
        value="\${ALIAS=$1}"
    fi
    printf 'set-config-property --source=domain --propertyName=%s --propertyValue=%s\n' "$1" "$(quoted "$value")"
}

store_alias tollgate.db.password "$TOLLGATE_DB_PASSWORD"
settings=$(for_each_setting setting_command)

commands="$work/tollgate.asadmin"
if asadmin list-jdbc-connection-pools | grep -qx tollgate; then
    # Already configured: the pool's settings are updated, nothing is created twice.
    sed -e '/^add-library/d' -e '/^create-jdbc-/d' -e '/^create-jvm-options/d' "$here/tollgate.asadmin" > "$commands.in"
    printf 'set resources.jdbc-connection-pool.tollgate.property.user=%s\n' "$TOLLGATE_DB_USER" >> "$work/settings"
else
    cp "$here/tollgate.asadmin" "$commands.in"
fi
printf '%s\n' "$settings" >> "$work/settings"
while IFS= read -r line; do
    case $line in
        %SETTINGS%) cat "$work/settings" ;;
        *) line=${line//%TOLLGATE_JDBC_DRIVER%/"$driver"}
           line=${line//%TOLLGATE_DB_USER%/"$TOLLGATE_DB_USER"}
           line=${line//%TOLLGATE_DB_URL%/"$TOLLGATE_DB_URL"}
           line=${line//%PAYARA_DOMAIN%/"$domain"}
           printf '%s\n' "${line//%TOLLGATE_WAR%/"$war"}" ;;
    esac
done < "$commands.in" > "$commands"
asadmin multimode --file "$commands"
