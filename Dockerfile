# syntax=docker/dockerfile:1
# telemt-gitops: built with the Swift toolchain, run on a slim Debian with only the runtime
# libraries, as an unprivileged user, on a read-only root filesystem.
#   docker build -t ghcr.io/telemt-gitops/telemt-gitops:0.1.0 .
# The state (git cache, SQLite store, last good config) is the only writable place:
# /var/lib/telemt-gitops, a volume. Settings and secrets are mounted at /etc/telemt-gitops and
# telemt's config directory at /etc/telemt (deploy/compose.yaml shows both).

ARG SWIFT_VERSION=6.1
ARG DEBIAN_RELEASE=bookworm

FROM swift:${SWIFT_VERSION}-${DEBIAN_RELEASE} AS build
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libyaml-dev libgit2-dev libqrencode-dev zlib1g-dev libsqlite3-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The manifest first, so that resolving packages is cached apart from the sources.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --product telemt-gitops --static-swift-stdlib \
 && install -D -m 0755 "$(swift build -c release --show-bin-path)/telemt-gitops" /out/telemt-gitops \
 && strip --strip-unneeded /out/telemt-gitops \
 && /out/telemt-gitops --version

FROM debian:${DEBIAN_RELEASE}-slim
# Runtime libraries only (Debian's security updates keep these current, so they are not pinned);
# git, ssh-keygen and gpgv for CI use and commit signature verification.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata libyaml-0-2 libgit2-1.5 libqrencode4 zlib1g libsqlite3-0 \
      libstdc++6 git openssh-client gpgv \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 65532 telemt-gitops \
 && useradd --system --uid 65532 --gid 65532 --home-dir /var/lib/telemt-gitops --no-create-home --shell /usr/sbin/nologin telemt-gitops \
 && install -d -o 65532 -g 65532 -m 0700 /var/lib/telemt-gitops
COPY --from=build /out/telemt-gitops /usr/local/bin/telemt-gitops
USER 65532:65532
ENV TELEMT_GITOPS_STATE_DIR=/var/lib/telemt-gitops \
    TELEMT_GITOPS_LISTEN=0.0.0.0:8080
VOLUME ["/var/lib/telemt-gitops"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["telemt-gitops", "healthcheck"]
ENTRYPOINT ["telemt-gitops"]
CMD ["run", "--config", "/etc/telemt-gitops/config.yaml"]
