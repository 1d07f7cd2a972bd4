#!/usr/bin/env bash
# What the container-image tests build from, made before the tests because it needs Debian's
# mirror and the package registries (the tests themselves reach nothing outside):
#   - dashboard-test-base:<tag>, a Debian bookworm image with python3 and venv, made with
#     debootstrap and `docker import` (no image registry is reachable here);
#   - dashboard-test-node:<tag>, that base with this machine's Node.js, for the front-end stage;
#   - var/offline/wheels and var/offline/npm-cache: the Python and npm packages the
#     Dockerfile installs, so the tests build it with no network at all;
#   - the compose test's stand-ins for the images compose.yaml names (tests/deploy/standins:
#     Debian's Redis and PostgreSQL, a Python socket proxy) on a second debootstrap base,
#     dashboard-test-services:<tag>; their tags go to var/offline/standins.
# Each is kept (by tag, or by a hash of what it comes from) and made again only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=python3,python3-venv,libstdc++6
# Kept between runs, so not labelled with one run's id: this label names them instead
# (docker image rm $(docker images -q -f label=dashboard.test.inputs) removes them).
label=dashboard.test.inputs=image-inputs
base_tag=$(echo "bookworm minbase $packages $label" | md5sum | cut -c1-10)
base=dashboard-test-base:$base_tag
node_image=dashboard-test-node:$base_tag-$(node --version)
offline=var/offline
mkdir -p "$offline"

# debootstrap_image TAG PACKAGES: a bookworm minbase with PACKAGES, imported as TAG.
debootstrap_image() {
    local mirror  # root stays global: the EXIT trap removes it
    root=$(mktemp -d /tmp/dashboard-base.XXXXXX)
    trap 'rm -rf "$root"' EXIT
    mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    debootstrap --variant=minbase --include="$2" \
        bookworm "$root" "${mirror:-http://deb.debian.org/debian}" >/dev/null
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    # The cluster postgresql's package makes as it installs: the stand-in makes its own.
    rm -rf "$root"/etc/postgresql/*/main "$root"/var/lib/postgresql/*/main
    tar -C "$root" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/bin/bash"]' --change "LABEL $label" - "$1" >/dev/null
    rm -rf "$root"
    trap - EXIT
}

if ! docker image inspect "$base" >/dev/null 2>&1; then
    echo "Making $base with debootstrap (once)"
    debootstrap_image "$base" "$packages"
fi

if ! docker image inspect "$node_image" >/dev/null 2>&1; then
    echo "Making $node_image from this machine's Node.js"
    ctx=$(mktemp -d /tmp/dashboard-node.XXXXXX)
    cp "$(readlink -f "$(command -v node)")" "$ctx/node"
    cp -r "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$ctx/npm"
    cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $base
LABEL $label
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version
DOCKERFILE
    docker build -q --network none -t "$node_image" "$ctx" >/dev/null
    rm -rf "$ctx"
fi

wheels_stamp=$offline/wheels/.made-$(cat pyproject.toml | md5sum | cut -c1-12)
if [ ! -e "$wheels_stamp" ]; then
    echo "Downloading the image's Python packages into $offline/wheels"
    rm -rf "$offline/wheels"
    deps=$(.venv/bin/python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))')
    mapfile -t deps <<<"$deps"
    .venv/bin/pip download -q --disable-pip-version-check -d "$offline/wheels" \
        "${deps[@]}" 'setuptools>=68' wheel \
        'async-timeout>=4.0.3' `# redis-py's on Debian's Python 3.11.2` \
        2> >(grep -v "^WARNING: Location" >&2)
    touch "$wheels_stamp"
fi

npm_stamp=$offline/npm-cache/.made-$(cat package-lock.json | md5sum | cut -c1-12)
if [ ! -e "$npm_stamp" ]; then
    echo "Caching the image's npm packages into $offline/npm-cache"
    rm -rf "$offline/npm-cache"
    tmp=$(mktemp -d /tmp/dashboard-npm.XXXXXX)
    cp package.json package-lock.json "$tmp"
    cache=$(pwd)/$offline/npm-cache
    (cd "$tmp" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error --cache "$cache")
    rm -rf "$tmp"
    touch "$npm_stamp"
fi
echo "$base $node_image" >"$offline/images"

services_packages=python3,redis-server,postgresql-15
services=dashboard-test-services:$(echo "bookworm minbase $services_packages $label" | md5sum | cut -c1-10)
if ! docker image inspect "$services" >/dev/null 2>&1; then
    echo "Making $services with debootstrap (once)"
    debootstrap_image "$services" "$services_packages"
fi
standins=()
for dir in tests/deploy/standins/*/; do
    name=$(basename "$dir")
    sum=$( (echo "$services" && cd "$dir" && find . -type f -printf '%p %m\n' -exec md5sum {} \; | sort) | md5sum | cut -c1-10)
    tag=dashboard-test-standin-$name:$sum
    if ! docker image inspect "$tag" >/dev/null 2>&1; then
        echo "Making $tag (the compose test's stand-in for $name)"
        docker build -q --network none --build-arg BASE="$services" --label "$label" \
            -t "$tag" "$dir" >/dev/null
        # Older stand-ins for the same image, made from files since changed.
        stale=$(docker images --format '{{.Repository}}:{{.Tag}}' -f "label=$label" \
            "dashboard-test-standin-$name" | grep -vxF "$tag" || true)
        [ -z "$stale" ] || docker image rm $stale >/dev/null
    fi
    standins+=("$name=$tag")
done
printf '%s\n' "${standins[@]}" >"$offline/standins"
