import Foundation
import FuzzSupport
import Importers
import RaccordCore

// A gradebook's services CSV through ServicesCSVImporter, for a fixed school and year.

let header = FileHeader(kind: .gradebookServices, uai: try! UAI(validating: "0789990K"), year: SchoolYear(2025))

func fuzz(_ data: Data) {
  if Scratch.looksLikeZip(data) { return }
  let url = Scratch.write(data, as: "services.csv")
  do {
    let input = try ImportInput(paths: [url.path])
    for file in input.files {
      _ = try ServicesCSVImporter.run(file, header: header, into: DiscardingSink())
    }
  } catch {
    expectReaderError(error)
  }
}

#if FUZZING
  @_cdecl("FuzzServicesCSV_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, fuzz)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
