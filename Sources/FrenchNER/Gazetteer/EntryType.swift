#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
/// The fine-grained type of a lexicon entry: an entity type (`LOC.city`) or knowledge the rules use
/// (`CUE.title`, `DEM`, `NOENT.event`). See `Lexicons/README.md`.
///
/// Raw values are stored in the compiled gazetteer cache: they are explicit and never reused, so that
/// reordering or adding cases cannot misread an old cache (the cache fingerprint also covers this table:
/// `EntryType.tableFingerprintBytes`).
public enum EntryType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case personFull = 0, personFirst = 1, personLast = 2
    case country = 3, city = 4, admin = 5, region = 6, feature = 7, site = 8
    case company = 9, institution = 10, party = 11, media = 12, international = 13, sport = 14, education = 15,
         union = 16, ngo = 17, otherOrganisation = 18
    case title = 19, function = 20, organisationHead = 21, legalForm = 22, placeCue = 23, placeHead = 24, speech = 25
    case demonym = 26
    case event = 27, product = 28, work = 29, service = 30, disease = 31, otherNonEntity = 32

    /// The name used in lexicon files.
    public var description: String {
        switch self {
        case .personFull: "PER.full"
        case .personFirst: "PER.first"
        case .personLast: "PER.last"
        case .country: "LOC.country"
        case .city: "LOC.city"
        case .admin: "LOC.admin"
        case .region: "LOC.region"
        case .feature: "LOC.feature"
        case .site: "LOC.site"
        case .company: "ORG.company"
        case .institution: "ORG.institution"
        case .party: "ORG.party"
        case .media: "ORG.media"
        case .international: "ORG.international"
        case .sport: "ORG.sport"
        case .education: "ORG.education"
        case .union: "ORG.union"
        case .ngo: "ORG.ngo"
        case .otherOrganisation: "ORG.other"
        case .title: "CUE.title"
        case .function: "CUE.function"
        case .organisationHead: "CUE.orghead"
        case .legalForm: "CUE.orglegal"
        case .placeCue: "CUE.place"
        case .placeHead: "CUE.lochead"
        case .speech: "CUE.speech"
        case .demonym: "DEM"
        case .event: "NOENT.event"
        case .product: "NOENT.product"
        case .work: "NOENT.work"
        case .service: "NOENT.service"
        case .disease: "NOENT.disease"
        case .otherNonEntity: "NOENT.other"
        }
    }

    /// Parses a type name from a lexicon file.
    public init?(name: Substring) {
        guard let type = EntryType.byName[String(name)] else { return nil }
        self = type
    }

    private static let byName: [String: EntryType] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.description, $0) })

    /// The entity label this type yields, if it is an entity type.
    public var label: EntityLabel? {
        switch self {
        case .personFull: .person
        case .country, .city, .admin, .region, .feature, .site: .location
        case .company, .institution, .party, .media, .international, .sport, .education, .union, .ngo,
             .otherOrganisation: .organisation
        default: nil
        }
    }

    /// Name parts (first names, surnames): evidence for a person, not entities by themselves.
    public var isNamePart: Bool { self == .personFirst || self == .personLast }

    /// Things that are not PER/ORG/LOC (events, products, works…).
    public var isNonEntity: Bool {
        switch self {
        case .event, .product, .work, .service, .disease, .otherNonEntity: true
        default: false
        }
    }

    /// Every case's raw value and name, for the cache fingerprint: a changed table makes a new cache.
    static var tableFingerprintBytes: [UInt8] {
        allCases.flatMap { [$0.rawValue] + Array($0.description.utf8) + [0] }
    }
}

/// The three entity labels.
public enum EntityLabel: String, Sendable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    case person = "PER"
    case organisation = "ORG"
    case location = "LOC"

    public static func < (a: EntityLabel, b: EntityLabel) -> Bool { a.rawValue < b.rawValue }

    /// `PER`, `ORG` or `LOC`, as in every output format (`print(entity.label)` prints `PER`).
    public var description: String { rawValue }

    /// Parses `PER`, `ORG`, `LOC` (and the long forms `Person`, `Organization`, `Location`).
    public init?(name: some StringProtocol) {
        switch name.uppercased() {
        case "PER", "PERSON", "PERS": self = .person
        case "ORG", "ORGANIZATION", "ORGANISATION": self = .organisation
        case "LOC", "LOCATION", "GPE": self = .location
        default: return nil
        }
    }

    /// A comma-separated list of labels: `"PER, LOC"` → `[.person, .location]`.
    ///
    /// - Throws: `UnknownLabelError` naming the first unknown label.
    public static func set(parsing list: String) throws(UnknownLabelError) -> Set<EntityLabel> {
        var labels = Set<EntityLabel>()
        for name in list.split(separator: ",") {
            guard let label = EntityLabel(name: name.trimmingWhitespace()) else {
                throw UnknownLabelError(message: "unknown label '\(name)' (known: PER, LOC, ORG)")
            }
            labels.insert(label)
        }
        return labels
    }
}

/// A label name that is not PER, LOC or ORG.
public struct UnknownLabelError: Error, Sendable {
    public let message: String
}

/// A value with one field per label, read and written by label (`counts[.person] += 1`): vote tallies,
/// evidence, corpus counts.
public protocol PerLabel {
    associatedtype Value
    var person: Value { get set }
    var organisation: Value { get set }
    var location: Value { get set }
}

extension PerLabel {
    public subscript(label: EntityLabel) -> Value {
        @inline(__always) get {
            switch label {
            case .person: person
            case .organisation: organisation
            case .location: location
            }
        }
        @inline(__always) set {
            switch label {
            case .person: person = newValue
            case .organisation: organisation = newValue
            case .location: location = newValue
            }
        }
    }
}
