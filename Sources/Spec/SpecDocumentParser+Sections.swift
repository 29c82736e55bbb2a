/// The mappings of users.yaml: the top level, `proxy:`, `defaults:`, `users:` and each user.
extension SpecDocumentParser {
    /// How a section's value began.
    enum SectionStart {
        /// A mapping follows: read its keys.
        case mapping
        /// An empty value (`defaults:`): the section has no keys.
        case empty
        /// Something else, already reported and skipped.
        case invalid
    }

    mutating func parseRoot(at rootLocation: SourceLocation) throws(SyntaxError) {
        var seen = SeenKeys(file: document.file)
        while let (key, here) = try nextKey(&seen) {
            guard let field = RootField(rawValue: key) else {
                reportUnknownKey(key, at: here, among: RootField.allCases.map(\.rawValue), in: "the top level")
                try skipValue()
                continue
            }
            switch field {
            case .version: try parseVersion()
            case .proxy: try parseProxy(at: here)
            case .timezone:
                if let value = try fieldValue(field.definition)?.value.text {
                    document.timeZone = ParsedDocument.Located(value: value, location: here)
                }
            case .defaults:
                document.defaults = try parseUser(named: "defaults", at: here, as: .defaults)
            case .users: try parseUsers(field.definition)
            case .nodes: try parseNodes(at: here)
            case .plans: try parsePlans(at: here)
            }
        }
        if seen.location(of: RootField.version.rawValue) == nil {
            log.error(at: rootLocation, "the file has no `version`", hint: "add `version: 1` as the first line")
        }
    }

    private mutating func parseVersion() throws(SyntaxError) {
        let field = RootField.version.definition
        guard let (scalar, here) = try scalarValue(for: field) else { return }
        if case .integer(let value) = scalar.coreType, value != 1 {
            log.error(at: here, "unsupported spec version `\(scalar.text.clipped)`",
                      hint: "this telemt-gitops reads `version: 1`")
            return
        }
        do {
            document.version = try field.kind.convert(scalar).integer
        } catch {
            log.error(at: here, "`version`: \(error.message)", hint: "write `version: 1`")
        }
    }

    private mutating func parseProxy(at keyLocation: SourceLocation) throws(SyntaxError) {
        var proxy = ParsedDocument.Proxy(location: keyLocation)
        var seen = SeenKeys(file: document.file)
        let start = try sectionStart(RootField.proxy.definition)
        if start == .mapping {
            while let (key, here) = try nextKey(&seen) {
                guard let field = ProxyField(rawValue: key) else {
                    reportUnknownKey(key, at: here, among: ProxyField.allCases.map(\.rawValue), in: "`proxy`")
                    try skipValue()
                    continue
                }
                let value = try fieldValue(field.definition)?.value
                switch field {
                case .host: proxy.host = value?.text
                case .port: proxy.port = value?.integer
                case .tlsDomain: proxy.tlsDomain = value?.text
                }
            }
        }
        if start != .invalid, seen.location(of: ProxyField.host.rawValue) == nil {
            log.error(at: keyLocation, "`proxy` has no `host`", hint: "add `host: proxy.example.com` under `proxy:`")
        }
        document.proxy = proxy
    }

    private mutating func parseUsers(_ field: SpecField) throws(SyntaxError) {
        guard try sectionStart(field) == .mapping else { return }
        // Rarely less than 32 bytes per user (`  name:` and one field): size the name table and the list of
        // users once instead of growing them (growing copies every user so far, and faults in new pages).
        let expectedUsers = input.count / 32
        var seen = SeenKeys(file: document.file, capacityHint: expectedUsers)
        document.users.reserveCapacity(expectedUsers)
        while let (name, here) = try nextKey(&seen) {
            let valid = Self.isValidName(name)
            if !valid {
                log.error(at: here, "invalid user name `\(name.clipped)`",
                          hint: "use 1 to 64 letters, digits, `_`, `.` or `-` (telemt prints names unescaped)")
            }
            let user = try parseUser(named: name, at: here, as: .user)
            if valid, let user { document.users.append(user) }
        }
    }

    /// What a mapping of user fields is: a user, `defaults:` or a plan of `plans:`.
    enum UserMapping {
        case user, defaults, plan

        /// How messages name the mapping.
        func place(_ name: String) -> String {
            switch self {
            case .user: "user `\(name.clipped)`"
            case .defaults: "`defaults`"
            case .plan: "plan `\(name.clipped)`"
            }
        }

        /// The keys the mapping takes, for "did you mean".
        var keys: [String] {
            self == .plan ? PlanField.allCases.map(\.rawValue) : UserField.allCases.map(\.rawValue)
        }
    }

    /// Reads one user's value (or `defaults:`, or a plan's): a mapping of fields, or an empty value for a
    /// user with defaults only.
    mutating func parseUser(
        named name: String, at here: SourceLocation, as mapping: UserMapping
    ) throws(SyntaxError) -> PartialUser? {
        var user = PartialUser(name: name, location: here)
        let misplaced = mapping != .user || UserField(key: name) == nil ? nil : document.users.last?.name ?? ""
        let start = try sectionStart(mapping == .defaults ? RootField.defaults.definition
            : SpecField(key: name.clipped, kind: .section(mapping == .plan ? .plan : .user), summary: "",
                        example: "{ data_limit: 50 GiB }"),
            misplacedFieldAfter: misplaced)
        switch start {
        case .invalid: return nil
        case .empty: return user
        case .mapping: break
        }
        var marks = UserFieldMarks(file: document.file)
        var unknown = SeenKeys(file: document.file)
        while let (key, keyLocation) = try nextUserKey(&marks, unknown: &unknown) {
            switch key {
            case .field(let field):
                try parseUserField(field, at: keyLocation, into: &user, as: mapping)
            case .unknown(let key):
                reportUnknownKey(key, at: keyLocation, among: mapping.keys, in: mapping.place(user.name))
                try skipValue()
            }
        }
        reportPinnedWithReplicas(marks, user)
        if let expire = marks.location(of: .expire), let onHold = marks.location(of: .onHold) {
            let later = expire.line > onHold.line || (expire.line == onHold.line && expire.column > onHold.column)
            log.error(at: later ? expire : onHold, "`expire` and `on_hold` cannot both be set",
                      hint: "keep one: on_hold starts the clock at the first connection, expire is a fixed end")
        }
        return user
    }

    /// A key of a user mapping: one of the fields, or an unknown key to report.
    enum UserKey {
        case field(UserField)
        case unknown(String)
    }

    /// The next key of a user mapping. Fields are told apart and checked for duplicates without a dictionary;
    /// other keys go through `unknown` (duplicates and merge keys are reported there).
    private mutating func nextUserKey(
        _ marks: inout UserFieldMarks, unknown: inout SeenKeys
    ) throws(SyntaxError) -> (key: UserKey, location: SourceLocation)? {
        try nextKey { parser, key, here in
            guard let field = UserField(key: key) else {
                return parser.admit(key, at: here, into: &unknown) ? .unknown(key) : nil
            }
            if let first = marks.insert(field, at: here) {
                parser.reportDuplicate(key, at: here, first: first)
                return nil
            }
            return .field(field)
        }
    }

    private mutating func parseUserField(
        _ field: UserField, at here: SourceLocation, into user: inout PartialUser, as mapping: UserMapping
    ) throws(SyntaxError) {
        if mapping == .defaults, field == .secret {
            log.error(at: here, "`secret` cannot be a default", hint: "every user needs their own secret; remove it")
            try skipValue()
            return
        }
        if mapping == .plan, PlanField(field) == nil {
            reportNotInPlan(field, at: here)
            try skipValue()
            return
        }
        if field == .nodes {
            user.nodes = try nodeSelection()
            return
        }
        guard let value = try fieldValue(field.cachedDefinition) else { return }
        user.set(field, to: value.value, at: value.location)
        if field == .secret {
            user.secretLocation = value.location
            log.warning(at: value.location, "explicit secret: for migrations only; remove it to use the derived secret")
        }
    }

    /// Reads the start of a section's value: a mapping, an empty value, or something else (reported, skipped).
    /// `misplacedFieldAfter` is set when the key is a user field read as a user name (the user before it, or
    /// empty): a value that is not a mapping is then explained as indentation.
    mutating func sectionStart(
        _ field: @autoclosure () -> SpecField, misplacedFieldAfter previous: String? = nil
    ) throws(SyntaxError) -> SectionStart {
        let event = try reader.next()
        switch event.kind {
        case .mappingStart:
            _ = checkTag(event, allowed: Self.mappingTags)
            return .mapping
        case .scalar(let scalar) where scalar.coreType == .null && event.tag == nil:
            return .empty
        case .alias(let name):
            reportAlias(name, at: location(of: event))
        default:
            let field = field()
            if let previous {
                let under = previous.isEmpty ? "its user" : "`\(previous.clipped):`"
                log.error(at: location(of: event), "`\(field.key)` is a user field but its indentation makes it a user name",
                          hint: "indent it further than the user's name, under \(under)")
            } else {
                log.error(at: location(of: event), "`\(field.key)`: expected a mapping, found \(event.nodeDescription)",
                          hint: "write it like `\(field.key): \(field.example)`")
            }
            try skip(event)
        }
        return .invalid
    }

    mutating func reportUnknownKey(_ key: String, at here: SourceLocation, among keys: [String], in place: String) {
        log.error(at: here, "unknown key `\(key.clipped)` in \(place)",
                  hint: Suggestion.closest(to: key, among: keys).map { "did you mean `\($0)`?" }
                      ?? "known keys: \(keys.joined(separator: ", "))")
    }

    /// `[A-Za-z0-9_.-]{1,64}`.
    static func isValidName(_ name: String) -> Bool {
        let bytes = name.utf8
        return (1...64).contains(bytes.count) && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }
}
