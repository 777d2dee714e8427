import Foundation
import FuzzSupport
import RaccordCore

// STS Web sts_emp_<UAI>_<year>.xml (root STS_EDT) through XMLImport.

func fuzz(_ data: Data) {
  importXML(data, kinds: [.stsEmp])
}

#if FUZZING
  @_cdecl("FuzzSTS_main")
  public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.main(argc, argv, fuzz)
  }
#endif

let replayed: Void = FuzzDriver.replay(fuzz)
