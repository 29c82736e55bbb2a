import CGit2
import Foundation

/// The C callbacks handed to libgit2; each forwards to the ``RemoteCallbackContext`` in the payload.
enum RemoteCallbacks {
    private static func context(_ payload: UnsafeMutableRawPointer?) -> RemoteCallbackContext? {
        payload.map { Unmanaged<RemoteCallbackContext>.fromOpaque($0).takeUnretainedValue() }
    }

    static let credentials: git_credential_acquire_cb = { out, url, username, allowed, payload in
        guard let out, let context = context(payload) else { return -1 }
        return context.credential(out, requestedURL: url.map { String(cString: $0) },
                                  usernameFromURL: username.map { String(cString: $0) }, allowed: allowed)
    }

    static let certificateCheck: git_transport_certificate_check_cb = { cert, valid, host, payload in
        guard let cert, let context = context(payload) else { return -1 }
        return context.checkCertificate(cert, valid: valid != 0, host: host.map { String(cString: $0) } ?? "")
    }

    static let transferProgress: git_indexer_progress_cb = { stats, payload in
        guard let stats, let context = context(payload) else { return 0 }
        if Int(stats.pointee.received_bytes) > context.maxFetchBytes {
            context.record(.fetchTooLarge(remote: context.remote.redacted, limitBytes: context.maxFetchBytes))
            return -1
        }
        return 0
    }

    static let pushUpdateReference: git_push_update_reference_cb = { refname, status, payload in
        guard let context = context(payload), let status else { return 0 }
        let name = refname.map { String(cString: $0) } ?? ""
        context.pushRejections[name] = String(cString: status)
        return 0
    }
}
