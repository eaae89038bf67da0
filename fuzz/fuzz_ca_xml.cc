// Fuzzes the Canada SEMA XML loader: the input is the list file, read by
// LoadList() as "ca_xml" and sniffed by DetectListFormat(). Crashes, sanitizer
// reports, kInternal statuses and lists breaking LoadList()'s promises are
// failures.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  return embargo::fuzz::FuzzListFile("ca_xml", "sema.xml", data, size);
}
