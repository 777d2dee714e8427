import Foundation
import RaccordCore

extension AppDatabase {
  /// Every decision of a school, all years, latest first.
  public func decisions(uai: String) throws -> [ReviewDecision] {
    try engine.read { db in
      try db.fetchAll(sql: "SELECT * FROM review_decision WHERE uai = ? ORDER BY year DESC, id DESC", arguments: [uai])
        .map(Self.decision)
    }
  }

  static func decision(_ row: StoreRow) -> ReviewDecision {
    ReviewDecision(
      uai: row["uai"], year: row["year"], kind: ReviewDecision.Kind(rawValue: row["kind"]) ?? .subject,
      itemKey: row["item_key"], verdict: ReviewDecision.Verdict(rawValue: row["decision"]) ?? .accept,
      chosenCode: row["chosen_code"], chosenModalite: row["chosen_modalite"], note: row["note"], author: row["author"],
      decidedAt: row["decided_at"], scope: row["scope"], revision: row["id"])
  }

  /// Records (or replaces) decisions, and removes the decisions they supersede, in one transaction.
  /// - Parameter superseded: keys of the same school, year and kind whose decisions no longer apply
  ///   (the per-group decisions of an item decided as a whole).
  /// - Parameter expected: when given, the item's version (``ReviewVersion``) the decisions were
  ///   taken on; if another decision was saved on the item since, nothing is saved and
  ///   ``StaleDecision`` names it. The check and the save are one transaction.
  /// - Returns: the decisions as saved, with their revision and time.
  @discardableResult
  public func save(
    _ decisions: [ReviewDecision], superseding superseded: [String] = [], expected: ReviewVersion? = nil
  ) throws -> [ReviewDecision] {
    let now = Self.timestamp(clock())
    return try engine.write { db in
      var saved: [ReviewDecision] = []
      if let expected {
        if db.dialect == .postgres {
          // PostgreSQL runs writers side by side: the checks and saves of one item (and of its
          // groups, keyed `item|…`) take turns, on a lock held until the transaction ends. SQLite
          // has one writer at a time.
          let item = expected.itemKey.split(separator: "|", omittingEmptySubsequences: false).first ?? ""
          try db.execute(
            sql: "SELECT pg_advisory_xact_lock(hashtext(?))",
            arguments: ["\(expected.uai)|\(expected.year)|\(expected.kind.rawValue)|\(item)"])
        }
        let pattern =
          expected.itemKey.replacingOccurrences(of: "\\", with: "\\\\")
          .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "|%"
        let latest = try db.fetchOne(
          sql: """
            SELECT * FROM review_decision WHERE uai = ? AND year = ? AND kind = ?
              AND (item_key = ? OR item_key LIKE ? ESCAPE '\\') ORDER BY id DESC LIMIT 1
            """,
          arguments: [expected.uai, expected.year, expected.kind.rawValue, expected.itemKey, pattern]
        ).map(Self.decision)
        if (latest?.revision ?? 0) != expected.revision {
          throw StaleDecision(itemKey: expected.itemKey, expected: expected.revision, current: latest)
        }
      }
      for d in decisions {
        for key in superseded where key != d.itemKey {
          try db.execute(
            sql: "DELETE FROM review_decision WHERE uai = ? AND year = ? AND kind = ? AND item_key = ?",
            arguments: [d.uai, d.year, d.kind.rawValue, key])
        }
        // Delete, then insert: the new row gets a new, higher id (AUTOINCREMENT never reuses one),
        // which is the decision's revision.
        try db.execute(
          sql: "DELETE FROM review_decision WHERE uai = ? AND year = ? AND kind = ? AND item_key = ?",
          arguments: [d.uai, d.year, d.kind.rawValue, d.itemKey])
        let revision = try db.fetchValue(
          Int64.self,
          sql: """
            INSERT INTO review_decision (uai, year, kind, item_key, decision, chosen_code, chosen_modalite, note,
              author, decided_at, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
          arguments: [
            d.uai, d.year, d.kind.rawValue, d.itemKey, d.verdict.rawValue, d.chosenCode, d.chosenModalite, d.note,
            d.author, now, d.scope,
          ])
        var done = d
        done.revision = revision
        done.decidedAt = now
        saved.append(done)
      }
      return saved
    }
  }
}

extension AppDatabase {
  /// Records (or replaces) a class's LSU setting.
  public func save(_ setting: ClassSetting, uai: String, year: Int) throws {
    let now = Self.timestamp(clock())
    try engine.write { db in
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
