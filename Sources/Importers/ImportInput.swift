import Crypto
import Foundation
import RaccordCore
import XMLStreaming
import ZIPFoundation

/// One XML document ready to import: a file given by the user, or an entry of a zip archive.
public struct ImportableFile: Sendable, Hashable {
  /// Where the bytes are (a temporary copy for a zip entry).
  public var url: URL
  /// How the file is named to users: the path given, or `archive.zip:entry.xml`.
  public var displayName: String
  /// The file name alone, as recorded in the store.
  public var fileName: String
  /// Hex SHA-256 of the XML bytes.
  public var sha256: String
  public var size: Int64

  /// A CSV file (gradebook services) rather than XML.
  public var isCSV: Bool { fileName.lowercased().hasSuffix(".csv") }
}

/// Turns what the user typed (files, folders, zip archives) into XML documents to import.
/// Zip entries are extracted to a temporary folder that lives as long as this value.
public final class ImportInput {
  public private(set) var files: [ImportableFile] = []
  private var temporaryFolder: URL?

  /// - Parameter paths: files, folders (read recursively for `.xml` and `.zip`) and zip archives.
  /// - Throws: ``ImporterError`` for a missing path, an unreadable archive or an archive without XML.
  public init(paths: [String]) throws {
    for path in paths {
      try add(path: path)
    }
  }

  deinit {
    if let temporaryFolder { try? FileManager.default.removeItem(at: temporaryFolder) }
  }

  private func add(path: String) throws {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ImporterError.xml(.unreadable(file: path, reason: "ce chemin n'existe pas"))
    }
    if isDirectory.boolValue {
      let found = Self.importableFiles(in: path)
      if found.isEmpty {
        throw ImporterError.xml(
          .unreadable(file: path, reason: "ce dossier ne contient aucun fichier .xml, .zip ni .csv"))
      }
      for file in found { try add(path: file) }
      return
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
      throw ImporterError.xml(
        .unreadable(file: path, reason: "ce n'est pas un fichier ordinaire (tube, périphérique ou socket)"))
    }
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    if size > Self.maximumFileSize {
      throw ImporterError.tooLarge(file: path, size: size, limit: Self.maximumFileSize)
    }
    if Self.isZip(url) {
      try addZip(url, displayName: path)
    } else {
      files.append(try Self.describe(url, displayName: path, fileName: url.lastPathComponent))
    }
  }

  /// The `.xml` and `.zip` files below `folder`, sorted, named from `folder` as the user typed it.
  static func importableFiles(in folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    for case let relative as String in enumerator {
      let ext = (relative as NSString).pathExtension.lowercased()
      guard ext == "xml" || ext == "zip" || ext == "csv" else { continue }
      let path = (folder as NSString).appendingPathComponent(relative)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
        found.append(path)
      }
    }
    return found.sorted()
  }

  static func isZip(_ url: URL) -> Bool {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
    defer { try? handle.close() }
    let magic = (try? handle.read(upToCount: 4)) ?? Data()
    return magic == Data([0x50, 0x4B, 0x03, 0x04]) || magic == Data([0x50, 0x4B, 0x05, 0x06])
  }

  /// The largest file (or zip entry, once inflated) Raccord reads: real exports weigh a few
  /// megabytes, a whole académie's pupils less than 100 MB.
  public static let maximumFileSize: Int64 = 512 << 20
  /// A zip entry inflating more than this many times its compressed size, beyond
  /// ``zipBombFloor`` bytes, is refused unread: XML exports compress about 10 to 30 times.
  static let maximumZipRatio: UInt64 = 100
  static let zipBombFloor: UInt64 = 16 << 20

  private func addZip(_ url: URL, displayName: String) throws {
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw ImporterError.unreadableArchive(file: displayName, reason: "ce n'est pas une archive zip lisible")
    }
    let kept = archive.filter { $0.type == .file && !$0.path.hasPrefix("__MACOSX") }
    for entry in kept {
      let components = entry.path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
      if entry.path.hasPrefix("/") || entry.path.hasPrefix("\\") || components.contains("..") {
        throw ImporterError.unreadableArchive(
          file: displayName,
          reason: "l'entrée « \(entry.path) » désigne un chemin hors de l'archive : archive refusée par sécurité")
      }
      if entry.path.lowercased().hasSuffix(".zip") {
        throw ImporterError.unreadableArchive(
          file: displayName,
          reason: "elle contient une autre archive, « \(entry.path) » : décompressez-la d'abord et importez "
            + "les fichiers XML qu'elle contient")
      }
    }
    let entries = kept.filter { $0.path.lowercased().hasSuffix(".xml") }
    if entries.isEmpty { throw ImporterError.zipWithoutXML(file: displayName) }
    for entry in entries { try Self.checkSizes(of: entry, in: displayName) }
    let folder = try temporary()
    for (index, entry) in entries.sorted(by: { $0.path < $1.path }).enumerated() {
      let name = (entry.path as NSString).lastPathComponent
      let target = folder.appendingPathComponent("\(index)-\(name)")
      try Self.extract(entry, of: archive, to: target, displayName: displayName)
      files.append(try Self.describe(target, displayName: "\(displayName):\(entry.path)", fileName: name))
    }
  }

  /// Refuses, before inflating anything, an entry whose declared sizes make it a zip bomb or too large.
  static func checkSizes(of entry: Entry, in displayName: String) throws {
    let inflated = entry.uncompressedSize
    let compressed = max(entry.compressedSize, 1)
    let megabytes = { (bytes: UInt64) in String(format: "%.1f", Double(bytes) / 1_048_576) }
    if inflated > zipBombFloor, inflated / compressed > maximumZipRatio {
      throw ImporterError.unreadableArchive(
        file: displayName,
        reason: "l'entrée « \(entry.path) » se décompresserait en \(megabytes(inflated)) Mo à partir de "
          + "\(megabytes(compressed)) Mo (\(inflated / compressed) fois plus) : c'est une « bombe zip », "
          + "refusée sans être décompressée")
    }
    if inflated > UInt64(maximumFileSize) {
      throw ImporterError.tooLarge(
        file: "\(displayName):\(entry.path)", size: Int64(clamping: inflated), limit: maximumFileSize)
    }
  }

  /// Inflates `entry` into `target`, stopping as soon as it passes the size its headers declared.
  static func extract(_ entry: Entry, of archive: Archive, to target: URL, displayName: String) throws {
    struct Oversized: Error {}
    guard FileManager.default.createFile(atPath: target.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: target)
    else {
      throw ImporterError.unreadableArchive(
        file: displayName, reason: "impossible d'extraire « \(entry.path) » dans un dossier temporaire")
    }
    defer { try? handle.close() }
    let declared = entry.uncompressedSize
    var written: UInt64 = 0
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        written += UInt64(chunk.count)
        if written > declared { throw Oversized() }
        try handle.write(contentsOf: chunk)
      }
    } catch is Oversized {
      throw ImporterError.unreadableArchive(
        file: displayName,
        reason: "l'entrée « \(entry.path) » se décompresse en plus que les \(declared) octets annoncés : "
          + "archive corrompue ou piégée, refusée")
    } catch {
      throw ImporterError.unreadableArchive(
        file: displayName, reason: "l'entrée « \(entry.path) » est illisible (archive tronquée ou corrompue)")
    }
  }

  private func temporary() throws -> URL {
    if let temporaryFolder { return temporaryFolder }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("raccord-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    temporaryFolder = folder
    return folder
  }

  static func describe(_ url: URL, displayName: String, fileName: String) throws -> ImportableFile {
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      throw ImporterError.xml(.unreadable(file: displayName, reason: "le fichier est illisible"))
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    var size: Int64 = 0
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      hasher.update(data: chunk)
      size += Int64(chunk.count)
    }
    let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    return ImportableFile(url: url, displayName: displayName, fileName: fileName, sha256: digest, size: size)
  }
}
