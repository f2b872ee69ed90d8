import Foundation
import HostedAPI
import Synchronization

/// Export progress on stderr: one live bar per kind on a terminal, plain lines otherwise.
final class ExportProgressDisplay: Sendable {
    enum Mode {
        case quiet, lines, live
    }

    private let mode: Mode
    private let state = Mutex<[ExportKind: ExportProgress]>([:])
    private let drawn = Mutex(false)

    init(mode: Mode) { self.mode = mode }

    func update(_ progress: ExportProgress) {
        switch mode {
        case .quiet: return
        case .lines:
            // A line per finished kind, so logs stay short.
            let isNew = state.withLock { state in
                let wasFinished = state[progress.kind]?.finished ?? false
                state[progress.kind] = progress
                return progress.finished && !wasFinished
            }
            if isNew { Terminal.note("\(progress.kind.rawValue): \(progress.completed) done") }
        case .live:
            let snapshot = state.withLock { state in
                state[progress.kind] = progress
                return state
            }
            redraw(snapshot)
        }
    }

    func finish() {
        if mode == .live { redraw(state.withLock { $0 }) }
    }

    private func redraw(_ state: [ExportKind: ExportProgress]) {
        var text = drawn.withLock { wasDrawn in
            defer { wasDrawn = true }
            return wasDrawn ? "\u{1B}[\(ExportKind.allCases.count)A" : ""
        }
        for kind in ExportKind.allCases {
            let progress = state[kind]
            let completed = progress?.completed ?? 0
            let total = progress?.total
            let width = 30
            let filled = total.map { $0 == 0 ? width : min(width, completed * width / $0) } ?? 0
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let count = total.map { "\(completed)/\($0)" } ?? "\(completed)"
            text +=
                "\u{1B}[2K" + kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0) + bar + " " + count
                + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
