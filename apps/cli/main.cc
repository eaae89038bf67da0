// embargo: sanctions screening from the command line.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/common.h"

namespace {

int Main(int argc, char** argv) {
  CLI::App app{
      "embargo: screen names, customers and shipments against the "
      "official sanctions lists.\n"};
  app.footer(embargo::cli::kExitCodesHelp);
  app.require_subcommand(1);
  app.set_version_flag("--version", "embargo 0.1.0");
  int exit_code = embargo::cli::kExitOk;
  embargo::cli::AddListsCommand(&app, &exit_code);
  embargo::cli::AddShowCommand(&app, &exit_code);
  embargo::cli::AddSearchCommand(&app, &exit_code);
  embargo::cli::AddScreenCommand(&app, &exit_code);
  embargo::cli::AddServeCommand(&app, &exit_code);
  embargo::cli::AddKeysCommand(&app, &exit_code);
  embargo::cli::AddFetchCommand(&app, &exit_code);
  embargo::cli::AddTradeCommand(&app, &exit_code);
  embargo::cli::AddIndexCommand(&app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : embargo::cli::kExitUsage;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // The library returns errors as values; what still throws (out of
  // memory, a failed write to a closed pipe) ends the command with the
  // internal-error code and a message, not std::terminate.
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "embargo: internal error: %s\n", e.what());
    return embargo::cli::kExitInternal;
  }
}
