// Fuzzes the Australia DFAT xlsx loader and the xlsx reader under it. Two
// kinds of input:
// - starting with "PK": the bytes are the .xlsx file itself (zip structure,
//   size caps, bombs);
// - anything else: workbook members separated by kPartSeparator, each part
//   "member/name\n" then its content, zipped here (stored, so every byte the
//   fuzzer writes reaches the XML parsers unchanged; mutating a deflated or
//   CRC-checked zip would mostly test the CRC). This is how the sheet, shared
//   strings, workbook and relationships get fuzzed in depth.
// LoadList() reads the file as "au_xlsx".
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"

namespace {

using embargo::fuzz::Fail;

// Zips `parts` ("name\ncontent" each) into a new file at `path`.
void WriteWorkbook(const std::string& path,
                   const std::vector<std::string_view>& parts) {
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (zip == nullptr) Fail("zip_open", path);
  for (std::string_view part : parts) {
    size_t nl = part.find('\n');
    if (nl == std::string_view::npos || nl == 0) continue;
    std::string name(part.substr(0, nl));
    std::string_view content = part.substr(nl + 1);
    // libzip keeps the buffer until zip_close(), so it must outlive the loop.
    zip_source_t* src =
        zip_source_buffer(zip, content.data(), content.size(), 0);
    if (src == nullptr) Fail("zip_source_buffer", name);
    zip_int64_t index = zip_file_add(zip, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);  // e.g. a duplicate or invalid member name
      continue;
    }
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index),
                             ZIP_CM_STORE, 0);
  }
  if (zip_close(zip) != 0) {
    zip_discard(zip);
    Fail("zip_close", path);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace embargo::fuzz;
  std::string_view input = AsText(data, size);
  if (input.substr(0, 2) == "PK")
    return FuzzListFile("au_xlsx", "list.xlsx", data, size);
  ClearScratch();
  std::string path = (ScratchDir() / "list.xlsx").string();
  WriteWorkbook(path, SplitParts(input));
  auto detected = embargo::DetectListFormat(path);
  CheckNotInternal(detected.status());
  auto list = embargo::LoadList("au_xlsx:" + path);
  CheckNotInternal(list.status());
  if (list.ok()) CheckLoadedList(*list, "au_xlsx");
  return 0;
}
