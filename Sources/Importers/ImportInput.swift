import Crypto
import Foundation
import RaccordCore
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

  private func addZip(_ url: URL, displayName: String) throws {
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw ImporterError.unreadableArchive(file: displayName, reason: "ce n'est pas une archive zip lisible")
    }
    let entries = archive.filter {
      $0.type == .file && $0.path.lowercased().hasSuffix(".xml") && !$0.path.hasPrefix("__MACOSX")
    }
    if entries.isEmpty { throw ImporterError.zipWithoutXML(file: displayName) }
    let folder = try temporary()
    for (index, entry) in entries.sorted(by: { $0.path < $1.path }).enumerated() {
      let name = (entry.path as NSString).lastPathComponent
      let target = folder.appendingPathComponent("\(index)-\(name)")
      do {
        _ = try archive.extract(entry, to: target, skipCRC32: false)
      } catch {
        throw ImporterError.unreadableArchive(
          file: displayName, reason: "l'entrée « \(entry.path) » est illisible (archive tronquée ou corrompue)")
      }
      files.append(try Self.describe(target, displayName: "\(displayName):\(entry.path)", fileName: name))
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
