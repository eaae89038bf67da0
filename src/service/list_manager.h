// Fail-closed list refresh for a long-running service. The ListManager loads
// the configured lists into a new Screener in the background, validates the
// result against the version being served (every file parsed in full, every
// configured list present, no list shrinking by more than a set fraction),
// and only then swaps it in. A failed refresh leaves the served version in
// place and is recorded for /lists, /readyz and the metrics; an empty or
// partial list is never served.
// Thread-safety: every method may be called from any thread. Current()
// returns an immutable snapshot that stays valid while it is held, so one
// request sees one version from start to end.
#ifndef EMBARGO_SERVICE_LIST_MANAGER_H_
#define EMBARGO_SERVICE_LIST_MANAGER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "embargo/screener.h"
#include "embargo/status.h"

namespace embargo::service {

struct ListManagerOptions {
  // List specs as LoadLists() takes them (paths, folders, FORMAT:PATH).
  std::vector<std::string> specs;
  // Or an index snapshot written by `embargo index build` (which replaces
  // the file atomically), served instead of `specs`: each refresh opens
  // the file again, and the same checks apply to the lists it holds.
  std::string snapshot;
  // A refresh fails if any list loses more than this fraction of its
  // entities against the served version.
  double max_entity_drop = 0.10;
  // Refresh on this period as well as on demand; zero: on demand only.
  std::chrono::seconds interval{0};
  // Called after every refresh attempt (from the refresh thread).
  std::function<void(const Status&)> on_reload;
};

// One served version of the lists. Immutable.
struct ListSnapshot {
  std::unique_ptr<const Screener> screener;
  // Which spec each of screener->lists() came from (same order).
  std::vector<std::string> list_specs;
  // 16 hex digits of SHA-256 over every list's name and content hash: equal
  // content gives an equal version, whatever the load.
  std::string version;
  std::uint64_t generation = 0;  // 1 for the first load, +1 per swap
  std::chrono::system_clock::time_point loaded_at;
  double load_seconds = 0;
};

struct ReloadState {
  std::uint64_t attempts = 0;
  std::uint64_t successes = 0;
  std::uint64_t failures = 0;
  bool in_progress = false;
  bool last_failed = false;  // the latest finished attempt failed
  std::string last_error;    // of the latest failure ("" if none yet)
  std::optional<std::chrono::system_clock::time_point> last_attempt;
  std::optional<std::chrono::system_clock::time_point> last_success;
  std::optional<std::chrono::system_clock::time_point> last_failure;
};

// A loaded list's name and size, all the refresh checks look at.
struct ListCount {
  std::string name;
  size_t entities = 0;
};

// The checks a freshly loaded set of lists must pass before it replaces
// `serving` (nullptr on the first load). `loaded[i]` holds what specs[i]
// produced. Returns kDataError naming the list and the numbers on failure.
Status ValidateRefresh(const std::vector<std::string>& specs,
                       const std::vector<std::vector<ListCount>>& loaded,
                       const ListSnapshot* serving, double max_entity_drop);

// The version string of a set of lists (see ListSnapshot::version).
std::string ListsVersion(const std::vector<ListSummary>& lists);

class ListManager {
 public:
  explicit ListManager(ListManagerOptions options);
  ~ListManager();  // stops the refresh thread
  ListManager(const ListManager&) = delete;
  ListManager& operator=(const ListManager&) = delete;

  // Starts the refresh thread, which loads the lists at once and then on
  // each RequestReload() and every options.interval.
  void Start();
  void Stop();

  // Asks the refresh thread for a refresh and returns at once (safe to call
  // from a signal-handling thread; coalesces with a pending request).
  void RequestReload();

  // Refreshes now on the calling thread and returns the outcome; waits for
  // a refresh already running to end first.
  Status ReloadNow();

  // The served version, or nullptr before the first successful load.
  std::shared_ptr<const ListSnapshot> Current() const;

  ReloadState state() const;
  const ListManagerOptions& options() const { return options_; }

  // True when a version is served and it holds a list from every spec (or
  // the snapshot).
  bool Ready() const;

 private:
  void Loop();
  Status DoReload();

  ListManagerOptions options_;
  std::mutex reload_mu_;  // one refresh at a time

  mutable std::mutex mu_;  // guards everything below
  std::shared_ptr<const ListSnapshot> current_;
  ReloadState state_;
  bool stop_ = false;
  bool requested_ = false;
  std::condition_variable cv_;
  std::thread thread_;
};

}  // namespace embargo::service

#endif  // EMBARGO_SERVICE_LIST_MANAGER_H_
