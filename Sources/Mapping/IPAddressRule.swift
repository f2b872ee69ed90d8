#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What Sentry's blacklisted-IP filter accepts: an IPv4 or IPv6 address, or a network in CIDR form.
enum IPAddressRule {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = String(parts[0])
        var buffer = [UInt8](repeating: 0, count: 16)
        let maximumPrefix: Int
        if inet_pton(AF_INET, address, &buffer) == 1 {
            maximumPrefix = 32
        } else if inet_pton(AF_INET6, address, &buffer) == 1 {
            maximumPrefix = 128
        } else {
            return false
        }
        guard parts.count == 2 else { return true }
        guard let prefix = Int(parts[1]), (0...maximumPrefix).contains(prefix), parts[1].allSatisfy(\.isNumber) else {
            return false
        }
        return true
    }
}
