// Fuzzes the UN Security Council XML loader: the input is the list file, read
// by LoadList() as "un_xml" and sniffed by DetectListFormat(). Crashes,
// sanitizer reports, kInternal statuses and lists breaking LoadList()'s
// promises are failures.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  return embargo::fuzz::FuzzListFile("un_xml", "list.xml", data, size);
}
