/// Finds the passwords in a connection string the way libpq reads it, so that the string can be shown
/// without them. It only redacts; libpq itself parses the string for connecting.
enum ConnectionStringScanner {
    struct Result {
        var redacted: String
        /// Passwords as written in the string and percent-decoded.
        var passwords: [String]
    }

    static let mask = "***"

    /// libpq keywords whose values are secrets: the login password and the client key's passphrase.
    static let secretKeywords: Set<String> = ["password", "sslpassword"]

    static func scan(_ string: String) -> Result {
        if isURL(string) { return scanURL(string) }
        if string.contains("=") { return scanConninfo(string) }
        return Result(redacted: string, passwords: [])
    }

    static func isURL(_ string: String) -> Bool {
        string.hasPrefix("postgresql://") || string.hasPrefix("postgres://")
    }

    // libpq: `scheme://[user[:password]@]hosts[/dbname][?key=value&…]`; the userinfo ends at the first
    // `@` met before any `/`.
    private static func scanURL(_ string: String) -> Result {
        let chars = Array(string)
        var index = string.hasPrefix("postgresql://") ? 13 : 11
        var output = String(chars[0..<index])
        var passwords: [String] = []

        var probe = index
        while probe < chars.count, chars[probe] != "@", chars[probe] != "/" { probe += 1 }
        if probe < chars.count, chars[probe] == "@" {
            let userinfo = String(chars[index..<probe])
            if let colon = userinfo.firstIndex(of: ":") {
                let password = String(userinfo[userinfo.index(after: colon)...])
                passwords.append(password)
                passwords.append(percentDecoded(password))
                output += userinfo[..<colon] + ":" + mask + "@"
            } else {
                output += userinfo + "@"
            }
            index = probe + 1
        }

        guard let question = chars[index...].firstIndex(of: "?") else {
            output += String(chars[index...])
            return Result(redacted: output, passwords: passwords)
        }
        output += String(chars[index...question])
        let query = String(chars[(question + 1)...])
        let parameters = query.split(separator: "&", omittingEmptySubsequences: false).map { parameter -> String in
            guard let equals = parameter.firstIndex(of: "="),
                secretKeywords.contains(percentDecoded(String(parameter[..<equals])))
            else { return String(parameter) }
            let value = String(parameter[parameter.index(after: equals)...])
            passwords.append(value)
            passwords.append(percentDecoded(value))
            return parameter[..<equals] + "=" + mask
        }
        output += parameters.joined(separator: "&")
        return Result(redacted: output, passwords: passwords)
    }

    // libpq conninfo: `key = value` pairs separated by whitespace; a value is either single-quoted or runs
    // to the next whitespace, and in both a backslash escapes the next character.
    private static func scanConninfo(_ string: String) -> Result {
        let chars = Array(string)
        var index = 0
        var output = ""
        var passwords: [String] = []
        let unparsable = Result(redacted: "(a connection string that could not be parsed)", passwords: [string])

        func skipSpace() { while index < chars.count, chars[index].isWhitespace { index += 1 } }

        while true {
            skipSpace()
            if index >= chars.count { break }
            let keyStart = index
            while index < chars.count, chars[index] != "=", !chars[index].isWhitespace { index += 1 }
            let key = String(chars[keyStart..<index])
            skipSpace()
            guard index < chars.count, chars[index] == "=", !key.isEmpty else { return unparsable }
            index += 1
            skipSpace()

            let valueStart = index
            var value = ""
            if index < chars.count, chars[index] == "'" {
                index += 1
                var closed = false
                while index < chars.count {
                    if chars[index] == "\\", index + 1 < chars.count {
                        value.append(chars[index + 1])
                        index += 2
                    } else if chars[index] == "'" {
                        index += 1
                        closed = true
                        break
                    } else {
                        value.append(chars[index])
                        index += 1
                    }
                }
                guard closed else { return unparsable }
            } else {
                while index < chars.count, !chars[index].isWhitespace {
                    if chars[index] == "\\", index + 1 < chars.count {
                        value.append(chars[index + 1])
                        index += 2
                    } else {
                        value.append(chars[index])
                        index += 1
                    }
                }
            }
            let written = String(chars[valueStart..<index])

            if !output.isEmpty { output += " " }
            if secretKeywords.contains(key) {
                passwords.append(written)
                passwords.append(value)
                output += key + "=" + mask
            } else if key == "dbname", isURL(value) || value.contains("=") {
                // A nested connection string in dbname is expanded by libpq too.
                let nested = scan(value)
                passwords += nested.passwords
                output += "dbname=" + quoted(nested.redacted)
            } else {
                output += key + "=" + written
            }
        }
        return Result(redacted: output, passwords: passwords)
    }

    private static func quoted(_ value: String) -> String {
        var result = "'"
        for character in value {
            if character == "'" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "'"
    }

    /// Decodes `%XX` escapes; malformed ones stay as they are (this is only for recognising secrets).
    static func percentDecoded(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
