/// Which template settings telemt applies only at restart (telemt 3.4.25,
/// `docs/Config_params/CONFIG_PARAMS.en.md`, column "Hot-Reload" = ✘). Everything else, and the
/// managed `[access.*]` tables, is hot-reloaded.
enum TemplateRestartKeys {
    /// Whole sections of restart-only settings (key path prefixes).
    static let sections: [[String]] = [
        ["server"], ["censorship"], ["timeouts"], ["upstreams"], ["logging"], ["general", "modes"], ["general", "links"],
    ]

    /// Restart-only keys of sections that are otherwise hot-reloadable, by section.
    static let keys: [[String]: Set<String>] = [
        []: ["show_link", "logging", "dc_overrides", "default_dc", "beobachten", "beobachten_minutes",
             "beobachten_flush_secs", "beobachten_file"],
        ["network"]: ["ipv4", "ipv6", "prefer", "multipath", "stun_use", "stun_servers", "stun_tcp_fallback",
                      "http_ip_detect_urls", "cache_public_ip_path"],
        ["access"]: ["user_source_deny", "replay_check_len", "replay_window_secs", "ignore_time_skew"],
        ["general"]: [
            "data_path", "quota_state_path", "config_strict", "prefer_ipv6", "fast_mode", "use_middle_proxy",
            "proxy_secret_path", "proxy_secret_url", "proxy_config_v4_cache_path", "proxy_config_v4_url",
            "proxy_config_v6_cache_path", "proxy_config_v6_url", "middle_proxy_nat_ip", "middle_proxy_nat_probe",
            "middle_proxy_nat_stun", "middle_proxy_nat_stun_servers", "stun_nat_probe_concurrency",
            "middle_proxy_pool_size", "middle_proxy_warm_standby", "me_init_retry_attempts", "me2dc_fallback",
            "me2dc_fast", "me_keepalive_enabled", "me_keepalive_interval_secs", "me_keepalive_jitter_secs",
            "me_keepalive_payload_random", "rpc_proxy_req_every", "me_writer_cmd_channel_capacity",
            "me_route_channel_capacity", "me_c2me_channel_capacity", "me_c2me_send_timeout_ms",
            "crypto_pending_buffer", "max_client_frame", "beobachten", "beobachten_minutes", "beobachten_flush_secs",
            "beobachten_file", "me_warmup_stagger_enabled", "me_warmup_step_delay_ms", "me_warmup_step_jitter_ms",
            "me_reconnect_max_concurrent_per_dc", "me_reconnect_backoff_base_ms", "me_reconnect_backoff_cap_ms",
            "me_reconnect_fast_retry_count", "upstream_connect_retry_attempts", "upstream_connect_retry_backoff_ms",
            "upstream_connect_budget_ms", "tg_connect", "upstream_unhealthy_fail_threshold",
            "upstream_connect_failfast_hard_errors", "stun_iface_mismatch_ignore", "unknown_dc_log_path",
            "unknown_dc_file_log_enabled", "disable_colors", "me_route_no_writer_mode", "me_route_no_writer_wait_ms",
            "me_route_hybrid_max_wait_ms", "me_route_blocking_send_timeout_ms", "me_route_inline_recovery_attempts",
            "me_route_inline_recovery_wait_ms", "fast_mode_min_tls_record", "me_pool_drain_soft_evict_enabled",
            "me_pool_drain_soft_evict_grace_secs", "me_pool_drain_soft_evict_per_writer",
            "me_pool_drain_soft_evict_budget_per_core", "me_pool_drain_soft_evict_cooldown_ms",
            "me_reinit_trigger_channel", "ntp_check", "ntp_servers", "auto_degradation_enabled",
            "degradation_min_unavailable_dc_groups", "rst_on_close",
        ],
    ]

    static func isRestartOnly(_ path: [String]) -> Bool {
        if sections.contains(where: { path.starts(with: $0) }) { return true }
        guard let key = path.last else { return false }
        return keys[Array(path.dropLast())]?.contains(key) ?? false
    }
}

extension TemplateValidator {
    /// The settings (dotted key paths, sorted) that differ between two templates and that telemt
    /// applies only when restarted: report "telemt restart needed" after writing such a change.
    /// Managed `[access.*]` tables are ignored (they are hot-reloaded).
    public static func restartRequiredChanges(from old: TOMLDocument, to new: TOMLDocument) -> [String] {
        var oldLeaves: [[String]: TOMLValue] = [:]
        var newLeaves: [[String]: TOMLValue] = [:]
        flatten(old.root, into: &oldLeaves, prefix: [])
        flatten(new.root, into: &newLeaves, prefix: [])
        let managed = Set(ManagedTables.Table.allCases.map(\.path))
        let changed = Set(oldLeaves.keys).union(newLeaves.keys).filter { path in
            oldLeaves[path] != newLeaves[path] && !managed.contains(Array(path.prefix(2)))
                && TemplateRestartKeys.isRestartOnly(path)
        }
        return changed.map { $0.map(TOMLEncoding.key).joined(separator: ".") }.sorted()
    }

    private static func flatten(_ table: TOMLTable, into leaves: inout [[String]: TOMLValue], prefix: [String]) {
        for (key, value) in table.entries {
            if let nested = value.tableValue {
                flatten(nested, into: &leaves, prefix: prefix + [key])
            } else {
                leaves[prefix + [key]] = value
            }
        }
    }
}
