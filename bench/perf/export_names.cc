// embargo_export_names: every name of every entity of the given lists as
// entity_id<TAB>list<TAB>name lines, the input the peers (pg_trgm, the
// exhaustive Jaro-Winkler scan) load, so that they see exactly the names
// embargo indexes.
// Usage: embargo_export_names [--lists-from CONF | --list SPEC...]
#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench_data.h"
#include "embargo/lists.h"

namespace {

std::string Clean(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

int Run(int argc, char** argv) {
  std::string conf;
  std::vector<std::string> specs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--lists-from" || a == "--list") && i + 1 < argc) {
      (a == "--list" ? specs.emplace_back(argv[++i]) : conf = argv[++i]);
    } else {
      fmt::print(stderr, "usage: {} [--lists-from CONF | --list SPEC...]\n",
                 argv[0]);
      return 2;
    }
  }
  auto lists = embargo::bench::LoadSelectedLists(conf, specs);
  if (!lists.ok()) {
    fmt::print(stderr, "{}\n", lists.status().ToString());
    return 3;
  }
  std::uint64_t rows = 0;
  for (const embargo::EntityList& list : *lists)
    for (const embargo::Entity& e : list.entities)
      for (const embargo::Name& n : e.names) {
        fmt::print("{}\t{}\t{}\n", e.id, list.info.name, Clean(n.full));
        ++rows;
      }
  fmt::print(stderr, "exported {} names\n", rows);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Writing to a closed pipe or running out of memory ends the export with
  // a message, not std::terminate.
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "embargo_export_names: %s\n", e.what());
    return 70;
  }
}
