import Foundation
import HummingbirdBcrypt
import RaccordCore
import Store

/// The accounts of the académie mode (`raccord user`, the page's login). Passwords are stored as
/// bcrypt hashes (hummingbird-auth's HummingbirdBcrypt), never in clear.
extension Raccord {
  /// The shortest password accepted.
  public static let minimumPasswordLength = 10
  /// bcrypt's cost: 2^cost rounds (about a quarter of a second per hash on this kind of machine).
  public static let passwordCost: UInt8 = 12

  /// Creates an account.
  /// - Parameters:
  ///   - uai: the school of an `etablissement` account (its check letter is verified); ignored for `academie`.
  ///   - cost: bcrypt's cost (tests lower it).
  /// - Throws: ``RaccordError`` (login taken or refused, password too short, invalid UAI).
  @discardableResult
  public func addAccount(
    login: String, password: String, role: Account.Role, uai: String?, cost: UInt8 = Raccord.passwordCost
  ) throws -> Account {
    guard Self.isValidLogin(login) else { throw RaccordError.invalidLogin(login) }
    guard password.count >= Self.minimumPasswordLength else {
      throw RaccordError.passwordTooShort(minimum: Self.minimumPasswordLength)
    }
    var school: String?
    if role == .etablissement {
      let text = uai ?? ""
      do {
        school = try UAI(validating: text).code
      } catch {
        throw RaccordError.invalidUAI(text, reason: error.french)
      }
    }
    let account = Account(
      login: login, passwordHash: Bcrypt.hash(password, cost: cost), role: role, uai: school)
    guard try database.addAccount(account) else { throw RaccordError.accountExists(login: login) }
    return try database.account(login: login) ?? account
  }

  /// Every account, by login.
  public func accounts() throws -> [Account] {
    try database.accounts()
  }

  /// Removes an account.
  /// - Throws: ``RaccordError/accountUnknown(login:)``.
  public func removeAccount(login: String) throws {
    guard try database.removeAccount(login: login) else { throw RaccordError.accountUnknown(login: login) }
  }

  /// The account when `password` is its password; `nil` otherwise (unknown login or wrong password:
  /// the caller cannot tell which). An unknown login costs one hash too, so timing does not tell either.
  public func authenticate(login: String, password: String) throws -> Account? {
    guard let account = try database.account(login: login) else {
      _ = Bcrypt.verify(password, hash: Self.decoyHash)
      return nil
    }
    return Bcrypt.verify(password, hash: account.passwordHash) ? account : nil
  }

  /// Logins are what one types at a login prompt: letters, digits, `.`, `-`, `_`, `@`.
  static func isValidLogin(_ login: String) -> Bool {
    !login.isEmpty && login.count <= 64
      && login.unicodeScalars.allSatisfy {
        CharacterSet.alphanumerics.contains($0) || ".-_@".unicodeScalars.contains($0)
      }
  }

  /// A hash of no one's password, verified when the login is unknown.
  static let decoyHash = Bcrypt.hash("raccord-compte-inconnu", cost: passwordCost)
}
