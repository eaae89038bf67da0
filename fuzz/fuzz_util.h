// Helpers shared by the libFuzzer harnesses in fuzz/: a private scratch
// folder for the loaders that only take a path, the split of one input into
// several files, the checks every harness makes on a Status, and the harness
// that feeds bytes to LoadList() as one list format.
// Thread-safety: libFuzzer calls a harness from one thread; so must these.
#ifndef EMBARGO_FUZZ_FUZZ_UTIL_H_
#define EMBARGO_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "embargo/entity.h"
#include "embargo/lists.h"
#include "embargo/status.h"

namespace embargo::fuzz {

// Prints why and aborts, which libFuzzer records as a crash with its input.
[[noreturn]] inline void Fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "FUZZ CHECK FAILED: %.*s: %.*s\n",
               static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// kInternal means "a bug in embargo" (status.h): no input may cause it.
inline void CheckNotInternal(const Status& status) {
  if (status.code() == StatusCode::kInternal)
    Fail("kInternal status", status.ToString());
}

// A folder private to this process, under /dev/shm when it exists so
// writing each input costs no disk I/O. Removed at a normal exit; after a
// crash bench/fuzz.sh removes it.
inline const std::filesystem::path& ScratchDir() {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    std::error_code ec;
    fs::path base = fs::is_directory("/dev/shm", ec)
                        ? fs::path("/dev/shm")
                        : fs::temp_directory_path();
    fs::path d = base / ("embargo-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(d, ec);
    fs::create_directories(d, ec);
    if (ec) Fail("scratch folder", ec.message());
    return d;
  }();
  // Registered once `dir` is built, so the handler runs before `dir` is
  // destroyed (exit runs them in reverse order of registration).
  static const bool cleanup_registered = [] {
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(ScratchDir(), ignored);
    });
    return true;
  }();
  (void)cleanup_registered;
  return dir;
}

// Empties the scratch folder, so no file of an earlier input lingers (a
// loader that looks for companion files would otherwise see them).
inline void ClearScratch() {
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(ScratchDir(), ec))
    std::filesystem::remove_all(entry.path(), ec);
}

// Writes `bytes` to ScratchDir()/name and returns the path.
inline std::string WriteScratchFile(std::string_view name,
                                    std::string_view bytes) {
  std::filesystem::path p = ScratchDir() / std::string(name);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) Fail("write scratch file", p.string());
  return p.string();
}

// Inputs that stand for several files hold them one after the other with
// this line between them (bench/fuzz_seeds.py writes seeds the same way, and
// the dictionaries list it so mutations can add or drop a file).
inline constexpr std::string_view kPartSeparator = "\n##EMBARGO-PART##\n";

inline std::vector<std::string_view> SplitParts(std::string_view data) {
  std::vector<std::string_view> parts;
  for (;;) {
    size_t at = data.find(kPartSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(data.substr(0, at));
    data.remove_prefix(at + kPartSeparator.size());
  }
  parts.push_back(data);
  return parts;
}

inline std::string_view AsText(const std::uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// What LoadList() promises of any list it returns (lists.h, lists.cc):
// every entity has an id, a non-empty primary name and a unique id; and the
// entity renders as JSON (the server's /entities does this to every entity,
// so a name that cannot be rendered would be a 500 there).
inline void CheckLoadedList(const EntityList& list, std::string_view format) {
  if (list.info.format != format)
    Fail("list format", list.info.format + " != " + std::string(format));
  for (const Entity& e : list.entities) {
    if (e.id.empty()) Fail("entity without id", list.info.name);
    if (e.names.empty() || e.names.front().full.empty())
      Fail("entity without name", e.id);
    std::string json = EntityToJson(e);
    if (json.empty() || json.front() != '{') Fail("entity JSON", json);
  }
}

// The harness of every single-file loader: the input becomes the file
// `file_name`, which LoadList() reads as `format` (the path the CLI and the
// server take), and DetectListFormat() sniffs.
inline int FuzzListFile(std::string_view format, std::string_view file_name,
                        const std::uint8_t* data, size_t size) {
  ClearScratch();
  std::string path = WriteScratchFile(file_name, AsText(data, size));
  auto detected = DetectListFormat(path);
  CheckNotInternal(detected.status());
  auto list = LoadList(std::string(format) + ":" + path);
  CheckNotInternal(list.status());
  if (list.ok()) CheckLoadedList(*list, format);
  return 0;
}

}  // namespace embargo::fuzz

#endif  // EMBARGO_FUZZ_FUZZ_UTIL_H_
