// Fuzzes the index snapshot reader (src/index/snapshot.h): the input is a
// snapshot file, opened by Screener::Open() as `embargo screen --index` and
// the server do, then searched. snapshot.h promises that "a damaged or
// hostile file is an error, never a crash": every offset is checked before
// use, so an opened snapshot must also be safe to search. Searches run on the
// snapshot's own listed names and on a few fixed queries, with and without
// the candidate index, so the mapped arrays are actually read.
//
// The header states the file's size, which almost every mutation changes;
// the harness writes the input's real size there first (when the header is
// long enough to hold it), so mutations get past that check into the
// sections. Seeds: with EMBARGO_FUZZ_WRITE_SEEDS=DIR the binary writes
// snapshots of the fixture lists into DIR and exits (bench/fuzz.sh does this,
// since a snapshot is only valid for the code that wrote it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "embargo/lists.h"
#include "embargo/screener.h"
#include "fuzz/fuzz_lists.h"
#include "fuzz/fuzz_util.h"

namespace {

using embargo::fuzz::Fail;

void WriteSeeds(const std::string& dir) {
  std::filesystem::create_directories(dir);
  const std::vector<std::string> all = embargo::fuzz::FuzzListSpecs();
  const std::vector<std::vector<std::string>> sets = {
      all, {all[0]}, {all[1], all[4]}};
  int n = 0;
  for (const auto& specs : sets) {
    auto lists = embargo::LoadLists(specs);
    if (!lists.ok()) Fail("load lists", lists.status().ToString());
    auto screener = embargo::Screener::Build(std::move(*lists));
    if (!screener.ok()) Fail("build", screener.status().ToString());
    std::string path = dir + "/snapshot-" + std::to_string(n++);
    embargo::Status st = (*screener)->SaveSnapshot(path);
    if (!st.ok()) Fail("save snapshot", st.ToString());
  }
}

// Offset of the header's file-size field: magic (8), byte order mark (4),
// header length (4), format (4), code and machine strings (u32 length +
// bytes each), created (8). See OpenSnapshot() in snapshot.cc.
bool SizeFieldOffset(const std::string& b, size_t* offset) {
  size_t pos = 20;
  for (int s = 0; s < 2; ++s) {
    std::uint32_t len = 0;
    if (b.size() < pos + 4) return false;
    std::memcpy(&len, b.data() + pos, 4);
    pos += 4;
    if (len > b.size() - pos) return false;
    pos += len;
  }
  pos += 8;
  if (b.size() < pos + 8) return false;
  *offset = pos;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("EMBARGO_FUZZ_WRITE_SEEDS")) {
    WriteSeeds(dir);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace embargo::fuzz;
  std::string bytes(AsText(data, size));
  size_t at = 0;
  if (SizeFieldOffset(bytes, &at)) {
    const std::uint64_t real = bytes.size();
    std::memcpy(bytes.data() + at, &real, sizeof real);
  }
  ClearScratch();
  std::string path = WriteScratchFile("index.snap", bytes);
  auto screener = embargo::Screener::Open(path);
  CheckNotInternal(screener.status());
  if (!screener.ok()) return 0;

  const embargo::Screener& sc = **screener;
  embargo::SearchOptions options;
  options.threshold = 0;
  options.limit = 5;
  auto search = [&](const std::string& name) {
    embargo::Query q;
    q.name = name;
    for (const embargo::Match& m : sc.Search(q, options))
      (void)embargo::EntityToJson(*m.entity);  // what /match renders
  };
  // First the fixed queries, which decode entities one by one as matches
  // need them; then lists(), which decodes them all.
  std::vector<std::string> names = {"Ocean Star", "Ahmad al Example",
                                    "RI WON HO", "Star Shipping Ltd"};
  for (const std::string& name : names) search(name);
  names.clear();
  for (const embargo::EntityList& list : sc.lists()) {
    for (size_t i = 0; i < list.entities.size() && i < 8; ++i) {
      const embargo::Entity& e = list.entities[i];
      if (!e.names.empty()) names.push_back(e.names.front().full);
      (void)sc.FindEntity(e.id);
      (void)embargo::EntityToJson(e);  // what /entities/{id} renders
    }
  }
  for (const std::string& name : names) search(name);
  // The exhaustive scan reads every indexed name once.
  options.exhaustive = true;
  search("Ocean Star");
  return 0;
}
