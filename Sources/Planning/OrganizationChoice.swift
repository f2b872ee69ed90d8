import SentryModel

/// Which organization on the target the desired one becomes, and what single-organization mode
/// makes of it. Self-hosted's `sentry.conf.example.py` sets `SENTRY_SINGLE_ORGANIZATION = True`, and
/// `sentry upgrade` creates organization `sentry` (team `sentry`, project 1 `internal`: 23.7.1's
/// `create_default_project` in src/sentry/receivers/core.py). In that mode login and new accounts go
/// to `Organization.get_default()` (src/sentry/web/frontend/auth_login.py), so an organization
/// created beside `sentry` is one nobody lands in: that needs an explicit choice in the mapping.
public enum OrganizationChoice {
    /// Refuses a desired organization that is on neither of its slugs when the mapping named one to
    /// migrate into, and a new organization beside others the mapping did not ask for.
    public static func check(_ desired: Organization, current: Snapshot?, facts: TargetFacts) throws {
        guard current == nil else { return }
        if let into = desired.into {
            throw OrganizationChoiceError.missingInto(
                into, slug: desired.slug, organizations: facts.organizations)
        }
        let others = facts.organizations.filter { $0 != desired.slug }
        guard desired.alongside != true, !others.isEmpty else { return }
        throw OrganizationChoiceError.secondOrganization(
            desired.slug, others: others, served: facts.defaultOrganization)
    }

    /// The slug the target holds the organization under now, when it is not the desired one: the
    /// organization `into` names, before apply renames it.
    public static func adoptedSlug(_ desired: Organization, current: Snapshot?) -> String? {
        guard let slug = current?.organization.slug, slug != desired.slug else { return nil }
        return slug
    }

    /// Notes for the organization's change in the plan.
    static func notes(_ desired: Organization, current: Snapshot?, facts: TargetFacts) -> [String] {
        if let current, desired.into != nil, desired.into == current.organization.slug {
            let id = current.organization.hostedId.map { " (id \($0))" } ?? ""
            let served =
                facts.defaultOrganization?.slug == current.organization.slug
                ? "; it is the organization single-organization mode serves" : ""
            return [
                "migrates into the self-hosted organization '\(current.organization.slug)'\(id): it keeps its id, and "
                    + "its own teams, projects and members are kept (deleted only with --prune)\(served)"
            ]
        }
        guard current == nil, desired.alongside == true, let served = facts.defaultOrganization,
            served.slug != desired.slug
        else { return [] }
        return [
            "a second organization: in single-organization mode (self-hosted's default) Sentry keeps serving "
                + "\(served), so people who log in land there, not here; after apply set SENTRY_ORGANIZATION to "
                + "this organization's id in sentry.conf.py, or migrate into '\(served.slug)' (organization.into)"
        ]
    }
}

/// The mapping's choice of organization does not fit the target.
public enum OrganizationChoiceError: ReportableError {
    case missingInto(String, slug: String, organizations: [String])
    case secondOrganization(String, others: [String], served: TargetFacts.OrganizationRow?)

    public var exitStatus: ExitStatus { .dataError }

    public var diagnostics: [Diagnostic] {
        switch self {
        case .missingInto(let into, let slug, let organizations):
            let held =
                organizations.isEmpty
                ? "it holds no active organization" : "it holds: \(organizations.joined(separator: ", "))"
            return [
                Diagnostic(
                    "the mapping migrates '\(slug)' into the self-hosted organization '\(into)' (organization.into), "
                        + "but the target holds neither '\(into)' nor '\(slug)'",
                    why: held,
                    next: "Set organization.into to one of the organizations it holds, or remove it to create "
                        + "'\(slug)'.")
            ]
        case .secondOrganization(let slug, let others, let served):
            let shown = others.prefix(10).map { "'\($0)'" }.joined(separator: ", ") + (others.count > 10 ? ", …" : "")
            let servedText = served.map { ", and single-organization mode (self-hosted's default) serves \($0)" } ?? ""
            let into = served?.slug ?? others[0]
            return [
                Diagnostic(
                    "organization '\(slug)' is not on the target, which holds \(shown)\(servedText)",
                    why: "a new organization beside it is one nobody lands in after login",
                    next: "Migrate into it with 'organization: {into: \(into)}' in the mapping (it keeps its id; "
                        + "slug and name become the mapping's), or create a second organization with "
                        + "'organization: {alongside: true}'; then run transform and plan again.")
            ]
        }
    }
}
