import Foundation
import GRDB
import RaccordCore

extension AppDatabase {
  /// Every decision of a school, all years, latest first.
  public func decisions(uai: String) throws -> [ReviewDecision] {
    try writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM review_decision WHERE uai = ? ORDER BY year DESC, id DESC", arguments: [uai]
      ).map {
        ReviewDecision(
          uai: $0["uai"], year: $0["year"], kind: ReviewDecision.Kind(rawValue: $0["kind"]) ?? .subject,
          itemKey: $0["item_key"], verdict: ReviewDecision.Verdict(rawValue: $0["decision"]) ?? .accept,
          chosenCode: $0["chosen_code"], chosenModalite: $0["chosen_modalite"], note: $0["note"], author: $0["author"],
          decidedAt: $0["decided_at"], scope: $0["scope"])
      }
    }
  }

  /// Records (or replaces) decisions, and removes the decisions they supersede, in one transaction.
  /// - Parameter superseded: keys of the same school, year and kind whose decisions no longer apply
  ///   (the per-group decisions of an item decided as a whole).
  public func save(_ decisions: [ReviewDecision], superseding superseded: [String] = []) throws {
    let now = Self.timestamp(clock())
    try writer.write { db in
      for d in decisions {
        for key in superseded where key != d.itemKey {
          try db.execute(
            sql: "DELETE FROM review_decision WHERE uai = ? AND year = ? AND kind = ? AND item_key = ?",
            arguments: [d.uai, d.year, d.kind.rawValue, key])
        }
        try db.execute(
          sql: """
            INSERT INTO review_decision (uai, year, kind, item_key, decision, chosen_code, chosen_modalite, note,
              author, decided_at, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (uai, year, kind, item_key) DO UPDATE SET decision = excluded.decision,
              chosen_code = excluded.chosen_code, chosen_modalite = excluded.chosen_modalite, note = excluded.note,
              author = excluded.author, decided_at = excluded.decided_at, scope = excluded.scope
            """,
          arguments: [
            d.uai, d.year, d.kind.rawValue, d.itemKey, d.verdict.rawValue, d.chosenCode, d.chosenModalite, d.note,
            d.author, now, d.scope,
          ])
      }
    }
  }
}

extension AppDatabase {
  /// Records (or replaces) a class's LSU setting.
  public func save(_ setting: ClassSetting, uai: String, year: Int) throws {
    let now = Self.timestamp(clock())
    try writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO class_setting (uai, year, division, positioning, class_average, updated_at)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (uai, year, division) DO UPDATE SET positioning = excluded.positioning,
            class_average = excluded.class_average, updated_at = excluded.updated_at
          """,
        arguments: [uai, year, setting.division, setting.positioning.rawValue, setting.classAverage, now])
    }
  }
}
