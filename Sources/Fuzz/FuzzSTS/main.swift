import Foundation
import FuzzSupport
import RaccordCore

// STS Web sts_emp_<UAI>_<year>.xml (root STS_EDT) through XMLImport.

func fuzz(_ data: Data) {
  importXML(data, kinds: [.stsEmp])
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzDriver.run(bytes, count, fuzz)
}

#if FUZZING
  @_cdecl("FuzzSTS_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, testOneInput)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
