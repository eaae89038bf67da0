// Shared plumbing for the subcommands: exit codes, list loading from flags
// or the default-lists config, and error printing.
// Thread-safety: used from the main thread only.
#ifndef EMBARGO_APPS_CLI_COMMON_H_
#define EMBARGO_APPS_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "embargo/lists.h"
#include "embargo/screener.h"
#include "embargo/status.h"

namespace embargo::cli {

// Exit codes (documented in `embargo --help` and README.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitHits = 1;      // screen/search: at least one hit
inline constexpr int kExitUsage = 2;     // bad flags or arguments
inline constexpr int kExitData = 3;      // a list or input file is malformed
inline constexpr int kExitNotFound = 4;  // a file or entity does not exist
inline constexpr int kExitIo = 5;        // reading or writing failed
inline constexpr int kExitInternal = 70;

inline constexpr const char* kExitCodesHelp =
    "Exit codes: 0 ok (no hits), 1 hits found (search, screen), 2 usage "
    "error, 3 malformed list or input (screen: a row not screened, where no "
    "row has hits), 4 file or entity not found, 5 I/O error, 70 internal "
    "error.";

// The --list / --lists-from options every list-reading command shares.
struct ListOptions {
  std::vector<std::string> lists;
  std::string lists_from;
  std::string index;  // --index: a snapshot from `embargo index build`
  void AddTo(CLI::App* app);
  // The specs to load: --list values, else the lists named in --lists-from,
  // else config/default-lists.conf under the current folder or beside the
  // executable's source tree.
  Result<std::vector<std::string>> Specs() const;
};

// Loads the lists, printing progress to stderr when it is a terminal.
Result<std::vector<EntityList>> LoadListsFromOptions(const ListOptions& opts);

// Loads the lists and builds a Screener over them, or opens --index. The
// screener lives until the process exits and is never torn down: freeing
// forty thousand entities takes longer than the search a command makes (it
// stays reachable, so leak checkers stay quiet).
Result<const Screener*> BuildScreener(const ListOptions& opts);

// Parses a --birth-date value: YYYY, YYYY-MM or YYYY-MM-DD.
Result<PartialDate> ParseQueryDate(const std::string& text);

// Prints "embargo: <message>" to stderr and returns the exit code for it.
int ReportError(const Status& status);

// Subcommands, each in its own file.
void AddListsCommand(CLI::App* app, int* exit_code);
void AddShowCommand(CLI::App* app, int* exit_code);
void AddSearchCommand(CLI::App* app, int* exit_code);
void AddScreenCommand(CLI::App* app, int* exit_code);
void AddServeCommand(CLI::App* app, int* exit_code);
void AddKeysCommand(CLI::App* app, int* exit_code);
void AddFetchCommand(CLI::App* app, int* exit_code);
void AddTradeCommand(CLI::App* app, int* exit_code);
void AddIndexCommand(CLI::App* app, int* exit_code);

}  // namespace embargo::cli

#endif  // EMBARGO_APPS_CLI_COMMON_H_
