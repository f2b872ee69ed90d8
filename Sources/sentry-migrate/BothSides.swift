import Foundation
import SelfHosted
import SentryModel

/// Reads the desired snapshot and, at the same time, connects to the target and reads the
/// organization the snapshot names there (`concurrently`): the snapshot read is CPU work, the
/// target read mostly waits on PostgreSQL, so `plan` and `verify` take the longer of the two
/// instead of their sum.
///
/// The target is read for the organization named by the snapshot's organization file as it is on
/// disk, before the snapshot is checked; when the checked snapshot names another one (or the file
/// could not be decoded alone), the target is read again for it. A snapshot that fails its checks
/// is reported as before, whatever the target answered.
enum BothSides {
    static func read<Desired>(
        snapshot path: String, database: DatabaseOptions, desired readDesired: () throws -> Desired,
        organization: (Desired) -> Organization, target readTarget: (TargetDatabase, Organization) throws -> Snapshot?
    ) throws -> (desired: Desired, target: TargetDatabase, current: Snapshot?) {
        let peeked = SnapshotReader.peekOrganization(in: URL(fileURLWithPath: path))
        let (desired, (target, early)) = try concurrently(readDesired) {
            let target = try database.connect()
            return (target, try peeked.map { try readTarget(target, $0) })
        }
        if let peeked, peeked == organization(desired), let early {
            return (desired, target, early)
        }
        return (desired, target, try readTarget(target, organization(desired)))
    }
}
