#include "cli/common.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace embargo::cli {

namespace fs = std::filesystem;

void ListOptions::AddTo(CLI::App* app) {
  app->add_option("--list", lists,
                  "A list file or folder (repeatable); FORMAT:PATH forces a "
                  "format (un_xml, ofac_csv, ofac_xml, csl, uk_csv, eu_xml, "
                  "ca_xml, au_xlsx, ftm, bis_dpl, uae_csv)");
  app->add_option("--lists-from", lists_from,
                  "A file naming one list per line (default: "
                  "config/default-lists.conf)");
  app->add_option("--index", index,
                  "An index snapshot written by `embargo index build`, "
                  "instead of --list/--lists-from (starts in milliseconds)");
}

Result<std::vector<std::string>> ListOptions::Specs() const {
  if (!lists.empty()) return lists;
  std::string conf = lists_from;
  if (conf.empty()) {
    for (const char* c : {"config/default-lists.conf",
                          EMBARGO_SOURCE_DIR "/config/default-lists.conf"}) {
      if (fs::exists(c)) {
        conf = c;
        break;
      }
    }
  }
  if (conf.empty())
    return Status::InvalidArgument(
        "no lists given: pass --list PATH or --lists-from FILE");
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

namespace {

Status CheckIndexAlone(const ListOptions& opts) {
  if (!opts.index.empty() && (!opts.lists.empty() || !opts.lists_from.empty()))
    return Status::InvalidArgument(
        "--index already holds the lists: pass it without --list or "
        "--lists-from");
  return Status::Ok();
}

}  // namespace

Result<std::vector<EntityList>> LoadListsFromOptions(const ListOptions& opts) {
  EMBARGO_RETURN_IF_ERROR(CheckIndexAlone(opts));
  if (!opts.index.empty()) {
    auto screener = Screener::Open(opts.index);
    if (!screener.ok()) return screener.status();
    return (*screener)->lists();  // a copy: the screener goes away
  }
  auto specs = opts.Specs();
  if (!specs.ok()) return specs.status();
  return LoadLists(*specs);
}

Result<const Screener*> BuildScreener(const ListOptions& opts) {
  EMBARGO_RETURN_IF_ERROR(CheckIndexAlone(opts));
  Result<std::unique_ptr<Screener>> screener = Status::Internal("unset");
  if (!opts.index.empty()) {
    screener = Screener::Open(opts.index);
  } else {
    auto lists = LoadListsFromOptions(opts);
    if (!lists.ok()) return lists.status();
    screener = Screener::Build(std::move(*lists));
  }
  if (!screener.ok()) return screener.status();
  static auto* kept = new std::vector<std::unique_ptr<Screener>>();
  kept->push_back(std::move(*screener));
  return static_cast<const Screener*>(kept->back().get());
}

Result<PartialDate> ParseQueryDate(const std::string& text) {
  PartialDate d;
  int y = 0, m = 0, day = 0;
  char extra = 0;
  int n = std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &day, &extra);
  bool shape_ok = (n == 1 && text.size() == 4) ||
                  (n == 2 && text.size() == 7) || (n == 3 && text.size() == 10);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  bool valid = shape_ok && y >= 1000 && y <= 2999 && m >= 0 && m <= 12 &&
               (m == 0 ? day == 0
                       : day >= 0 && day <= kDays[m - 1] &&
                             !(m == 2 && day == 29 && !leap));
  if (!valid)
    return Status::InvalidArgument(fmt::format(
        "--birth-date: '{}' is not a date of the form YYYY[-MM[-DD]]", text));
  d.year = static_cast<std::int16_t>(y);
  d.month = static_cast<std::uint8_t>(m);
  d.day = static_cast<std::uint8_t>(day);
  return d;
}

int ReportError(const Status& status) {
  fmt::print(stderr, "embargo: {}\n", status.ToString());
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kNotFound:
      return kExitNotFound;
    case StatusCode::kIoError:
      return kExitIo;
    case StatusCode::kDataError:
    case StatusCode::kUnsupported:
    case StatusCode::kLimitExceeded:
      return kExitData;
    case StatusCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace embargo::cli
