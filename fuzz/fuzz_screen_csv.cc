// Fuzzes `embargo screen`: the input is the customer CSV, which ScreenCsv()
// reads (header detection, RFC 4180 records, per-row dates, countries and
// identifiers) and screens against the fixture lists. The first byte picks
// the output format. Beyond crashes and sanitizer reports, it checks the
// output contract of screen.h: in jsonl every line is one JSON object, and
// there is one line per screened row.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "embargo/screen.h"
#include "fuzz/fuzz_lists.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace embargo::fuzz;
  if (size == 0) return 0;
  const embargo::Screener& screener = FuzzScreener();
  embargo::ScreenOptions options;
  options.threads = 1;
  options.format = (data[0] & 1) ? embargo::OutputFormat::kCsv
                                 : embargo::OutputFormat::kJsonl;
  ClearScratch();
  std::string path =
      WriteScratchFile("customers.csv", AsText(data + 1, size - 1));
  std::string out;
  auto summary = embargo::ScreenCsv(screener, path, options,
                                    [&](std::string_view s) { out += s; });
  CheckNotInternal(summary.status());
  if (!summary.ok() || options.format != embargo::OutputFormat::kJsonl)
    return 0;
  std::uint64_t lines = 0;
  std::string_view rest = out;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) Fail("jsonl line without newline", rest);
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) Fail("jsonl line", line);
    ++lines;
  }
  if (lines != summary->rows)
    Fail("one line per row", std::to_string(lines) + " lines, " +
                                 std::to_string(summary->rows) + " rows");
  return 0;
}
