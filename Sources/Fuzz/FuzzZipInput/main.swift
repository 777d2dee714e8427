import Foundation
import FuzzSupport
import Importers

// A zip archive through ImportInput (entry checks, extraction), then each XML entry found sniffed for its kind.

func fuzz(_ data: Data) {
  let url = Scratch.write(data, as: "input.zip")
  do {
    let input = try ImportInput(paths: [url.path])
    for file in input.files {
      _ = try? XMLImport.kind(of: file)
    }
  } catch {
    expectReaderError(error)
  }
}

#if FUZZING
  @_cdecl("FuzzZipInput_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, fuzz)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
