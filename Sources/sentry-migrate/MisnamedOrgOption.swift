import ArgumentParser

/// `--org` names a sentry.io organization (export, verify); commands that name a self-hosted one
/// take `--target-org`, since a mapping may give it another slug. This hidden option turns the
/// mix-up into a usage error that says so, instead of reading the wrong organization.
struct MisnamedOrgOption: ParsableArguments {
    @Option(name: .customLong("org"), help: .hidden)
    var org: String?

    func validate() throws {
        guard let org else { return }
        throw ValidationError(
            "--org names an organization on sentry.io (export, verify); here the self-hosted organization is "
                + "--target-org (e.g. --target-org \(org), or the slug the mapping gave it)")
    }
}
