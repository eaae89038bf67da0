// The small set of lists the harnesses that screen (customer CSV, server)
// search against: the loaders' test fixtures, so it loads in well under a
// second under ASan and needs no shared data, yet holds persons, companies
// and vessels in several scripts for the matcher to align queries with.
// Thread-safety: FuzzScreener() builds once (static init) and is then
// read-only.
#ifndef EMBARGO_FUZZ_FUZZ_LISTS_H_
#define EMBARGO_FUZZ_FUZZ_LISTS_H_

#include <memory>
#include <string>
#include <vector>

#include "embargo/lists.h"
#include "embargo/screener.h"
#include "fuzz/fuzz_util.h"

namespace embargo::fuzz {

// List specs under the source tree (EMBARGO_SOURCE_DIR).
inline std::vector<std::string> FuzzListSpecs() {
  const std::string f = std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/";
  return {f + "ftm/sample.ftm.json", f + "csl/sample.csv",
          f + "eu/sample.xml",       f + "ca/sample.xml",
          f + "bis_dpl/sample.txt",  "ofac_csv:" + f + "ofac_csv/set/sdn.csv"};
}

inline const Screener& FuzzScreener() {
  static const std::unique_ptr<Screener> screener = [] {
    auto lists = LoadLists(FuzzListSpecs());
    if (!lists.ok()) Fail("load the fixture lists", lists.status().ToString());
    auto built = Screener::Build(std::move(*lists));
    if (!built.ok()) Fail("build the screener", built.status().ToString());
    return std::move(*built);
  }();
  return *screener;
}

}  // namespace embargo::fuzz

#endif  // EMBARGO_FUZZ_FUZZ_LISTS_H_
