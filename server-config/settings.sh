# Sourced by server-config/*/deploy.sh. Calls "$1 <property> <value> <secret|plain>" for every setting listed in
# tollgate-settings.txt whose environment variable is set (the name upper-cased, every other character an underscore).
for_each_setting() {
    local handler=$1 property kind variable
    while read -r property kind; do
        case $property in '' | '#'*) continue ;; esac
        variable=$(printf '%s' "$property" | tr '[:lower:]' '[:upper:]' | tr -c 'A-Z0-9\n' '_')
        if [ -n "${!variable+set}" ]; then
            "$handler" "$property" "${!variable}" "${kind:-plain}"
        fi
    done < "$(dirname "${BASH_SOURCE[0]}")/tollgate-settings.txt"
}

# A value inside double quotes, for asadmin's and jboss-cli's command files.
quoted() {
    local value=${1//\\/\\\\}
    printf '"%s"' "${value//\"/\\\"}"
}

require() {
    local variable
    for variable in "$@"; do
        [ -n "${!variable:-}" ] || { echo "deploy: $variable is not set (docs/operations.md)" >&2; exit 2; }
    done
}
