import Foundation
public import PostgresNIO

/// How to reach the shared PostgreSQL store: `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…&sslrootcert=FILE]`
/// and a password read from a file or the environment.
///
/// The password is never part of the URL or of any text this type prints: a URL holding one is
/// refused (with the password replaced by `***` in the message), and ``description`` leaves it out.
public struct PostgresSettings: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// The server's port (5432 by default).
    public var port: Int
    /// The role to log in as.
    public var user: String
    /// The database.
    public var database: String
    /// Whether and how TLS is used (`sslmode`; `prefer` by default, as in libpq).
    public var tlsMode: PostgresTLSMode
    /// A PEM file of trusted roots for the server's certificate (`sslrootcert`).
    public var rootCertificate: String?
    /// The password, if any. Kept out of ``description``.
    var password: String?

    /// Parses `url` and reads the password from `password`.
    public init(url: String, password: PostgresPasswordSource) throws(PostgresSettingsError) {
        let redacted = Self.redacted(url)
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
              let host = parts.host, !host.isEmpty, let user = parts.user, !user.isEmpty
        else { throw PostgresSettingsError(code: .url, message: "\(redacted) is not a postgres://USER@HOST/DATABASE URL") }
        guard parts.password == nil else {
            throw PostgresSettingsError(code: .password, message: "\(redacted) holds a password")
        }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresSettingsError(code: .url, message: "\(redacted) names no database (…/DATABASE)")
        }
        self.host = host
        self.port = parts.port ?? 5432
        self.user = parts.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? user
        self.database = database.removingPercentEncoding ?? database
        (tlsMode, rootCertificate) = try Self.tls(parts.queryItems ?? [], url: redacted)
        self.password = try password.read()
    }

    /// `postgres://user@host:port/database?sslmode=…`: never the password.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tlsMode.rawValue)"
    }

    /// The PostgresNIO client configuration for these settings.
    public func clientConfiguration() throws(PostgresSettingsError) -> PostgresClient.Configuration {
        PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: try tls())
    }

    /// The configuration of one connection (the store's first, which checks the settings).
    func connectionConfiguration() throws(PostgresSettingsError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration()))
            case .require, .verifyCA, .verifyFull: .require(try NIOSSLContext(configuration: tlsConfiguration()))
            }
        } catch let error as PostgresSettingsError {
            throw error
        } catch {
            throw PostgresSettingsError(code: .tls, message: "cannot set TLS up: \(error)")
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    private func tls() throws(PostgresSettingsError) -> PostgresClient.Configuration.TLS {
        let configuration = try tlsConfiguration()
        return switch tlsMode {
        case .disable: .disable
        case .prefer: .prefer(configuration)
        case .require, .verifyCA, .verifyFull: .require(configuration)
        }
    }

    private func tlsConfiguration() throws(PostgresSettingsError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        let verified = tlsMode == .verifyCA || tlsMode == .verifyFull || (tlsMode == .require && rootCertificate != nil)
        configuration.certificateVerification = !verified ? .none : tlsMode == .verifyFull ? .fullVerification : .noHostnameVerification
        if let rootCertificate {
            guard FileManager.default.isReadableFile(atPath: rootCertificate) else {
                throw PostgresSettingsError(code: .tls, message: "cannot read the root certificate \(rootCertificate)")
            }
            configuration.trustRoots = .file(rootCertificate)
        }
        return configuration
    }

    private static func tls(_ items: [URLQueryItem], url: String) throws(PostgresSettingsError) -> (PostgresTLSMode, String?) {
        var mode = PostgresTLSMode.prefer
        var root: String?
        for item in items {
            switch item.name {
            case "sslmode":
                guard let value = item.value.flatMap(PostgresTLSMode.init(rawValue:)) else {
                    throw PostgresSettingsError(code: .tls, message: "\(url): unknown sslmode \(item.value ?? "")")
                }
                mode = value
            case "sslrootcert":
                root = item.value
            default:
                throw PostgresSettingsError(code: .url, message: "\(url): unknown parameter \(item.name) (sslmode and sslrootcert are read)")
            }
        }
        return (mode, root)
    }

    /// `url` with anything between `user:` and `@` replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
