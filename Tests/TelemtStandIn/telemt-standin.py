#!/usr/bin/env python3
"""telemt-standin: a stand-in for the telemt MTProxy server, for tests and the quickstart only.

This is NOT telemt and carries no proxy traffic. It imitates the parts of telemt 3.4.25 that
telemt-gitops depends on, so that the reconciler, the scraper and the ledger can be exercised
without a real proxy:

  * it loads telemt's config.toml and refuses what telemt refuses (keeping the previous good
    configuration on a refused reload, exiting when the first load fails);
  * it notices config changes by polling (mtime, size, inode, then content hash), so that a
    write-to-temp + rename-over is seen; identical content is not a reload;
  * it serves /metrics in telemt's text format (the families telemt-gitops reads);
  * it serves the read-only parts of telemt's HTTP API (/v1/users, /v1/system/info, ...);
  * traffic, connections and time are driven through a loopback control endpoint.

Python 3.11, standard library only; it binds 127.0.0.1 and nothing else.

Usage:
  telemt-standin.py --config PATH --state-dir DIR
                    [--metrics-port 0] [--api-port 0] [--control-port 0]
                    [--poll 1.0] [--max-lifetime 600]

The state directory receives `ports.json` ({"metrics","api","control","pid"}, written to a
temporary file and renamed into place once every port is bound) and `reloads.log` (one JSON
object a line for every load attempt: accepted or refused with the reason). Load results are
also printed to stderr.

Control endpoint (JSON bodies, loopback only), see docs/telemt-standin.md:
  POST /connect     {"user","ip"}               -> {"id": n} or 409 {"refused": reason}
  POST /disconnect  {"id"} | {"user"[,"ip"]}     -> {"closed": n}
  POST /traffic     {"user","from","to"} or a list of them (or {"users":[...],"from","to"})
  POST /advance     {"seconds": N}               simulated clock (uptime, idle TTL, expiry)
  POST /restart                                  a new telemt process (new start time)
  POST /reset-stats                              a new runtime generation (POST /v1/system/reload)
  POST /sighup                                   check the config file now
  GET  /state                                    everything, as JSON

It stops by itself when its parent process goes away or after --max-lifetime seconds.
"""

import argparse
import datetime
import hashlib
import hmac
import http.server
import ipaddress
import json
import os
import platform
import random
import re
import socketserver
import sys
import threading
import time
import tomllib

VERSION = "3.4.25"
GIT_COMMIT = "d851200e47e56b542f936c154945e75e42b671eb"
# telemt labels at most this many users per family (USER_LABELED_METRICS_MAX_USERS).
USER_LABELED_MAX = 4096
# A user's stats entry is dropped after this long without activity and without a connection.
USER_STATS_IDLE_TTL = 24 * 60 * 60
DEFAULT_ACCESS_USER = "default"
DEFAULT_ACCESS_SECRET = "0" * 32
# Keys telemt knows, checked only with general.config_strict = true (as telemt does).
TOP_LEVEL_KEYS = {
    "general", "logging", "network", "server", "timeouts", "censorship", "access", "upstreams",
    "show_link", "dc_overrides", "default_dc", "beobachten", "beobachten_minutes",
    "beobachten_flush_secs", "beobachten_file", "include",
}
ACCESS_KEYS = {
    "users", "user_enabled", "user_ad_tags", "user_max_tcp_conns", "user_max_tcp_conns_global_each",
    "user_expirations", "user_data_quota", "user_rate_limits", "cidr_rate_limits",
    "user_max_unique_ips", "user_max_unique_ips_global_each", "user_max_unique_ips_mode",
    "user_max_unique_ips_window_secs", "replay_check_len", "replay_window_secs", "ignore_time_skew",
    "user_source_deny",
}
TELEMETRY_KEYS = {"core_enabled", "user_enabled", "me_level"}
U64_MAX = 2**64 - 1
RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
HEX32 = re.compile(r"^[0-9A-Fa-f]{32}$")


class Refused(Exception):
    """A configuration telemt would not load."""


def log(message):
    sys.stderr.write(f"telemt-standin: {message}\n")
    sys.stderr.flush()


def parse_rfc3339(text):
    """A chrono DateTime<Utc> from an RFC 3339 string, or None when chrono would refuse it."""
    m = RFC3339.match(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    fraction = m.group(7) or ""
    zone = m.group(8)
    if second == 60:
        second = 59  # chrono accepts a leap second
    try:
        micros = int((fraction[1:] + "000000")[:6]) if fraction else 0
        if zone in ("Z", "z"):
            tz = datetime.timezone.utc
        else:
            sign = 1 if zone[0] == "+" else -1
            tz = datetime.timezone(sign * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
        value = datetime.datetime(year, month, day, hour, minute, second, micros, tz)
    except ValueError:
        return None
    nanos = int((fraction[1:] + "000000000")[:9]) if fraction else 0
    return value.astimezone(datetime.timezone.utc), nanos


def chrono_rfc3339(value, nanos):
    """chrono's DateTime<Utc>::to_rfc3339: +00:00, fraction only when non-zero (3, 6 or 9 digits)."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if nanos:
        if nanos % 1_000_000 == 0:
            text += ".%03d" % (nanos // 1_000_000)
        elif nanos % 1000 == 0:
            text += ".%06d" % (nanos // 1000)
        else:
            text += ".%09d" % nanos
    return text + "+00:00"


def is_uint(value, limit=U64_MAX):
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit


def table(parent, key, where):
    value = parent.get(key, {})
    if not isinstance(value, dict):
        raise Refused(f"invalid type for {where}: expected a table")
    return value


def typed_map(access, key, check, expected):
    entries = table(access, key, f"access.{key}")
    for user, value in entries.items():
        if not check(value):
            raise Refused(f"invalid type: access.{key}.{user} = {value!r}, expected {expected}")
    return dict(entries)


def valid_domain(name):
    if not name or len(name) > 253 or name.startswith(".") or name.endswith("."):
        return False
    return all(re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?", part) for part in name.split("."))


def load_config(data, validate=True):
    """Parses config.toml bytes like ProxyConfig::load (+ validate() unless told not to, as the
    API's reads of the file on disk); returns a dict or raises Refused."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise Refused(f"failed to parse: {error}") from None
    general = table(doc, "general", "general")
    telemetry = table(general, "telemetry", "general.telemetry")
    access = table(doc, "access", "access")
    server = table(doc, "server", "server")
    api = table(server, "api", "server.api")
    censorship = table(doc, "censorship", "censorship")
    modes = table(general, "modes", "general.modes")
    links = table(general, "links", "general.links")

    if general.get("config_strict") is True:
        unknown = [k for k in doc if k not in TOP_LEVEL_KEYS]
        unknown += [f"access.{k}" for k in access if k not in ACCESS_KEYS]
        unknown += [f"general.telemetry.{k}" for k in telemetry if k not in TELEMETRY_KEYS]
        if unknown:
            raise Refused("unknown config keys are not allowed when general.config_strict=true: " + ", ".join(unknown))

    users = table(access, "users", "access.users") if "users" in access else {DEFAULT_ACCESS_USER: DEFAULT_ACCESS_SECRET}
    for user, secret in users.items():
        if not isinstance(secret, str):
            raise Refused(f"invalid type: access.users.{user} = {secret!r}, expected a string")
    enabled = typed_map(access, "user_enabled", lambda v: isinstance(v, bool), "a boolean")
    max_tcp = typed_map(access, "user_max_tcp_conns", is_uint, "a non-negative integer")
    max_ips = typed_map(access, "user_max_unique_ips", is_uint, "a non-negative integer")
    quota = typed_map(access, "user_data_quota", is_uint, "a non-negative integer")
    ad_tags = typed_map(access, "user_ad_tags", lambda v: isinstance(v, str), "a string")
    expirations = {}
    for user, value in table(access, "user_expirations", "access.user_expirations").items():
        parsed = parse_rfc3339(value) if isinstance(value, str) else None
        if parsed is None:
            shown = f"{value.isoformat()} (a TOML datetime)" if isinstance(value, (datetime.date, datetime.time)) else repr(value)
            raise Refused(f"invalid value: access.user_expirations.{user} = {shown}, expected an RFC 3339 formatted date and time string")
        expirations[user] = parsed
    rate_limits = {}
    for user, value in table(access, "user_rate_limits", "access.user_rate_limits").items():
        if not isinstance(value, dict) or not all(is_uint(value.get(k, 0)) for k in ("up_bps", "down_bps")):
            raise Refused(f"invalid type: access.user_rate_limits.{user}, expected {{up_bps, down_bps}} integers")
        rate_limits[user] = (value.get("up_bps", 0), value.get("down_bps", 0))
    settings = {}
    for key, default in (("user_max_tcp_conns_global_each", 0), ("user_max_unique_ips_global_each", 0),
                         ("user_max_unique_ips_window_secs", 30)):
        settings[key] = access.get(key, default)
        if not is_uint(settings[key]):
            raise Refused(f"invalid type: access.{key} = {settings[key]!r}, expected a non-negative integer")
    for key in ("user_enabled", "core_enabled"):
        if not isinstance(telemetry.get(key, True), bool):
            raise Refused(f"invalid type: general.telemetry.{key}, expected a boolean")
    mode_flags = {"classic": modes.get("classic", False), "secure": modes.get("secure", False), "tls": modes.get("tls", True)}
    if not all(isinstance(v, bool) for v in mode_flags.values()):
        raise Refused("invalid type in general.modes, expected booleans")
    tls_domain = censorship.get("tls_domain", "petrovich.ru")
    tls_domains = censorship.get("tls_domains", [])
    if not isinstance(tls_domain, str) or not isinstance(tls_domains, list):
        raise Refused("invalid type in censorship.tls_domain(s)")

    # ProxyConfig::load: every secret decodes to 16 bytes.
    for user, secret in users.items():
        if not HEX32.match(secret):
            raise Refused(f"Invalid secret for user '{user}': Must be 32 hex characters")
    # Cross-field checks of load().
    if settings["user_max_unique_ips_window_secs"] == 0:
        raise Refused("access.user_max_unique_ips_window_secs must be > 0")
    for user, (up, down) in rate_limits.items():
        if up == 0 and down == 0:
            raise Refused(f"access.user_rate_limits.{user} must set at least one non-zero direction")
    # validate(): what the watcher and the start-up check add.
    if not validate:
        pass
    elif not users:
        raise Refused("No users configured")
    elif not any(mode_flags.values()):
        raise Refused("No modes enabled")
    elif not valid_domain(tls_domain):
        raise Refused(f"Invalid tls_domain: '{tls_domain}'. Must be a valid domain name")
    if validate:
        for domain in tls_domains:
            if not isinstance(domain, str) or not valid_domain(domain):
                raise Refused(f"Invalid tls_domains entry: '{domain}'. Must be a valid domain name")
        for user, tag in ad_tags.items():
            if not HEX32.match(tag):
                raise Refused(f"access.user_ad_tags['{user}'] must be exactly 32 hex characters")

    listeners = doc.get("server", {}).get("listeners", [])
    whitelist = api.get("whitelist", ["127.0.0.0/8"])
    return {
        "users": dict(users),
        "enabled": enabled,
        "max_tcp": max_tcp,
        "max_ips": max_ips,
        "quota": quota,
        "ad_tags": ad_tags,
        "expirations": expirations,
        "rate_limits": rate_limits,
        "settings": settings,
        "telemetry_user": telemetry.get("user_enabled", True),
        "telemetry_core": telemetry.get("core_enabled", True),
        "modes": mode_flags,
        "tls_domain": tls_domain,
        "tls_domains": [d for d in tls_domains if d],
        "public_host": links.get("public_host"),
        "public_port": links.get("public_port"),
        "listeners": listeners if isinstance(listeners, list) else [],
        "server_port": server.get("port", 443),
        "api": {
            "enabled": api.get("enabled", True),
            "read_only": api.get("read_only", False),
            "auth_header": api.get("auth_header", ""),
            "whitelist": whitelist if isinstance(whitelist, list) else [],
        },
        # What telemt hot-reloads: everything under [access] and [general.telemetry].
        "hot": json.dumps({"access": access, "telemetry": telemetry}, sort_keys=True, default=str),
    }


def effective_limit(per_user, global_each, user):
    value = per_user.get(user, 0)
    if value > 0:
        return value
    return global_each if global_each > 0 else None


class UserStats:
    __slots__ = ("connects", "curr", "octets_from", "octets_to", "msgs_from", "msgs_to", "last_seen")

    def __init__(self, now):
        self.connects = self.curr = self.octets_from = self.octets_to = self.msgs_from = self.msgs_to = 0
        self.last_seen = now


class StandIn:
    """The simulated telemt process: configuration, one runtime generation of stats, sessions."""

    def __init__(self, config_path, state_dir):
        self.lock = threading.RLock()
        self.config_path = os.path.abspath(config_path)
        self.state_dir = state_dir
        self.offset = 0.0  # seconds the simulated clock is ahead of the real one
        self.quota_used = {}  # telemt persists quota usage across restarts
        self.request_id = 0
        self.restarts = 0
        self.started_at = 0
        self.start_process(first=True)

    # -- clock --------------------------------------------------------------------------------
    def mono(self):
        return time.monotonic() + self.offset

    def epoch(self):
        return time.time() + self.offset

    # -- lifecycle ----------------------------------------------------------------------------
    def read_file(self):
        with open(self.config_path, "rb") as f:
            data = f.read()
        return data, hashlib.sha256(data).hexdigest()

    def start_process(self, first=False):
        """Loads the config from disk (raising Refused) and starts a fresh process state."""
        data, digest = self.read_file()
        config = load_config(data)
        self.record("accepted", digest, "initial load" if first else "restart")
        self.config = config
        self.api_settings = config["api"]  # [server.api] is not hot: read at process start only
        self.applied_hash = digest
        self.loaded_hash = digest
        self.signature = self.file_signature()
        self.reload_count = 0
        self.last_reload_epoch = None
        self.last_result = {"result": "accepted", "reason": "initial load" if first else "restart", "hash": digest}
        self.started_at = max(int(self.epoch()), self.started_at + 1)
        self.new_generation()

    def new_generation(self):
        self.generation_start = self.mono()
        self.stats = {}
        self.sessions = {}
        self.next_session = 1
        self.connects_all = 0
        self.connects_bad = 0

    def file_signature(self):
        try:
            st = os.stat(self.config_path)
            return (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            return None

    def record(self, result, digest, reason):
        entry = {"time": round(time.time(), 3), "result": result, "hash": digest, "reason": reason}
        log(f"config {result}: {reason}")
        with open(os.path.join(self.state_dir, "reloads.log"), "a") as f:
            f.write(json.dumps(entry) + "\n")

    def poll(self, force=False):
        """One look at the config file, as telemt's watcher: returns the result or None."""
        with self.lock:
            signature = self.file_signature()
            if signature == self.signature and not force:
                return None
            self.signature = signature
            try:
                data, digest = self.read_file()
            except OSError as error:
                self.record("refused", None, f"failed to read: {error}")
                self.last_result = {"result": "refused", "reason": str(error), "hash": None}
                return self.last_result
            if digest == self.applied_hash:
                return None
            try:
                config = load_config(data)
            except Refused as error:
                self.record("refused", digest, f"{error}; keeping old config")
                self.last_result = {"result": "refused", "reason": str(error), "hash": digest}
                return self.last_result
            self.applied_hash = digest
            self.loaded_hash = digest
            old = self.config
            # Only hot fields reach the runtime; [server.api] stays as it was at start.
            self.config = config
            if config["hot"] == old["hot"]:
                self.record("accepted", digest, "no hot changes (restart-only fields need a telemt restart)")
                self.last_result = {"result": "accepted", "reason": "no hot changes", "hash": digest}
                return self.last_result
            self.reload_count += 1
            self.last_reload_epoch = int(self.epoch())
            self.drop_disabled_sessions()
            self.record("accepted", digest, "hot fields applied")
            self.last_result = {"result": "accepted", "reason": "hot fields applied", "hash": digest}
            return self.last_result

    def drop_disabled_sessions(self):
        for sid, (user, _ip) in list(self.sessions.items()):
            if self.config["enabled"].get(user, True) is False:
                self.close_session(sid)

    def restart(self):
        with self.lock:
            self.start_process()
            self.restarts += 1

    def reset_stats(self):
        """telemt's POST /v1/system/reload: a new runtime generation from the file on disk."""
        with self.lock:
            data, digest = self.read_file()
            config = load_config(data)
            self.config = config
            self.applied_hash = self.loaded_hash = digest
            self.signature = self.file_signature()
            self.new_generation()
            self.reload_count += 1
            self.last_reload_epoch = int(self.epoch())
            self.record("accepted", digest, "runtime generation reloaded (stats reset)")

    # -- traffic ------------------------------------------------------------------------------
    def user_stats(self, user):
        entry = self.stats.get(user)
        if entry is None:
            entry = self.stats[user] = UserStats(self.mono())
        entry.last_seen = self.mono()
        return entry

    def admission(self, user):
        """Why telemt would turn this user away now, or None."""
        cfg = self.config
        if user not in cfg["users"]:
            return "unknown_user"
        if cfg["enabled"].get(user, True) is False:
            return "disabled"
        expiry = cfg["expirations"].get(user)
        if expiry is not None and datetime.datetime.fromtimestamp(self.epoch(), datetime.timezone.utc) > expiry[0]:
            return "expired"
        if user in cfg["quota"] and self.quota_used.get(user, 0) >= cfg["quota"][user]:
            return "quota_exceeded"
        return None

    def connect(self, user, ip, implicit=False):
        cfg = self.config
        self.connects_all += 1
        reason = self.admission(user)
        telemetry = cfg["telemetry_user"]
        if reason is None:
            limit = effective_limit(cfg["max_tcp"], cfg["settings"]["user_max_tcp_conns_global_each"], user)
            if telemetry:
                entry = self.user_stats(user)
                if limit is not None and entry.curr >= limit:
                    reason = "tcp_limit"
        if reason is None:
            ips = {i for (u, i) in self.sessions.values() if u == user}
            ip_limit = effective_limit(cfg["max_ips"], cfg["settings"]["user_max_unique_ips_global_each"], user)
            if ip_limit is not None and ip not in ips and len(ips) >= ip_limit:
                reason = "unique_ip_limit"
        if reason is not None:
            self.connects_bad += 1
            return None, reason
        if telemetry:
            entry = self.user_stats(user)
            entry.connects += 1
            if not implicit:
                entry.curr += 1
        if implicit:
            return 0, None
        sid = self.next_session
        self.next_session += 1
        self.sessions[sid] = (user, ip)
        return sid, None

    def close_session(self, sid):
        user, _ip = self.sessions.pop(sid)
        entry = self.stats.get(user)
        if entry is not None:
            entry.last_seen = self.mono()
            entry.curr = max(0, entry.curr - 1)

    def traffic(self, user, octets_from, octets_to):
        """Bytes over the user's live connection, or over a short one that must pass admission."""
        if not any(u == user for (u, _i) in self.sessions.values()):
            _sid, reason = self.connect(user, "127.0.0.1", implicit=True)
            if reason is not None:
                return reason
        self.quota_used[user] = self.quota_used.get(user, 0) + octets_from + octets_to
        if self.config["telemetry_user"]:
            entry = self.user_stats(user)
            entry.octets_from = (entry.octets_from + octets_from) & U64_MAX
            entry.octets_to = (entry.octets_to + octets_to) & U64_MAX
            entry.msgs_from += 1 if octets_from else 0
            entry.msgs_to += 1 if octets_to else 0
        return None

    def cleanup_idle(self):
        now = self.mono()
        for user, entry in list(self.stats.items()):
            if entry.curr == 0 and now - entry.last_seen > USER_STATS_IDLE_TTL:
                del self.stats[user]

    # -- views --------------------------------------------------------------------------------
    def uptime(self):
        return self.mono() - self.generation_start

    def active_ips(self, user):
        seen = []
        for (u, ip) in self.sessions.values():
            if u == user and ip not in seen:
                seen.append(ip)
        return seen

    def metrics(self):
        with self.lock:
            self.cleanup_idle()
            cfg = self.config
            core, user_on = cfg["telemetry_core"], cfg["telemetry_user"]
            out = []
            w = out.append
            w("# HELP telemt_build_info Build information for the running telemt binary")
            w("# TYPE telemt_build_info gauge")
            w(f'telemt_build_info{{version="{VERSION}"}} 1')
            w("# HELP telemt_uptime_seconds Proxy uptime")
            w("# TYPE telemt_uptime_seconds gauge")
            w(f"telemt_uptime_seconds {self.uptime():.1f}")
            w("# HELP telemt_telemetry_core_enabled Runtime core telemetry switch")
            w("# TYPE telemt_telemetry_core_enabled gauge")
            w(f"telemt_telemetry_core_enabled {int(core)}")
            w("# HELP telemt_telemetry_user_enabled Runtime per-user telemetry switch")
            w("# TYPE telemt_telemetry_user_enabled gauge")
            w(f"telemt_telemetry_user_enabled {int(user_on)}")
            w("# HELP telemt_connections_total Total accepted connections")
            w("# TYPE telemt_connections_total counter")
            w(f"telemt_connections_total {self.connects_all if core else 0}")
            w("# HELP telemt_connections_bad_total Bad/rejected connections")
            w("# TYPE telemt_connections_bad_total counter")
            w(f"telemt_connections_bad_total {self.connects_bad if core else 0}")
            for name, kind, text in (
                ("connections_total", "counter", "Per-user total connections"),
                ("connections_current", "gauge", "Per-user active connections"),
                ("octets_from_client", "counter", "Per-user bytes received"),
                ("octets_to_client", "counter", "Per-user bytes sent"),
                ("msgs_from_client", "counter", "Per-user messages received"),
                ("msgs_to_client", "counter", "Per-user messages sent"),
            ):
                w(f"# HELP telemt_user_{name} {text}")
                w(f"# TYPE telemt_user_{name} {kind}")
            w("# HELP telemt_ip_reservation_rollback_total IP reservation rollbacks caused by later limit checks")
            w("# TYPE telemt_ip_reservation_rollback_total counter")
            w('telemt_ip_reservation_rollback_total{reason="tcp_limit"} 0')
            w('telemt_ip_reservation_rollback_total{reason="quota_limit"} 0')
            stats_emitted = stats_suppressed = ip_emitted = ip_suppressed = 0
            if user_on:
                # A hash map with a random seed: the order, and so the labelled set, shifts.
                entries = list(self.stats.items())
                random.shuffle(entries)
                for user, s in entries:
                    if stats_emitted >= USER_LABELED_MAX:
                        stats_suppressed += 1
                        continue
                    stats_emitted += 1
                    w(f'telemt_user_connections_total{{user="{user}"}} {s.connects}')
                    w(f'telemt_user_connections_current{{user="{user}"}} {s.curr}')
                    w(f'telemt_user_octets_from_client{{user="{user}"}} {s.octets_from}')
                    w(f'telemt_user_octets_to_client{{user="{user}"}} {s.octets_to}')
                    w(f'telemt_user_msgs_from_client{{user="{user}"}} {s.msgs_from}')
                    w(f'telemt_user_msgs_to_client{{user="{user}"}} {s.msgs_to}')
                w("# HELP telemt_user_unique_ips_current Per-user current number of unique active IPs")
                w("# TYPE telemt_user_unique_ips_current gauge")
                w("# HELP telemt_user_unique_ips_recent_window Per-user unique IPs seen in configured observation window")
                w("# TYPE telemt_user_unique_ips_recent_window gauge")
                w("# HELP telemt_user_unique_ips_limit Effective per-user unique IP limit (0 means unlimited)")
                w("# TYPE telemt_user_unique_ips_limit gauge")
                w("# HELP telemt_user_unique_ips_utilization Per-user unique IP usage ratio (0 for unlimited)")
                w("# TYPE telemt_user_unique_ips_utilization gauge")
                names = set(cfg["users"]) | set(cfg["max_ips"]) | {u for (u, _i) in self.sessions.values()}
                for user in sorted(names):
                    if ip_emitted >= USER_LABELED_MAX:
                        ip_suppressed += 1
                        continue
                    ip_emitted += 1
                    current = len(self.active_ips(user))
                    limit = effective_limit(cfg["max_ips"], cfg["settings"]["user_max_unique_ips_global_each"], user) or 0
                    w(f'telemt_user_unique_ips_current{{user="{user}"}} {current}')
                    w(f'telemt_user_unique_ips_recent_window{{user="{user}"}} {current}')
                    w(f'telemt_user_unique_ips_limit{{user="{user}"}} {limit}')
                    w(f'telemt_user_unique_ips_utilization{{user="{user}"}} {(current / limit if limit else 0.0):.6f}')
            suppressed = 0 if user_on and stats_suppressed == 0 and ip_suppressed == 0 else 1
            w("# HELP telemt_telemetry_user_series_suppressed User-labeled metric series suppression flag")
            w("# TYPE telemt_telemetry_user_series_suppressed gauge")
            w(f"telemt_telemetry_user_series_suppressed {suppressed}")
            w("# HELP telemt_telemetry_user_series_users User-labeled metric users by export status")
            w("# TYPE telemt_telemetry_user_series_users gauge")
            w(f'telemt_telemetry_user_series_users{{family="stats",status="emitted"}} {stats_emitted}')
            w(f'telemt_telemetry_user_series_users{{family="stats",status="suppressed"}} {stats_suppressed}')
            w(f'telemt_telemetry_user_series_users{{family="unique_ip",status="emitted"}} {ip_emitted}')
            w(f'telemt_telemetry_user_series_users{{family="unique_ip",status="suppressed"}} {ip_suppressed}')
            return ("\n".join(out) + "\n").encode()

    def state(self):
        with self.lock:
            self.cleanup_idle()
            cfg = self.config
            users = {}
            for user in sorted(cfg["users"]):
                expiry = cfg["expirations"].get(user)
                users[user] = {
                    "enabled": cfg["enabled"].get(user, True),
                    "max_tcp_conns": cfg["max_tcp"].get(user),
                    "max_unique_ips": cfg["max_ips"].get(user),
                    "data_quota_bytes": cfg["quota"].get(user),
                    "expiration_rfc3339": chrono_rfc3339(*expiry) if expiry else None,
                }
            counters = {
                user: {"connections_total": s.connects, "connections_current": s.curr,
                       "octets_from_client": s.octets_from, "octets_to_client": s.octets_to}
                for user, s in sorted(self.stats.items())
            }
            return {
                "pid": os.getpid(),
                "users": users,
                "counters": counters,
                "connections": [{"id": sid, "user": u, "ip": ip} for sid, (u, ip) in sorted(self.sessions.items())],
                "connections_total": self.connects_all,
                "connections_bad_total": self.connects_bad,
                "quota_used": dict(sorted(self.quota_used.items())),
                "uptime_seconds": self.uptime(),
                "process_started_at_epoch_secs": self.started_at,
                "clock_offset_seconds": self.offset,
                "restarts": self.restarts,
                "config_reload_count": self.reload_count,
                "last_config_reload_epoch_secs": self.last_reload_epoch,
                "loaded_config_hash": self.loaded_hash,
                "last_reload": self.last_result,
                "telemetry_user_enabled": cfg["telemetry_user"],
                "api": self.api_settings,
            }

    # -- API ----------------------------------------------------------------------------------
    def user_links(self, cfg, secret):
        if cfg["public_host"]:
            hosts = [str(cfg["public_host"]).strip()]
        else:
            hosts = []
            for listener in cfg["listeners"]:
                if not isinstance(listener, dict):
                    continue
                host = (listener.get("announce") or "").strip() or listener.get("announce_ip") or listener.get("ip", "0.0.0.0")
                if host not in hosts:
                    hosts.append(host)
            hosts = hosts or ["0.0.0.0"]
        port = cfg["public_port"]
        if port is None:
            first = cfg["listeners"][0] if cfg["listeners"] and isinstance(cfg["listeners"][0], dict) else {}
            port = first.get("port", cfg["server_port"])
        domains = [cfg["tls_domain"]] + [d for d in cfg["tls_domains"] if d != cfg["tls_domain"]]
        extra = [d for d in dict.fromkeys(cfg["tls_domains"]) if d != cfg["tls_domain"]]
        links = {"classic": [], "secure": [], "tls": [], "tls_domains": []}
        for host in hosts:
            base = f"tg://proxy?server={host}&port={port}&secret="
            if cfg["modes"]["classic"]:
                links["classic"].append(base + secret)
            if cfg["modes"]["secure"]:
                links["secure"].append(base + "dd" + secret)
            if cfg["modes"]["tls"]:
                for domain in dict.fromkeys(domains):
                    links["tls"].append(base + "ee" + secret + domain.encode().hex())
                for domain in extra:
                    links["tls_domains"].append({"domain": domain, "link": base + "ee" + secret + domain.encode().hex()})
        return links

    def users_json(self, disk):
        """/v1/users: limits and links from the file on disk, counters from the runtime."""
        with self.lock:
            runtime = self.config
            s = disk["settings"]
            result = []
            for user in sorted(disk["users"]):
                stats = self.stats.get(user)
                active = self.active_ips(user)
                expiry = disk["expirations"].get(user)
                rate = disk["rate_limits"].get(user)
                result.append({
                    "username": user,
                    "enabled": disk["enabled"].get(user, True),
                    "in_runtime": user in runtime["users"],
                    "user_ad_tag": disk["ad_tags"].get(user),
                    "max_tcp_conns": effective_limit(disk["max_tcp"], s["user_max_tcp_conns_global_each"], user),
                    "expiration_rfc3339": chrono_rfc3339(*expiry) if expiry else None,
                    "data_quota_bytes": disk["quota"].get(user),
                    "rate_limit_up_bps": (rate[0] or None) if rate else None,
                    "rate_limit_down_bps": (rate[1] or None) if rate else None,
                    "max_unique_ips": effective_limit(disk["max_ips"], s["user_max_unique_ips_global_each"], user),
                    "current_connections": stats.curr if stats else 0,
                    "active_unique_ips": len(active),
                    "active_unique_ips_list": active,
                    "recent_unique_ips": len(active),
                    "recent_unique_ips_list": active,
                    "total_octets": ((stats.octets_from + stats.octets_to) & U64_MAX) if stats else 0,
                    "links": self.user_links(disk, disk["users"][user]),
                })
            return result

    def system_info(self, revision):
        with self.lock:
            data = {
                "version": VERSION,
                "target_arch": platform.machine() or "x86_64",
                "target_os": "linux",
                "build_profile": "release",
                "git_commit": GIT_COMMIT,
                "process_started_at_epoch_secs": self.started_at,
                "uptime_seconds": float(max(0, int(self.epoch()) - self.started_at)),
                "config_path": self.config_path,
                "config_hash": revision,
                "config_reload_count": self.reload_count,
            }
            if self.last_reload_epoch:
                data["last_config_reload_epoch_secs"] = self.last_reload_epoch
            return data

    def quota_json(self, disk):
        with self.lock:
            entries = []
            for user in sorted(disk["users"]):
                quota = disk["quota"].get(user)
                if not quota:
                    continue
                entries.append({"username": user, "data_quota_bytes": quota,
                                "used_bytes": self.quota_used.get(user, 0), "last_reset_epoch_secs": 0})
            return {"users": entries}

    def next_request_id(self):
        with self.lock:
            self.request_id += 1
            return self.request_id


def compact(value):
    return json.dumps(value, separators=(",", ":")).encode()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class BaseHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    standin = None  # set on the subclass

    def log_message(self, *args):
        pass

    def send_body(self, status, body, kind="application/json; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""


class MetricsHandler(BaseHandler):
    def do_GET(self):
        if self.path.split("?")[0] == "/metrics":
            self.send_body(200, self.standin.metrics(), "text/plain; version=0.0.4; charset=utf-8")
        else:
            self.send_body(404, b"Not Found", "text/plain")


# Routes telemt refuses with read_only = true (and that the stand-in does not implement otherwise).
MUTATING = re.compile(
    r"^(POST /v1/users|POST /v1/system/reload|PATCH /v1/config"
    r"|POST /v1/users/[^/]+/(enable|disable|reset-quota|rotate-secret)|(PATCH|DELETE) /v1/users/[^/]+)$"
)
GET_ROUTES = {"/v1/health", "/v1/system/info", "/v1/users", "/v1/stats/users", "/v1/stats/users/quota"}


class APIHandler(BaseHandler):
    def error(self, request_id, status, code, message, headers=()):
        body = {"ok": False, "error": {"code": code, "message": message}, "request_id": request_id}
        self.send_body(status, compact(body), headers=headers)

    def success(self, data, revision, status=200):
        self.send_body(status, compact({"ok": True, "data": data, "revision": revision}))

    def handle_any(self):
        s = self.standin
        self.read_body()
        request_id = s.next_request_id()
        settings = s.api_settings
        if not settings["enabled"]:
            return self.error(request_id, 503, "api_disabled", "API is disabled")
        peer = ipaddress.ip_address(self.client_address[0])
        nets = []
        for net in settings["whitelist"]:
            try:
                nets.append(ipaddress.ip_network(str(net), strict=False))
            except ValueError:
                pass
        if nets and not any(peer in net for net in nets):
            return self.error(request_id, 403, "forbidden", "Source IP is not allowed")
        expected = settings["auth_header"]
        if expected:
            actual = self.headers.get("Authorization")
            if actual is None or not hmac.compare_digest(actual.encode(), str(expected).encode()):
                return self.error(request_id, 401, "unauthorized", "Missing or invalid Authorization header")
        path = self.path.split("?")[0]
        if len(path) > 1:
            path = path.rstrip("/")
        route = f"{self.command} {path}"
        if MUTATING.match(route):
            if settings["read_only"]:
                return self.error(request_id, 403, "read_only", "API runs in read-only mode")
            return self.error(request_id, 501, "not_implemented", "telemt-standin does not implement mutating routes")
        if self.command != "GET":
            if path in GET_ROUTES or path.startswith("/v1/users/"):
                allow = "GET, POST" if path == "/v1/users" else ("GET, PATCH, DELETE" if path.startswith("/v1/users/") else "GET")
                return self.error(request_id, 405, "method_not_allowed", "Unsupported HTTP method for this route", [("Allow", allow)])
            return self.error(request_id, 404, "not_found", "Route not found")
        try:
            data, revision = s.read_file()
        except OSError as error:
            return self.error(request_id, 500, "internal_error", f"failed to read config: {error}")
        if path == "/v1/health":
            return self.success({"status": "ok", "read_only": bool(settings["read_only"])}, revision)
        if path == "/v1/system/info":
            return self.success(s.system_info(revision), revision)
        if path in ("/v1/users", "/v1/stats/users", "/v1/stats/users/quota") or path.startswith("/v1/users/"):
            try:  # telemt reads the file on disk with load() alone, without validate()
                disk = load_config(data, validate=False)
            except Refused as error:
                return self.error(request_id, 500, "internal_error", f"failed to load config: {error}")
            if path == "/v1/stats/users/quota":
                return self.success(s.quota_json(disk), revision)
            users = s.users_json(disk)
            if path.startswith("/v1/users/"):
                name = path[len("/v1/users/"):]
                if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", name):
                    return self.error(request_id, 400, "bad_request", "username must match [A-Za-z0-9_.-] and be 1..64 chars")
                match = [u for u in users if u["username"] == name]
                if not match:
                    return self.error(request_id, 404, "not_found", "User not found")
                return self.success(match[0], revision)
            return self.success(users, revision)
        return self.error(request_id, 404, "not_found", "Route not found")

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = handle_any


class ControlHandler(BaseHandler):
    def reply(self, status, value):
        self.send_body(status, compact(value))

    def do_GET(self):
        if self.path == "/state":
            return self.reply(200, self.standin.state())
        self.reply(404, {"error": "unknown control route"})

    def do_POST(self):
        s = self.standin
        try:
            raw = self.read_body()
            body = json.loads(raw) if raw.strip() else {}
        except ValueError:
            return self.reply(400, {"error": "invalid JSON"})
        try:
            handler = {
                "/traffic": self.traffic, "/connect": self.connect, "/disconnect": self.disconnect,
                "/advance": self.advance, "/restart": self.restart, "/reset-stats": self.reset_stats,
                "/sighup": self.sighup,
            }.get(self.path)
            if handler is None:
                return self.reply(404, {"error": "unknown control route"})
            with s.lock:
                handler(body)
        except (KeyError, TypeError, ValueError) as error:
            self.reply(400, {"error": f"bad request: {error!r}"})

    def traffic(self, body):
        if isinstance(body, list):
            items = body
        elif "users" in body:
            items = [{"user": u, "from": body.get("from", 0), "to": body.get("to", 0)} for u in body["users"]]
        else:
            items = [body]
        accepted, refused = 0, []
        for item in items:
            octets_from, octets_to = int(item.get("from", 0)), int(item.get("to", 0))
            if octets_from < 0 or octets_to < 0:
                raise ValueError("negative byte count")
            reason = self.standin.traffic(str(item["user"]), octets_from, octets_to)
            if reason is None:
                accepted += 1
            else:
                refused.append({"user": item["user"], "reason": reason})
        self.reply(409 if refused else 200, {"accepted": accepted, "refused": refused})

    def connect(self, body):
        sid, reason = self.standin.connect(str(body["user"]), str(body.get("ip", "127.0.0.1")))
        if reason is not None:
            return self.reply(409, {"refused": reason})
        self.reply(200, {"id": sid})

    def disconnect(self, body):
        s = self.standin
        if "id" in body:
            ids = [int(body["id"])] if int(body["id"]) in s.sessions else []
        else:
            ids = [sid for sid, (u, ip) in s.sessions.items()
                   if u == body["user"] and ("ip" not in body or ip == body["ip"])][:1]
        for sid in ids:
            s.close_session(sid)
        self.reply(200 if ids else 404, {"closed": len(ids)})

    def advance(self, body):
        seconds = float(body["seconds"])
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self.standin.offset += seconds
        self.reply(200, {"clock_offset_seconds": self.standin.offset})

    def restart(self, _body):
        try:
            self.standin.restart()
        except (Refused, OSError) as error:
            self.standin.record("refused", None, f"restart: {error}")
            return self.reply(409, {"error": f"telemt would not start: {error}"})
        self.reply(200, {"process_started_at_epoch_secs": self.standin.started_at})

    def reset_stats(self, _body):
        try:
            self.standin.reset_stats()
        except (Refused, OSError) as error:
            return self.reply(409, {"error": f"failed to load config: {error}"})
        self.reply(200, {"config_reload_count": self.standin.reload_count})

    def sighup(self, _body):
        result = self.standin.poll(force=True)
        self.reply(200, {"result": result})


def serve(handler_class, standin, port):
    handler = type(handler_class.__name__, (handler_class,), {"standin": standin})
    server = Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def watchdog(parent, deadline):
    while True:
        if os.getppid() != parent or time.monotonic() > deadline:
            log("parent gone or lifetime over; exiting")
            os._exit(0)
        time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(description="A stand-in for telemt 3.4.25, for tests only.")
    parser.add_argument("--config", required=True, help="telemt's config.toml")
    parser.add_argument("--state-dir", required=True, help="where ports.json and reloads.log go")
    parser.add_argument("--metrics-port", type=int, default=0)
    parser.add_argument("--api-port", type=int, default=0)
    parser.add_argument("--control-port", type=int, default=0)
    parser.add_argument("--poll", type=float, default=1.0, help="seconds between looks at the config file")
    parser.add_argument("--max-lifetime", type=float, default=600, help="exit after this many seconds")
    args = parser.parse_args()

    os.makedirs(args.state_dir, exist_ok=True)
    parent = os.getppid()
    threading.Thread(target=watchdog, args=(parent, time.monotonic() + args.max_lifetime), daemon=True).start()
    try:
        standin = StandIn(args.config, args.state_dir)
    except (Refused, OSError) as error:
        log(f"config refused at start: {error}")
        try:
            with open(os.path.join(args.state_dir, "reloads.log"), "a") as f:
                f.write(json.dumps({"time": round(time.time(), 3), "result": "refused", "hash": None,
                                    "reason": f"initial load: {error}"}) + "\n")
        except OSError:
            pass
        sys.exit(2)
    ports = {
        "metrics": serve(MetricsHandler, standin, args.metrics_port),
        "api": serve(APIHandler, standin, args.api_port),
        "control": serve(ControlHandler, standin, args.control_port),
        "pid": os.getpid(),
    }
    temporary = os.path.join(args.state_dir, "ports.json.tmp")
    with open(temporary, "w") as f:
        json.dump(ports, f)
    os.rename(temporary, os.path.join(args.state_dir, "ports.json"))
    log(f"listening: {ports}")
    while True:
        time.sleep(args.poll)
        try:
            standin.poll()
        except Exception as error:  # the watcher must survive anything a bad file does
            log(f"poll failed: {error!r}")


if __name__ == "__main__":
    main()
