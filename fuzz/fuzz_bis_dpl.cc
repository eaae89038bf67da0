// Fuzzes the BIS Denied Persons List loader: the input is the list file, read
// by LoadList() as "bis_dpl" and sniffed by DetectListFormat(). Crashes,
// sanitizer reports, kInternal statuses and lists breaking LoadList()'s
// promises are failures.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  return embargo::fuzz::FuzzListFile("bis_dpl", "dpl.txt", data, size);
}
