import Foundation
import FuzzSupport
import RaccordCore

// The gradebook's LSU file (root lsun-bilans) through XMLImport.

func fuzz(_ data: Data) {
  importXML(data, kinds: [.lsuBilans])
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzDriver.run(bytes, count, fuzz)
}

#if FUZZING
  @_cdecl("FuzzLSU_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, testOneInput)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
