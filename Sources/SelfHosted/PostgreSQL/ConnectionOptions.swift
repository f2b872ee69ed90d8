import CLibPQ

/// A connection string as libpq itself reads it (`PQconninfoParse`): the same parser that connects, so
/// what we show and what we mask cannot disagree with what libpq uses.
struct ConnectionOptions {
    struct Option {
        var keyword: String
        var value: String
        /// libpq marks secret-bearing options (`password`, `sslpassword`, …) with the display character
        /// `*`: "hide the value".
        var isSecret: Bool
    }

    /// The options the string sets, in libpq's own keyword order.
    var options: [Option]

    /// Why libpq could not parse a string; its message may quote the string, so it is masked.
    struct ParseFailure: Error {
        var reason: String
    }

    /// Parses a URL (`postgresql://…`) or a keyword/value string (`host=… dbname=…`).
    static func parse(_ string: String) -> Result<ConnectionOptions, ParseFailure> {
        guard !string.utf8.contains(0) else { return .failure(ParseFailure(reason: "it contains a NUL character")) }
        var failure: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(string, &failure) else {
            let reason =
                failure.map { SecretMasking.maskingQuoted(PostgresConnection.trimmed($0)) } ?? "it is malformed"
            if let failure { PQfreemem(failure) }
            return .failure(ParseFailure(reason: reason))
        }
        defer { PQconninfoFree(parsed) }
        var options: [Option] = []
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                let dispchar = option.pointee.dispchar.map { String(cString: $0) } ?? ""
                options.append(
                    Option(keyword: String(cString: keyword), value: String(cString: value), isSecret: dispchar == "*"))
            }
            option += 1
        }
        return .success(ConnectionOptions(options: options))
    }

    /// Whether libpq reads `string` as a connection string rather than a bare database name (its
    /// `recognized_connection_string`: a URI prefix, or an `=` anywhere).
    static func isConnectionString(_ string: String) -> Bool {
        isURL(string) || string.contains("=")
    }

    static func isURL(_ string: String) -> Bool {
        string.hasPrefix("postgresql://") || string.hasPrefix("postgres://")
    }

    static let mask = "***"

    /// The shown form: `keyword=value` pairs in libpq's order, each secret value `***`, a value quoted
    /// as libpq reads it when it holds spaces, quotes or backslashes. A `dbname` that is itself a
    /// connection string (libpq expands it when connecting) is shown in its own shown form.
    var shown: String {
        options.map { option in
            let value: String
            if option.isSecret {
                value = Self.mask
            } else if option.keyword == "dbname", Self.isConnectionString(option.value) {
                value = Self.quoted(Self.shown(option.value))
            } else {
                value = Self.quoted(option.value)
            }
            return "\(option.keyword)=\(value)"
        }.joined(separator: " ")
    }

    /// The secret values libpq parsed (decoded).
    var secrets: [String] { options.filter(\.isSecret).map(\.value) }

    /// How any string is shown: a bare database name as it is; a connection string from libpq's parse;
    /// one libpq cannot parse never raw: a URL keeps only its scheme, anything else is replaced.
    static func shown(_ string: String) -> String {
        guard isConnectionString(string) else { return string }
        switch parse(string) {
        case .success(let options): return options.shown
        case .failure:
            if isURL(string) { return string.prefix(while: { $0 != ":" }) + "://\(mask) (a URL libpq cannot parse)" }
            return "(a connection string libpq cannot parse)"
        }
    }

    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "'" || $0 == "\\" || $0.isWhitespace })
        else { return value }
        var result = "'"
        for character in value {
            if character == "'" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "'"
    }
}
