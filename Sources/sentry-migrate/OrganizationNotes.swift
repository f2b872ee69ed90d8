import Planning
import SentryModel

/// What `plan` says on standard error about the organization it plans for: new, migrated into, and
/// which organization single-organization mode serves on this target.
enum OrganizationNotes {
    static func print(desired: Organization, state: TargetState) {
        let slug = desired.slug
        if let adopted = OrganizationChoice.adoptedSlug(desired, current: state.current) {
            Terminal.note(
                "organization '\(slug)' migrates into the target's organization '\(adopted)' (organization.into)")
        } else if state.current == nil {
            Terminal.note("organization '\(slug)' is not on the target yet: everything is new")
        }
        guard let served = state.facts.defaultOrganization else { return }
        let which =
            served.slug == (state.current?.organization.slug ?? slug)
            ? "this organization" : "not this organization"
        Terminal.note(
            "single-organization mode (self-hosted's default) serves \(served) on this target, \(which) "
                + "(unless SENTRY_ORGANIZATION in sentry.conf.py names another)")
    }
}
