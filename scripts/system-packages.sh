#!/usr/bin/env bash
# Make sure Debian packages are installed:  scripts/system-packages.sh PACKAGE...
#
# Exit status
#   0  every package is installed (already, or installed now because we are root);
#   3  some are missing and this user may not install them: the message on stderr says
#      exactly what to run, and the caller decides what to skip;
#   other  installing failed.
#
# Root runs `apt-get update` once and then `apt-get install -y` for the missing ones.
# Recommended packages are left out on purpose (chromium's pull in a desktop's worth);
# fonts-liberation is the one a headless Chromium wants for Latin text, so it is added
# alongside chromium. On a system without dpkg (not Debian) a few programs are probed
# instead, and anything that cannot be probed counts as missing.
set -euo pipefail

[ "$#" -gt 0 ] || { echo "usage: $0 PACKAGE..." >&2; exit 2; }

installed() {
    local pkg="$1"
    if command -v dpkg-query >/dev/null 2>&1; then
        [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] || return 1
    fi
    # What the project actually uses from each package, checked on any system.
    case "$pkg" in
        chromium) [ -x /usr/bin/chromium ] ;;
        gettext) command -v msgfmt >/dev/null 2>&1 ;;
        postgresql) compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ;;
        *) command -v dpkg-query >/dev/null 2>&1 ;;
    esac
}

missing=()
for pkg in "$@"; do
    installed "$pkg" || missing+=("$pkg")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

to_install=("${missing[@]}")
for pkg in "${missing[@]}"; do
    if [ "$pkg" = chromium ]; then to_install+=(fonts-liberation); fi
done

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing Debian packages: ${to_install[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt_opts=(-o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0)
    apt-get "${apt_opts[@]}" update -qq </dev/null
    apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${to_install[@]}" </dev/null
    still=()
    for pkg in "${missing[@]}"; do
        installed "$pkg" || still+=("$pkg")
    done
    if [ "${#still[@]}" -gt 0 ]; then
        echo "error: still missing after apt-get install: ${still[*]}" >&2
        exit 1
    fi
    exit 0
fi

{
    echo
    echo "Missing system packages: ${missing[*]}"
    if command -v apt-get >/dev/null 2>&1; then
        echo "Install them (as root) with:"
        echo
        echo "    sudo apt-get update && sudo apt-get install --no-install-recommends ${to_install[*]}"
    else
        echo "This is not a Debian system: install the equivalents of ${missing[*]}"
        echo "with your package manager (Chromium must be at /usr/bin/chromium)."
    fi
    echo
} >&2
exit 3
