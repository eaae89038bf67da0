// embargo index build / info: write the loaded lists and their index to a
// snapshot that search, screen and trade open with --index in milliseconds.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "cli/common.h"

namespace embargo::cli {
namespace {

struct IndexFlags {
  ListOptions lists;
  std::string out;
};

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
      .count();
}

int Build(const IndexFlags& f) {
  const auto t0 = std::chrono::steady_clock::now();
  auto screener = BuildScreener(f.lists);
  if (!screener.ok()) return ReportError(screener.status());
  const double built = Since(t0);
  Status st = (*screener)->SaveSnapshot(f.out);
  if (!st.ok()) return ReportError(st);
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(f.out, ec);
  fmt::print(stderr,
             "wrote {}: {} lists, {} entities, {} indexed names, {:.1f} MB "
             "(loaded and indexed in {:.2f}s, written in {:.2f}s)\n",
             f.out, (*screener)->summaries().size(),
             (*screener)->entity_count(), (*screener)->indexed_name_count(),
             ec ? 0.0 : static_cast<double>(bytes) / 1e6, built,
             Since(t0) - built);
  return kExitOk;
}

int Info(const std::string& path) {
  const auto t0 = std::chrono::steady_clock::now();
  auto screener = Screener::Open(path);
  if (!screener.ok()) return ReportError(screener.status());
  const double ms = Since(t0) * 1e3;
  const Screener& s = **screener;
  fmt::print(
      "{}: opened in {:.1f} ms; {} entities, {} indexed names; index "
      "{:.1f} MB ({:.0f} bytes per indexed name)\n",
      path, ms, s.entity_count(), s.indexed_name_count(),
      static_cast<double>(s.index_bytes()) / 1e6,
      s.indexed_name_count() ? static_cast<double>(s.index_bytes()) /
                                   static_cast<double>(s.indexed_name_count())
                             : 0.0);
  for (const EntityList& l : s.lists())
    fmt::print("  {:<14} {:>6} entities  published {}  {}\n", l.info.name,
               l.entities.size(), l.info.published.ToString(),
               l.info.content_hash);
  return kExitOk;
}

}  // namespace

void AddIndexCommand(CLI::App* app, int* exit_code) {
  auto* index = app->add_subcommand(
      "index", "Index snapshots: build once, then start in milliseconds");
  index->require_subcommand(1);

  auto f = std::make_shared<IndexFlags>();
  auto* build = index->add_subcommand(
      "build", "Load the lists, index them and write a snapshot file");
  f->lists.AddTo(build);
  build->add_option("--out", f->out, "The snapshot file to write")->required();
  build->callback([f, exit_code] { *exit_code = Build(*f); });

  auto path = std::make_shared<std::string>();
  auto* info = index->add_subcommand("info", "Open a snapshot and describe it");
  info->add_option("SNAPSHOT", *path, "The snapshot file")->required();
  info->callback([path, exit_code] { *exit_code = Info(*path); });
}

}  // namespace embargo::cli
