import Foundation
import SentryModel

// The fields of sentry.io's answers the exporter reads; everything else is ignored, since
// Sentry adds fields often (reference/sentry-api.md §1).

/// `GET /api/0/`: the token's scopes, and its user (none for an organization auth token).
struct APIIndex: Decodable {
    var auth: Auth?
    var user: User?

    struct Auth: Decodable {
        var scopes: [String]
    }

    struct User: Decodable {
        var id: String
    }
}

struct APIOrganization: Decodable {
    var id: String
    var slug: String
    var name: String
    var isEarlyAdopter: Bool
    var require2FA: Bool
    var defaultRole: String?
    var openMembership: Bool?
    var enhancedPrivacy: Bool?
    var allowSharedIssues: Bool?
    /// The settings of `SettingsCatalog.organization` the answer has, as the API names them.
    var settings: [String: JSONValue] = [:]

    private enum Keys: String, CodingKey {
        case id, slug, name, isEarlyAdopter, require2FA, defaultRole, openMembership, enhancedPrivacy
        case allowSharedIssues
    }

    private struct SettingKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        id = try container.decode(String.self, forKey: .id)
        slug = try container.decode(String.self, forKey: .slug)
        name = try container.decode(String.self, forKey: .name)
        isEarlyAdopter = try container.decode(Bool.self, forKey: .isEarlyAdopter)
        require2FA = try container.decode(Bool.self, forKey: .require2FA)
        defaultRole = try container.decodeIfPresent(String.self, forKey: .defaultRole)
        openMembership = try container.decodeIfPresent(Bool.self, forKey: .openMembership)
        enhancedPrivacy = try container.decodeIfPresent(Bool.self, forKey: .enhancedPrivacy)
        allowSharedIssues = try container.decodeIfPresent(Bool.self, forKey: .allowSharedIssues)
        let all = try decoder.container(keyedBy: SettingKey.self)
        for definition in SettingsCatalog.organization {
            let key = SettingKey(stringValue: definition.name)
            if all.contains(key) { settings[definition.name] = try all.decode(JSONValue.self, forKey: key) }
        }
    }
}

struct APITeam: Decodable {
    var id: String
    var slug: String
    var name: String
    var memberCount: Int?
    /// Whether the caller may read the team's member list (`TeamSerializer`, `has_team_access`).
    var hasAccess: Bool?
}

struct APIMember: Decodable {
    var id: String
    /// `get_email()`: null for a user account without an e-mail.
    var email: String?
    var name: String?
    var orgRole: String?
    var role: String?
    var pending: Bool?
    var user: User?

    struct User: Decodable {
        var id: String?
        var name: String?
    }
}

struct APITeamMember: Decodable {
    var id: String
    /// `Optional<Optional>`: present-but-null is a real answer (the team role follows the org role).
    var teamRole: String?
}

struct APIMemberDetails: Decodable {
    var id: String
    var orgRole: String?
    var role: String?
    var teamRoles: [TeamRole]?
    var teams: [String]?

    struct TeamRole: Decodable {
        var teamSlug: String
        var role: String?
    }
}

struct APIProject: Decodable {
    var id: String
    var slug: String
    var name: String
    var platform: String?
    var teams: [TeamRef]?
    /// Absent when the caller has no access to the project (`ProjectSummarySerializer`).
    var options: [String: OptionValue]?
    var hasAccess: Bool?

    struct TeamRef: Decodable {
        var slug: String
    }
}

/// A project option as the list answers it: raw stored lists or flags, or the details
/// endpoint's newline-joined strings and booleans.
enum OptionValue: Decodable {
    case list([String])
    case text(String)
    case flag(Bool)
    case other(JSONValue)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            self = .list(list)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else {
            self = .other((try? container.decode(JSONValue.self)) ?? .null)
        }
    }

    /// The value as stored.
    var json: JSONValue {
        switch self {
        case .list(let values): .array(values.map { .string($0) })
        case .text(let text): .string(text)
        case .flag(let value): .bool(value)
        case .other(let value): value
        }
    }

    var lines: [String] {
        switch self {
        case .list(let values): values
        case .text(let text):
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .flag, .other: []
        }
    }

    /// Sentry's reading of a flag option: `"1"` or `true` is on.
    var isOn: Bool? {
        switch self {
        case .flag(let value): value
        case .text(let text): text == "1" || text.lowercased() == "true"
        case .list, .other: nil
        }
    }
}

/// `EnvironmentProjectSerializer`: `isHidden` is true only when `is_hidden is True`.
struct APIEnvironment: Decodable {
    var name: String
    var isHidden: Bool
}

struct APIKey: Decodable {
    var label: String
    var `public`: String
    /// `ProjectKey.secret_key` is nullable.
    var secret: String?
    var projectId: Int
    var isActive: Bool
    var rateLimit: RateLimitBody?
    var browserSdkVersion: String?
    var dynamicSdkLoaderOptions: LoaderBody?

    struct RateLimitBody: Decodable {
        var window: Int?
        var count: Int?
    }

    struct LoaderBody: Decodable {
        var hasReplay: Bool?
        var hasPerformance: Bool?
        var hasDebug: Bool?
        var hasFeedback: Bool?
        var hasLogsAndMetrics: Bool?
    }
}

struct APIFilter: Decodable {
    var id: String
    var active: Active

    enum Active: Decodable {
        case flag(Bool)
        case subfilters([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else {
                self = .subfilters(try container.decode([String].self))
            }
        }

        var flag: Bool {
            switch self {
            case .flag(let value): value
            case .subfilters(let names): !names.isEmpty
            }
        }
    }
}

struct APIOwnership: Decodable {
    var raw: String?
    var `fallthrough`: Bool
    var dateCreated: String?
    var autoAssignment: String
    var codeownersAutoSync: Bool?
}
