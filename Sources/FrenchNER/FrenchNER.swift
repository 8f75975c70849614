/// FrenchNER: people, organisations and places in French text.
///
/// The stages, in the order data flows through them, are described in `DESIGN.md`.
public enum FrenchNER {
    /// The library's version.
    public static let version = "0.1.0"
}
