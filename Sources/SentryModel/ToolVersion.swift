/// The version of sentry-migrate, recorded in every snapshot manifest.
public enum ToolVersion {
    public static let current = "0.1.0"
}
