import Spec
import TelemtRender

extension TelemtConfigImport {
    /// `proxy:` of users.yaml: how clients reach this telemt.
    struct Proxy: Equatable {
        var host: String
        var port: Int
        var tlsDomain: String?
    }

    /// The host and port from the options, else from telemt's own settings (`[general.links]
    /// public_host`/`public_port`, `[server] port`, telemt's default 443); the FakeTLS domain from
    /// `[censorship] tls_domain`.
    func proxy(_ document: TOMLDocument) throws(TelemtImportError) -> Proxy {
        var problems: [TelemtImportError.Problem] = []
        func setting<T>(_ path: [String], _ what: String, _ read: (TOMLValue) -> T?) -> T? {
            guard let value = document[path] else { return nil }
            if let result = read(value) { return result }
            problems.append(problem(at: document.location(of: path), "\(path.joined(separator: ".")) must be \(what) (telemt would refuse it too)"))
            return nil
        }
        let publicHost = setting(["general", "links", "public_host"], "a string") { $0.stringValue }
        let publicPort = setting(["general", "links", "public_port"], "a port, 1 to 65535") { Self.port($0) }
        let serverPort = setting(["server", "port"], "a port, 1 to 65535") { Self.port($0) }
        let tlsDomain = setting(["censorship", "tls_domain"], "a string") { $0.stringValue }
        guard problems.isEmpty else { throw TelemtImportError(problems) }
        guard let host = host ?? publicHost else {
            throw TelemtImportError([problem(at: nil, "[general.links] public_host is not set, so the host clients connect to is not known: "
                + "pass --host with the DNS name or IP address in the users' links")])
        }
        return Proxy(host: host, port: port ?? publicPort ?? serverPort ?? 443, tlsDomain: tlsDomain)
    }

    private static func port(_ value: TOMLValue) -> Int? {
        value.integerValue.flatMap { (1...65_535).contains($0) ? Int($0) : nil }
    }
}
