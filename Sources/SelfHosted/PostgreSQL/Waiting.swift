import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waiting on the server without blocking blindly: the socket is polled once a second, so a wait that
/// lasts says so (`onWait`) and a connection that never becomes ready ends at its deadline.
extension PostgresConnection {
    /// Blocks until libpq holds a whole result (`PQisBusy` false) or the connection failed (the next
    /// `PQgetResult` then reports it), noting every few seconds that it is still waiting. The server's
    /// `lock_timeout` bounds waits for locks; this loop only makes them visible. From the client a lock
    /// wait and a slow statement look the same (a busy socket), so the note names both.
    func awaitResult(activity: String) {
        let clock = ContinuousClock()
        let start = clock.now
        var nextNote = WaitLimits.firstNote
        while PQisBusy(handle) == 1 {
            let socket = PQsocket(handle)
            guard socket >= 0 else { return }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 1000)
            if ready > 0 {
                if PQconsumeInput(handle) == 0 { return }
                continue
            }
            if ready < 0, errno != EINTR { return }
            let waited = Self.seconds(clock.now - start)
            if waited >= nextNote {
                onWait?(
                    "still waiting for the database after \(Int(waited)) s (\(activity)): a long statement, or a "
                        + "lock another session holds (a lock wait gives up after \(lockWaitText))")
                nextNote += WaitLimits.noteInterval
            }
        }
    }

    var lockWaitText: String {
        limits.lockMilliseconds == 0
            ? "no limit (--lock-timeout 0)"
            : "\(WaitLimits.describe(milliseconds: limits.lockMilliseconds)) (--lock-timeout)"
    }

    /// Drives `PQconnectPoll` to a ready connection within `seconds` (0: no limit), noting the wait.
    /// Returns nil when ready, else why not (and the deadline passed or not).
    static func finishConnecting(
        _ connection: OpaquePointer, seconds: Int, target: String, onWait: ((String) -> Void)?
    ) -> (message: String, timedOut: Bool)? {
        let clock = ContinuousClock()
        let start = clock.now
        var nextNote = WaitLimits.firstNote
        var status = PGRES_POLLING_WRITING
        while true {
            switch status {
            case PGRES_POLLING_OK: return nil
            case PGRES_POLLING_FAILED: return (trimmed(PQerrorMessage(connection)), false)
            default: break
            }
            let socket = PQsocket(connection)
            var ready: Int32 = 1
            if socket >= 0 {
                let events = status == PGRES_POLLING_READING ? POLLIN : POLLOUT
                var descriptor = pollfd(fd: socket, events: Int16(events), revents: 0)
                ready = poll(&descriptor, 1, 250)
                if ready < 0, errno != EINTR { return (String(cString: strerror(errno)), false) }
            }
            if ready > 0 {
                status = PQconnectPoll(connection)
                continue
            }
            let waited = Self.seconds(clock.now - start)
            if seconds > 0, waited >= Double(seconds) {
                return (
                    "no answer within \(seconds) s (the host accepted or dropped the connection but never "
                        + "completed the PostgreSQL handshake)", true
                )
            }
            if waited >= nextNote {
                let limit = seconds > 0 ? "gives up after \(seconds) s (--connect-timeout)" : "no limit"
                onWait?("still connecting to \(target) after \(Int(waited)) s; \(limit)")
                nextNote += WaitLimits.noteInterval
            }
        }
    }

    /// The `connect_timeout` libpq settled on for this connection (string, environment, our default).
    static func connectTimeout(of connection: OpaquePointer) -> Int {
        guard let options = PQconninfo(connection) else { return 0 }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "connect_timeout" {
                return option.pointee.val.flatMap { Int(String(cString: $0).trimmingSpaces) } ?? 0
            }
            option += 1
        }
        return 0
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
