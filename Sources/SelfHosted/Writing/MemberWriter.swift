import Foundation
import Planning
import SentryModel

/// Members and pending invites, the users they need (per identity policy), and their team
/// memberships, with the control-silo rows Sentry's drained outboxes would leave: a member mapping
/// per member, a member-team replica per membership (23.10+), a primary `sentry_useremail` (and
/// `sentry_email` where the table exists) per created user.
struct MemberWriter {
    let session: WriteSession
    /// When the invitations sent now expire: Sentry's invite tokens are valid 30 days.
    let inviteExpiry: PostgresTimestamp

    init(session: WriteSession) {
        self.session = session
        inviteExpiry = PostgresTimestamp(session.now.addingTimeInterval(30 * 86_400))
    }

    func write(_ changes: ArraySlice<EntityChange>, desired: [Member], index: OrganizationIndex) throws {
        let orgId = try index.requireOrganization()
        let split = try StageChanges(changes, entities: desired, key: \.email)
        var members = index.members

        // New members, and invites that are to become users, first need their users.
        let invitesToClaim = split.updates.filter { members[$0.entity.email]?.userId == nil && !$0.entity.pending }
        let wantsUser = { (pair: (change: EntityChange, entity: Member)) in !Self.isInvite(pair.change, pair.entity) }
        let wantUsers = split.creates.filter(wantsUser) + invitesToClaim.filter(wantsUser)
        let userIds = try resolveUsers(wantUsers)

        var createdIds: [Int64] = []
        if !split.creates.isEmpty {
            // Records made as they are copied, a batch at a time (`WriteSession.copy(_:count:record:)`).
            createdIds = try session.copyReturningIds("sentry_organizationmember", count: split.creates.count) {
                let (change, member) = split.creates[$0]
                return memberRecord(
                    member, orgId: orgId, userId: Self.isInvite(change, member) ? nil : userIds[member.email])
            }
            for (id, (change, member)) in zip(createdIds, split.creates) {
                members[member.email] = .init(
                    id: id, userId: Self.isInvite(change, member) ? nil : userIds[member.email])
            }
            try session.copy("sentry_organizationmembermapping", count: split.creates.count) {
                let (change, member) = split.creates[$0]
                return mappingRecord(
                    member, memberId: createdIds[$0], orgId: orgId,
                    userId: Self.isInvite(change, member) ? nil : userIds[member.email])
            }
        }

        // Role changes, and invites claimed by a user.
        var memberUpdates: [Record] = []
        var mappingUpdates: [Record] = []
        for (_, member) in split.updates {
            guard var row = members[member.email] else { throw ApplyOrderError(message: staleMember(member.email)) }
            var record: Record = ["id": row.id, "role": member.role]
            var mapping: Record = ["organizationmember_id": row.id, "role": member.role]
            if row.userId == nil, let userId = userIds[member.email] {
                record.merge(
                    [
                        "user_id": userId, "email": SQLNull(), "token": SQLNull(), "token_expires_at": SQLNull(),
                        "user_email": member.email,
                    ])
                mapping.merge(["user_id": userId, "email": SQLNull()])
                row.userId = userId
                members[member.email] = row
            }
            memberUpdates.append(record)
            mappingUpdates.append(mapping)
        }
        // Rows of one UPDATE statement must share columns: claimed invites go separately.
        for group in Dictionary(grouping: memberUpdates, by: { $0.count }).values {
            try session.update("sentry_organizationmember", key: "id", group)
        }
        for group in Dictionary(grouping: mappingUpdates, by: { $0.count }).values {
            try session.update("sentry_organizationmembermapping", key: "organizationmember_id", group)
        }

        var desiredTeams: [Int64: [TeamMembership]] = [:]
        for (_, member) in split.createsAndUpdates {
            guard let row = members[member.email] else { continue }
            desiredTeams[row.id] = member.teams
        }
        try TeamMembershipWriter(session: session, orgId: orgId, teams: index.teams).sync(desiredTeams)

        // Removing a member removes what Django's CASCADE would: memberships (with their replicas,
        // which have no foreign key), then every row that refers to the member (access requests,
        // 25.x invite rows, …), then the member; its mapping is what the drained outbox deletes.
        let deleted = split.deletes.compactMap { members[$0]?.id }
        try TeamMembershipWriter(session: session, orgId: orgId, teams: index.teams).removeAll(of: deleted)
        try session.delete("sentry_organizationmembermapping", where: "organizationmember_id", in: deleted)
        try session.deleteCascading("sentry_organizationmember", ids: deleted)
    }

    /// Pending in the snapshot, or the plan chose to invite.
    static func isInvite(_ change: EntityChange, _ member: Member) -> Bool {
        member.pending || (change.identity?.policy ?? member.identity) == .invite
    }

    /// User ids by e-mail, as `plan` decided (`IdentityOutcomes`): `link` takes the user that has the
    /// e-mail; `create` takes it too when there is one, else creates an unclaimed user with no usable
    /// password; no policy links when a user has the e-mail and otherwise leaves the member an invite.
    private func resolveUsers(_ wanted: [(change: EntityChange, entity: Member)]) throws -> [String: Int64] {
        guard !wanted.isEmpty else { return [:] }
        let emails = wanted.map { $0.entity.email }
        var found: [String: Int64] = [:]
        for row in try session.query(
            "SELECT id, lower(email) AS email FROM auth_user WHERE lower(email) = ANY(\(emails)) ORDER BY id",
            activity: "members: finding users by e-mail")
        {
            let email = try row.string("email")
            if found[email] == nil { found[email] = try row.int64("id") }
        }
        var toCreate: [Member] = []
        for (change, member) in wanted {
            let user = found[member.email]
            // What the plan said about this member's user is what happens, or nothing does.
            if let identity = change.identity {
                switch identity.policy {
                case .link where user != nil && identity.existingUserId != nil && identity.existingUserId != user:
                    throw PlanPromiseError(
                        stage: .members,
                        broken: "member \(member.email): the plan links self-hosted user \(identity.existingUserId!), "
                            + "but the user with that e-mail is now \(user!)")
                case .create where user != nil:
                    throw PlanPromiseError(
                        stage: .members,
                        broken: "member \(member.email): the plan creates a new self-hosted user, but a user with that "
                            + "e-mail (\(user!)) exists now")
                default: break
                }
            }
            guard user == nil else { continue }
            switch change.identity?.policy ?? member.identity {
            case .link: throw MemberIdentityError(email: member.email)
            case .create: toCreate.append(member)
            case .invite, nil: continue
            }
        }
        guard !toCreate.isEmpty else { return found }
        let uniqueEmails = try emailUniqueValues(for: toCreate.map(\.email))
        let ids = try session.copyReturningIds(
            "auth_user",
            toCreate.map { member in
                [
                    "email_unique": uniqueEmails[member.email].map { $0 as any PostgresEncodable } ?? SQLNull(),
                    // Django's unusable password: the person claims the account by resetting it.
                    "password": "!" + Randomness.alphanumeric(40), "last_login": SQLNull(), "username": member.email,
                    "first_name": member.name == member.email ? "" : member.name, "email": member.email,
                    "is_staff": false, "is_active": true, "is_unclaimed": true, "is_superuser": false,
                    "is_managed": false, "is_sentry_app": SQLNull(), "is_password_expired": false,
                    "last_password_change": SQLNull(), "flags": 0, "session_nonce": SQLNull(),
                    "date_joined": session.timestamp, "last_active": session.timestamp, "avatar_type": 0,
                    "avatar_url": SQLNull(),
                ]
            })
        let created = zip(ids, toCreate.map(\.email)).map { ($0, $1) }
        for (id, email) in created { found[email] = id }
        try session.copy(
            "sentry_useremail",
            created.map {
                [
                    "user_id": $0.0, "email": $0.1, "validation_hash": Randomness.alphanumeric(32),
                    "date_hash_added": session.timestamp, "is_verified": false,
                ]
            })
        if session.profile.hasEmailTable {
            // One row per distinct address (citext, unique): only the ones not there yet.
            let emails = created.map(\.1)
            let present = Set(
                try session.query(
                    "SELECT lower(email::text) AS email FROM sentry_email WHERE lower(email::text) = ANY(\(emails))",
                    activity: "members: finding e-mail rows"
                ).map { try $0.string("email") })
            try session.copy(
                "sentry_email",
                emails.filter { !present.contains($0) }.map { ["email": $0, "date_added": session.timestamp] })
        }
        return found
    }

    /// `auth_user.email_unique` (migration 0915, varchar(200) NULL UNIQUE; 25.6 and later): the
    /// field "that prevents creating new users with the same email address as an existing user on the
    /// DB level" (`users/models/user.py` `User.email_unique`). Sentry's registration fills it with the
    /// normalised, lower-cased address (`tests/sentry/api/endpoints/test_auth_register.py`
    /// `test_registers_and_authenticates_user`) and refuses an address some user holds there
    /// (`RegistrationValidator`). A created user gets it likewise, unless another user already holds
    /// that value (then NULL, as on users Sentry made before 0915): e-mail → value.
    private func emailUniqueValues(for emails: [String]) throws -> [String: String] {
        guard session.has("auth_user", column: "email_unique") else { return [:] }
        let wanted = emails.map { $0.lowercased() }
        let held = Set(
            try session.query(
                "SELECT email_unique FROM auth_user WHERE email_unique = ANY(\(wanted))",
                activity: "members: checking which unique e-mail values are held"
            ).map { try $0.string("email_unique") })
        var values: [String: String] = [:]
        var claimed = held
        for email in emails where claimed.insert(email.lowercased()).inserted {
            values[email] = email.lowercased()
        }
        return values
    }

    private func memberRecord(_ member: Member, orgId: Int64, userId: Int64?) -> Record {
        let invite = userId == nil
        return [
            "organization_id": orgId, "user_id": userId.map { $0 as any PostgresEncodable } ?? SQLNull(),
            "email": invite ? member.email : SQLNull() as any PostgresEncodable, "role": member.role, "flags": 0,
            // Sentry's invite token: 64 hex characters, valid 30 days.
            "token": invite ? Randomness.hex(bytes: 32) : SQLNull() as any PostgresEncodable,
            "date_added": session.timestamp,
            "token_expires_at": invite ? inviteExpiry : SQLNull() as any PostgresEncodable,
            "has_global_access": true, "inviter_id": SQLNull(), "invite_status": 0, "type": 50,
            "user_is_active": true, "user_email": invite ? SQLNull() as any PostgresEncodable : member.email,
        ]
    }

    private func mappingRecord(_ member: Member, memberId: Int64, orgId: Int64, userId: Int64?) -> Record {
        [
            "organization_id": orgId, "organizationmember_id": memberId, "date_added": session.timestamp,
            "role": member.role, "user_id": userId.map { $0 as any PostgresEncodable } ?? SQLNull(),
            "email": userId == nil ? member.email : SQLNull() as any PostgresEncodable, "inviter_id": SQLNull(),
            "invite_status": 0,
        ]
    }

    private func staleMember(_ email: String) -> String {
        "member \(email) is not on the target any more, but the plan updates it; the plan is stale. Run plan again."
    }
}

/// `link` was chosen for a member whose e-mail no self-hosted user has.
struct MemberIdentityError: ReportableError {
    let email: String
    var exitStatus: ExitStatus { .dataError }
    var diagnostics: [Diagnostic] {
        [
            Diagnostic(
                "the mapping links it to the self-hosted user with that e-mail, but there is none (any more)",
                next: "Create the user in Sentry, or change the member's identity policy to invite or create, then "
                    + "run plan again.",
                at: .entity(kind: "member", key: email))
        ]
    }
}
