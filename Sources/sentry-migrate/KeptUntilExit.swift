/// Keeps what a command read alive until the process exits, so it is never freed: the process ends
/// right after the command, and the kernel takes its memory back at once, while freeing a large
/// organization's snapshots and plan one object at a time took 0.2 s of `plan`'s 2.4 s on the large
/// bench organization (docs/performance.md). Call it once the value is no longer needed.
func keepUntilExit(_ value: some Any) {
    _ = Unmanaged.passRetained(Kept(value))
}

private final class Kept<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}
