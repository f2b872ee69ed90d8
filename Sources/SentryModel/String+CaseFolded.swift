extension String {
    /// `lowercased()`, without making a new string when there is nothing to lower: plain ASCII
    /// without capitals, as nearly every e-mail is. E-mails compare without case, and a large
    /// organization lowers 50,000 of them per check.
    public var caseFolded: String {
        utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } ? self : lowercased()
    }
}
