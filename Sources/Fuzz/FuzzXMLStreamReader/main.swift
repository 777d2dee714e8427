import Foundation
import FuzzSupport
import XMLStreaming

// The XML stream reader alone: every event of the document, whole elements read now and then.

func fuzz(_ data: Data) {
  let url = Scratch.write(data, as: "input.xml")
  do {
    let reader = try XMLStreamReader(url: url)
    var starts = 0
    while let event = try reader.next() {
      guard case .start(let element) = event else { continue }
      starts += 1
      // Every third element is read whole, every fifth skipped: the three ways importers walk.
      if starts % 3 == 0 {
        _ = try reader.readElement(element)
      } else if starts % 5 == 0 {
        try reader.skipElement(element)
      }
    }
  } catch {
    expectReaderError(error)
  }
}

#if FUZZING
  @_cdecl("FuzzXMLStreamReader_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, fuzz)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
