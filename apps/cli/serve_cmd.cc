// embargo serve: the HTTP service (apps/server).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/common.h"
#include "server/serve.h"
#include "server/server_config.h"

namespace embargo::cli {
namespace {

struct ServeFlags {
  ListOptions lists;
  std::string state = "embargo-state";
  std::string config;
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> rules;
  int threads = 0;
  double reload_interval = 0;
  double max_entity_drop = 0.10;
  bool no_auth = false;
  CLI::Option* state_opt = nullptr;
  CLI::Option* listen_opt = nullptr;
  CLI::Option* threads_opt = nullptr;
  CLI::Option* interval_opt = nullptr;
  CLI::Option* drop_opt = nullptr;
};

int Run(const ServeFlags& f) {
  server::ServerConfig config;
  if (!f.config.empty()) {
    std::ifstream in(f.config);
    if (!in)
      return ReportError(
          Status::NotFound(fmt::format("{}: cannot open", f.config)));
    std::stringstream buf;
    buf << in.rdbuf();
    Status st = server::ApplyServerConfig(buf.str(), f.config, &config);
    if (!st.ok()) return ReportError(st);
  }
  if (f.state_opt->count() || f.config.empty()) config.state_dir = f.state;
  if (f.listen_opt->count() || f.config.empty()) config.listen = f.listen;
  if (f.threads_opt->count()) config.threads = f.threads;
  if (f.interval_opt->count()) config.reload_interval = f.reload_interval;
  if (f.drop_opt->count()) config.max_entity_drop = f.max_entity_drop;
  if (f.no_auth) config.require_auth = false;
  if (!f.rules.empty()) config.trade_rules = f.rules;
  if (config.trade_rules.empty()) {
    for (const char* dir : {"rules", EMBARGO_SOURCE_DIR "/rules"}) {
      if (std::filesystem::is_directory(dir)) {
        config.trade_rules = {dir};
        break;
      }
    }
  }
  // With --index the server re-opens the snapshot on every refresh (`embargo
  // index build` replaces it atomically); otherwise it re-reads the lists.
  if (!f.lists.index.empty()) {
    if (!f.lists.lists.empty() || !f.lists.lists_from.empty())
      return ReportError(Status::InvalidArgument(
          "pass --index or --list/--lists-from, not both"));
    config.index = f.lists.index;
    config.lists.clear();
  } else if (!f.lists.lists.empty() || !f.lists.lists_from.empty() ||
             config.lists.empty()) {
    auto specs = f.lists.Specs();
    if (!specs.ok()) return ReportError(specs.status());
    config.lists = *specs;
  }
  Status st = server::RunServer(config);
  if (!st.ok()) return ReportError(st);
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App* app, int* exit_code) {
  auto* cmd = app->add_subcommand(
      "serve",
      "Run the HTTP screening service (yente-compatible /match, /search, "
      "/screen, ...); SIGHUP reloads the lists");
  auto f = std::make_shared<ServeFlags>();
  f->lists.AddTo(cmd);
  f->state_opt = cmd->add_option(
      "--state", f->state, "State folder: API keys (default ./embargo-state)");
  cmd->add_option("--config", f->config,
                  "JSON settings file (see HACKING.md, Server)");
  f->listen_opt = cmd->add_option(
      "--listen", f->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  f->threads_opt = cmd->add_option("--threads", f->threads,
                                   "I/O threads (default: one per core)")
                       ->check(CLI::NonNegativeNumber);
  f->interval_opt =
      cmd->add_option("--reload-interval", f->reload_interval,
                      "Refresh the lists every N seconds (default: only on "
                      "SIGHUP or POST /admin/reload)")
          ->check(CLI::NonNegativeNumber);
  f->drop_opt =
      cmd->add_option("--max-entity-drop", f->max_entity_drop,
                      "A refresh fails if a list loses more than this fraction "
                      "of its entities (default 0.10)")
          ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--rules", f->rules,
                  "Trade rule files or folders for POST /trade/check (default: "
                  "rules/ if there is one)");
  cmd->add_flag("--no-auth", f->no_auth,
                "Serve without API keys (local development only)");
  cmd->callback([f, exit_code] { *exit_code = Run(*f); });
}

}  // namespace embargo::cli
