// embargo screen: a customer CSV against the lists, one output line per row.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/common.h"
#include "embargo/screen.h"

namespace embargo::cli {
namespace {

struct ScreenFlags {
  ListOptions lists;
  std::string input, out, format = "jsonl";
  double threshold = kDefaultThreshold;
  size_t limit = 5;
  int threads = 0;
};

int Run(const ScreenFlags& f) {
  ScreenOptions opts;
  opts.search.threshold = f.threshold;
  opts.search.limit = f.limit;
  opts.threads = f.threads;
  opts.format = f.format == "csv" ? OutputFormat::kCsv : OutputFormat::kJsonl;
  auto screener = BuildScreener(f.lists);
  if (!screener.ok()) return ReportError(screener.status());

  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, std::fclose);
  std::string tmp_path;
  if (!f.out.empty()) {
    // Write beside the target and rename, so a failed run leaves no
    // half-written result file behind. Not for what is not a regular file
    // (/dev/null, a pipe): renaming over it would replace the device.
    struct stat st {};
    const bool special =
        ::stat(f.out.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
    if (!special) tmp_path = f.out + ".tmp";
    file.reset(std::fopen(special ? f.out.c_str() : tmp_path.c_str(), "wb"));
    if (!file)
      return ReportError(
          Status::IoError(fmt::format("{}: cannot write", f.out)));
    out = file.get();
  }
  bool tty = ::isatty(STDERR_FILENO);
  auto start = std::chrono::steady_clock::now();
  if (tty) {
    opts.progress = [start](const ScreenProgress& p) {
      double secs = std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - start)
                        .count();
      double rate = secs > 0 ? static_cast<double>(p.rows) / secs : 0;
      std::string eta = "?";
      if (p.bytes_total > 0 && p.bytes_read > 0 && secs > 0) {
        double left = secs * (static_cast<double>(p.bytes_total) /
                                  static_cast<double>(p.bytes_read) -
                              1);
        eta = fmt::format("{:.0f}s", std::max(0.0, left));
      }
      int pct =
          p.bytes_total
              ? static_cast<int>(100.0 * static_cast<double>(p.bytes_read) /
                                 static_cast<double>(p.bytes_total))
              : 0;
      int bar = pct / 5;
      fmt::print(stderr, "\r[{}{}] {:3d}% {} rows, {:.0f} rows/s, ETA {}   ",
                 std::string(bar, '#'), std::string(20 - bar, '.'), pct, p.rows,
                 rate, eta);
    };
  }
  bool write_failed = false;
  auto result = ScreenCsv(**screener, f.input, opts, [&](std::string_view s) {
    if (std::fwrite(s.data(), 1, s.size(), out) != s.size())
      write_failed = true;
  });
  if (tty) fmt::print(stderr, "\n");
  if (!result.ok()) {
    if (!tmp_path.empty()) std::remove(tmp_path.c_str());
    return ReportError(result.status());
  }
  if (std::fflush(out) != 0 || write_failed) {
    if (!tmp_path.empty()) std::remove(tmp_path.c_str());
    return ReportError(Status::IoError("writing the results failed"));
  }
  if (!tmp_path.empty()) {
    file.reset();
    if (std::rename(tmp_path.c_str(), f.out.c_str()) != 0)
      return ReportError(
          Status::IoError(fmt::format("{}: cannot write", f.out)));
  }
  const ScreenSummary& s = *result;
  fmt::print(stderr,
             "screened {} rows: {} with hits, {} with errors, in {:.2f}s "
             "({:.0f} rows/s)\n",
             s.rows, s.rows_with_hits, s.rows_with_errors, s.seconds,
             s.seconds > 0 ? static_cast<double>(s.rows) / s.seconds : 0.0);
  // A row not screened is not clear: 0 only when every row was screened
  // and none has hits. Hits come first, as their review reads the same
  // output, where the rows not screened stand too.
  if (s.rows_with_hits > 0) return kExitHits;
  return s.rows_with_errors > 0 ? kExitData : kExitOk;
}

}  // namespace

void AddScreenCommand(CLI::App* app, int* exit_code) {
  auto* cmd = app->add_subcommand(
      "screen",
      "Screen a customer CSV (header: id,name,kind,birth_date,"
      "country,passport,imo,bic; only name is required)");
  auto f = std::make_shared<ScreenFlags>();
  cmd->add_option("INPUT", f->input, "Customer CSV file")->required();
  f->lists.AddTo(cmd);
  cmd->add_option("--out", f->out, "Output file (default: stdout)");
  cmd->add_option("--format", f->format, "jsonl (default) or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  cmd->add_option("--threshold", f->threshold,
                  fmt::format("Minimum score in [0,1] (default {:.2f}); 0 "
                              "returns the best --limit whatever their score",
                              kDefaultThreshold))
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--limit", f->limit, "Maximum matches per row (default 5)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threads", f->threads,
                  "Worker threads (default: all cores)");
  cmd->callback([f, exit_code] { *exit_code = Run(*f); });
}

}  // namespace embargo::cli
