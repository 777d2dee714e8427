import Foundation

/// An account of the académie mode: who may open the review page, and which schools it sees.
public struct Account: Sendable, Equatable {
  public enum Role: String, Sendable, CaseIterable {
    /// Sees every school of the store.
    case academie
    /// Sees only its own school (`uai`).
    case etablissement
  }

  public var login: String
  /// The slow hash of the password (bcrypt); never the password itself.
  public var passwordHash: String
  public var role: Role
  /// The school of an `etablissement` account; `nil` for an `academie` account.
  public var uai: String?
  public var createdAt: String

  public init(login: String, passwordHash: String, role: Role, uai: String?, createdAt: String = "") {
    self.login = login
    self.passwordHash = passwordHash
    self.role = role
    self.uai = uai
    self.createdAt = createdAt
  }

  /// Whether this account may see and change the school `uai`.
  public func canAccess(uai other: String) -> Bool {
    role == .academie || uai?.uppercased() == other.uppercased()
  }
}

extension AppDatabase {
  /// The `account` table (migration "v9-accounts"). Portable SQL: the same text runs on PostgreSQL.
  static let accountSchema = """
    CREATE TABLE account (
      login TEXT PRIMARY KEY,
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('academie', 'etablissement')),
      uai TEXT,
      created_at TEXT NOT NULL,
      CHECK (role = 'academie' OR uai IS NOT NULL));
    """

  /// Every account, by login.
  public func accounts() throws -> [Account] {
    try engine.read { db in
      try db.fetchAll(sql: "SELECT login, password_hash, role, uai, created_at FROM account ORDER BY login")
        .map(Self.account)
    }
  }

  /// One account, or `nil`.
  public func account(login: String) throws -> Account? {
    try engine.read { db in
      try db.fetchOne(
        sql: "SELECT login, password_hash, role, uai, created_at FROM account WHERE login = ?", arguments: [login]
      ).map(Self.account)
    }
  }

  /// Whether the store holds at least one account (then the page requires a login).
  public func hasAccounts() throws -> Bool {
    try engine.read { db in
      try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM account") ?? 0 > 0
    }
  }

  /// Records a new account.
  /// - Returns: `false` when the login is taken (nothing is written).
  @discardableResult
  public func addAccount(_ account: Account) throws -> Bool {
    let now = Self.timestamp(clock())
    return try engine.write { db in
      if try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM account WHERE login = ?", arguments: [account.login])
        ?? 0 > 0
      {
        return false
      }
      try db.execute(
        sql: "INSERT INTO account (login, password_hash, role, uai, created_at) VALUES (?, ?, ?, ?, ?)",
        arguments: [account.login, account.passwordHash, account.role.rawValue, account.uai, now])
      return true
    }
  }

  /// Removes an account.
  /// - Returns: `false` when there was no such account.
  @discardableResult
  public func removeAccount(login: String) throws -> Bool {
    try engine.write { db in
      guard
        try db.fetchValue(Int.self, sql: "SELECT COUNT(*) FROM account WHERE login = ?", arguments: [login]) ?? 0 > 0
      else { return false }
      try db.execute(sql: "DELETE FROM account WHERE login = ?", arguments: [login])
      return true
    }
  }

  static func account(_ row: StoreRow) -> Account {
    Account(
      login: row["login"], passwordHash: row["password_hash"],
      role: Account.Role(rawValue: row["role"]) ?? .etablissement, uai: row["uai"], createdAt: row["created_at"])
  }
}
