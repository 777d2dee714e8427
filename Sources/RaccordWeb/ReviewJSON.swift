import Foundation
import Matching
import RaccordCore
import RaccordKit

/// The review API's items as JSON: keys sorted, absent values written `null`. Each item is written
/// on its own, once per state of the store; the review document and the page's rows are put
/// together from these texts (an item's text also identifies its rendered row).
enum ReviewJSON {
  /// A value written `null` when absent (an `Optional` property would be left out).
  struct Nullable<Value: Encodable>: Encodable {
    var value: Value?

    init(_ value: Value?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      if let value { try container.encode(value) } else { try container.encodeNil() }
    }
  }

  struct Choice: Encodable {
    var code: String
    var label: String
    var modalite: Nullable<String>
    var confidence: Nullable<Double>
    var inProgramme: Bool
  }

  struct Group: Encodable {
    var key: String
    var divisions: [String]
    var code: Nullable<String>
    var label: Nullable<String>
    var modalite: Nullable<String>
    var confidence: Double
    var status: String
    var reasons: [String]
    /// Where to correct it, in French (`logiciel de notes`, `STS Web`…).
    var fixIn: [String]
    var alternatives: [Choice]
  }

  struct Item: Encodable {
    var key: String
    var kind: String
    var label: String
    var version: Int64
    var gradebookCode: Nullable<String>
    var divisions: [String]
    var status: String
    var proposed: [Group]
    var coTeaching: [String]
    /// The files the item was read from.
    var sources: [String]

    init(_ item: ReviewItem) {
      key = item.key
      kind = item.kind.rawValue
      label = item.label
      version = item.version
      gradebookCode = Nullable(item.gradebookCode)
      divisions = item.divisions
      status = item.status.rawValue
      proposed = item.groups.map { group in
        Group(
          key: group.key, divisions: group.divisions, code: Nullable(group.code), label: Nullable(group.label),
          modalite: Nullable(group.modalite), confidence: group.confidence, status: group.status.rawValue,
          reasons: group.reasons, fixIn: group.fixIn.map(\.french),
          alternatives: group.choices.map { choice in
            Choice(
              code: choice.code, label: choice.label, modalite: Nullable(choice.modalite),
              confidence: Nullable(choice.confidence), inProgramme: choice.inProgramme)
          })
      }
      coTeaching = item.coTeaching.map(\.text)
      sources = item.sources
    }
  }

  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// Each item's JSON text, in order.
  static func items(_ items: [ReviewItem]) -> [String] {
    let encoder = encoder()
    return items.map { item in
      (try? encoder.encode(Item(item))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
  }

  /// The review document of a school year: `{"items": […], "uai": …, "year": …}`.
  static func document(uai: String, year: Int, items: [String]) -> String {
    let uai = (try? encoder().encode(uai)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    return #"{"items":["# + items.joined(separator: ",") + #"],"uai":"# + uai + #","year":"# + String(year) + "}"
  }
}
