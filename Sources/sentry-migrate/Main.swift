import ArgumentParser
import SentryModel

#if canImport(Glibc)
import Glibc
#endif

/// Runs the command and turns our errors into their documented exit codes, printed once on stderr.
@main
enum Main {
    static func main() async {
        do {
            var command = try SentryMigrate.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as any ReportableError {
            Terminal.note(error.description)
            exit(error.exitStatus.rawValue)
        } catch {
            SentryMigrate.exit(withError: error)
        }
    }
}
