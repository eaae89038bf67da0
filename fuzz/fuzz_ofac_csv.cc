// Fuzzes the OFAC legacy CSV set loader. The input holds up to four files
// separated by kPartSeparator: sdn.csv, then the companions alt.csv, add.csv
// and sdn_comments.csv (a missing part is a missing file; an empty part an
// empty file), so cross-file checks (orphans, comments joining the Remarks)
// get fuzzed too. LoadList() reads the set as "ofac_csv".
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace embargo::fuzz;
  static constexpr std::array<std::string_view, 4> kFiles = {
      "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
  ClearScratch();
  auto parts = SplitParts(AsText(data, size));
  std::string main;
  for (size_t i = 0; i < parts.size() && i < kFiles.size(); ++i) {
    std::string path = WriteScratchFile(kFiles[i], parts[i]);
    if (i == 0) main = path;
  }
  auto detected = embargo::DetectListFormat(main);
  CheckNotInternal(detected.status());
  auto list = embargo::LoadList("ofac_csv:" + main);
  CheckNotInternal(list.status());
  if (list.ok()) CheckLoadedList(*list, "ofac_csv");
  return 0;
}
