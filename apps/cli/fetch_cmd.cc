// embargo fetch: download the official lists from their publishers.
#include <fmt/format.h>

#include <cstdint>
#include <filesystem>

#include "cli/common.h"
#include "service/fetcher.h"

namespace embargo::cli {
namespace {

struct FetchFlags {
  std::string sources;
  std::string out = "lists";
  std::vector<std::string> only;
  std::int64_t timeout = 600;
};

int Run(const FetchFlags& f) {
  std::string sources = f.sources;
  if (sources.empty()) {
    for (const char* c :
         {"config/sources.conf", EMBARGO_SOURCE_DIR "/config/sources.conf"}) {
      if (std::filesystem::exists(c)) {
        sources = c;
        break;
      }
    }
  }
  if (sources.empty())
    return ReportError(
        Status::InvalidArgument("no sources file: pass --sources FILE"));
  auto config = service::ReadSourcesConfig(sources);
  if (!config.ok()) return ReportError(config.status());
  service::FetchOptions opts;
  opts.out_dir = f.out;
  opts.only = f.only;
  opts.timeout_seconds = f.timeout;
  opts.log = [](std::string_view line) { fmt::print(stderr, "{}\n", line); };
  auto results = service::FetchSources(*config, opts);
  if (results.empty())
    return ReportError(
        Status::InvalidArgument("no list selected (check --only)"));
  int failed = 0;
  for (const auto& r : results) {
    if (r.ok)
      fmt::print("{}: ok, {} entities, {} bytes{} -> {}\n", r.list, r.entities,
                 r.bytes, r.changed ? ", updated" : ", unchanged", r.folder);
    else {
      ++failed;
      fmt::print("{}: FAILED, last good copy kept: {}\n", r.list, r.error);
    }
  }
  return failed ? kExitIo : kExitOk;
}

}  // namespace

void AddFetchCommand(CLI::App* app, int* exit_code) {
  auto* cmd = app->add_subcommand(
      "fetch",
      "Download the official lists (config/sources.conf), verify them, and "
      "replace the local copies atomically; a bad download keeps the last good "
      "copy");
  auto f = std::make_shared<FetchFlags>();
  cmd->add_option("--sources", f->sources,
                  "Sources file (default config/sources.conf)");
  cmd->add_option("--out", f->out,
                  "Folder the lists go to, one sub-folder per list "
                  "(default ./lists)");
  cmd->add_option("--only", f->only, "Fetch only these lists (repeatable)");
  cmd->add_option("--timeout", f->timeout,
                  "Seconds allowed per file (default 600)")
      ->check(CLI::PositiveNumber);
  cmd->callback([f, exit_code] { *exit_code = Run(*f); });
}

}  // namespace embargo::cli
