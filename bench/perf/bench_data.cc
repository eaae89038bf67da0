#include "bench_data.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "embargo/lists.h"

namespace embargo::bench {

namespace fs = std::filesystem;

std::string DefaultListsConf() {
  return EMBARGO_SOURCE_DIR "/config/default-lists.conf";
}

Result<std::vector<std::string>> ReadListsConf(const std::string& conf) {
  std::ifstream in(conf);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open", conf));
  std::vector<std::string> specs;
  fs::path base = fs::path(conf).parent_path();
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    std::string prefix;
    std::string path = line;
    if (size_t colon = line.find(':');
        colon != std::string::npos && ParseListFormat(line.substr(0, colon))) {
      prefix = line.substr(0, colon + 1);
      path = line.substr(colon + 1);
    }
    if (fs::path(path).is_relative())
      path = (base / path).lexically_normal().string();
    specs.push_back(prefix + path);
  }
  if (specs.empty())
    return Status::InvalidArgument(fmt::format("{}: names no lists", conf));
  return specs;
}

Result<std::vector<EntityList>> LoadSelectedLists(
    const std::string& conf, const std::vector<std::string>& specs) {
  if (!specs.empty()) return LoadLists(specs);
  auto read = ReadListsConf(conf.empty() ? DefaultListsConf() : conf);
  if (!read.ok()) return read.status();
  return LoadLists(*read);
}

namespace {

std::uint64_t StatusField(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    return std::stoull(line.substr(prefix.size())) * 1024;  // kB
  }
  return 0;
}

}  // namespace

std::uint64_t CurrentRssBytes() { return StatusField("VmRSS"); }
std::uint64_t PeakRssBytes() { return StatusField("VmHWM"); }

std::vector<std::string> ReadFullNamesCsv(const std::string& path) {
  // The yente files quote no field that holds a comma in full_name, so the
  // first column ends at the first comma.
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::string name = line.substr(0, line.find(','));
    if (!name.empty() && name.front() != '"') out.push_back(name);
  }
  return out;
}

std::vector<std::string> ReadHangulNames(const std::string& path, size_t max) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (out.size() < max && std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.push_back(line.substr(tab + 1));
  }
  return out;
}

}  // namespace embargo::bench
