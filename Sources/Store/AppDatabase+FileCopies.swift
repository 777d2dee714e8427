import Foundation

// Copies of imported files kept inside the store, for stores without a folder beside them (a
// PostgreSQL server, a store in memory): the corrected LSU export reads the gradebook's bytes long
// after the upload's temporary folder is gone. A file is cut into parts of one mebibyte, written
// and read one part at a time.

/// The size of one part of a file copy.
let fileCopyPartSize = 1 << 20

extension ImportSession {
  /// Keeps a copy of `url`'s bytes in the store under `sha256`, in the import's transaction (an
  /// import that fails keeps no copy). A copy already there is left as it is.
  public func keepFileCopy(sha256: String, of url: URL) throws {
    if try db.fetchValue(
      Int.self, sql: "SELECT 1 FROM file_copy_part WHERE sha256 = ? AND part = 0", arguments: [sha256])
      != nil
    {
      return
    }
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var part = 0
    while true {
      let bytes = try handle.read(upToCount: fileCopyPartSize) ?? Data()
      if bytes.isEmpty && part > 0 { break }
      // Two imports of the same file side by side (PostgreSQL) write the same parts: the second one's are dropped.
      try db.execute(
        sql: "INSERT INTO file_copy_part (sha256, part, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256, part) DO NOTHING",
        arguments: [sha256, part, bytes])
      part += 1
      if bytes.count < fileCopyPartSize { break }
    }
  }
}

extension ImportSession {
  /// Drops the copies whose file is no longer the current one of its kind (replaced by a newer
  /// export): in the import's transaction, so a failed import keeps them.
  public func dropReplacedFileCopies() throws {
    try db.execute(
      sql: """
        DELETE FROM file_copy_part WHERE sha256 NOT IN (SELECT sha256 FROM source_file WHERE replaced_at IS NULL)
        """)
  }
}

extension AppDatabase {
  /// Writes the copy of the file `sha256` kept in the store to `url`; `false` when the store has none.
  public func restoreFileCopy(sha256: String, to url: URL) throws -> Bool {
    try engine.read { db in
      guard
        try db.fetchValue(
          Int.self, sql: "SELECT 1 FROM file_copy_part WHERE sha256 = ? AND part = 0", arguments: [sha256])
          != nil
      else { return false }
      FileManager.default.createFile(atPath: url.path, contents: nil)
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
      var part = 0
      while let bytes = try db.fetchValue(
        Data.self, sql: "SELECT bytes FROM file_copy_part WHERE sha256 = ? AND part = ?", arguments: [sha256, part])
      {
        try handle.write(contentsOf: bytes)
        part += 1
      }
      return true
    }
  }
}
