import Foundation
import SentryModel

/// The mapping rule that decided something: its dotted path and where it is written.
struct RuleReference: Sendable, Hashable {
    var rule: String
    var position: Position
}

/// Where a hosted team, project or member goes, and which rule sent it there.
struct Destination: Sendable, Hashable {
    var name: String
    /// nil when no rule touched it (the name is unchanged).
    var rule: RuleReference?
}

/// A mapping file applied to one snapshot's names: the fate of every hosted team, project and
/// member, and every problem found on the way. Validation reports `diagnostics`; the transform
/// uses the rest (and, when there are errors, does the best it can).
struct MappingResolution {
    let mapping: MappingFile
    let snapshot: Snapshot
    var diagnostics: [Diagnostic] = []
    let hostedTeams: Set<String>
    /// Lower-cased.
    let hostedEmails: Set<String>

    var teamExcluded: [String: RuleReference] = [:]
    var teamSlug: [String: Destination] = [:]
    var teamName: [String: (name: String, rule: RuleReference)] = [:]
    /// Final team slugs, for owners and waves that already use the new name.
    var targetTeamSlugs: Set<String> = []

    var projectExcluded: [String: RuleReference] = [:]
    var projectSlug: [String: Destination] = [:]
    var projectName: [String: (name: String, rule: RuleReference)] = [:]
    var projectPlatform: [String: (platform: String?, rule: RuleReference)] = [:]

    /// Keyed by the hosted e-mail, lower-cased.
    var memberExcluded: [String: RuleReference] = [:]
    var memberEmail: [String: Destination] = [:]
    var targetEmails: Set<String> = []
    var roleMap: [String: Destination] = [:]
    var teamRoleMap: [String: Destination] = [:]
    var identity: [String: (policy: IdentityPolicy, rule: RuleReference)] = [:]
    /// Hosted project slug → the `settings.projects` rules that match it, in file order.
    var projectSettings: [String: [ProjectSettingsRule]] = [:]
    /// `environments.rename`: hosted environment name → its self-hosted name and the rule.
    var environmentName: [String: (name: String, rule: RuleReference)] = [:]
    /// Each migrated project's rewritten ownership rules, by hosted project slug.
    var ownershipRewrites: [String: OwnershipRewrite] = [:]

    init(mapping: MappingFile, snapshot: Snapshot) {
        self.mapping = mapping
        self.snapshot = snapshot
        hostedTeams = Set(snapshot.teams.map(\.slug))
        hostedEmails = Set(snapshot.members.map { $0.email.lowercased() })
        resolveOrganization()
        resolveTeams()
        resolveProjects()
        resolveMembers()
        checkKeys()
        checkFilters()
        resolveSettings()
        resolveEnvironments()
        checkWaves()
        for ownership in snapshot.ownership where projectExcluded[ownership.project] == nil {
            guard let raw = ownership.raw else { continue }
            ownershipRewrites[ownership.project] = OwnershipRewriter.rewrite(
                raw, unknownOwners: unknownOwnerPolicy, resolve: resolveOwner)
        }
    }

    // MARK: Reporting

    mutating func error(_ message: String, next hint: String? = nil, at position: Position?) {
        diagnostics.append(Diagnostic(.error, message, next: hint, at: mapping.location(position)))
    }

    mutating func warning(_ message: String, next hint: String? = nil, at position: Position?) {
        diagnostics.append(Diagnostic(.warning, message, next: hint, at: mapping.location(position)))
    }

    /// " (did you mean 'x'?)" or "".
    static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
        DidYouMean.suggestion(for: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    static func describe(_ reference: RuleReference) -> String {
        "\(reference.rule) (\(reference.position))"
    }

    // MARK: Organization

    mutating func resolveOrganization() {
        let rules = mapping.organization
        let slug = rules.slug?.value ?? snapshot.organization.slug
        if let problem = SlugRules.problem(withOrganizationSlug: slug) {
            if let given = rules.slug {
                error("organization slug '\(slug)' \(problem)", at: given.position)
            } else {
                error(
                    "the snapshot's organization slug '\(slug)' \(problem)",
                    next: "choose a new one with 'organization: {slug: …}'", at: mapping.sections["organization"])
            }
        }
        if let into = rules.into, let problem = SlugRules.problem(withOrganizationSlug: into.value) {
            error(
                "organization.into '\(into.value)' \(problem)",
                next: "name the self-hosted organization by its slug, as in its URL (often 'sentry')",
                at: into.position)
        }
        if let into = rules.into, let alongside = rules.alongside, alongside.value {
            error(
                "organization.into and organization.alongside: true contradict each other",
                next: "migrate into '\(into.value)' or create a second organization beside it, not both",
                at: alongside.position)
        }
        if let name = rules.name {
            if name.value.trimmingCharacters(in: .whitespaces).isEmpty {
                error("organization.name is empty", at: name.position)
            } else if name.value.count > SlugRules.organizationNameLength {
                error(
                    "organization.name is \(name.value.count) characters long; Sentry allows \(SlugRules.organizationNameLength)",
                    at: name.position)
            }
        }
    }

    // MARK: Settings

    /// Which hosted projects each `settings.projects` pattern reaches: a literal slug that is not in
    /// the snapshot is an error, a pattern that matches nothing a warning.
    mutating func resolveSettings() {
        let names = snapshot.projects.map(\.slug).sorted()
        for rule in mapping.settings.projects {
            let path = "settings.projects.\(rule.pattern.value)"
            let matched = names.filter(Glob(rule.pattern.value).matches)
            for slug in matched { projectSettings[slug, default: []].append(rule) }
            if matched.isEmpty {
                if Glob(rule.pattern.value).isLiteral {
                    error(
                        "project '\(rule.pattern.value)' in \(path) is not in the snapshot"
                            + Self.didYouMean(rule.pattern.value, among: names), at: rule.pattern.position)
                } else {
                    warning("pattern '\(rule.pattern.value)' in \(path) matches no project", at: rule.pattern.position)
                }
            } else if let excluded = matched.first(where: { projectExcluded[$0] != nil }),
                Glob(rule.pattern.value).isLiteral
            {
                warning(
                    "\(path): project '\(excluded)' is excluded, so its settings are not carried",
                    at: rule.pattern.position)
            }
        }
    }

    /// Renamed environments must be ones the snapshot has (a project's, or one an alert names).
    /// Settings name environments as the self-hosted side gets them, so a renamed-away name there
    /// is most likely a slip.
    mutating func resolveEnvironments() {
        let hosted = Set(snapshot.projects.flatMap { ($0.environments ?? [:]).keys })
            .union(snapshot.rules.compactMap(\.environment)).union(snapshot.metricAlerts.compactMap(\.environment))
        for rename in mapping.environmentRenames {
            let reference = RuleReference(rule: "environments.rename", position: rename.from.position)
            guard hosted.contains(rename.from.value) else {
                error(
                    "environment '\(rename.from.value)' in environments.rename is not in the snapshot"
                        + Self.didYouMean(rename.from.value, among: hosted.sorted()),
                    next: "environments.rename names environments as sentry.io has them", at: rename.from.position)
                continue
            }
            environmentName[rename.from.value] = (rename.to.value, reference)
        }
        for rule in mapping.settings.projects {
            for (name, _) in rule.environments {
                guard let renamed = environmentName[name.value], renamed.name != name.value else { continue }
                warning(
                    "settings.projects.\(rule.pattern.value).environments names '\(name.value)', which "
                        + "environments.rename turns into '\(renamed.name)'",
                    next: "settings name environments by their self-hosted name: write '\(renamed.name)'",
                    at: name.position)
            }
        }
    }

    // MARK: Exclusions

    /// Applies `exclude` patterns to `names`; a literal name that is missing is an error, a pattern
    /// that matches nothing a warning.
    mutating func exclusions(
        _ patterns: [Located<String>], rule: String, kind: String, names: [String]
    ) -> [String: RuleReference] {
        var excluded: [String: RuleReference] = [:]
        for pattern in patterns {
            let glob = Glob(pattern.value)
            let matched = names.filter(glob.matches)
            let reference = RuleReference(rule: rule, position: pattern.position)
            for name in matched where excluded[name] == nil { excluded[name] = reference }
            guard matched.isEmpty else { continue }
            if glob.isLiteral {
                error(
                    "\(kind) '\(pattern.value)' in \(rule) is not in the snapshot"
                        + Self.didYouMean(pattern.value, among: names),
                    at: pattern.position)
            } else {
                warning("pattern '\(pattern.value)' in \(rule) matches no \(kind)", at: pattern.position)
            }
        }
        return excluded
    }
}
