import Planning
import SentryModel

/// The organization row and its control-silo rows: mapping (as the drained ORGANIZATION_UPDATE
/// outbox leaves it), primary slug reservation and its region replica where those tables exist.
struct OrganizationWriter {
    let session: WriteSession

    func write(_ changes: ArraySlice<EntityChange>, desired: Organization, index: OrganizationIndex) throws {
        for change in changes {
            guard change.key == desired.slug else { throw PlanSnapshotMismatch(stage: .organization, key: change.key) }
            switch change.action {
            case .create:
                guard index.organizationId == nil else {
                    throw ApplyOrderError(
                        message:
                            "organization '\(desired.slug)' already exists on the target; the plan is stale. Run plan again."
                    )
                }
                try create(desired)
            case .update:
                let id = try index.requireOrganization()
                if change.fields.contains(where: { $0.field == "slug" }) { try rename(id: id, to: desired.slug) }
                try update(desired, id: id)
            case .delete, .keep:
                continue
            }
        }
    }

    private func create(_ organization: Organization) throws {
        let flags = OrganizationFlags.bits(of: organization, profile: session.profile)
        let rows = try session.insert(
            "sentry_organization",
            [
                [
                    "name": organization.name, "slug": organization.slug, "status": 0, "date_added": session.timestamp,
                    "default_role": organization.defaultRole, "flags": flags, "is_test": false,
                ]
            ],
            suffix: "RETURNING id")
        let id = try rows[0].int64("id")
        try SettingsWriter(session: session).writeOrganizationOptions([id: organization.settings])
        var mapping: Record = [
            "organization_id": id, "slug": organization.slug, "name": organization.name,
            "date_created": session.timestamp,
            "customer_id": SQLNull(), "verified": false, "idempotency_key": "", "region_name": monolithRegion,
            "status": 0, "date_updated": session.timestamp,
        ]
        mapping.merge(mappingFlags(organization))
        try session.insert("sentry_organizationmapping", [mapping])

        try reserve(organization.slug, id: id)
    }

    /// The PRIMARY slug reservation and its region replica, where those tables exist.
    private func reserve(_ slug: String, id: Int64) throws {
        guard session.has("sentry_organizationslugreservation") else { return }
        let reservation = try session.insert(
            "sentry_organizationslugreservation",
            [
                [
                    "slug": slug, "organization_id": id, "user_id": SQLNull(), "region_name": monolithRegion,
                    "reservation_type": 0, "date_added": session.timestamp,
                ]
            ],
            suffix: "RETURNING id")
        guard session.has("hybridcloud_organizationslugreservationreplica") else { return }
        try session.insert(
            "hybridcloud_organizationslugreservationreplica",
            [
                [
                    "organization_slug_reservation_id": try reservation[0].int64("id"), "slug": slug,
                    "organization_id": id, "user_id": SQLNull(), "region_name": monolithRegion, "reservation_type": 0,
                    "date_added": session.timestamp,
                ]
            ])
    }

    /// The organization the mapping migrates into (`organization.into`) takes the desired slug where
    /// Sentry keeps it: the row, its mapping, and its PRIMARY slug reservation with the region replica
    /// (what `change_organization_slug` updates in 24.x's organization provisioning service). A slug
    /// another organization holds fails on their UNIQUE constraints, which the rehearsal reports.
    private func rename(id: Int64, to slug: String) throws {
        try session.execute(
            "UPDATE sentry_organization SET slug = \(slug) WHERE id = \(id)",
            activity: "organization: renaming sentry_organization")
        try session.execute(
            "UPDATE sentry_organizationmapping SET slug = \(slug) WHERE organization_id = \(id)",
            activity: "organization: renaming sentry_organizationmapping")
        guard session.has("sentry_organizationslugreservation") else { return }
        let renamed = try session.execute(
            """
            UPDATE sentry_organizationslugreservation SET slug = \(slug)
            WHERE organization_id = \(id) AND reservation_type = 0
            """, activity: "organization: renaming its slug reservation")
        if session.has("hybridcloud_organizationslugreservationreplica") {
            _ = try session.execute(
                """
                UPDATE hybridcloud_organizationslugreservationreplica SET slug = \(slug)
                WHERE organization_id = \(id) AND reservation_type = 0
                """, activity: "organization: renaming its slug reservation replica")
        }
        // An organization made before slug reservations existed (upgraded from 23.x) may have none.
        if renamed == 0 { try reserve(slug, id: id) }
    }

    private func update(_ organization: Organization, id: Int64) throws {
        let carried = OrganizationFlags.carried(session.profile)
        let bits = OrganizationFlags.bits(of: organization, profile: session.profile)
        try session.execute(
            """
            UPDATE sentry_organization SET name = \(organization.name), default_role = \(organization.defaultRole),
                   flags = (flags & ~\(carried)::bigint) | \(bits)::bigint
            WHERE id = \(id)
            """, activity: "organization: updating sentry_organization")
        // 26.x: `date_updated` (1009, NOT NULL DEFAULT statement_timestamp()) is the cursor the
        // control silo syncs changed mappings by (1036's index on its truncated second): every write
        // of the mapping moves it, which a column default alone does only on INSERT.
        var mapping: Record = ["organization_id": id, "name": organization.name, "date_updated": session.timestamp]
        mapping.merge(mappingFlags(organization))
        try session.update("sentry_organizationmapping", key: "organization_id", [mapping])
        try SettingsWriter(session: session).writeOrganizationOptions([id: organization.settings])
    }

    /// The mapping's copies of the organization flags (24.x+; absent columns are dropped).
    private func mappingFlags(_ organization: Organization) -> Record {
        var record: Record = [
            "allow_joinleave": organization.openMembership, "enhanced_privacy": organization.enhancedPrivacy,
            "disable_shared_issues": !organization.allowSharedIssues, "early_adopter": organization.isEarlyAdopter,
            "require_2fa": organization.require2FA,
        ]
        let bits = OrganizationFlags.bits(of: organization, profile: session.profile)
        for (bit, name) in OrganizationFlags.invertedSettings(session.profile) {
            if case .invertedFlag(_, let column) = SettingStorage.organization[name] {
                record[column] = bits & bit != 0
            }
        }
        return record
    }
}
