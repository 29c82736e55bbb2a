"""Baseline for the render benchmark: a straightforward Python renderer.

PyYAML's C loader reads users.yaml, defaults are merged, secrets are derived with HMAC-SHA256,
the managed [access.*] tables are set on the template parsed by tomllib and written by tomli_w.
"""
import datetime
import hashlib
import hmac
import sys
import tomllib

import tomli_w
import yaml


def main(spec_path, template_path, key_path, out_path):
    with open(spec_path, "rb") as f:
        spec = yaml.load(f, Loader=yaml.CLoader)
    with open(template_path, "rb") as f:
        config = tomllib.load(f)
    key = bytes.fromhex(open(key_path).read().strip())
    defaults = spec.get("defaults") or {}
    access = config.setdefault("access", {})
    tables = {name: {} for name in ("users", "user_enabled", "user_max_tcp_conns",
                                     "user_max_unique_ips", "user_expirations")}
    for name, fields in sorted(spec["users"].items()):
        user = dict(defaults)
        user.update(fields or {})
        message = f"telemt-gitops/v1/{name}/{user.get('rotate', 0)}".encode()
        tables["users"][name] = user.get("secret") or hmac.new(key, message, hashlib.sha256).hexdigest()[:32]
        tables["user_enabled"][name] = not user.get("disabled", False)
        if "max_connections" in user:
            tables["user_max_tcp_conns"][name] = user["max_connections"]
        if "max_unique_ips" in user:
            tables["user_max_unique_ips"][name] = user["max_unique_ips"]
        expire = user.get("expire")
        if isinstance(expire, datetime.date) and not isinstance(expire, datetime.datetime):
            expire = datetime.datetime.combine(expire, datetime.time(23, 59, 59), datetime.timezone.utc)
        if isinstance(expire, datetime.datetime):
            tables["user_expirations"][name] = expire.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    access.update(tables)
    with open(out_path, "wb") as f:
        tomli_w.dump(config, f)


if __name__ == "__main__":
    main(*sys.argv[1:5])
