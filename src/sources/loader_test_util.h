// Lookups and temporary files the loaders' tests share (test code only).
// Thread-safety: all reentrant; a TempFile belongs to one test.
#ifndef EMBARGO_SOURCES_LOADER_TEST_UTIL_H_
#define EMBARGO_SOURCES_LOADER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/entity.h"

namespace embargo::internal {

// The entity with this id, or null.
inline const Entity* Find(const EntityList& list, std::string_view id) {
  for (const Entity& e : list.entities)
    if (e.id == id) return &e;
  return nullptr;
}

// Each name's full form, in order.
inline std::vector<std::string> Names(const Entity& e) {
  std::vector<std::string> out;
  for (const Name& n : e.names) out.push_back(n.full);
  return out;
}

inline bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A file named `name` in a folder of the running test's own under the
// temporary folder (ctest runs test processes at once, and a loader names
// a list after its file), removed with the folder when it goes out of scope.
class TempFile {
 public:
  TempFile(std::string_view name, std::string_view content) {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string folder =
        test == nullptr
            ? std::string("embargo_test")
            : std::string(test->test_suite_name()) + "." + test->name();
    std::replace(folder.begin(), folder.end(), '/', '_');
    dir_ = std::filesystem::path(::testing::TempDir()) / folder;
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / name).string();
    std::ofstream out(path_, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    std::filesystem::remove(dir_, ignored);  // only once the test's last goes
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

inline int CountKind(const EntityList& list, EntityKind kind) {
  return static_cast<int>(
      std::count_if(list.entities.begin(), list.entities.end(),
                    [&](const Entity& e) { return e.kind == kind; }));
}

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_LOADER_TEST_UTIL_H_
